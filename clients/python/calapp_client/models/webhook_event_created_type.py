from enum import StrEnum


class WebhookEventCreatedType(StrEnum):
    EVENT_CREATED = "event.created"

    def __str__(self) -> str:
        return str(self.value)
