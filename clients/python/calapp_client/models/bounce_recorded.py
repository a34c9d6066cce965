from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="BounceRecorded")


@_attrs_define
class BounceRecorded:
    """
    Example:
        {'bounced_at': '2027-01-10T09:17:42Z', 'delivery_id': '7c6b5a49-3827-4615-9a0b-1c2d3e4f5a6b', 'recipient':
            'grace@example.com'}

    Attributes:
        bounced_at (datetime.datetime):
        delivery_id (UUID):
        recipient (str):
    """

    bounced_at: datetime.datetime
    delivery_id: UUID
    recipient: str

    def to_dict(self) -> dict[str, Any]:
        bounced_at = self.bounced_at.isoformat()

        delivery_id = str(self.delivery_id)

        recipient = self.recipient

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "bounced_at": bounced_at,
                "delivery_id": delivery_id,
                "recipient": recipient,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bounced_at = datetime.datetime.fromisoformat(d.pop("bounced_at"))

        delivery_id = UUID(d.pop("delivery_id"))

        recipient = d.pop("recipient")

        bounce_recorded = cls(
            bounced_at=bounced_at,
            delivery_id=delivery_id,
            recipient=recipient,
        )

        return bounce_recorded
