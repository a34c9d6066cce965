from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.booking_status import BookingStatus

T = TypeVar("T", bound="Booking")


@_attrs_define
class Booking:
    """
    Attributes:
        id (UUID):
        manage_token (None | str): Secret to cancel or reschedule: shown once, in the response that created the booking;
            null otherwise
        slot_end (datetime.datetime):
        slot_start (datetime.datetime):
        status (BookingStatus):
    """

    id: UUID
    manage_token: None | str
    slot_end: datetime.datetime
    slot_start: datetime.datetime
    status: BookingStatus

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        manage_token: None | str
        manage_token = self.manage_token

        slot_end = self.slot_end.isoformat()

        slot_start = self.slot_start.isoformat()

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "manage_token": manage_token,
                "slot_end": slot_end,
                "slot_start": slot_start,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        def _parse_manage_token(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        manage_token = _parse_manage_token(d.pop("manage_token"))

        slot_end = datetime.datetime.fromisoformat(d.pop("slot_end"))

        slot_start = datetime.datetime.fromisoformat(d.pop("slot_start"))

        status = BookingStatus(d.pop("status"))

        booking = cls(
            id=id,
            manage_token=manage_token,
            slot_end=slot_end,
            slot_start=slot_start,
            status=status,
        )

        return booking
