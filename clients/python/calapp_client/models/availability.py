from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.busy_block import BusyBlock
    from ..models.calendar_busy import CalendarBusy
    from ..models.participant_busy import ParticipantBusy


T = TypeVar("T", bound="Availability")


@_attrs_define
class Availability:
    """
    Example:
        {'busy': [{'end': '2027-01-11T10:00:00Z', 'start': '2027-01-11T09:30:00Z'}], 'calendar_id':
            '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'calendars': [{'busy': [{'end': '2027-01-11T10:00:00Z', 'start':
            '2027-01-11T09:30:00Z'}], 'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10'}], 'end':
            '2027-01-12T00:00:00Z', 'participants': [], 'start': '2027-01-11T00:00:00Z'}

    Attributes:
        busy (list[BusyBlock]): Merged busy blocks of all the calendars and participants
        calendar_id (None | UUID): The first calendar asked for (null: none was)
        calendars (list[CalendarBusy]): Busy blocks of each calendar, in the order asked
        end (datetime.datetime):
        participants (list[ParticipantBusy]): Busy blocks of each participant, in the order asked
        start (datetime.datetime):
    """

    busy: list[BusyBlock]
    calendar_id: None | UUID
    calendars: list[CalendarBusy]
    end: datetime.datetime
    participants: list[ParticipantBusy]
    start: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        busy = []
        for busy_item_data in self.busy:
            busy_item = busy_item_data.to_dict()
            busy.append(busy_item)

        calendar_id: None | str
        if isinstance(self.calendar_id, UUID):
            calendar_id = str(self.calendar_id)
        else:
            calendar_id = self.calendar_id

        calendars = []
        for calendars_item_data in self.calendars:
            calendars_item = calendars_item_data.to_dict()
            calendars.append(calendars_item)

        end = self.end.isoformat()

        participants = []
        for participants_item_data in self.participants:
            participants_item = participants_item_data.to_dict()
            participants.append(participants_item)

        start = self.start.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "busy": busy,
                "calendar_id": calendar_id,
                "calendars": calendars,
                "end": end,
                "participants": participants,
                "start": start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.busy_block import BusyBlock  # noqa: PLC0415
        from ..models.calendar_busy import CalendarBusy  # noqa: PLC0415
        from ..models.participant_busy import ParticipantBusy  # noqa: PLC0415

        d = dict(src_dict)
        busy = []
        _busy = d.pop("busy")
        for busy_item_data in _busy:
            busy_item = BusyBlock.from_dict(busy_item_data)

            busy.append(busy_item)

        def _parse_calendar_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                calendar_id_type_0 = UUID(data)

                return calendar_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        calendar_id = _parse_calendar_id(d.pop("calendar_id"))

        calendars = []
        _calendars = d.pop("calendars")
        for calendars_item_data in _calendars:
            calendars_item = CalendarBusy.from_dict(calendars_item_data)

            calendars.append(calendars_item)

        end = datetime.datetime.fromisoformat(d.pop("end"))

        participants = []
        _participants = d.pop("participants")
        for participants_item_data in _participants:
            participants_item = ParticipantBusy.from_dict(participants_item_data)

            participants.append(participants_item)

        start = datetime.datetime.fromisoformat(d.pop("start"))

        availability = cls(
            busy=busy,
            calendar_id=calendar_id,
            calendars=calendars,
            end=end,
            participants=participants,
            start=start,
        )

        return availability
