from enum import StrEnum


class MemberRole(StrEnum):
    EDITOR = "editor"
    FREEBUSY = "freebusy"
    OWNER = "owner"
    VIEWER = "viewer"

    def __str__(self) -> str:
        return str(self.value)
