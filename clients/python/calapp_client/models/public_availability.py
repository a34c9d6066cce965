from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.time_slot import TimeSlot


T = TypeVar("T", bound="PublicAvailability")


@_attrs_define
class PublicAvailability:
    """
    Example:
        {'duration_minutes': 30, 'slots': [{'end': '2027-01-13T13:30:00Z', 'start': '2027-01-13T13:00:00Z'}, {'end':
            '2027-01-13T14:00:00Z', 'start': '2027-01-13T13:30:00Z'}], 'timezone': 'Europe/London', 'token': 'Hq3vN8xL2pWk'}

    Attributes:
        duration_minutes (int):
        slots (list[TimeSlot]):
        timezone (str):
        token (str):
    """

    duration_minutes: int
    slots: list[TimeSlot]
    timezone: str
    token: str

    def to_dict(self) -> dict[str, Any]:
        duration_minutes = self.duration_minutes

        slots = []
        for slots_item_data in self.slots:
            slots_item = slots_item_data.to_dict()
            slots.append(slots_item)

        timezone = self.timezone

        token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "duration_minutes": duration_minutes,
                "slots": slots,
                "timezone": timezone,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.time_slot import TimeSlot  # noqa: PLC0415

        d = dict(src_dict)
        duration_minutes = d.pop("duration_minutes")

        slots = []
        _slots = d.pop("slots")
        for slots_item_data in _slots:
            slots_item = TimeSlot.from_dict(slots_item_data)

            slots.append(slots_item)

        timezone = d.pop("timezone")

        token = d.pop("token")

        public_availability = cls(
            duration_minutes=duration_minutes,
            slots=slots,
            timezone=timezone,
            token=token,
        )

        return public_availability
