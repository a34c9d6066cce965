from enum import StrEnum


class WebhookConnectionFailingType(StrEnum):
    CONNECTION_FAILING = "connection.failing"

    def __str__(self) -> str:
        return str(self.value)
