from enum import StrEnum


class WebhookBookingApprovedType(StrEnum):
    BOOKING_APPROVED = "booking.approved"

    def __str__(self) -> str:
        return str(self.value)
