from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="HoldCreate")


@_attrs_define
class HoldCreate:
    """
    Example:
        {'email': 'grace@example.com', 'slot_end': '2027-01-13T13:30:00Z', 'slot_start': '2027-01-13T13:00:00Z'}

    Attributes:
        email (str):
        slot_end (datetime.datetime):
        slot_start (datetime.datetime):
    """

    email: str
    slot_end: datetime.datetime
    slot_start: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        slot_end = self.slot_end.isoformat()

        slot_start = self.slot_start.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "slot_end": slot_end,
                "slot_start": slot_start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        slot_end = datetime.datetime.fromisoformat(d.pop("slot_end"))

        slot_start = datetime.datetime.fromisoformat(d.pop("slot_start"))

        hold_create = cls(
            email=email,
            slot_end=slot_end,
            slot_start=slot_start,
        )

        return hold_create
