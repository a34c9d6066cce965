from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="User")


@_attrs_define
class User:
    """
    Example:
        {'created_at': '2026-12-01T10:15:00Z', 'default_schedule_id': '5f0c7a2e-9b1d-4c3e-8a6f-2d4b1e7c9a30', 'email':
            'ada@example.com', 'has_password': True, 'holiday_country': 'GB', 'holiday_subdivision': 'ENG',
            'holidays_block': True, 'id': '7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d', 'is_active': True, 'is_email_verified':
            True, 'name': 'Ada Lovelace', 'pending_email': None, 'timezone': 'Europe/London', 'updated_at':
            '2026-12-01T10:15:00Z'}

    Attributes:
        created_at (datetime.datetime):
        default_schedule_id (None | UUID): The schedule used when none is named
        email (str):
        has_password (bool): false for an account made by signing in with an OpenID provider until it sets a password
            (PUT /users/me, no current_password)
        holiday_country (None | str): Country of your public holidays (ISO 3166-1)
        holiday_subdivision (None | str): Its state or region, when holidays differ by one
        holidays_block (bool): Public holidays make you unavailable all day
        id (UUID):
        is_active (bool):
        is_email_verified (bool): The owner followed a link mailed to `email`. Until then, invitations sent to that
            address are not linked to the account
        name (None | str):
        pending_email (None | str): A requested new address: it replaces `email` when the link mailed to it is followed
        timezone (str):
        updated_at (datetime.datetime):
    """

    created_at: datetime.datetime
    default_schedule_id: None | UUID
    email: str
    has_password: bool
    holiday_country: None | str
    holiday_subdivision: None | str
    holidays_block: bool
    id: UUID
    is_active: bool
    is_email_verified: bool
    name: None | str
    pending_email: None | str
    timezone: str
    updated_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        default_schedule_id: None | str
        if isinstance(self.default_schedule_id, UUID):
            default_schedule_id = str(self.default_schedule_id)
        else:
            default_schedule_id = self.default_schedule_id

        email = self.email

        has_password = self.has_password

        holiday_country: None | str
        holiday_country = self.holiday_country

        holiday_subdivision: None | str
        holiday_subdivision = self.holiday_subdivision

        holidays_block = self.holidays_block

        id = str(self.id)

        is_active = self.is_active

        is_email_verified = self.is_email_verified

        name: None | str
        name = self.name

        pending_email: None | str
        pending_email = self.pending_email

        timezone = self.timezone

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "default_schedule_id": default_schedule_id,
                "email": email,
                "has_password": has_password,
                "holiday_country": holiday_country,
                "holiday_subdivision": holiday_subdivision,
                "holidays_block": holidays_block,
                "id": id,
                "is_active": is_active,
                "is_email_verified": is_email_verified,
                "name": name,
                "pending_email": pending_email,
                "timezone": timezone,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_default_schedule_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                default_schedule_id_type_0 = UUID(data)

                return default_schedule_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        default_schedule_id = _parse_default_schedule_id(d.pop("default_schedule_id"))

        email = d.pop("email")

        has_password = d.pop("has_password")

        def _parse_holiday_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        holiday_country = _parse_holiday_country(d.pop("holiday_country"))

        def _parse_holiday_subdivision(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        holiday_subdivision = _parse_holiday_subdivision(d.pop("holiday_subdivision"))

        holidays_block = d.pop("holidays_block")

        id = UUID(d.pop("id"))

        is_active = d.pop("is_active")

        is_email_verified = d.pop("is_email_verified")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        def _parse_pending_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pending_email = _parse_pending_email(d.pop("pending_email"))

        timezone = d.pop("timezone")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        user = cls(
            created_at=created_at,
            default_schedule_id=default_schedule_id,
            email=email,
            has_password=has_password,
            holiday_country=holiday_country,
            holiday_subdivision=holiday_subdivision,
            holidays_block=holidays_block,
            id=id,
            is_active=is_active,
            is_email_verified=is_email_verified,
            name=name,
            pending_email=pending_email,
            timezone=timezone,
            updated_at=updated_at,
        )

        return user
