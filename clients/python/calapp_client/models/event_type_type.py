from enum import StrEnum


class EventTypeType(StrEnum):
    BOOKING_CANCELLED = "booking.cancelled"
    BOOKING_CREATED = "booking.created"
    EVENT_CREATED = "event.created"
    EVENT_DELETED = "event.deleted"
    EVENT_UPDATED = "event.updated"
    REMINDER_DUE = "reminder.due"

    def __str__(self) -> str:
        return str(self.value)
