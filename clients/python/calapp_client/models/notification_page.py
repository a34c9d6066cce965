from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.notification import Notification


T = TypeVar("T", bound="NotificationPage")


@_attrs_define
class NotificationPage:
    """
    Example:
        {'items': [{'body': 'Monday 11 January 2027, 09:30-10:00 (Europe/London), Room 4.12', 'created_at':
            '2027-01-11T09:20:01Z', 'data': {'due_at': '2027-01-11T09:20:00Z', 'event_id':
            '5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60', 'is_late': False, 'location': 'Room 4.12', 'minutes_before': 10,
            'occurrence_start': '2027-01-11T09:30:00Z', 'reminder_id': 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', 'series_id':
            '5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60'}, 'event_id': '5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60', 'id':
            '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b', 'kind': 'reminder', 'read_at': None, 'title': 'Weekly planning in 10
            minutes'}], 'next_cursor': None}

    Attributes:
        items (list[Notification]):
        next_cursor (None | str): Cursor of the next page; null on the last
    """

    items: list[Notification]
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
        from ..models.notification import Notification  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Notification.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        notification_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        return notification_page
