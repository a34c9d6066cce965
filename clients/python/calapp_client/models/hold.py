from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="Hold")


@_attrs_define
class Hold:
    """
    Example:
        {'expires_at': '2027-01-10T18:05:00Z', 'hold_id': 'a9b8c7d6-e5f4-4a3b-8c2d-1e0f9a8b7c6d'}

    Attributes:
        expires_at (datetime.datetime):
        hold_id (UUID):
    """

    expires_at: datetime.datetime
    hold_id: UUID

    def to_dict(self) -> dict[str, Any]:
        expires_at = self.expires_at.isoformat()

        hold_id = str(self.hold_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "expires_at": expires_at,
                "hold_id": hold_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        hold_id = UUID(d.pop("hold_id"))

        hold = cls(
            expires_at=expires_at,
            hold_id=hold_id,
        )

        return hold
