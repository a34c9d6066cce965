from enum import StrEnum


class ListWebhookDeliveriesStatus(StrEnum):
    FAILED = "failed"
    PENDING = "pending"
    REVOKED = "revoked"
    SENDING = "sending"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
