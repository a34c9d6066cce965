from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.calendar import Calendar
    from ..models.deleted_calendar import DeletedCalendar


T = TypeVar("T", bound="CalendarSyncPage")


@_attrs_define
class CalendarSyncPage:
    """
    Example:
        {'items': [{'color': '#3366CC', 'connection_id': None, 'created_at': '2026-12-01T10:20:00Z', 'description':
            'Meetings and office hours', 'id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'is_public': False, 'name': 'Work',
            'owner_id': '7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d', 'public_url': None, 'role': 'owner', 'source': None,
            'timezone': 'Europe/London', 'updated_at': '2026-12-01T10:20:00Z', 'webcal_url': None}], 'next_cursor': None,
            'next_sync_token': 'eyJwIjoxMjg0fQ.k1Xc3Qz8bA0'}

    Attributes:
        items (list[Calendar | DeletedCalendar]):
        next_cursor (None | str): Cursor of the next page; null on the last
        next_sync_token (None | str | Unset): On the last page of a full listing (no window, no search) or of a sync:
            pass it as sync_token to get what changed since. null on other pages and other listings.
    """

    items: list[Calendar | DeletedCalendar]
    next_cursor: None | str
    next_sync_token: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.calendar import Calendar  # noqa: PLC0415

        items = []
        for items_item_data in self.items:
            items_item: dict[str, Any]
            if isinstance(items_item_data, Calendar):
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
        from ..models.calendar import Calendar  # noqa: PLC0415
        from ..models.deleted_calendar import DeletedCalendar  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:

            def _parse_items_item(data: object) -> Calendar | DeletedCalendar:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    items_item_type_0 = Calendar.from_dict(data)

                    return items_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                items_item_type_1 = DeletedCalendar.from_dict(data)

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

        calendar_sync_page = cls(
            items=items,
            next_cursor=next_cursor,
            next_sync_token=next_sync_token,
        )

        return calendar_sync_page
