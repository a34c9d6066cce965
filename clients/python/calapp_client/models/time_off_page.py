from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.time_off import TimeOff


T = TypeVar("T", bound="TimeOffPage")


@_attrs_define
class TimeOffPage:
    """
    Example:
        {'items': [{'all_day': True, 'created_at': '2026-12-05T09:00:00Z', 'end_date': '2027-04-09', 'end_time':
            '2027-04-09T22:00:00Z', 'id': '8b2d4f6a-1c3e-4a5b-9d7f-0e2c4a6b8d10', 'reason': 'Family visit', 'start_date':
            '2027-04-06', 'start_time': '2027-04-05T22:00:00Z', 'timezone': 'Europe/Berlin', 'updated_at':
            '2026-12-05T09:00:00Z'}], 'next_cursor': None}

    Attributes:
        items (list[TimeOff]):
        next_cursor (None | str): Cursor of the next page; null on the last
    """

    items: list[TimeOff]
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
        from ..models.time_off import TimeOff  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = TimeOff.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        time_off_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        return time_off_page
