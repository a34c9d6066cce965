from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.working_hours import WorkingHours


T = TypeVar("T", bound="BookingLinkCreate")


@_attrs_define
class BookingLinkCreate:
    """
    Example:
        {'buffer_minutes': 10, 'duration_minutes': 30, 'max_days_ahead': 30, 'min_notice_minutes': 120, 'timezone':
            'Europe/London', 'title': 'Intro call with Ada', 'working_hours': {'mon': [{'end': '12:00', 'start': '09:00'}],
            'wed': [{'end': '17:00', 'start': '13:00'}]}}

    Attributes:
        duration_minutes (int):  Example: 30.
        active (bool | Unset):  Default: True.
        buffer_minutes (int | Unset):  Default: 0. Example: 0.
        confirmation_timeout_hours (int | Unset):  Default: 24.
        description (None | str | Unset):
        max_bookings_per_day (int | None | Unset): Per local day of the link (null: unlimited)
        max_days_ahead (int | Unset):  Default: 60.
        min_notice_minutes (int | Unset):  Default: 60.
        requires_confirmation (bool | Unset):  Default: False.
        schedule_id (None | Unset | UUID): One of your schedules (POST /schedules) instead of inline working_hours: its
            weekly windows, date overrides and zone
        slot_interval_minutes (int | None | Unset): Step between slot starts (null: the duration)
        timezone (str | Unset): The zone of working_hours (not with schedule_id: a schedule has its own) Example:
            America/Asuncion.
        title (str | Unset): Title of booked events (default "Meeting with <owner name or email>")
        working_hours (WorkingHours | Unset):
    """

    duration_minutes: int
    active: bool | Unset = True
    buffer_minutes: int | Unset = 0
    confirmation_timeout_hours: int | Unset = 24
    description: None | str | Unset = UNSET
    max_bookings_per_day: int | None | Unset = UNSET
    max_days_ahead: int | Unset = 60
    min_notice_minutes: int | Unset = 60
    requires_confirmation: bool | Unset = False
    schedule_id: None | Unset | UUID = UNSET
    slot_interval_minutes: int | None | Unset = UNSET
    timezone: str | Unset = UNSET
    title: str | Unset = UNSET
    working_hours: WorkingHours | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        duration_minutes = self.duration_minutes

        active = self.active

        buffer_minutes = self.buffer_minutes

        confirmation_timeout_hours = self.confirmation_timeout_hours

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        max_bookings_per_day: int | None | Unset
        if isinstance(self.max_bookings_per_day, Unset):
            max_bookings_per_day = UNSET
        else:
            max_bookings_per_day = self.max_bookings_per_day

        max_days_ahead = self.max_days_ahead

        min_notice_minutes = self.min_notice_minutes

        requires_confirmation = self.requires_confirmation

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

        title = self.title

        working_hours: dict[str, Any] | Unset = UNSET
        if not isinstance(self.working_hours, Unset):
            working_hours = self.working_hours.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "duration_minutes": duration_minutes,
            }
        )
        if active is not UNSET:
            field_dict["active"] = active
        if buffer_minutes is not UNSET:
            field_dict["buffer_minutes"] = buffer_minutes
        if confirmation_timeout_hours is not UNSET:
            field_dict["confirmation_timeout_hours"] = confirmation_timeout_hours
        if description is not UNSET:
            field_dict["description"] = description
        if max_bookings_per_day is not UNSET:
            field_dict["max_bookings_per_day"] = max_bookings_per_day
        if max_days_ahead is not UNSET:
            field_dict["max_days_ahead"] = max_days_ahead
        if min_notice_minutes is not UNSET:
            field_dict["min_notice_minutes"] = min_notice_minutes
        if requires_confirmation is not UNSET:
            field_dict["requires_confirmation"] = requires_confirmation
        if schedule_id is not UNSET:
            field_dict["schedule_id"] = schedule_id
        if slot_interval_minutes is not UNSET:
            field_dict["slot_interval_minutes"] = slot_interval_minutes
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if title is not UNSET:
            field_dict["title"] = title
        if working_hours is not UNSET:
            field_dict["working_hours"] = working_hours

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.working_hours import WorkingHours  # noqa: PLC0415

        d = dict(src_dict)
        duration_minutes = d.pop("duration_minutes")

        active = d.pop("active", UNSET)

        buffer_minutes = d.pop("buffer_minutes", UNSET)

        confirmation_timeout_hours = d.pop("confirmation_timeout_hours", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_max_bookings_per_day(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_bookings_per_day = _parse_max_bookings_per_day(d.pop("max_bookings_per_day", UNSET))

        max_days_ahead = d.pop("max_days_ahead", UNSET)

        min_notice_minutes = d.pop("min_notice_minutes", UNSET)

        requires_confirmation = d.pop("requires_confirmation", UNSET)

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

        title = d.pop("title", UNSET)

        _working_hours = d.pop("working_hours", UNSET)
        working_hours: WorkingHours | Unset
        if isinstance(_working_hours, Unset):
            working_hours = UNSET
        else:
            working_hours = WorkingHours.from_dict(_working_hours)

        booking_link_create = cls(
            duration_minutes=duration_minutes,
            active=active,
            buffer_minutes=buffer_minutes,
            confirmation_timeout_hours=confirmation_timeout_hours,
            description=description,
            max_bookings_per_day=max_bookings_per_day,
            max_days_ahead=max_days_ahead,
            min_notice_minutes=min_notice_minutes,
            requires_confirmation=requires_confirmation,
            schedule_id=schedule_id,
            slot_interval_minutes=slot_interval_minutes,
            timezone=timezone,
            title=title,
            working_hours=working_hours,
        )

        return booking_link_create
