from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.busy_block import BusyBlock


T = TypeVar("T", bound="FoundSlots")


@_attrs_define
class FoundSlots:
    """
    Example:
        {'calendar_ids': ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', '3e7a1c5b-2d4f-4b6a-9e8d-7c1b2a3f4e50'],
            'duration_minutes': 30, 'schedule_id': None, 'slots': [{'end': '2027-01-11T09:30:00Z', 'start':
            '2027-01-11T09:00:00Z'}, {'end': '2027-01-11T10:30:00Z', 'start': '2027-01-11T10:00:00Z'}], 'timezone':
            'Europe/London'}

    Attributes:
        calendar_ids (list[UUID]):
        duration_minutes (int):
        schedule_id (None | UUID): The schedule used
        slots (list[BusyBlock]):
        timezone (str):
    """

    calendar_ids: list[UUID]
    duration_minutes: int
    schedule_id: None | UUID
    slots: list[BusyBlock]
    timezone: str

    def to_dict(self) -> dict[str, Any]:
        calendar_ids = []
        for calendar_ids_item_data in self.calendar_ids:
            calendar_ids_item = str(calendar_ids_item_data)
            calendar_ids.append(calendar_ids_item)

        duration_minutes = self.duration_minutes

        schedule_id: None | str
        if isinstance(self.schedule_id, UUID):
            schedule_id = str(self.schedule_id)
        else:
            schedule_id = self.schedule_id

        slots = []
        for slots_item_data in self.slots:
            slots_item = slots_item_data.to_dict()
            slots.append(slots_item)

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "calendar_ids": calendar_ids,
                "duration_minutes": duration_minutes,
                "schedule_id": schedule_id,
                "slots": slots,
                "timezone": timezone,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.busy_block import BusyBlock  # noqa: PLC0415

        d = dict(src_dict)
        calendar_ids = []
        _calendar_ids = d.pop("calendar_ids")
        for calendar_ids_item_data in _calendar_ids:
            calendar_ids_item = UUID(calendar_ids_item_data)

            calendar_ids.append(calendar_ids_item)

        duration_minutes = d.pop("duration_minutes")

        def _parse_schedule_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                schedule_id_type_0 = UUID(data)

                return schedule_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        schedule_id = _parse_schedule_id(d.pop("schedule_id"))

        slots = []
        _slots = d.pop("slots")
        for slots_item_data in _slots:
            slots_item = BusyBlock.from_dict(slots_item_data)

            slots.append(slots_item)

        timezone = d.pop("timezone")

        found_slots = cls(
            calendar_ids=calendar_ids,
            duration_minutes=duration_minutes,
            schedule_id=schedule_id,
            slots=slots,
            timezone=timezone,
        )

        return found_slots
