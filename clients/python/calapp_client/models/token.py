from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.user import User


T = TypeVar("T", bound="Token")


@_attrs_define
class Token:
    """
    Example:
        {'access_token': 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2lkIjoiN2QxYTJiM2MifQ.8Hq3vN8xL2pWkQ7vX2kR9mN4sL
            8tW1yZ6bC3dF5gH0', 'expires_in': 900, 'refresh_token': 'pQ7vX2kR9mN4sL8tW1yZ6bC3dF5gH0jK2aE4uI6oY8x',
            'token_type': 'Bearer', 'user': {'created_at': '2026-12-01T10:15:00Z', 'default_schedule_id':
            '5f0c7a2e-9b1d-4c3e-8a6f-2d4b1e7c9a30', 'email': 'ada@example.com', 'has_password': True, 'holiday_country':
            'GB', 'holiday_subdivision': 'ENG', 'holidays_block': True, 'id': '7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d',
            'is_active': True, 'is_email_verified': True, 'name': 'Ada Lovelace', 'pending_email': None, 'timezone':
            'Europe/London', 'updated_at': '2026-12-01T10:15:00Z'}}

    Attributes:
        access_token (str):
        expires_in (int): Access token lifetime in seconds
        refresh_token (str):
        token_type (str):  Example: Bearer.
        user (User):  Example: {'created_at': '2026-12-01T10:15:00Z', 'default_schedule_id':
            '5f0c7a2e-9b1d-4c3e-8a6f-2d4b1e7c9a30', 'email': 'ada@example.com', 'has_password': True, 'holiday_country':
            'GB', 'holiday_subdivision': 'ENG', 'holidays_block': True, 'id': '7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d',
            'is_active': True, 'is_email_verified': True, 'name': 'Ada Lovelace', 'pending_email': None, 'timezone':
            'Europe/London', 'updated_at': '2026-12-01T10:15:00Z'}.
    """

    access_token: str
    expires_in: int
    refresh_token: str
    token_type: str
    user: User

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        expires_in = self.expires_in

        refresh_token = self.refresh_token

        token_type = self.token_type

        user = self.user.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "access_token": access_token,
                "expires_in": expires_in,
                "refresh_token": refresh_token,
                "token_type": token_type,
                "user": user,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        access_token = d.pop("access_token")

        expires_in = d.pop("expires_in")

        refresh_token = d.pop("refresh_token")

        token_type = d.pop("token_type")

        user = User.from_dict(d.pop("user"))

        token = cls(
            access_token=access_token,
            expires_in=expires_in,
            refresh_token=refresh_token,
            token_type=token_type,
            user=user,
        )

        return token
