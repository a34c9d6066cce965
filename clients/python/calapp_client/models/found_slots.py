from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.found_slot import FoundSlot


T = TypeVar("T", bound="FoundSlots")


@_attrs_define
class FoundSlots:
    """
    Example:
        {'calendar_ids': ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10'], 'duration_minutes': 30, 'min_required': 1,
            'optional_participants': ['bob@example.com', 'carol@example.com'], 'participants': ['ada@example.com',
            '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'], 'schedule_id': None, 'slots': [{'end': '2027-01-11T10:30:00Z',
            'optional_free': ['bob@example.com', 'carol@example.com'], 'optional_free_count': 2, 'start':
            '2027-01-11T10:00:00Z'}, {'end': '2027-01-11T09:30:00Z', 'optional_free': ['carol@example.com'],
            'optional_free_count': 1, 'start': '2027-01-11T09:00:00Z'}], 'timezone': 'Europe/London'}

    Attributes:
        calendar_ids (list[UUID]):
        duration_minutes (int):
        participants (list[str]): The required participants, as given
        schedule_id (None | UUID): The schedule used
        slots (list[FoundSlot]): By start; with optional_participants, those with the most of them free first, then by
            start
        timezone (str):
        min_required (int | Unset): With optional_participants: as asked
        optional_participants (list[str] | Unset): The optional participants, as given (if any)
    """

    calendar_ids: list[UUID]
    duration_minutes: int
    participants: list[str]
    schedule_id: None | UUID
    slots: list[FoundSlot]
    timezone: str
    min_required: int | Unset = UNSET
    optional_participants: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        calendar_ids = []
        for calendar_ids_item_data in self.calendar_ids:
            calendar_ids_item = str(calendar_ids_item_data)
            calendar_ids.append(calendar_ids_item)

        duration_minutes = self.duration_minutes

        participants = self.participants

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

        min_required = self.min_required

        optional_participants: list[str] | Unset = UNSET
        if not isinstance(self.optional_participants, Unset):
            optional_participants = self.optional_participants

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "calendar_ids": calendar_ids,
                "duration_minutes": duration_minutes,
                "participants": participants,
                "schedule_id": schedule_id,
                "slots": slots,
                "timezone": timezone,
            }
        )
        if min_required is not UNSET:
            field_dict["min_required"] = min_required
        if optional_participants is not UNSET:
            field_dict["optional_participants"] = optional_participants

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.found_slot import FoundSlot  # noqa: PLC0415

        d = dict(src_dict)
        calendar_ids = []
        _calendar_ids = d.pop("calendar_ids")
        for calendar_ids_item_data in _calendar_ids:
            calendar_ids_item = UUID(calendar_ids_item_data)

            calendar_ids.append(calendar_ids_item)

        duration_minutes = d.pop("duration_minutes")

        participants = cast(list[str], d.pop("participants"))

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
            slots_item = FoundSlot.from_dict(slots_item_data)

            slots.append(slots_item)

        timezone = d.pop("timezone")

        min_required = d.pop("min_required", UNSET)

        optional_participants = cast(list[str], d.pop("optional_participants", UNSET))

        found_slots = cls(
            calendar_ids=calendar_ids,
            duration_minutes=duration_minutes,
            participants=participants,
            schedule_id=schedule_id,
            slots=slots,
            timezone=timezone,
            min_required=min_required,
            optional_participants=optional_participants,
        )

        return found_slots
