from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FoundSlot")


@_attrs_define
class FoundSlot:
    """
    Attributes:
        end (datetime.datetime):
        start (datetime.datetime):
        optional_free (list[str] | Unset): With optional_participants: those free in this slot, as given
        optional_free_count (int | Unset): With optional_participants: how many are free
    """

    end: datetime.datetime
    start: datetime.datetime
    optional_free: list[str] | Unset = UNSET
    optional_free_count: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        end = self.end.isoformat()

        start = self.start.isoformat()

        optional_free: list[str] | Unset = UNSET
        if not isinstance(self.optional_free, Unset):
            optional_free = self.optional_free

        optional_free_count = self.optional_free_count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "end": end,
                "start": start,
            }
        )
        if optional_free is not UNSET:
            field_dict["optional_free"] = optional_free
        if optional_free_count is not UNSET:
            field_dict["optional_free_count"] = optional_free_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        end = datetime.datetime.fromisoformat(d.pop("end"))

        start = datetime.datetime.fromisoformat(d.pop("start"))

        optional_free = cast(list[str], d.pop("optional_free", UNSET))

        optional_free_count = d.pop("optional_free_count", UNSET)

        found_slot = cls(
            end=end,
            start=start,
            optional_free=optional_free,
            optional_free_count=optional_free_count,
        )

        return found_slot
