from enum import StrEnum


class DeletedCalendarStatus(StrEnum):
    DELETED = "deleted"

    def __str__(self) -> str:
        return str(self.value)
