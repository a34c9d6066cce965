from enum import StrEnum


class WebhookEventUpdatedType(StrEnum):
    EVENT_UPDATED = "event.updated"

    def __str__(self) -> str:
        return str(self.value)
