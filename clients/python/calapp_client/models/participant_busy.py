from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.busy_block import BusyBlock


T = TypeVar("T", bound="ParticipantBusy")


@_attrs_define
class ParticipantBusy:
    """
    Attributes:
        busy (list[BusyBlock]): Merged busy blocks of their shared calendars
        participant (str): As you gave it
    """

    busy: list[BusyBlock]
    participant: str

    def to_dict(self) -> dict[str, Any]:
        busy = []
        for busy_item_data in self.busy:
            busy_item = busy_item_data.to_dict()
            busy.append(busy_item)

        participant = self.participant

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "busy": busy,
                "participant": participant,
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

        participant = d.pop("participant")

        participant_busy = cls(
            busy=busy,
            participant=participant,
        )

        return participant_busy
