from enum import StrEnum


class WebhookBookingRequestedType(StrEnum):
    BOOKING_REQUESTED = "booking.requested"

    def __str__(self) -> str:
        return str(self.value)
