from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deleted_event import DeletedEvent
    from ..models.event import Event


T = TypeVar("T", bound="EventSyncPage")


@_attrs_define
class EventSyncPage:
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
            None, 'next_sync_token': 'eyJwIjoxMjg0fQ.k1Xc3Qz8bA0'}

    Attributes:
        items (list[DeletedEvent | Event]):
        next_cursor (None | str): Cursor of the next page; null on the last
        next_sync_token (None | str | Unset): On the last page of a full listing (no window, no search) or of a sync:
            pass it as sync_token to get what changed since. null on other pages and other listings.
    """

    items: list[DeletedEvent | Event]
    next_cursor: None | str
    next_sync_token: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.event import Event  # noqa: PLC0415

        items = []
        for items_item_data in self.items:
            items_item: dict[str, Any]
            if isinstance(items_item_data, Event):
                items_item = items_item_data.to_dict()
            else:
                items_item = items_item_data.to_dict()

            items.append(items_item)

        next_cursor: None | str
        next_cursor = self.next_cursor

        next_sync_token: None | str | Unset
        if isinstance(self.next_sync_token, Unset):
            next_sync_token = UNSET
        else:
            next_sync_token = self.next_sync_token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
                "next_cursor": next_cursor,
            }
        )
        if next_sync_token is not UNSET:
            field_dict["next_sync_token"] = next_sync_token

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deleted_event import DeletedEvent  # noqa: PLC0415
        from ..models.event import Event  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:

            def _parse_items_item(data: object) -> DeletedEvent | Event:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    items_item_type_0 = Event.from_dict(data)

                    return items_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                items_item_type_1 = DeletedEvent.from_dict(data)

                return items_item_type_1

            items_item = _parse_items_item(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        def _parse_next_sync_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_sync_token = _parse_next_sync_token(d.pop("next_sync_token", UNSET))

        event_sync_page = cls(
            items=items,
            next_cursor=next_cursor,
            next_sync_token=next_sync_token,
        )

        return event_sync_page
