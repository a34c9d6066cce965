from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.explain_working_hours_type_0 import ExplainWorkingHoursType0


T = TypeVar("T", bound="Explain")


@_attrs_define
class Explain:
    """
    Example:
        {'buffer_minutes': 10, 'calendar_ids': ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10'], 'duration_minutes': 60,
            'start': '2027-01-11T10:00:00Z', 'timezone': 'Europe/London', 'working_hours': {'mon': [{'end': '17:00',
            'start': '09:00'}]}}

    Attributes:
        start (datetime.datetime): The slot's start
        buffer_minutes (int | Unset):  Default: 0.
        calendar_ids (list[UUID] | Unset):
        duration_minutes (int | Unset): The slot's length (or give `end`)
        end (datetime.datetime | Unset): The slot's end (or give duration)
        participants (list[str] | Unset): People judged as POST /availability/find judges required participants: their
            shared busy time, time off, holidays and own working hours. A person by user id or email: their busy time across
            the calendars they share with you (role freebusy or above; yours when it is you). One who shares nothing with
            you, or does not exist, is a 404 naming them as given
        schedule_id (None | Unset | UUID): One of your schedules instead of working_hours and timezone: its weekly
            windows, date overrides and zone; your time off and (with holidays_block) public holidays are kept out too
        slot_interval_minutes (int | None | Unset): Step between slot starts (default: the duration)
        timezone (str | Unset): The zone of working_hours and of local days (required unless schedule_id is given: a
            schedule has its own) Example: Europe/Berlin.
        working_hours (ExplainWorkingHoursType0 | None | Unset): Windows per weekday in local time (HH:MM, end may be
            24:00); a missing or empty day is closed Example: {'mon': [{'end': '17:00', 'start': '09:00'}], 'sat': []}.
    """

    start: datetime.datetime
    buffer_minutes: int | Unset = 0
    calendar_ids: list[UUID] | Unset = UNSET
    duration_minutes: int | Unset = UNSET
    end: datetime.datetime | Unset = UNSET
    participants: list[str] | Unset = UNSET
    schedule_id: None | Unset | UUID = UNSET
    slot_interval_minutes: int | None | Unset = UNSET
    timezone: str | Unset = UNSET
    working_hours: ExplainWorkingHoursType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.explain_working_hours_type_0 import ExplainWorkingHoursType0  # noqa: PLC0415

        start = self.start.isoformat()

        buffer_minutes = self.buffer_minutes

        calendar_ids: list[str] | Unset = UNSET
        if not isinstance(self.calendar_ids, Unset):
            calendar_ids = []
            for calendar_ids_item_data in self.calendar_ids:
                calendar_ids_item = str(calendar_ids_item_data)
                calendar_ids.append(calendar_ids_item)

        duration_minutes = self.duration_minutes

        end: str | Unset = UNSET
        if not isinstance(self.end, Unset):
            end = self.end.isoformat()

        participants: list[str] | Unset = UNSET
        if not isinstance(self.participants, Unset):
            participants = self.participants

        schedule_id: None | str | Unset
        if isinstance(self.schedule_id, Unset):
            schedule_id = UNSET
        elif isinstance(self.schedule_id, UUID):
            schedule_id = str(self.schedule_id)
        else:
            schedule_id = self.schedule_id

        slot_interval_minutes: int | None | Unset
        if isinstance(self.slot_interval_minutes, Unset):
            slot_interval_minutes = UNSET
        else:
            slot_interval_minutes = self.slot_interval_minutes

        timezone = self.timezone

        working_hours: dict[str, Any] | None | Unset
        if isinstance(self.working_hours, Unset):
            working_hours = UNSET
        elif isinstance(self.working_hours, ExplainWorkingHoursType0):
            working_hours = self.working_hours.to_dict()
        else:
            working_hours = self.working_hours

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "start": start,
            }
        )
        if buffer_minutes is not UNSET:
            field_dict["buffer_minutes"] = buffer_minutes
        if calendar_ids is not UNSET:
            field_dict["calendar_ids"] = calendar_ids
        if duration_minutes is not UNSET:
            field_dict["duration_minutes"] = duration_minutes
        if end is not UNSET:
            field_dict["end"] = end
        if participants is not UNSET:
            field_dict["participants"] = participants
        if schedule_id is not UNSET:
            field_dict["schedule_id"] = schedule_id
        if slot_interval_minutes is not UNSET:
            field_dict["slot_interval_minutes"] = slot_interval_minutes
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if working_hours is not UNSET:
            field_dict["working_hours"] = working_hours

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.explain_working_hours_type_0 import ExplainWorkingHoursType0  # noqa: PLC0415

        d = dict(src_dict)
        start = datetime.datetime.fromisoformat(d.pop("start"))

        buffer_minutes = d.pop("buffer_minutes", UNSET)

        _calendar_ids = d.pop("calendar_ids", UNSET)
        calendar_ids: list[UUID] | Unset = UNSET
        if _calendar_ids is not UNSET:
            calendar_ids = []
            for calendar_ids_item_data in _calendar_ids:
                calendar_ids_item = UUID(calendar_ids_item_data)

                calendar_ids.append(calendar_ids_item)

        duration_minutes = d.pop("duration_minutes", UNSET)

        _end = d.pop("end", UNSET)
        end: datetime.datetime | Unset
        if isinstance(_end, Unset):
            end = UNSET
        else:
            end = datetime.datetime.fromisoformat(_end)

        participants = cast(list[str], d.pop("participants", UNSET))

        def _parse_schedule_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                schedule_id_type_0 = UUID(data)

                return schedule_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        schedule_id = _parse_schedule_id(d.pop("schedule_id", UNSET))

        def _parse_slot_interval_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        slot_interval_minutes = _parse_slot_interval_minutes(d.pop("slot_interval_minutes", UNSET))

        timezone = d.pop("timezone", UNSET)

        def _parse_working_hours(data: object) -> ExplainWorkingHoursType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                working_hours_type_0 = ExplainWorkingHoursType0.from_dict(data)

                return working_hours_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExplainWorkingHoursType0 | None | Unset, data)

        working_hours = _parse_working_hours(d.pop("working_hours", UNSET))

        explain = cls(
            start=start,
            buffer_minutes=buffer_minutes,
            calendar_ids=calendar_ids,
            duration_minutes=duration_minutes,
            end=end,
            participants=participants,
            schedule_id=schedule_id,
            slot_interval_minutes=slot_interval_minutes,
            timezone=timezone,
            working_hours=working_hours,
        )

        return explain
