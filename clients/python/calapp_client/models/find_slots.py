from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.find_slots_working_hours_type_0 import FindSlotsWorkingHoursType0


T = TypeVar("T", bound="FindSlots")


@_attrs_define
class FindSlots:
    """
    Example:
        {'calendar_ids': ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10'], 'duration_minutes': 30, 'end':
            '2027-01-16T00:00:00Z', 'min_required': 1, 'optional_participants': ['bob@example.com', 'carol@example.com'],
            'participants': ['ada@example.com', '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'], 'start': '2027-01-11T00:00:00Z',
            'timezone': 'Europe/London', 'working_hours': {'mon': [{'end': '17:00', 'start': '09:00'}], 'tue': [{'end':
            '17:00', 'start': '09:00'}]}}

    Attributes:
        duration_minutes (int):
        end (datetime.datetime): At most 62 days after
        start (datetime.datetime):
        buffer_minutes (int | Unset):  Default: 0.
        calendar_ids (list[UUID] | Unset): Calendars that must be free (any role, freebusy included); give calendars,
            participants or both
        min_required (int | Unset): How many optional participants must be free in a slot (at most as many as there are)
            Default: 0.
        optional_participants (list[str] | Unset): Optional participants: slots come ranked by how many of them are free
            (each slot lists them), and need at least min_required of them
        participants (list[str] | Unset): Required participants: every one must be free. A person by user id or email:
            their busy time across the calendars they share with you (role freebusy or above; yours when it is you). One who
            shares nothing with you, or does not exist, is a 404 naming them as given
        schedule_id (None | Unset | UUID): One of your schedules instead of working_hours and timezone: its weekly
            windows, date overrides and zone; your time off and (with holidays_block) public holidays are kept out too
        slot_interval_minutes (int | None | Unset): Step between slot starts (default: the duration)
        timezone (str | Unset): The zone of working_hours and of local days (required unless schedule_id is given: a
            schedule has its own) Example: Europe/Berlin.
        working_hours (FindSlotsWorkingHoursType0 | None | Unset): Windows per weekday in local time (HH:MM, end may be
            24:00); a missing or empty day is closed Example: {'mon': [{'end': '17:00', 'start': '09:00'}], 'sat': []}.
    """

    duration_minutes: int
    end: datetime.datetime
    start: datetime.datetime
    buffer_minutes: int | Unset = 0
    calendar_ids: list[UUID] | Unset = UNSET
    min_required: int | Unset = 0
    optional_participants: list[str] | Unset = UNSET
    participants: list[str] | Unset = UNSET
    schedule_id: None | Unset | UUID = UNSET
    slot_interval_minutes: int | None | Unset = UNSET
    timezone: str | Unset = UNSET
    working_hours: FindSlotsWorkingHoursType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.find_slots_working_hours_type_0 import FindSlotsWorkingHoursType0  # noqa: PLC0415

        duration_minutes = self.duration_minutes

        end = self.end.isoformat()

        start = self.start.isoformat()

        buffer_minutes = self.buffer_minutes

        calendar_ids: list[str] | Unset = UNSET
        if not isinstance(self.calendar_ids, Unset):
            calendar_ids = []
            for calendar_ids_item_data in self.calendar_ids:
                calendar_ids_item = str(calendar_ids_item_data)
                calendar_ids.append(calendar_ids_item)

        min_required = self.min_required

        optional_participants: list[str] | Unset = UNSET
        if not isinstance(self.optional_participants, Unset):
            optional_participants = self.optional_participants

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
        elif isinstance(self.working_hours, FindSlotsWorkingHoursType0):
            working_hours = self.working_hours.to_dict()
        else:
            working_hours = self.working_hours

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "duration_minutes": duration_minutes,
                "end": end,
                "start": start,
            }
        )
        if buffer_minutes is not UNSET:
            field_dict["buffer_minutes"] = buffer_minutes
        if calendar_ids is not UNSET:
            field_dict["calendar_ids"] = calendar_ids
        if min_required is not UNSET:
            field_dict["min_required"] = min_required
        if optional_participants is not UNSET:
            field_dict["optional_participants"] = optional_participants
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
        from ..models.find_slots_working_hours_type_0 import FindSlotsWorkingHoursType0  # noqa: PLC0415

        d = dict(src_dict)
        duration_minutes = d.pop("duration_minutes")

        end = datetime.datetime.fromisoformat(d.pop("end"))

        start = datetime.datetime.fromisoformat(d.pop("start"))

        buffer_minutes = d.pop("buffer_minutes", UNSET)

        _calendar_ids = d.pop("calendar_ids", UNSET)
        calendar_ids: list[UUID] | Unset = UNSET
        if _calendar_ids is not UNSET:
            calendar_ids = []
            for calendar_ids_item_data in _calendar_ids:
                calendar_ids_item = UUID(calendar_ids_item_data)

                calendar_ids.append(calendar_ids_item)

        min_required = d.pop("min_required", UNSET)

        optional_participants = cast(list[str], d.pop("optional_participants", UNSET))

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

        def _parse_working_hours(data: object) -> FindSlotsWorkingHoursType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                working_hours_type_0 = FindSlotsWorkingHoursType0.from_dict(data)

                return working_hours_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FindSlotsWorkingHoursType0 | None | Unset, data)

        working_hours = _parse_working_hours(d.pop("working_hours", UNSET))

        find_slots = cls(
            duration_minutes=duration_minutes,
            end=end,
            start=start,
            buffer_minutes=buffer_minutes,
            calendar_ids=calendar_ids,
            min_required=min_required,
            optional_participants=optional_participants,
            participants=participants,
            schedule_id=schedule_id,
            slot_interval_minutes=slot_interval_minutes,
            timezone=timezone,
            working_hours=working_hours,
        )

        return find_slots
