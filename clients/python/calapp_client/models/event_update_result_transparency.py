from enum import StrEnum


class EventUpdateResultTransparency(StrEnum):
    BUSY = "busy"
    FREE = "free"

    def __str__(self) -> str:
        return str(self.value)
