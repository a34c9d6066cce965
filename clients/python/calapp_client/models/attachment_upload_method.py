from enum import StrEnum


class AttachmentUploadMethod(StrEnum):
    PUT = "PUT"

    def __str__(self) -> str:
        return str(self.value)
