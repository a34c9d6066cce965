from enum import StrEnum


class ReasonCode(StrEnum):
    BEYOND_HORIZON = "beyond_horizon"
    BUFFER = "buffer"
    BUSY = "busy"
    DAILY_LIMIT = "daily_limit"
    HELD = "held"
    HOLIDAY = "holiday"
    LINK_INACTIVE = "link_inactive"
    MIN_NOTICE = "min_notice"
    NOT_ON_INTERVAL = "not_on_interval"
    OUTSIDE_WORKING_HOURS = "outside_working_hours"
    TIME_OFF = "time_off"

    def __str__(self) -> str:
        return str(self.value)
