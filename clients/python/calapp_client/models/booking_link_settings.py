from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.booking_link_settings_working_hours import BookingLinkSettingsWorkingHours


T = TypeVar("T", bound="BookingLinkSettings")


@_attrs_define
class BookingLinkSettings:
    """
    Attributes:
        active (bool):
        buffer_minutes (int):
        confirmation_timeout_hours (int):
        description (None | str):
        duration_minutes (int):
        max_bookings_per_day (int | None):
        max_days_ahead (int):
        min_notice_minutes (int):
        requires_confirmation (bool):
        schedule_id (None | UUID): The schedule whose hours the link offers, or null
        slot_interval_minutes (int): The duration unless set
        timezone (str): The link's zone, or its schedule's
        title (str):
        working_hours (BookingLinkSettingsWorkingHours): All seven days (mon..sun), closed days empty: the link's own,
            or its schedule's weekly windows
    """

    active: bool
    buffer_minutes: int
    confirmation_timeout_hours: int
    description: None | str
    duration_minutes: int
    max_bookings_per_day: int | None
    max_days_ahead: int
    min_notice_minutes: int
    requires_confirmation: bool
    schedule_id: None | UUID
    slot_interval_minutes: int
    timezone: str
    title: str
    working_hours: BookingLinkSettingsWorkingHours

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        buffer_minutes = self.buffer_minutes

        confirmation_timeout_hours = self.confirmation_timeout_hours

        description: None | str
        description = self.description

        duration_minutes = self.duration_minutes

        max_bookings_per_day: int | None
        max_bookings_per_day = self.max_bookings_per_day

        max_days_ahead = self.max_days_ahead

        min_notice_minutes = self.min_notice_minutes

        requires_confirmation = self.requires_confirmation

        schedule_id: None | str
        if isinstance(self.schedule_id, UUID):
            schedule_id = str(self.schedule_id)
        else:
            schedule_id = self.schedule_id

        slot_interval_minutes = self.slot_interval_minutes

        timezone = self.timezone

        title = self.title

        working_hours = self.working_hours.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "active": active,
                "buffer_minutes": buffer_minutes,
                "confirmation_timeout_hours": confirmation_timeout_hours,
                "description": description,
                "duration_minutes": duration_minutes,
                "max_bookings_per_day": max_bookings_per_day,
                "max_days_ahead": max_days_ahead,
                "min_notice_minutes": min_notice_minutes,
                "requires_confirmation": requires_confirmation,
                "schedule_id": schedule_id,
                "slot_interval_minutes": slot_interval_minutes,
                "timezone": timezone,
                "title": title,
                "working_hours": working_hours,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.booking_link_settings_working_hours import BookingLinkSettingsWorkingHours  # noqa: PLC0415

        d = dict(src_dict)
        active = d.pop("active")

        buffer_minutes = d.pop("buffer_minutes")

        confirmation_timeout_hours = d.pop("confirmation_timeout_hours")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        duration_minutes = d.pop("duration_minutes")

        def _parse_max_bookings_per_day(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_bookings_per_day = _parse_max_bookings_per_day(d.pop("max_bookings_per_day"))

        max_days_ahead = d.pop("max_days_ahead")

        min_notice_minutes = d.pop("min_notice_minutes")

        requires_confirmation = d.pop("requires_confirmation")

        def _parse_schedule_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                schedule_id_type_0 = UUID(data)

                return schedule_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        schedule_id = _parse_schedule_id(d.pop("schedule_id"))

        slot_interval_minutes = d.pop("slot_interval_minutes")

        timezone = d.pop("timezone")

        title = d.pop("title")

        working_hours = BookingLinkSettingsWorkingHours.from_dict(d.pop("working_hours"))

        booking_link_settings = cls(
            active=active,
            buffer_minutes=buffer_minutes,
            confirmation_timeout_hours=confirmation_timeout_hours,
            description=description,
            duration_minutes=duration_minutes,
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

        return booking_link_settings
