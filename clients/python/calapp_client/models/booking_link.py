from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.booking_link_settings import BookingLinkSettings


T = TypeVar("T", bound="BookingLink")


@_attrs_define
class BookingLink:
    """
    Example:
        {'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'created_at': '2026-12-05T14:10:00Z', 'public_url':
            'https://calendar.example.com/booking/Hq3vN8xL2pWk', 'settings': {'active': True, 'buffer_minutes': 10,
            'confirmation_timeout_hours': 24, 'description': None, 'duration_minutes': 30, 'max_bookings_per_day': None,
            'max_days_ahead': 30, 'min_notice_minutes': 120, 'requires_confirmation': False, 'schedule_id': None,
            'slot_interval_minutes': 30, 'timezone': 'Europe/London', 'title': 'Intro call with Ada', 'working_hours':
            {'fri': [], 'mon': [{'end': '12:00', 'start': '09:00'}], 'sat': [], 'sun': [], 'thu': [], 'tue': [], 'wed':
            [{'end': '17:00', 'start': '13:00'}]}}, 'token': 'Hq3vN8xL2pWk', 'updated_at': '2026-12-05T14:10:00Z'}

    Attributes:
        calendar_id (UUID):
        created_at (datetime.datetime):
        public_url (str):  Example: https://app.example.com/booking/abc123.
        settings (BookingLinkSettings):
        token (str):
        updated_at (datetime.datetime):
    """

    calendar_id: UUID
    created_at: datetime.datetime
    public_url: str
    settings: BookingLinkSettings
    token: str
    updated_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        calendar_id = str(self.calendar_id)

        created_at = self.created_at.isoformat()

        public_url = self.public_url

        settings = self.settings.to_dict()

        token = self.token

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "calendar_id": calendar_id,
                "created_at": created_at,
                "public_url": public_url,
                "settings": settings,
                "token": token,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.booking_link_settings import BookingLinkSettings  # noqa: PLC0415

        d = dict(src_dict)
        calendar_id = UUID(d.pop("calendar_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        public_url = d.pop("public_url")

        settings = BookingLinkSettings.from_dict(d.pop("settings"))

        token = d.pop("token")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        booking_link = cls(
            calendar_id=calendar_id,
            created_at=created_at,
            public_url=public_url,
            settings=settings,
            token=token,
            updated_at=updated_at,
        )

        return booking_link
