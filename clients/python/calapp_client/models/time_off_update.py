from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimeOffUpdate")


@_attrs_define
class TimeOffUpdate:
    """
    Example:
        {'end_date': '2027-04-10', 'reason': 'Family visit (one more day)'}

    Attributes:
        all_day (bool | Unset): true: give start_date and end_date instead
        end_date (datetime.date | Unset): All-day: last day (inclusive)
        end_time (datetime.datetime | Unset): Timed: end (exclusive)
        reason (None | str | Unset): Private to you; never shown to others
        start_date (datetime.date | Unset): All-day: first day
        start_time (datetime.datetime | Unset): Timed: start (RFC 3339)
        timezone (None | str | Unset): All-day: the zone of its days (default: your default schedule's, else your
            profile's) Example: Europe/Berlin.
    """

    all_day: bool | Unset = UNSET
    end_date: datetime.date | Unset = UNSET
    end_time: datetime.datetime | Unset = UNSET
    reason: None | str | Unset = UNSET
    start_date: datetime.date | Unset = UNSET
    start_time: datetime.datetime | Unset = UNSET
    timezone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        all_day = self.all_day

        end_date: str | Unset = UNSET
        if not isinstance(self.end_date, Unset):
            end_date = self.end_date.isoformat()

        end_time: str | Unset = UNSET
        if not isinstance(self.end_time, Unset):
            end_time = self.end_time.isoformat()

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        start_date: str | Unset = UNSET
        if not isinstance(self.start_date, Unset):
            start_date = self.start_date.isoformat()

        start_time: str | Unset = UNSET
        if not isinstance(self.start_time, Unset):
            start_time = self.start_time.isoformat()

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if all_day is not UNSET:
            field_dict["all_day"] = all_day
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if end_time is not UNSET:
            field_dict["end_time"] = end_time
        if reason is not UNSET:
            field_dict["reason"] = reason
        if start_date is not UNSET:
            field_dict["start_date"] = start_date
        if start_time is not UNSET:
            field_dict["start_time"] = start_time
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        all_day = d.pop("all_day", UNSET)

        _end_date = d.pop("end_date", UNSET)
        end_date: datetime.date | Unset
        if isinstance(_end_date, Unset):
            end_date = UNSET
        else:
            end_date = datetime.date.fromisoformat(_end_date)

        _end_time = d.pop("end_time", UNSET)
        end_time: datetime.datetime | Unset
        if isinstance(_end_time, Unset):
            end_time = UNSET
        else:
            end_time = datetime.datetime.fromisoformat(_end_time)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        _start_date = d.pop("start_date", UNSET)
        start_date: datetime.date | Unset
        if isinstance(_start_date, Unset):
            start_date = UNSET
        else:
            start_date = datetime.date.fromisoformat(_start_date)

        _start_time = d.pop("start_time", UNSET)
        start_time: datetime.datetime | Unset
        if isinstance(_start_time, Unset):
            start_time = UNSET
        else:
            start_time = datetime.datetime.fromisoformat(_start_time)

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        time_off_update = cls(
            all_day=all_day,
            end_date=end_date,
            end_time=end_time,
            reason=reason,
            start_date=start_date,
            start_time=start_time,
            timezone=timezone,
        )

        return time_off_update
