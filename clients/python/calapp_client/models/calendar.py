from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.calendar_role import CalendarRole
from ..models.calendar_source_type_1 import CalendarSourceType1
from ..models.calendar_source_type_2_type_1 import CalendarSourceType2Type1
from ..models.calendar_source_type_3_type_1 import CalendarSourceType3Type1

T = TypeVar("T", bound="Calendar")


@_attrs_define
class Calendar:
    """
    Example:
        {'color': '#3366CC', 'connection_id': None, 'created_at': '2026-12-01T10:20:00Z', 'description': 'Meetings and
            office hours', 'id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'is_public': False, 'name': 'Work', 'owner_id':
            '7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d', 'public_url': None, 'role': 'owner', 'source': None, 'timezone':
            'Europe/London', 'updated_at': '2026-12-01T10:20:00Z', 'webcal_url': None}

    Attributes:
        color (str):  Example: #3366CC.
        connection_id (None | UUID):
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
        source (CalendarSourceType1 | CalendarSourceType2Type1 | CalendarSourceType3Type1 | None): Where its events come
            from: null for a calendar of calapp; caldav or ics for a mirror of a connected calendar (GET /connections),
            whose events are read-only here (403)
        timezone (str):  Example: Europe/Berlin.
        updated_at (datetime.datetime):
        webcal_url (None | str): public_url as webcal:// for calendar apps; null when public_url is Example:
            webcal://cal.example.com/calendars/public/abc.ics.
    """

    color: str
    connection_id: None | UUID
    created_at: datetime.datetime
    description: None | str
    id: UUID
    is_public: bool
    name: str
    owner_id: UUID
    public_url: None | str
    role: CalendarRole
    source: CalendarSourceType1 | CalendarSourceType2Type1 | CalendarSourceType3Type1 | None
    timezone: str
    updated_at: datetime.datetime
    webcal_url: None | str

    def to_dict(self) -> dict[str, Any]:
        color = self.color

        connection_id: None | str
        if isinstance(self.connection_id, UUID):
            connection_id = str(self.connection_id)
        else:
            connection_id = self.connection_id

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

        source: None | str
        if isinstance(self.source, CalendarSourceType1):
            source = self.source.value
        elif isinstance(self.source, CalendarSourceType2Type1):
            source = self.source.value
        elif isinstance(self.source, CalendarSourceType3Type1):
            source = self.source.value
        else:
            source = self.source

        timezone = self.timezone

        updated_at = self.updated_at.isoformat()

        webcal_url: None | str
        webcal_url = self.webcal_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "color": color,
                "connection_id": connection_id,
                "created_at": created_at,
                "description": description,
                "id": id,
                "is_public": is_public,
                "name": name,
                "owner_id": owner_id,
                "public_url": public_url,
                "role": role,
                "source": source,
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

        def _parse_connection_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                connection_id_type_0 = UUID(data)

                return connection_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        connection_id = _parse_connection_id(d.pop("connection_id"))

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

        def _parse_source(
            data: object,
        ) -> CalendarSourceType1 | CalendarSourceType2Type1 | CalendarSourceType3Type1 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_type_1 = CalendarSourceType1(data)

                return source_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_type_2_type_1 = CalendarSourceType2Type1(data)

                return source_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_type_3_type_1 = CalendarSourceType3Type1(data)

                return source_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CalendarSourceType1 | CalendarSourceType2Type1 | CalendarSourceType3Type1 | None, data)

        source = _parse_source(d.pop("source"))

        timezone = d.pop("timezone")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_webcal_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        webcal_url = _parse_webcal_url(d.pop("webcal_url"))

        calendar = cls(
            color=color,
            connection_id=connection_id,
            created_at=created_at,
            description=description,
            id=id,
            is_public=is_public,
            name=name,
            owner_id=owner_id,
            public_url=public_url,
            role=role,
            source=source,
            timezone=timezone,
            updated_at=updated_at,
            webcal_url=webcal_url,
        )

        return calendar
