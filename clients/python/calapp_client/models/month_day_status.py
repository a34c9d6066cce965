from enum import StrEnum


class MonthDayStatus(StrEnum):
    AVAILABLE = "available"
    FULL = "full"
    HOLIDAY = "holiday"
    OFF = "off"
    PARTIAL = "partial"
    TIME_OFF = "time_off"

    def __str__(self) -> str:
        return str(self.value)
