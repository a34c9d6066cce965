from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Bounce")


@_attrs_define
class Bounce:
    """
    Example:
        {'bounced_at': '2027-01-10T09:17:42Z', 'message_id': '<7c6b5a49-3827-4615-9a0b-1c2d3e4f5a6b@calapp>', 'reason':
            '550 5.1.1 The email account that you tried to reach does not exist', 'recipient': 'grace@example.com'}

    Attributes:
        message_id (str): The bounced email's Message-ID header (<delivery_id@calapp>; the angle brackets are optional)
        bounced_at (datetime.datetime | Unset): When it bounced (default: now)
        reason (None | str | Unset): The provider's diagnostic
        recipient (str | Unset): The bounced address; must match when given
    """

    message_id: str
    bounced_at: datetime.datetime | Unset = UNSET
    reason: None | str | Unset = UNSET
    recipient: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        message_id = self.message_id

        bounced_at: str | Unset = UNSET
        if not isinstance(self.bounced_at, Unset):
            bounced_at = self.bounced_at.isoformat()

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        recipient = self.recipient

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "message_id": message_id,
            }
        )
        if bounced_at is not UNSET:
            field_dict["bounced_at"] = bounced_at
        if reason is not UNSET:
            field_dict["reason"] = reason
        if recipient is not UNSET:
            field_dict["recipient"] = recipient

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message_id = d.pop("message_id")

        _bounced_at = d.pop("bounced_at", UNSET)
        bounced_at: datetime.datetime | Unset
        if isinstance(_bounced_at, Unset):
            bounced_at = UNSET
        else:
            bounced_at = datetime.datetime.fromisoformat(_bounced_at)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        recipient = d.pop("recipient", UNSET)

        bounce = cls(
            message_id=message_id,
            bounced_at=bounced_at,
            reason=reason,
            recipient=recipient,
        )

        return bounce
