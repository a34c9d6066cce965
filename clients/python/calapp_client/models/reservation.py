from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.booking import Booking
    from ..models.event import Event


T = TypeVar("T", bound="Reservation")


@_attrs_define
class Reservation:
    """
    Attributes:
        booking (Booking):
        event (Event):
        ok (bool):  Example: True.
    """

    booking: Booking
    event: Event
    ok: bool

    def to_dict(self) -> dict[str, Any]:
        booking = self.booking.to_dict()

        event = self.event.to_dict()

        ok = self.ok

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "booking": booking,
                "event": event,
                "ok": ok,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.booking import Booking  # noqa: PLC0415
        from ..models.event import Event  # noqa: PLC0415

        d = dict(src_dict)
        booking = Booking.from_dict(d.pop("booking"))

        event = Event.from_dict(d.pop("event"))

        ok = d.pop("ok")

        reservation = cls(
            booking=booking,
            event=event,
            ok=ok,
        )

        return reservation
