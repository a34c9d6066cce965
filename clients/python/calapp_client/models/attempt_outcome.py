from enum import StrEnum


class AttemptOutcome(StrEnum):
    FAILED = "failed"
    RETRY = "retry"
    SUCCESS = "success"

    def __str__(self) -> str:
        return str(self.value)
