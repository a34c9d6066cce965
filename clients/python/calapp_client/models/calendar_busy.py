from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.busy_block import BusyBlock


T = TypeVar("T", bound="CalendarBusy")


@_attrs_define
class CalendarBusy:
    """
    Attributes:
        busy (list[BusyBlock]):
        calendar_id (UUID):
    """

    busy: list[BusyBlock]
    calendar_id: UUID

    def to_dict(self) -> dict[str, Any]:
        busy = []
        for busy_item_data in self.busy:
            busy_item = busy_item_data.to_dict()
            busy.append(busy_item)

        calendar_id = str(self.calendar_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "busy": busy,
                "calendar_id": calendar_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.busy_block import BusyBlock  # noqa: PLC0415

        d = dict(src_dict)
        busy = []
        _busy = d.pop("busy")
        for busy_item_data in _busy:
            busy_item = BusyBlock.from_dict(busy_item_data)

            busy.append(busy_item)

        calendar_id = UUID(d.pop("calendar_id"))

        calendar_busy = cls(
            busy=busy,
            calendar_id=calendar_id,
        )

        return calendar_busy
