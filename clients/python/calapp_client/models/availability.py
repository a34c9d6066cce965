from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.busy_block import BusyBlock
    from ..models.calendar_busy import CalendarBusy


T = TypeVar("T", bound="Availability")


@_attrs_define
class Availability:
    """
    Example:
        {'busy': [{'end': '2027-01-11T10:00:00Z', 'start': '2027-01-11T09:30:00Z'}], 'calendar_id':
            '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'calendars': [{'busy': [{'end': '2027-01-11T10:00:00Z', 'start':
            '2027-01-11T09:30:00Z'}], 'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10'}], 'end':
            '2027-01-12T00:00:00Z', 'start': '2027-01-11T00:00:00Z'}

    Attributes:
        busy (list[BusyBlock]): Merged busy blocks of all the calendars
        calendar_id (UUID): The first calendar asked for
        calendars (list[CalendarBusy]): Busy blocks of each calendar, in the order asked
        end (datetime.datetime):
        start (datetime.datetime):
    """

    busy: list[BusyBlock]
    calendar_id: UUID
    calendars: list[CalendarBusy]
    end: datetime.datetime
    start: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        busy = []
        for busy_item_data in self.busy:
            busy_item = busy_item_data.to_dict()
            busy.append(busy_item)

        calendar_id = str(self.calendar_id)

        calendars = []
        for calendars_item_data in self.calendars:
            calendars_item = calendars_item_data.to_dict()
            calendars.append(calendars_item)

        end = self.end.isoformat()

        start = self.start.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "busy": busy,
                "calendar_id": calendar_id,
                "calendars": calendars,
                "end": end,
                "start": start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.busy_block import BusyBlock  # noqa: PLC0415
        from ..models.calendar_busy import CalendarBusy  # noqa: PLC0415

        d = dict(src_dict)
        busy = []
        _busy = d.pop("busy")
        for busy_item_data in _busy:
            busy_item = BusyBlock.from_dict(busy_item_data)

            busy.append(busy_item)

        calendar_id = UUID(d.pop("calendar_id"))

        calendars = []
        _calendars = d.pop("calendars")
        for calendars_item_data in _calendars:
            calendars_item = CalendarBusy.from_dict(calendars_item_data)

            calendars.append(calendars_item)

        end = datetime.datetime.fromisoformat(d.pop("end"))

        start = datetime.datetime.fromisoformat(d.pop("start"))

        availability = cls(
            busy=busy,
            calendar_id=calendar_id,
            calendars=calendars,
            end=end,
            start=start,
        )

        return availability
