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
        {'created_at': '2026-12-01T10:15:00Z', 'email': 'ada@example.com', 'id': '7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d',
            'is_active': True, 'is_email_verified': True, 'name': 'Ada Lovelace', 'pending_email': None, 'timezone':
            'Europe/London', 'updated_at': '2026-12-01T10:15:00Z'}

    Attributes:
        created_at (datetime.datetime):
        email (str):
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
    email: str
    id: UUID
    is_active: bool
    is_email_verified: bool
    name: None | str
    pending_email: None | str
    timezone: str
    updated_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        email = self.email

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
                "email": email,
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

        email = d.pop("email")

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
            email=email,
            id=id,
            is_active=is_active,
            is_email_verified=is_email_verified,
            name=name,
            pending_email=pending_email,
            timezone=timezone,
            updated_at=updated_at,
        )

        return user
