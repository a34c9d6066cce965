from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.named_reason_code import NamedReasonCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.busy_block import BusyBlock
    from ..models.explained_event import ExplainedEvent


T = TypeVar("T", bound="NamedReason")


@_attrs_define
class NamedReason:
    """
    Attributes:
        code (NamedReasonCode): `outside_working_hours` (no working-hours window holds the slot whole),
            `not_on_interval` (a window holds it but slots start every `slot_interval` from the window's start),
            `min_notice` (too soon), `beyond_horizon` (after `max_days_ahead`), `daily_limit` (the day has its bookings),
            `busy` (something overlaps the slot), `buffer` (something lies within the buffer around it), `held` (a visitor
            holds it for a few minutes), `link_inactive` (the booking link was deactivated), `time_off` (the owner's time
            off overlaps the slot), `holiday` (a public holiday of the owner's country, which blocks the owner's schedule)
            Example: busy.
        message (str):  Example: The calendar is busy from 2027-03-01T10:00:00Z to 2027-03-01T10:30:00Z.
        buffer_minutes (int | Unset): buffer, held: minutes kept free around slots
        calendar_id (UUID | Unset): busy, buffer: the calendar that is busy
        count (int | Unset): daily_limit: bookings and holds of that day
        day (datetime.date | Unset): outside_working_hours, daily_limit: the local day
        earliest_start (datetime.datetime | Unset): min_notice: the earliest start allowed now
        end (datetime.datetime | Unset):
        event (ExplainedEvent | Unset):
        expires_at (datetime.datetime | Unset): held: when the hold lapses
        last_day (datetime.date | Unset): beyond_horizon: the last local day allowed
        limit (int | Unset): not_on_interval: minutes between starts; min_notice: minutes of notice; beyond_horizon:
            days ahead; daily_limit: bookings a day
        name (str | Unset): holiday: the public holiday's name
        next_start (datetime.datetime | Unset): not_on_interval: the slot start just after
        participant (str | Unset): The participant (as you gave them) whose busy time, time off, holiday or own working
            hours the reason is about
        previous_start (datetime.datetime | Unset): not_on_interval: the slot start just before
        start (datetime.datetime | Unset): busy: the busy part of the slot; buffer, held: the part in the way of the
            slot widened by the buffer
        windows (list[BusyBlock] | Unset): outside_working_hours: that day's working hours
    """

    code: NamedReasonCode
    message: str
    buffer_minutes: int | Unset = UNSET
    calendar_id: UUID | Unset = UNSET
    count: int | Unset = UNSET
    day: datetime.date | Unset = UNSET
    earliest_start: datetime.datetime | Unset = UNSET
    end: datetime.datetime | Unset = UNSET
    event: ExplainedEvent | Unset = UNSET
    expires_at: datetime.datetime | Unset = UNSET
    last_day: datetime.date | Unset = UNSET
    limit: int | Unset = UNSET
    name: str | Unset = UNSET
    next_start: datetime.datetime | Unset = UNSET
    participant: str | Unset = UNSET
    previous_start: datetime.datetime | Unset = UNSET
    start: datetime.datetime | Unset = UNSET
    windows: list[BusyBlock] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        message = self.message

        buffer_minutes = self.buffer_minutes

        calendar_id: str | Unset = UNSET
        if not isinstance(self.calendar_id, Unset):
            calendar_id = str(self.calendar_id)

        count = self.count

        day: str | Unset = UNSET
        if not isinstance(self.day, Unset):
            day = self.day.isoformat()

        earliest_start: str | Unset = UNSET
        if not isinstance(self.earliest_start, Unset):
            earliest_start = self.earliest_start.isoformat()

        end: str | Unset = UNSET
        if not isinstance(self.end, Unset):
            end = self.end.isoformat()

        event: dict[str, Any] | Unset = UNSET
        if not isinstance(self.event, Unset):
            event = self.event.to_dict()

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        last_day: str | Unset = UNSET
        if not isinstance(self.last_day, Unset):
            last_day = self.last_day.isoformat()

        limit = self.limit

        name = self.name

        next_start: str | Unset = UNSET
        if not isinstance(self.next_start, Unset):
            next_start = self.next_start.isoformat()

        participant = self.participant

        previous_start: str | Unset = UNSET
        if not isinstance(self.previous_start, Unset):
            previous_start = self.previous_start.isoformat()

        start: str | Unset = UNSET
        if not isinstance(self.start, Unset):
            start = self.start.isoformat()

        windows: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.windows, Unset):
            windows = []
            for windows_item_data in self.windows:
                windows_item = windows_item_data.to_dict()
                windows.append(windows_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if buffer_minutes is not UNSET:
            field_dict["buffer_minutes"] = buffer_minutes
        if calendar_id is not UNSET:
            field_dict["calendar_id"] = calendar_id
        if count is not UNSET:
            field_dict["count"] = count
        if day is not UNSET:
            field_dict["day"] = day
        if earliest_start is not UNSET:
            field_dict["earliest_start"] = earliest_start
        if end is not UNSET:
            field_dict["end"] = end
        if event is not UNSET:
            field_dict["event"] = event
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if last_day is not UNSET:
            field_dict["last_day"] = last_day
        if limit is not UNSET:
            field_dict["limit"] = limit
        if name is not UNSET:
            field_dict["name"] = name
        if next_start is not UNSET:
            field_dict["next_start"] = next_start
        if participant is not UNSET:
            field_dict["participant"] = participant
        if previous_start is not UNSET:
            field_dict["previous_start"] = previous_start
        if start is not UNSET:
            field_dict["start"] = start
        if windows is not UNSET:
            field_dict["windows"] = windows

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.busy_block import BusyBlock  # noqa: PLC0415
        from ..models.explained_event import ExplainedEvent  # noqa: PLC0415

        d = dict(src_dict)
        code = NamedReasonCode(d.pop("code"))

        message = d.pop("message")

        buffer_minutes = d.pop("buffer_minutes", UNSET)

        _calendar_id = d.pop("calendar_id", UNSET)
        calendar_id: UUID | Unset
        if isinstance(_calendar_id, Unset):
            calendar_id = UNSET
        else:
            calendar_id = UUID(_calendar_id)

        count = d.pop("count", UNSET)

        _day = d.pop("day", UNSET)
        day: datetime.date | Unset
        if isinstance(_day, Unset):
            day = UNSET
        else:
            day = datetime.date.fromisoformat(_day)

        _earliest_start = d.pop("earliest_start", UNSET)
        earliest_start: datetime.datetime | Unset
        if isinstance(_earliest_start, Unset):
            earliest_start = UNSET
        else:
            earliest_start = datetime.datetime.fromisoformat(_earliest_start)

        _end = d.pop("end", UNSET)
        end: datetime.datetime | Unset
        if isinstance(_end, Unset):
            end = UNSET
        else:
            end = datetime.datetime.fromisoformat(_end)

        _event = d.pop("event", UNSET)
        event: ExplainedEvent | Unset
        if isinstance(_event, Unset):
            event = UNSET
        else:
            event = ExplainedEvent.from_dict(_event)

        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)

        _last_day = d.pop("last_day", UNSET)
        last_day: datetime.date | Unset
        if isinstance(_last_day, Unset):
            last_day = UNSET
        else:
            last_day = datetime.date.fromisoformat(_last_day)

        limit = d.pop("limit", UNSET)

        name = d.pop("name", UNSET)

        _next_start = d.pop("next_start", UNSET)
        next_start: datetime.datetime | Unset
        if isinstance(_next_start, Unset):
            next_start = UNSET
        else:
            next_start = datetime.datetime.fromisoformat(_next_start)

        participant = d.pop("participant", UNSET)

        _previous_start = d.pop("previous_start", UNSET)
        previous_start: datetime.datetime | Unset
        if isinstance(_previous_start, Unset):
            previous_start = UNSET
        else:
            previous_start = datetime.datetime.fromisoformat(_previous_start)

        _start = d.pop("start", UNSET)
        start: datetime.datetime | Unset
        if isinstance(_start, Unset):
            start = UNSET
        else:
            start = datetime.datetime.fromisoformat(_start)

        _windows = d.pop("windows", UNSET)
        windows: list[BusyBlock] | Unset = UNSET
        if _windows is not UNSET:
            windows = []
            for windows_item_data in _windows:
                windows_item = BusyBlock.from_dict(windows_item_data)

                windows.append(windows_item)

        named_reason = cls(
            code=code,
            message=message,
            buffer_minutes=buffer_minutes,
            calendar_id=calendar_id,
            count=count,
            day=day,
            earliest_start=earliest_start,
            end=end,
            event=event,
            expires_at=expires_at,
            last_day=last_day,
            limit=limit,
            name=name,
            next_start=next_start,
            participant=participant,
            previous_start=previous_start,
            start=start,
            windows=windows,
        )

        return named_reason
