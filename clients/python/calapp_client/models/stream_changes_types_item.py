from enum import StrEnum


class StreamChangesTypesItem(StrEnum):
    BOOKING = "booking"
    CALENDAR = "calendar"
    CONTACT = "contact"
    EVENT = "event"
    MEMBERSHIP = "membership"

    def __str__(self) -> str:
        return str(self.value)
