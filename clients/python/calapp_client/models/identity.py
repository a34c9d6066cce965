from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="Identity")


@_attrs_define
class Identity:
    """
    Example:
        {'email': 'ada@example.com', 'id': '3b9e8f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b', 'last_sign_in_at':
            '2026-12-03T08:02:00Z', 'linked_at': '2026-12-01T10:15:00Z', 'provider': 'google', 'subject':
            '110248495921238986420'}

    Attributes:
        email (None | str): The email the provider gave at the last sign-in
        id (UUID):
        last_sign_in_at (datetime.datetime | None):
        linked_at (datetime.datetime):
        provider (str):
        subject (str): The provider's `sub` for you
    """

    email: None | str
    id: UUID
    last_sign_in_at: datetime.datetime | None
    linked_at: datetime.datetime
    provider: str
    subject: str

    def to_dict(self) -> dict[str, Any]:
        email: None | str
        email = self.email

        id = str(self.id)

        last_sign_in_at: None | str
        if isinstance(self.last_sign_in_at, datetime.datetime):
            last_sign_in_at = self.last_sign_in_at.isoformat()
        else:
            last_sign_in_at = self.last_sign_in_at

        linked_at = self.linked_at.isoformat()

        provider = self.provider

        subject = self.subject

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "id": id,
                "last_sign_in_at": last_sign_in_at,
                "linked_at": linked_at,
                "provider": provider,
                "subject": subject,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        id = UUID(d.pop("id"))

        def _parse_last_sign_in_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_sign_in_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_sign_in_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_sign_in_at = _parse_last_sign_in_at(d.pop("last_sign_in_at"))

        linked_at = datetime.datetime.fromisoformat(d.pop("linked_at"))

        provider = d.pop("provider")

        subject = d.pop("subject")

        identity = cls(
            email=email,
            id=id,
            last_sign_in_at=last_sign_in_at,
            linked_at=linked_at,
            provider=provider,
            subject=subject,
        )

        return identity
