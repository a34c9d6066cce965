from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ImportError_")


@_attrs_define
class ImportError_:
    """
    Attributes:
        error (str):
        uid (None | str): The UID of the event or contact; null if none
    """

    error: str
    uid: None | str

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        uid: None | str
        uid = self.uid

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "error": error,
                "uid": uid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error = d.pop("error")

        def _parse_uid(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        uid = _parse_uid(d.pop("uid"))

        import_error = cls(
            error=error,
            uid=uid,
        )

        return import_error
