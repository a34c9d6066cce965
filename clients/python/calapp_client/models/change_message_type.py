from enum import StrEnum


class ChangeMessageType(StrEnum):
    BOOKING = "booking"
    CALENDAR = "calendar"
    CLOSED = "closed"
    CONTACT = "contact"
    EVENT = "event"
    MEMBERSHIP = "membership"
    RESYNC = "resync"

    def __str__(self) -> str:
        return str(self.value)
