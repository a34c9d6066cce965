from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.owner_booking import OwnerBooking


T = TypeVar("T", bound="OwnerBookingPage")


@_attrs_define
class OwnerBookingPage:
    """
    Example:
        {'items': [{'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'cancelled_at': None, 'created_at':
            '2027-01-10T09:15:00Z', 'decided_at': None, 'email': 'grace@example.com', 'event_id':
            'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70', 'id': '6f5e4d3c-2b1a-4098-8776-5a4b3c2d1e0f', 'link': {'title': 'Intro
            call with Ada', 'token': 'Hq3vN8xL2pWk'}, 'name': 'Grace Hopper', 'notes': 'About the compiler project',
            'reason': None, 'requires_confirmation': True, 'respond_by': '2027-01-11T09:15:00Z', 'slot_end':
            '2027-01-13T13:30:00Z', 'slot_start': '2027-01-13T13:00:00Z', 'status': 'pending', 'updated_at':
            '2027-01-10T09:15:00Z'}], 'next_cursor': None}

    Attributes:
        items (list[OwnerBooking]):
        next_cursor (None | str): Cursor of the next page; null on the last
    """

    items: list[OwnerBooking]
    next_cursor: None | str

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        next_cursor: None | str
        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
                "next_cursor": next_cursor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.owner_booking import OwnerBooking  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = OwnerBooking.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        owner_booking_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        return owner_booking_page
