from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.member import Member


T = TypeVar("T", bound="MemberPage")


@_attrs_define
class MemberPage:
    """
    Example:
        {'items': [{'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'created_at': '2026-12-03T09:00:00Z',
            'email': 'charles@example.com', 'name': 'Charles Babbage', 'role': 'editor', 'updated_at':
            '2026-12-03T09:00:00Z', 'user_id': '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'}], 'next_cursor': None}

    Attributes:
        items (list[Member]):
        next_cursor (None | str): Cursor of the next page; null on the last
    """

    items: list[Member]
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
        from ..models.member import Member  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Member.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        member_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        return member_page
