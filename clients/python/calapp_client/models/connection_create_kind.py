from enum import StrEnum


class ConnectionCreateKind(StrEnum):
    CALDAV = "caldav"
    ICS = "ics"

    def __str__(self) -> str:
        return str(self.value)
