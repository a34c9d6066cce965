from enum import StrEnum


class WebhookBookingCancelledType(StrEnum):
    BOOKING_CANCELLED = "booking.cancelled"

    def __str__(self) -> str:
        return str(self.value)
