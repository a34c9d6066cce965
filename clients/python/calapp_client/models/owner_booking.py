from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.owner_booking_status import OwnerBookingStatus

if TYPE_CHECKING:
    from ..models.booked_link import BookedLink


T = TypeVar("T", bound="OwnerBooking")


@_attrs_define
class OwnerBooking:
    """
    Example:
        {'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'cancelled_at': None, 'created_at':
            '2027-01-10T09:15:00Z', 'decided_at': None, 'email': 'grace@example.com', 'event_id':
            'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70', 'id': '6f5e4d3c-2b1a-4098-8776-5a4b3c2d1e0f', 'link': {'title': 'Intro
            call with Ada', 'token': 'Hq3vN8xL2pWk'}, 'name': 'Grace Hopper', 'notes': 'About the compiler project',
            'reason': None, 'requires_confirmation': True, 'respond_by': '2027-01-11T09:15:00Z', 'slot_end':
            '2027-01-13T13:30:00Z', 'slot_start': '2027-01-13T13:00:00Z', 'status': 'pending', 'updated_at':
            '2027-01-10T09:15:00Z'}

    Attributes:
        calendar_id (UUID):
        cancelled_at (datetime.datetime | None):
        created_at (datetime.datetime):
        decided_at (datetime.datetime | None):
        email (str):
        event_id (None | UUID):
        id (UUID):
        link (BookedLink):
        name (None | str):
        notes (None | str):
        reason (None | str): The reason given with the approval or decline
        requires_confirmation (bool): Made through a link that requires confirmation
        respond_by (datetime.datetime | None): While pending: it is declined if not answered by then
        slot_end (datetime.datetime):
        slot_start (datetime.datetime):
        status (OwnerBookingStatus): pending: waits for your answer (its event is tentative and holds the slot);
            confirmed; declined (by you, or not answered by respond_by); cancelled (by the visitor, or its event was
            cancelled or deleted)
        updated_at (datetime.datetime):
    """

    calendar_id: UUID
    cancelled_at: datetime.datetime | None
    created_at: datetime.datetime
    decided_at: datetime.datetime | None
    email: str
    event_id: None | UUID
    id: UUID
    link: BookedLink
    name: None | str
    notes: None | str
    reason: None | str
    requires_confirmation: bool
    respond_by: datetime.datetime | None
    slot_end: datetime.datetime
    slot_start: datetime.datetime
    status: OwnerBookingStatus
    updated_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        calendar_id = str(self.calendar_id)

        cancelled_at: None | str
        if isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        created_at = self.created_at.isoformat()

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        email = self.email

        event_id: None | str
        if isinstance(self.event_id, UUID):
            event_id = str(self.event_id)
        else:
            event_id = self.event_id

        id = str(self.id)

        link = self.link.to_dict()

        name: None | str
        name = self.name

        notes: None | str
        notes = self.notes

        reason: None | str
        reason = self.reason

        requires_confirmation = self.requires_confirmation

        respond_by: None | str
        if isinstance(self.respond_by, datetime.datetime):
            respond_by = self.respond_by.isoformat()
        else:
            respond_by = self.respond_by

        slot_end = self.slot_end.isoformat()

        slot_start = self.slot_start.isoformat()

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "calendar_id": calendar_id,
                "cancelled_at": cancelled_at,
                "created_at": created_at,
                "decided_at": decided_at,
                "email": email,
                "event_id": event_id,
                "id": id,
                "link": link,
                "name": name,
                "notes": notes,
                "reason": reason,
                "requires_confirmation": requires_confirmation,
                "respond_by": respond_by,
                "slot_end": slot_end,
                "slot_start": slot_start,
                "status": status,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.booked_link import BookedLink  # noqa: PLC0415

        d = dict(src_dict)
        calendar_id = UUID(d.pop("calendar_id"))

        def _parse_cancelled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        email = d.pop("email")

        def _parse_event_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                event_id_type_0 = UUID(data)

                return event_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        event_id = _parse_event_id(d.pop("event_id"))

        id = UUID(d.pop("id"))

        link = BookedLink.from_dict(d.pop("link"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        def _parse_notes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notes = _parse_notes(d.pop("notes"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        requires_confirmation = d.pop("requires_confirmation")

        def _parse_respond_by(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                respond_by_type_0 = datetime.datetime.fromisoformat(data)

                return respond_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        respond_by = _parse_respond_by(d.pop("respond_by"))

        slot_end = datetime.datetime.fromisoformat(d.pop("slot_end"))

        slot_start = datetime.datetime.fromisoformat(d.pop("slot_start"))

        status = OwnerBookingStatus(d.pop("status"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        owner_booking = cls(
            calendar_id=calendar_id,
            cancelled_at=cancelled_at,
            created_at=created_at,
            decided_at=decided_at,
            email=email,
            event_id=event_id,
            id=id,
            link=link,
            name=name,
            notes=notes,
            reason=reason,
            requires_confirmation=requires_confirmation,
            respond_by=respond_by,
            slot_end=slot_end,
            slot_start=slot_start,
            status=status,
            updated_at=updated_at,
        )

        return owner_booking
