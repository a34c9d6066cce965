from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.reason import Reason
    from ..models.time_slot import TimeSlot


T = TypeVar("T", bound="PublicSlotExplanation")


@_attrs_define
class PublicSlotExplanation:
    """
    Example:
        {'duration_minutes': 30, 'offered': False, 'reasons': [{'code': 'outside_working_hours', 'day': '2027-01-11',
            'message': 'The slot is not inside the working hours of 2027-01-11 (Europe/Madrid)', 'windows': [{'end':
            '2027-01-11T16:00:00Z', 'start': '2027-01-11T08:00:00Z'}]}, {'code': 'busy', 'end': '2027-01-11T17:15:00Z',
            'message': 'The calendar is busy from 2027-01-11T17:00:00Z to 2027-01-11T17:15:00Z', 'start':
            '2027-01-11T17:00:00Z'}], 'slot': {'end': '2027-01-11T17:15:00Z', 'start': '2027-01-11T16:45:00Z'}, 'timezone':
            'Europe/Madrid', 'token': 'Xq3v9bT2kLmN8pR4sW6yZ1aC5dE7fG0hJ2kL4mN6pQ8'}

    Attributes:
        duration_minutes (int):
        offered (bool): Is the slot in the link's availability now
        reasons (list[Reason]): Every rule the slot breaks; empty when offered
        slot (TimeSlot):
        timezone (str):
        token (str):
    """

    duration_minutes: int
    offered: bool
    reasons: list[Reason]
    slot: TimeSlot
    timezone: str
    token: str

    def to_dict(self) -> dict[str, Any]:
        duration_minutes = self.duration_minutes

        offered = self.offered

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.to_dict()
            reasons.append(reasons_item)

        slot = self.slot.to_dict()

        timezone = self.timezone

        token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "duration_minutes": duration_minutes,
                "offered": offered,
                "reasons": reasons,
                "slot": slot,
                "timezone": timezone,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reason import Reason  # noqa: PLC0415
        from ..models.time_slot import TimeSlot  # noqa: PLC0415

        d = dict(src_dict)
        duration_minutes = d.pop("duration_minutes")

        offered = d.pop("offered")

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = Reason.from_dict(reasons_item_data)

            reasons.append(reasons_item)

        slot = TimeSlot.from_dict(d.pop("slot"))

        timezone = d.pop("timezone")

        token = d.pop("token")

        public_slot_explanation = cls(
            duration_minutes=duration_minutes,
            offered=offered,
            reasons=reasons,
            slot=slot,
            timezone=timezone,
            token=token,
        )

        return public_slot_explanation
