from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.reminder import Reminder


T = TypeVar("T", bound="ReminderList")


@_attrs_define
class ReminderList:
    """
    Example:
        {'items': [{'id': 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', 'minutes_before': 10, 'notify_attendees': True},
            {'id': 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f', 'minutes_before': 60, 'notify_attendees': True}]}

    Attributes:
        items (list[Reminder]):
    """

    items: list[Reminder]

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reminder import Reminder  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Reminder.from_dict(items_item_data)

            items.append(items_item)

        reminder_list = cls(
            items=items,
        )

        return reminder_list
