from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.busy_block import BusyBlock
    from ..models.named_reason import NamedReason


T = TypeVar("T", bound="SlotExplanation")


@_attrs_define
class SlotExplanation:
    """
    Example:
        {'calendar_ids': ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10'], 'duration_minutes': 60, 'offered': False,
            'participants': [], 'reasons': [{'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'code': 'busy', 'end':
            '2027-01-11T11:00:00Z', 'event': {'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'id':
            '6f1d2c3b-4a5e-4f70-8b9c-0d1e2f3a4b5c', 'title': 'Quarterly review'}, 'message': 'The calendar is busy from
            2027-01-11T10:30:00Z to 2027-01-11T11:00:00Z', 'start': '2027-01-11T10:30:00Z'}], 'schedule_id': None, 'slot':
            {'end': '2027-01-11T11:00:00Z', 'start': '2027-01-11T10:00:00Z'}, 'timezone': 'Europe/London'}

    Attributes:
        calendar_ids (list[UUID]):
        duration_minutes (int):
        offered (bool): Would POST /availability/find offer this slot
        participants (list[str]): The participants as you gave them
        reasons (list[NamedReason]): Every rule the slot breaks; empty when offered
        schedule_id (None | UUID): The schedule used
        slot (BusyBlock):
        timezone (str):
    """

    calendar_ids: list[UUID]
    duration_minutes: int
    offered: bool
    participants: list[str]
    reasons: list[NamedReason]
    schedule_id: None | UUID
    slot: BusyBlock
    timezone: str

    def to_dict(self) -> dict[str, Any]:
        calendar_ids = []
        for calendar_ids_item_data in self.calendar_ids:
            calendar_ids_item = str(calendar_ids_item_data)
            calendar_ids.append(calendar_ids_item)

        duration_minutes = self.duration_minutes

        offered = self.offered

        participants = self.participants

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.to_dict()
            reasons.append(reasons_item)

        schedule_id: None | str
        if isinstance(self.schedule_id, UUID):
            schedule_id = str(self.schedule_id)
        else:
            schedule_id = self.schedule_id

        slot = self.slot.to_dict()

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "calendar_ids": calendar_ids,
                "duration_minutes": duration_minutes,
                "offered": offered,
                "participants": participants,
                "reasons": reasons,
                "schedule_id": schedule_id,
                "slot": slot,
                "timezone": timezone,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.busy_block import BusyBlock  # noqa: PLC0415
        from ..models.named_reason import NamedReason  # noqa: PLC0415

        d = dict(src_dict)
        calendar_ids = []
        _calendar_ids = d.pop("calendar_ids")
        for calendar_ids_item_data in _calendar_ids:
            calendar_ids_item = UUID(calendar_ids_item_data)

            calendar_ids.append(calendar_ids_item)

        duration_minutes = d.pop("duration_minutes")

        offered = d.pop("offered")

        participants = cast(list[str], d.pop("participants"))

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = NamedReason.from_dict(reasons_item_data)

            reasons.append(reasons_item)

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

        slot = BusyBlock.from_dict(d.pop("slot"))

        timezone = d.pop("timezone")

        slot_explanation = cls(
            calendar_ids=calendar_ids,
            duration_minutes=duration_minutes,
            offered=offered,
            participants=participants,
            reasons=reasons,
            schedule_id=schedule_id,
            slot=slot,
            timezone=timezone,
        )

        return slot_explanation
