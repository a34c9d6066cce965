from enum import StrEnum


class CancelEventInstanceScope(StrEnum):
    FOLLOWING = "following"
    THIS = "this"

    def __str__(self) -> str:
        return str(self.value)
