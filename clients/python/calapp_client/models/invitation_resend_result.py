from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.invitation import Invitation


T = TypeVar("T", bound="InvitationResendResult")


@_attrs_define
class InvitationResendResult:
    """
    Example:
        {'items': [{'attempts': [{'duration_ms': 84, 'error': "SMTPRecipientsRefused: {'grace@example.com': (550,
            b'5.1.1 User unknown')}", 'number': 1, 'outcome': 'failed', 'started_at': '2027-01-10T09:15:01Z'}],
            'attendee_id': '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', 'bounced_at': None, 'delivery_id':
            '7c6b5a49-3827-4615-9a0b-1c2d3e4f5a6b', 'email': 'grace@example.com', 'error': "SMTPRecipientsRefused:
            {'grace@example.com': (550, b'5.1.1 User unknown')}", 'method': 'REQUEST', 'name': 'Grace Hopper', 'queued_at':
            '2027-01-10T09:15:00Z', 'sent_at': None, 'sequence': 0, 'state': 'queued'}], 'resent': 1}

    Attributes:
        items (list[Invitation]): The state of every recipient concerned, after
        resent (int): Invitations queued by this call
    """

    items: list[Invitation]
    resent: int

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        resent = self.resent

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
                "resent": resent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invitation import Invitation  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Invitation.from_dict(items_item_data)

            items.append(items_item)

        resent = d.pop("resent")

        invitation_resend_result = cls(
            items=items,
            resent=resent,
        )

        return invitation_resend_result
