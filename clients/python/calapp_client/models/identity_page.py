from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.identity import Identity


T = TypeVar("T", bound="IdentityPage")


@_attrs_define
class IdentityPage:
    """
    Example:
        {'items': [{'email': 'ada@example.com', 'id': '3b9e8f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b', 'last_sign_in_at':
            '2026-12-03T08:02:00Z', 'linked_at': '2026-12-01T10:15:00Z', 'provider': 'google', 'subject':
            '110248495921238986420'}], 'next_cursor': None}

    Attributes:
        items (list[Identity]):
        next_cursor (None | str): Cursor of the next page; null on the last
    """

    items: list[Identity]
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
        from ..models.identity import Identity  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Identity.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        identity_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        return identity_page
