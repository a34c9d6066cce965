from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="WebhookCreated")


@_attrs_define
class WebhookCreated:
    """
    Example:
        {'created_at': '2026-12-05T15:00:00Z', 'events': ['event.created', 'event.updated', 'booking.created'], 'id':
            '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', 'is_active': True, 'secret': 'whsec_4FqT9zK2mW7xR1vL8nP3sB6dY0hJ5cG',
            'secret_hint': 'whsec_4Fq', 'url': 'https://example.com/hooks/calapp'}

    Attributes:
        created_at (datetime.datetime):
        events (list[str]): Subscribed types; empty means all
        id (UUID):
        is_active (bool):
        secret (str): Signing secret: shown only in this response. Calapp-Signature: t=<unix>,v1=<hex HMAC-SHA256 of
            '<t>.<body>'>
        secret_hint (str): The start of the secret
        url (str):
    """

    created_at: datetime.datetime
    events: list[str]
    id: UUID
    is_active: bool
    secret: str
    secret_hint: str
    url: str

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        events = self.events

        id = str(self.id)

        is_active = self.is_active

        secret = self.secret

        secret_hint = self.secret_hint

        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "events": events,
                "id": id,
                "is_active": is_active,
                "secret": secret,
                "secret_hint": secret_hint,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        events = cast(list[str], d.pop("events"))

        id = UUID(d.pop("id"))

        is_active = d.pop("is_active")

        secret = d.pop("secret")

        secret_hint = d.pop("secret_hint")

        url = d.pop("url")

        webhook_created = cls(
            created_at=created_at,
            events=events,
            id=id,
            is_active=is_active,
            secret=secret,
            secret_hint=secret_hint,
            url=url,
        )

        return webhook_created
