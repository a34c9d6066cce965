from enum import StrEnum


class ConnectionKind(StrEnum):
    CALDAV = "caldav"
    ICS = "ics"

    def __str__(self) -> str:
        return str(self.value)
