from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Reschedule")


@_attrs_define
class Reschedule:
    """
    Example:
        {'manage_token': 'mT9qL2vX7cR4nB8kW1zY5hJ3', 'slot_end': '2027-01-18T10:00:00Z', 'slot_start':
            '2027-01-18T09:30:00Z'}

    Attributes:
        manage_token (str): The secret returned once by reserve
        slot_end (datetime.datetime):
        slot_start (datetime.datetime):
    """

    manage_token: str
    slot_end: datetime.datetime
    slot_start: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        manage_token = self.manage_token

        slot_end = self.slot_end.isoformat()

        slot_start = self.slot_start.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "manage_token": manage_token,
                "slot_end": slot_end,
                "slot_start": slot_start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        manage_token = d.pop("manage_token")

        slot_end = datetime.datetime.fromisoformat(d.pop("slot_end"))

        slot_start = datetime.datetime.fromisoformat(d.pop("slot_start"))

        reschedule = cls(
            manage_token=manage_token,
            slot_end=slot_end,
            slot_start=slot_start,
        )

        return reschedule
