from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.booking import Booking
    from ..models.event import Event


T = TypeVar("T", bound="BookingChange")


@_attrs_define
class BookingChange:
    """
    Attributes:
        booking (Booking):
        event (Event | None): The booking as the visitor sees it: the link's title and description, the slot, and the
            visitor's name, email and notes as sent in this request (the booking's own for cancel and reschedule). Never
            what the owner added to the event later (notes, other attendees, location, reminders); `user_id` of the attendee
            is always null. Null when the owner has deleted the event
        ok (bool):  Example: True.
    """

    booking: Booking
    event: Event | None
    ok: bool

    def to_dict(self) -> dict[str, Any]:
        from ..models.event import Event  # noqa: PLC0415

        booking = self.booking.to_dict()

        event: dict[str, Any] | None
        if isinstance(self.event, Event):
            event = self.event.to_dict()
        else:
            event = self.event

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

        def _parse_event(data: object) -> Event | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                event_type_0 = Event.from_dict(data)

                return event_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Event | None, data)

        event = _parse_event(d.pop("event"))

        ok = d.pop("ok")

        booking_change = cls(
            booking=booking,
            event=event,
            ok=ok,
        )

        return booking_change
