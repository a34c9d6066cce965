from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.calendar_role import CalendarRole

T = TypeVar("T", bound="Calendar")


@_attrs_define
class Calendar:
    """
    Example:
        {'color': '#3366CC', 'created_at': '2026-12-01T10:20:00Z', 'description': 'Meetings and office hours', 'id':
            '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'is_public': False, 'name': 'Work', 'owner_id':
            '7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d', 'public_url': None, 'role': 'owner', 'timezone': 'Europe/London',
            'updated_at': '2026-12-01T10:20:00Z', 'webcal_url': None}

    Attributes:
        color (str):  Example: #3366CC.
        created_at (datetime.datetime):
        description (None | str):
        id (UUID):
        is_public (bool):
        name (str):
        owner_id (UUID):
        public_url (None | str): The public feed's address (secret: whoever has it reads the calendar). Shown to the
            owner while the calendar is public; null otherwise. Rotate it with POST /calendars/{id}/public-token Example:
            https://cal.example.com/calendars/public/abc.ics.
        role (CalendarRole): Your role on this calendar
        timezone (str):  Example: Europe/Berlin.
        updated_at (datetime.datetime):
        webcal_url (None | str): public_url as webcal:// for calendar apps; null when public_url is Example:
            webcal://cal.example.com/calendars/public/abc.ics.
    """

    color: str
    created_at: datetime.datetime
    description: None | str
    id: UUID
    is_public: bool
    name: str
    owner_id: UUID
    public_url: None | str
    role: CalendarRole
    timezone: str
    updated_at: datetime.datetime
    webcal_url: None | str

    def to_dict(self) -> dict[str, Any]:
        color = self.color

        created_at = self.created_at.isoformat()

        description: None | str
        description = self.description

        id = str(self.id)

        is_public = self.is_public

        name = self.name

        owner_id = str(self.owner_id)

        public_url: None | str
        public_url = self.public_url

        role = self.role.value

        timezone = self.timezone

        updated_at = self.updated_at.isoformat()

        webcal_url: None | str
        webcal_url = self.webcal_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "color": color,
                "created_at": created_at,
                "description": description,
                "id": id,
                "is_public": is_public,
                "name": name,
                "owner_id": owner_id,
                "public_url": public_url,
                "role": role,
                "timezone": timezone,
                "updated_at": updated_at,
                "webcal_url": webcal_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        color = d.pop("color")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        id = UUID(d.pop("id"))

        is_public = d.pop("is_public")

        name = d.pop("name")

        owner_id = UUID(d.pop("owner_id"))

        def _parse_public_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        public_url = _parse_public_url(d.pop("public_url"))

        role = CalendarRole(d.pop("role"))

        timezone = d.pop("timezone")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_webcal_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        webcal_url = _parse_webcal_url(d.pop("webcal_url"))

        calendar = cls(
            color=color,
            created_at=created_at,
            description=description,
            id=id,
            is_public=is_public,
            name=name,
            owner_id=owner_id,
            public_url=public_url,
            role=role,
            timezone=timezone,
            updated_at=updated_at,
            webcal_url=webcal_url,
        )

        return calendar
