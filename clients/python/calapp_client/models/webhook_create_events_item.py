from enum import StrEnum


class WebhookCreateEventsItem(StrEnum):
    BOOKING_APPROVED = "booking.approved"
    BOOKING_CANCELLED = "booking.cancelled"
    BOOKING_CREATED = "booking.created"
    BOOKING_DECLINED = "booking.declined"
    BOOKING_REQUESTED = "booking.requested"
    CONNECTION_FAILING = "connection.failing"
    EVENT_CREATED = "event.created"
    EVENT_DELETED = "event.deleted"
    EVENT_UPDATED = "event.updated"
    REMINDER_DUE = "reminder.due"

    def __str__(self) -> str:
        return str(self.value)
