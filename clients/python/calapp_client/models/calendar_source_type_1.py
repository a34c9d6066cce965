from enum import StrEnum


class CalendarSourceType1(StrEnum):
    CALDAV = "caldav"
    ICS = "ics"

    def __str__(self) -> str:
        return str(self.value)
