from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.date_override import DateOverride
    from ..models.schedule_weekly import ScheduleWeekly


T = TypeVar("T", bound="Schedule")


@_attrs_define
class Schedule:
    """
    Example:
        {'created_at': '2026-12-05T09:00:00Z', 'date_overrides': [{'date': '2027-03-28', 'windows': [{'end': '14:00',
            'start': '10:00'}]}, {'date': '2027-04-02', 'windows': []}], 'id': '5f0c7a2e-9b1d-4c3e-8a6f-2d4b1e7c9a30',
            'is_default': True, 'name': 'Coaching hours', 'timezone': 'Europe/Berlin', 'updated_at': '2026-12-05T09:00:00Z',
            'weekly': {'fri': [{'end': '13:00', 'start': '09:00'}], 'mon': [{'end': '12:00', 'start': '09:00'}, {'end':
            '17:00', 'start': '13:00'}], 'sat': [], 'sun': [], 'thu': [{'end': '17:00', 'start': '09:00'}], 'tue': [{'end':
            '17:00', 'start': '09:00'}], 'wed': [{'end': '17:00', 'start': '09:00'}]}}

    Attributes:
        created_at (datetime.datetime):
        date_overrides (list[DateOverride]):
        id (UUID):
        is_default (bool): Your default schedule
        name (str):
        timezone (str):
        updated_at (datetime.datetime):
        weekly (ScheduleWeekly): All seven days (mon..sun), closed days empty
    """

    created_at: datetime.datetime
    date_overrides: list[DateOverride]
    id: UUID
    is_default: bool
    name: str
    timezone: str
    updated_at: datetime.datetime
    weekly: ScheduleWeekly

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        date_overrides = []
        for date_overrides_item_data in self.date_overrides:
            date_overrides_item = date_overrides_item_data.to_dict()
            date_overrides.append(date_overrides_item)

        id = str(self.id)

        is_default = self.is_default

        name = self.name

        timezone = self.timezone

        updated_at = self.updated_at.isoformat()

        weekly = self.weekly.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "date_overrides": date_overrides,
                "id": id,
                "is_default": is_default,
                "name": name,
                "timezone": timezone,
                "updated_at": updated_at,
                "weekly": weekly,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.date_override import DateOverride  # noqa: PLC0415
        from ..models.schedule_weekly import ScheduleWeekly  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        date_overrides = []
        _date_overrides = d.pop("date_overrides")
        for date_overrides_item_data in _date_overrides:
            date_overrides_item = DateOverride.from_dict(date_overrides_item_data)

            date_overrides.append(date_overrides_item)

        id = UUID(d.pop("id"))

        is_default = d.pop("is_default")

        name = d.pop("name")

        timezone = d.pop("timezone")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        weekly = ScheduleWeekly.from_dict(d.pop("weekly"))

        schedule = cls(
            created_at=created_at,
            date_overrides=date_overrides,
            id=id,
            is_default=is_default,
            name=name,
            timezone=timezone,
            updated_at=updated_at,
            weekly=weekly,
        )

        return schedule
