from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.date_override import DateOverride
    from ..models.weekly import Weekly


T = TypeVar("T", bound="ScheduleCreate")


@_attrs_define
class ScheduleCreate:
    """
    Example:
        {'date_overrides': [{'date': '2027-03-28', 'windows': [{'end': '14:00', 'start': '10:00'}]}, {'date':
            '2027-04-02', 'windows': []}], 'name': 'Coaching hours', 'timezone': 'Europe/Berlin', 'weekly': {'mon': [{'end':
            '12:00', 'start': '09:00'}, {'end': '17:00', 'start': '13:00'}], 'wed': [{'end': '17:00', 'start': '09:00'}]}}

    Attributes:
        name (str):  Example: Coaching hours.
        timezone (str):  Example: Europe/Berlin.
        weekly (Weekly):
        date_overrides (list[DateOverride] | Unset): Local dates with other windows, or none (off)
        is_default (bool | Unset): true: make it your default schedule (false changes nothing: make another one the
            default instead)
    """

    name: str
    timezone: str
    weekly: Weekly
    date_overrides: list[DateOverride] | Unset = UNSET
    is_default: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        timezone = self.timezone

        weekly = self.weekly.to_dict()

        date_overrides: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.date_overrides, Unset):
            date_overrides = []
            for date_overrides_item_data in self.date_overrides:
                date_overrides_item = date_overrides_item_data.to_dict()
                date_overrides.append(date_overrides_item)

        is_default = self.is_default

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "timezone": timezone,
                "weekly": weekly,
            }
        )
        if date_overrides is not UNSET:
            field_dict["date_overrides"] = date_overrides
        if is_default is not UNSET:
            field_dict["is_default"] = is_default

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.date_override import DateOverride  # noqa: PLC0415
        from ..models.weekly import Weekly  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        timezone = d.pop("timezone")

        weekly = Weekly.from_dict(d.pop("weekly"))

        _date_overrides = d.pop("date_overrides", UNSET)
        date_overrides: list[DateOverride] | Unset = UNSET
        if _date_overrides is not UNSET:
            date_overrides = []
            for date_overrides_item_data in _date_overrides:
                date_overrides_item = DateOverride.from_dict(date_overrides_item_data)

                date_overrides.append(date_overrides_item)

        is_default = d.pop("is_default", UNSET)

        schedule_create = cls(
            name=name,
            timezone=timezone,
            weekly=weekly,
            date_overrides=date_overrides,
            is_default=is_default,
        )

        return schedule_create
