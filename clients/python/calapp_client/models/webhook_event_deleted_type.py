from enum import StrEnum


class WebhookEventDeletedType(StrEnum):
    EVENT_DELETED = "event.deleted"

    def __str__(self) -> str:
        return str(self.value)
