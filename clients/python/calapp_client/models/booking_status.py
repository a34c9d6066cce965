from enum import StrEnum


class BookingStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"
    DECLINED = "declined"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
