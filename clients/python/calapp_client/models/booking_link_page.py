from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.booking_link import BookingLink


T = TypeVar("T", bound="BookingLinkPage")


@_attrs_define
class BookingLinkPage:
    """
    Example:
        {'items': [{'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'created_at': '2026-12-05T14:10:00Z',
            'public_url': 'https://calendar.example.com/booking/Hq3vN8xL2pWk', 'settings': {'active': True,
            'buffer_minutes': 10, 'confirmation_timeout_hours': 24, 'description': None, 'duration_minutes': 30,
            'max_bookings_per_day': None, 'max_days_ahead': 30, 'min_notice_minutes': 120, 'requires_confirmation': False,
            'schedule_id': None, 'slot_interval_minutes': 30, 'timezone': 'Europe/London', 'title': 'Intro call with Ada',
            'working_hours': {'fri': [], 'mon': [{'end': '12:00', 'start': '09:00'}], 'sat': [], 'sun': [], 'thu': [],
            'tue': [], 'wed': [{'end': '17:00', 'start': '13:00'}]}}, 'token': 'Hq3vN8xL2pWk', 'updated_at':
            '2026-12-05T14:10:00Z'}], 'next_cursor': None}

    Attributes:
        items (list[BookingLink]):
        next_cursor (None | str): Cursor of the next page; null on the last
    """

    items: list[BookingLink]
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
        from ..models.booking_link import BookingLink  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = BookingLink.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        booking_link_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        return booking_link_page
