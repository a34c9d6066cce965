from enum import StrEnum


class EventUpdateTransparency(StrEnum):
    BUSY = "busy"
    FREE = "free"

    def __str__(self) -> str:
        return str(self.value)
