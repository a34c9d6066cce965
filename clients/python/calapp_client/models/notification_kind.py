from enum import StrEnum


class NotificationKind(StrEnum):
    DELIVERY_FAILED = "delivery_failed"
    REMINDER = "reminder"

    def __str__(self) -> str:
        return str(self.value)
