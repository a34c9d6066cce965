from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReminderCreate")


@_attrs_define
class ReminderCreate:
    """
    Example:
        {'minutes_before': [10, 60], 'notify_attendees': True}

    Attributes:
        minutes_before (int | list[int]): Minutes before the start: one value or a list
        notify_attendees (bool | Unset): Deliver to the attendees too, not only to the calendar's owner (default false;
            given, it applies to every listed value)
    """

    minutes_before: int | list[int]
    notify_attendees: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        minutes_before: int | list[int]
        if isinstance(self.minutes_before, list):
            minutes_before = self.minutes_before

        else:
            minutes_before = self.minutes_before

        notify_attendees = self.notify_attendees

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "minutes_before": minutes_before,
            }
        )
        if notify_attendees is not UNSET:
            field_dict["notify_attendees"] = notify_attendees

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_minutes_before(data: object) -> int | list[int]:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                minutes_before_type_1 = cast(list[int], data)

                return minutes_before_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | list[int], data)

        minutes_before = _parse_minutes_before(d.pop("minutes_before"))

        notify_attendees = d.pop("notify_attendees", UNSET)

        reminder_create = cls(
            minutes_before=minutes_before,
            notify_attendees=notify_attendees,
        )

        return reminder_create
