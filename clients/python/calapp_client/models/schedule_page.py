from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.schedule import Schedule


T = TypeVar("T", bound="SchedulePage")


@_attrs_define
class SchedulePage:
    """
    Example:
        {'items': [{'created_at': '2026-12-05T09:00:00Z', 'date_overrides': [{'date': '2027-03-28', 'windows': [{'end':
            '14:00', 'start': '10:00'}]}, {'date': '2027-04-02', 'windows': []}], 'id':
            '5f0c7a2e-9b1d-4c3e-8a6f-2d4b1e7c9a30', 'is_default': True, 'name': 'Coaching hours', 'timezone':
            'Europe/Berlin', 'updated_at': '2026-12-05T09:00:00Z', 'weekly': {'fri': [{'end': '13:00', 'start': '09:00'}],
            'mon': [{'end': '12:00', 'start': '09:00'}, {'end': '17:00', 'start': '13:00'}], 'sat': [], 'sun': [], 'thu':
            [{'end': '17:00', 'start': '09:00'}], 'tue': [{'end': '17:00', 'start': '09:00'}], 'wed': [{'end': '17:00',
            'start': '09:00'}]}}], 'next_cursor': None}

    Attributes:
        items (list[Schedule]):
        next_cursor (None | str): Cursor of the next page; null on the last
    """

    items: list[Schedule]
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
        from ..models.schedule import Schedule  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Schedule.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        schedule_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        return schedule_page
