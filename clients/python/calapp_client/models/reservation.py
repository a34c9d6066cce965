from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.reservation_status import ReservationStatus

if TYPE_CHECKING:
    from ..models.booking import Booking
    from ..models.event import Event


T = TypeVar("T", bound="Reservation")


@_attrs_define
class Reservation:
    """
    Example:
        {'booking': {'id': '6f5e4d3c-2b1a-4098-8776-5a4b3c2d1e0f', 'manage_token': 'mT9qL2vX7cR4nB8kW1zY5hJ3',
            'slot_end': '2027-01-13T13:30:00Z', 'slot_start': '2027-01-13T13:00:00Z', 'status': 'active'}, 'event':
            {'all_day': False, 'attachments': [], 'attendees': [{'email': 'grace@example.com', 'id':
            '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', 'name': 'Grace Hopper', 'status': 'accepted', 'user_id': None}],
            'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'created_at': '2026-12-05T14:03:00Z', 'created_by': None,
            'description': 'Booked by Grace Hopper <grace@example.com> through a booking link.\\n\\nNotes from Grace
            Hopper:\\nAbout the compiler project', 'end_date': None, 'end_time': '2027-01-13T13:30:00Z', 'exdates': [],
            'ical_uid': 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70@calapp', 'id': 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70',
            'location': None, 'original_start_time': None, 'rdates': [], 'recurrence_rule': None, 'reminders': [],
            'sequence': 0, 'series_id': None, 'source': None, 'start_date': None, 'start_time': '2027-01-13T13:00:00Z',
            'status': 'confirmed', 'tags': [], 'timezone': 'Europe/London', 'title': 'Intro call with Ada', 'transparency':
            'busy', 'updated_at': '2026-12-05T14:03:00Z', 'updated_by': None}, 'ok': True, 'status': 'confirmed'}

    Attributes:
        booking (Booking):
        event (Event):  Example: {'all_day': False, 'attachments': [], 'attendees': [{'email': 'charles@example.com',
            'id': 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', 'name': 'Charles Babbage', 'status': 'accepted', 'user_id':
            '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'}], 'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'created_at':
            '2026-12-05T14:03:00Z', 'created_by': '7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d', 'description': 'Priorities for the
            week', 'end_date': None, 'end_time': '2027-01-11T10:00:00Z', 'exdates': [], 'ical_uid':
            '5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60@calapp', 'id': '5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60', 'location': 'Room
            4.12', 'original_start_time': None, 'rdates': [], 'recurrence_rule': 'FREQ=WEEKLY;BYDAY=MO', 'reminders':
            [{'id': 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', 'minutes_before': 10, 'notify_attendees': False}], 'sequence':
            0, 'series_id': None, 'source': None, 'start_date': None, 'start_time': '2027-01-11T09:30:00Z', 'status':
            'confirmed', 'tags': ['team'], 'timezone': 'Europe/London', 'title': 'Weekly planning', 'transparency': 'busy',
            'updated_at': '2026-12-05T14:03:00Z', 'updated_by': '7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d'}.
        ok (bool):  Example: True.
        status (ReservationStatus): confirmed: booked. pending: the link requires the owner's confirmation; the slot is
            held for you (the event is tentative) until the owner approves or declines, and you are told by email
    """

    booking: Booking
    event: Event
    ok: bool
    status: ReservationStatus

    def to_dict(self) -> dict[str, Any]:
        booking = self.booking.to_dict()

        event = self.event.to_dict()

        ok = self.ok

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "booking": booking,
                "event": event,
                "ok": ok,
                "status": status,
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

        status = ReservationStatus(d.pop("status"))

        reservation = cls(
            booking=booking,
            event=event,
            ok=ok,
            status=status,
        )

        return reservation
