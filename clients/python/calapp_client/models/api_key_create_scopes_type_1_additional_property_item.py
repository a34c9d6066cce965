from enum import StrEnum


class ApiKeyCreateScopesType1AdditionalPropertyItem(StrEnum):
    READ = "read"
    WRITE = "write"

    def __str__(self) -> str:
        return str(self.value)
