from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.error_code import ErrorCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """
    Example:
        {'code': 'validation_error', 'details': {'end_time': ['must be after start_time']}, 'error': 'end_time: must be
            after start_time'}

    Attributes:
        code (ErrorCode): Stable machine-readable code (branch on this, never on the message)
        error (str): What went wrong
        details (Any | Unset): Field errors, required scope, conflicting slot...
    """

    code: ErrorCode
    error: str
    details: Any | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        error = self.error

        details = self.details

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "error": error,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = ErrorCode(d.pop("code"))

        error = d.pop("error")

        details = d.pop("details", UNSET)

        error = cls(
            code=code,
            error=error,
            details=details,
        )

        return error
