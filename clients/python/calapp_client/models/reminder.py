from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="Reminder")


@_attrs_define
class Reminder:
    """
    Attributes:
        id (UUID):
        minutes_before (int):
        notify_attendees (bool): Also sent to the attendees (in-app and email)
    """

    id: UUID
    minutes_before: int
    notify_attendees: bool

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        minutes_before = self.minutes_before

        notify_attendees = self.notify_attendees

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "minutes_before": minutes_before,
                "notify_attendees": notify_attendees,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        minutes_before = d.pop("minutes_before")

        notify_attendees = d.pop("notify_attendees")

        reminder = cls(
            id=id,
            minutes_before=minutes_before,
            notify_attendees=notify_attendees,
        )

        return reminder
