from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.month_day import MonthDay


T = TypeVar("T", bound="Month")


@_attrs_define
class Month:
    """
    Example:
        {'days': [{'date': '2027-04-01', 'holiday_name': None, 'slots': 16, 'status': 'available'}, {'date':
            '2027-04-02', 'holiday_name': 'Good Friday', 'slots': 0, 'status': 'holiday'}, {'date': '2027-04-03',
            'holiday_name': None, 'slots': 0, 'status': 'off'}, {'date': '2027-04-05', 'holiday_name': None, 'slots': 11,
            'status': 'partial'}, {'date': '2027-04-06', 'holiday_name': None, 'slots': 0, 'status': 'full'}, {'date':
            '2027-04-07', 'holiday_name': None, 'slots': 0, 'status': 'time_off'}], 'duration_minutes': 30, 'month': 4,
            'participants': ['ada@example.com'], 'schedule_id': '5e0c7f3a-9b2d-4c61-8a7e-3f1d2b9c6a40', 'timezone':
            'Europe/Berlin', 'year': 2027}

    Attributes:
        days (list[MonthDay]):
        duration_minutes (int):
        month (int):
        participants (list[str]): The participants as you gave them (empty: you alone)
        schedule_id (UUID):
        timezone (str):
        year (int):
    """

    days: list[MonthDay]
    duration_minutes: int
    month: int
    participants: list[str]
    schedule_id: UUID
    timezone: str
    year: int

    def to_dict(self) -> dict[str, Any]:
        days = []
        for days_item_data in self.days:
            days_item = days_item_data.to_dict()
            days.append(days_item)

        duration_minutes = self.duration_minutes

        month = self.month

        participants = self.participants

        schedule_id = str(self.schedule_id)

        timezone = self.timezone

        year = self.year

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "days": days,
                "duration_minutes": duration_minutes,
                "month": month,
                "participants": participants,
                "schedule_id": schedule_id,
                "timezone": timezone,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.month_day import MonthDay  # noqa: PLC0415

        d = dict(src_dict)
        days = []
        _days = d.pop("days")
        for days_item_data in _days:
            days_item = MonthDay.from_dict(days_item_data)

            days.append(days_item)

        duration_minutes = d.pop("duration_minutes")

        month = d.pop("month")

        participants = cast(list[str], d.pop("participants"))

        schedule_id = UUID(d.pop("schedule_id"))

        timezone = d.pop("timezone")

        year = d.pop("year")

        month = cls(
            days=days,
            duration_minutes=duration_minutes,
            month=month,
            participants=participants,
            schedule_id=schedule_id,
            timezone=timezone,
            year=year,
        )

        return month
