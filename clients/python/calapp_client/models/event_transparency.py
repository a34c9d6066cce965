from enum import StrEnum


class EventTransparency(StrEnum):
    BUSY = "busy"
    FREE = "free"

    def __str__(self) -> str:
        return str(self.value)
