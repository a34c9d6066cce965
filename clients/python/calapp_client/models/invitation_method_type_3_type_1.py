from enum import StrEnum


class InvitationMethodType3Type1(StrEnum):
    CANCEL = "CANCEL"
    REQUEST = "REQUEST"

    def __str__(self) -> str:
        return str(self.value)
