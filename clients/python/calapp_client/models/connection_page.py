from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.connection import Connection


T = TypeVar("T", bound="ConnectionPage")


@_attrs_define
class ConnectionPage:
    """
    Example:
        {'items': [{'calendars': [], 'consecutive_failures': 0, 'created_at': '2026-12-01T10:00:00Z', 'has_password':
            True, 'id': '4a0c1c9e-7e39-4a53-9a5b-3f4f1d2e6a10', 'kind': 'caldav', 'last_error': None, 'last_synced_at':
            '2026-12-01T10:20:00Z', 'name': 'iCloud', 'next_sync_at': '2026-12-01T10:35:00Z', 'state': 'active',
            'sync_interval_minutes': 15, 'sync_requested_at': None, 'updated_at': '2026-12-01T10:20:00Z', 'url':
            'https://caldav.icloud.com/', 'username': 'ada@icloud.com'}], 'next_cursor': None}

    Attributes:
        items (list[Connection]):
        next_cursor (None | str): Cursor of the next page; null on the last
    """

    items: list[Connection]
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
        from ..models.connection import Connection  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Connection.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        connection_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        return connection_page
