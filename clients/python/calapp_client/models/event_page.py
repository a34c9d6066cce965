from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.event import Event


T = TypeVar("T", bound="EventPage")


@_attrs_define
class EventPage:
    """
    Example:
        {'items': [{'all_day': False, 'attachments': [], 'attendees': [{'email': 'charles@example.com', 'id':
            'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', 'name': 'Charles Babbage', 'status': 'accepted', 'user_id':
            '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'}], 'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'created_at':
            '2026-12-05T14:03:00Z', 'created_by': '7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d', 'description': 'Priorities for the
            week', 'end_date': None, 'end_time': '2027-01-11T10:00:00Z', 'exdates': [], 'ical_uid':
            '5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60@calapp', 'id': '5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60', 'location': 'Room
            4.12', 'original_start_time': None, 'rdates': [], 'recurrence_rule': 'FREQ=WEEKLY;BYDAY=MO', 'reminders':
            [{'id': 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', 'minutes_before': 10, 'notify_attendees': False}], 'sequence':
            0, 'series_id': None, 'source': None, 'start_date': None, 'start_time': '2027-01-11T09:30:00Z', 'status':
            'confirmed', 'tags': ['team'], 'timezone': 'Europe/London', 'title': 'Weekly planning', 'transparency': 'busy',
            'updated_at': '2026-12-05T14:03:00Z', 'updated_by': '7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d'}], 'next_cursor':
            None}

    Attributes:
        items (list[Event]):
        next_cursor (None | str): Cursor of the next page; null on the last
    """

    items: list[Event]
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
        from ..models.event import Event  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Event.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        event_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        return event_page
