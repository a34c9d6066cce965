from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Repair")


@_attrs_define
class Repair:
    """
    Attributes:
        uid (None | str): null: a repair of the whole file (a TZID, ...)
        what (str):
    """

    uid: None | str
    what: str

    def to_dict(self) -> dict[str, Any]:
        uid: None | str
        uid = self.uid

        what = self.what

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "uid": uid,
                "what": what,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_uid(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        uid = _parse_uid(d.pop("uid"))

        what = d.pop("what")

        repair = cls(
            uid=uid,
            what=what,
        )

        return repair
