from enum import StrEnum


class ListNotificationsKind(StrEnum):
    DELIVERY_FAILED = "delivery_failed"
    REMINDER = "reminder"

    def __str__(self) -> str:
        return str(self.value)
