from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="TimeOff")


@_attrs_define
class TimeOff:
    """
    Example:
        {'all_day': True, 'created_at': '2026-12-05T09:00:00Z', 'end_date': '2027-04-09', 'end_time':
            '2027-04-09T22:00:00Z', 'id': '8b2d4f6a-1c3e-4a5b-9d7f-0e2c4a6b8d10', 'reason': 'Family visit', 'start_date':
            '2027-04-06', 'start_time': '2027-04-05T22:00:00Z', 'timezone': 'Europe/Berlin', 'updated_at':
            '2026-12-05T09:00:00Z'}

    Attributes:
        all_day (bool):
        created_at (datetime.datetime):
        end_date (datetime.date | None): All-day: last day (inclusive)
        end_time (datetime.datetime): Exclusive
        id (UUID):
        reason (None | str):
        start_date (datetime.date | None): All-day: first day
        start_time (datetime.datetime):
        timezone (None | str): All-day: the zone of its days
        updated_at (datetime.datetime):
    """

    all_day: bool
    created_at: datetime.datetime
    end_date: datetime.date | None
    end_time: datetime.datetime
    id: UUID
    reason: None | str
    start_date: datetime.date | None
    start_time: datetime.datetime
    timezone: None | str
    updated_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        all_day = self.all_day

        created_at = self.created_at.isoformat()

        end_date: None | str
        if isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        end_time = self.end_time.isoformat()

        id = str(self.id)

        reason: None | str
        reason = self.reason

        start_date: None | str
        if isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        start_time = self.start_time.isoformat()

        timezone: None | str
        timezone = self.timezone

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "all_day": all_day,
                "created_at": created_at,
                "end_date": end_date,
                "end_time": end_time,
                "id": id,
                "reason": reason,
                "start_date": start_date,
                "start_time": start_time,
                "timezone": timezone,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        all_day = d.pop("all_day")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_end_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        end_date = _parse_end_date(d.pop("end_date"))

        end_time = datetime.datetime.fromisoformat(d.pop("end_time"))

        id = UUID(d.pop("id"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        def _parse_start_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.date.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        start_date = _parse_start_date(d.pop("start_date"))

        start_time = datetime.datetime.fromisoformat(d.pop("start_time"))

        def _parse_timezone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        timezone = _parse_timezone(d.pop("timezone"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        time_off = cls(
            all_day=all_day,
            created_at=created_at,
            end_date=end_date,
            end_time=end_time,
            id=id,
            reason=reason,
            start_date=start_date,
            start_time=start_time,
            timezone=timezone,
            updated_at=updated_at,
        )

        return time_off
