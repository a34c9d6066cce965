from enum import StrEnum


class WebhookBookingCreatedType(StrEnum):
    BOOKING_CREATED = "booking.created"

    def __str__(self) -> str:
        return str(self.value)
