from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.api_key import ApiKey


T = TypeVar("T", bound="ApiKeyPage")


@_attrs_define
class ApiKeyPage:
    """
    Example:
        {'items': [{'created_at': '2026-12-02T08:00:00Z', 'expires_at': '2027-06-30T00:00:00Z', 'id':
            'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f', 'last_used_at': '2026-12-04T16:42:10Z', 'name': 'Scheduling assistant',
            'prefix': 'cal_Xk3v9Q', 'revoked_at': None, 'scopes': ['availability:read', 'calendars:read', 'events:read',
            'events:write']}], 'next_cursor': None}

    Attributes:
        items (list[ApiKey]):
        next_cursor (None | str): Cursor of the next page; null on the last
    """

    items: list[ApiKey]
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
        from ..models.api_key import ApiKey  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ApiKey.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        api_key_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        return api_key_page
