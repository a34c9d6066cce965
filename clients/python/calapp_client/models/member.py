from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.member_role import MemberRole

T = TypeVar("T", bound="Member")


@_attrs_define
class Member:
    """
    Example:
        {'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'created_at': '2026-12-03T09:00:00Z', 'email':
            'charles@example.com', 'name': 'Charles Babbage', 'role': 'editor', 'updated_at': '2026-12-03T09:00:00Z',
            'user_id': '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'}

    Attributes:
        calendar_id (UUID):
        created_at (datetime.datetime):
        email (str):
        name (None | str):
        role (MemberRole):
        updated_at (datetime.datetime):
        user_id (UUID):
    """

    calendar_id: UUID
    created_at: datetime.datetime
    email: str
    name: None | str
    role: MemberRole
    updated_at: datetime.datetime
    user_id: UUID

    def to_dict(self) -> dict[str, Any]:
        calendar_id = str(self.calendar_id)

        created_at = self.created_at.isoformat()

        email = self.email

        name: None | str
        name = self.name

        role = self.role.value

        updated_at = self.updated_at.isoformat()

        user_id = str(self.user_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "calendar_id": calendar_id,
                "created_at": created_at,
                "email": email,
                "name": name,
                "role": role,
                "updated_at": updated_at,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        calendar_id = UUID(d.pop("calendar_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        role = MemberRole(d.pop("role"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        user_id = UUID(d.pop("user_id"))

        member = cls(
            calendar_id=calendar_id,
            created_at=created_at,
            email=email,
            name=name,
            role=role,
            updated_at=updated_at,
            user_id=user_id,
        )

        return member
