from enum import StrEnum


class WebhookBookingDeclinedType(StrEnum):
    BOOKING_DECLINED = "booking.declined"

    def __str__(self) -> str:
        return str(self.value)
