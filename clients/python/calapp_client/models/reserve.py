from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Reserve")


@_attrs_define
class Reserve:
    """
    Example:
        {'email': 'grace@example.com', 'name': 'Grace Hopper', 'notes': 'About the compiler project', 'slot_end':
            '2027-01-13T13:30:00Z', 'slot_start': '2027-01-13T13:00:00Z'}

    Attributes:
        email (str):  Example: visitor@example.com.
        name (str):  Example: Visitor Name.
        slot_end (datetime.datetime):
        slot_start (datetime.datetime):
        hold_id (None | Unset | UUID): A hold of this slot by the same email, to consume
        notes (None | str | Unset):  Example: Looking forward to the meeting.
    """

    email: str
    name: str
    slot_end: datetime.datetime
    slot_start: datetime.datetime
    hold_id: None | Unset | UUID = UNSET
    notes: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        name = self.name

        slot_end = self.slot_end.isoformat()

        slot_start = self.slot_start.isoformat()

        hold_id: None | str | Unset
        if isinstance(self.hold_id, Unset):
            hold_id = UNSET
        elif isinstance(self.hold_id, UUID):
            hold_id = str(self.hold_id)
        else:
            hold_id = self.hold_id

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "name": name,
                "slot_end": slot_end,
                "slot_start": slot_start,
            }
        )
        if hold_id is not UNSET:
            field_dict["hold_id"] = hold_id
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        name = d.pop("name")

        slot_end = datetime.datetime.fromisoformat(d.pop("slot_end"))

        slot_start = datetime.datetime.fromisoformat(d.pop("slot_start"))

        def _parse_hold_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                hold_id_type_0 = UUID(data)

                return hold_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        hold_id = _parse_hold_id(d.pop("hold_id", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        reserve = cls(
            email=email,
            name=name,
            slot_end=slot_end,
            slot_start=slot_start,
            hold_id=hold_id,
            notes=notes,
        )

        return reserve
