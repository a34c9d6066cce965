from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.date_override import DateOverride
    from ..models.weekly import Weekly


T = TypeVar("T", bound="ScheduleUpdate")


@_attrs_define
class ScheduleUpdate:
    """
    Example:
        {'date_overrides': [{'date': '2027-10-31', 'windows': [{'end': '12:00', 'start': '08:00'}]}]}

    Attributes:
        date_overrides (list[DateOverride] | Unset): Local dates with other windows, or none (off)
        is_default (bool | Unset): true: make it your default schedule (false changes nothing: make another one the
            default instead)
        name (str | Unset):  Example: Mornings.
        timezone (str | Unset):  Example: America/New_York.
        weekly (Weekly | Unset):
    """

    date_overrides: list[DateOverride] | Unset = UNSET
    is_default: bool | Unset = UNSET
    name: str | Unset = UNSET
    timezone: str | Unset = UNSET
    weekly: Weekly | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        date_overrides: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.date_overrides, Unset):
            date_overrides = []
            for date_overrides_item_data in self.date_overrides:
                date_overrides_item = date_overrides_item_data.to_dict()
                date_overrides.append(date_overrides_item)

        is_default = self.is_default

        name = self.name

        timezone = self.timezone

        weekly: dict[str, Any] | Unset = UNSET
        if not isinstance(self.weekly, Unset):
            weekly = self.weekly.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if date_overrides is not UNSET:
            field_dict["date_overrides"] = date_overrides
        if is_default is not UNSET:
            field_dict["is_default"] = is_default
        if name is not UNSET:
            field_dict["name"] = name
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if weekly is not UNSET:
            field_dict["weekly"] = weekly

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.date_override import DateOverride  # noqa: PLC0415
        from ..models.weekly import Weekly  # noqa: PLC0415

        d = dict(src_dict)
        _date_overrides = d.pop("date_overrides", UNSET)
        date_overrides: list[DateOverride] | Unset = UNSET
        if _date_overrides is not UNSET:
            date_overrides = []
            for date_overrides_item_data in _date_overrides:
                date_overrides_item = DateOverride.from_dict(date_overrides_item_data)

                date_overrides.append(date_overrides_item)

        is_default = d.pop("is_default", UNSET)

        name = d.pop("name", UNSET)

        timezone = d.pop("timezone", UNSET)

        _weekly = d.pop("weekly", UNSET)
        weekly: Weekly | Unset
        if isinstance(_weekly, Unset):
            weekly = UNSET
        else:
            weekly = Weekly.from_dict(_weekly)

        schedule_update = cls(
            date_overrides=date_overrides,
            is_default=is_default,
            name=name,
            timezone=timezone,
            weekly=weekly,
        )

        return schedule_update
