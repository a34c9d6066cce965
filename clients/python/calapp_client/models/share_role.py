from enum import StrEnum


class ShareRole(StrEnum):
    EDITOR = "editor"
    FREEBUSY = "freebusy"
    VIEWER = "viewer"

    def __str__(self) -> str:
        return str(self.value)
