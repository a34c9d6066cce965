from enum import StrEnum


class InvitationState(StrEnum):
    BOUNCED = "bounced"
    FAILED = "failed"
    NONE = "none"
    QUEUED = "queued"
    REVOKED = "revoked"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
