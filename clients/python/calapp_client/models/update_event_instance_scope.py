from enum import StrEnum


class UpdateEventInstanceScope(StrEnum):
    FOLLOWING = "following"
    THIS = "this"

    def __str__(self) -> str:
        return str(self.value)
