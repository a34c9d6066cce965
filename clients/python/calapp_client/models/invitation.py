from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.invitation_method_type_1 import InvitationMethodType1
from ..models.invitation_method_type_2_type_1 import InvitationMethodType2Type1
from ..models.invitation_method_type_3_type_1 import InvitationMethodType3Type1
from ..models.invitation_state import InvitationState

if TYPE_CHECKING:
    from ..models.invitation_attempt import InvitationAttempt


T = TypeVar("T", bound="Invitation")


@_attrs_define
class Invitation:
    """
    Example:
        {'attempts': [{'duration_ms': 84, 'error': "SMTPRecipientsRefused: {'grace@example.com': (550, b'5.1.1 User
            unknown')}", 'number': 1, 'outcome': 'failed', 'started_at': '2027-01-10T09:15:01Z'}], 'attendee_id':
            '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', 'bounced_at': None, 'delivery_id':
            '7c6b5a49-3827-4615-9a0b-1c2d3e4f5a6b', 'email': 'grace@example.com', 'error': "SMTPRecipientsRefused:
            {'grace@example.com': (550, b'5.1.1 User unknown')}", 'method': 'REQUEST', 'name': 'Grace Hopper', 'queued_at':
            '2027-01-10T09:15:00Z', 'sent_at': None, 'sequence': 0, 'state': 'failed'}

    Attributes:
        attempts (list[InvitationAttempt]): Every try of the latest invitation, in order
        attendee_id (UUID):
        bounced_at (datetime.datetime | None):
        delivery_id (None | UUID): Also the email's Message-ID: <delivery_id@calapp>
        email (str):
        error (None | str): failed: the SMTP error; bounced: the reason
        method (InvitationMethodType1 | InvitationMethodType2Type1 | InvitationMethodType3Type1 | None): iTIP method:
            REQUEST (invitation) or CANCEL
        name (None | str):
        queued_at (datetime.datetime | None):
        sent_at (datetime.datetime | None):
        sequence (int | None): The event's SEQUENCE the invitation carried
        state (InvitationState): queued (waiting or being retried), sent (accepted by the SMTP server), failed (refused,
            see error), bounced (reported undeliverable by the mail provider afterwards), revoked (replaced by a later
            change before it went out), none (never queued: email is off or the attendee is the organizer)
    """

    attempts: list[InvitationAttempt]
    attendee_id: UUID
    bounced_at: datetime.datetime | None
    delivery_id: None | UUID
    email: str
    error: None | str
    method: InvitationMethodType1 | InvitationMethodType2Type1 | InvitationMethodType3Type1 | None
    name: None | str
    queued_at: datetime.datetime | None
    sent_at: datetime.datetime | None
    sequence: int | None
    state: InvitationState

    def to_dict(self) -> dict[str, Any]:
        attempts = []
        for attempts_item_data in self.attempts:
            attempts_item = attempts_item_data.to_dict()
            attempts.append(attempts_item)

        attendee_id = str(self.attendee_id)

        bounced_at: None | str
        if isinstance(self.bounced_at, datetime.datetime):
            bounced_at = self.bounced_at.isoformat()
        else:
            bounced_at = self.bounced_at

        delivery_id: None | str
        if isinstance(self.delivery_id, UUID):
            delivery_id = str(self.delivery_id)
        else:
            delivery_id = self.delivery_id

        email = self.email

        error: None | str
        error = self.error

        method: None | str
        if isinstance(self.method, InvitationMethodType1):
            method = self.method.value
        elif isinstance(self.method, InvitationMethodType2Type1):
            method = self.method.value
        elif isinstance(self.method, InvitationMethodType3Type1):
            method = self.method.value
        else:
            method = self.method

        name: None | str
        name = self.name

        queued_at: None | str
        if isinstance(self.queued_at, datetime.datetime):
            queued_at = self.queued_at.isoformat()
        else:
            queued_at = self.queued_at

        sent_at: None | str
        if isinstance(self.sent_at, datetime.datetime):
            sent_at = self.sent_at.isoformat()
        else:
            sent_at = self.sent_at

        sequence: int | None
        sequence = self.sequence

        state = self.state.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "attempts": attempts,
                "attendee_id": attendee_id,
                "bounced_at": bounced_at,
                "delivery_id": delivery_id,
                "email": email,
                "error": error,
                "method": method,
                "name": name,
                "queued_at": queued_at,
                "sent_at": sent_at,
                "sequence": sequence,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invitation_attempt import InvitationAttempt  # noqa: PLC0415

        d = dict(src_dict)
        attempts = []
        _attempts = d.pop("attempts")
        for attempts_item_data in _attempts:
            attempts_item = InvitationAttempt.from_dict(attempts_item_data)

            attempts.append(attempts_item)

        attendee_id = UUID(d.pop("attendee_id"))

        def _parse_bounced_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                bounced_at_type_0 = datetime.datetime.fromisoformat(data)

                return bounced_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        bounced_at = _parse_bounced_at(d.pop("bounced_at"))

        def _parse_delivery_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivery_id_type_0 = UUID(data)

                return delivery_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        delivery_id = _parse_delivery_id(d.pop("delivery_id"))

        email = d.pop("email")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        def _parse_method(
            data: object,
        ) -> InvitationMethodType1 | InvitationMethodType2Type1 | InvitationMethodType3Type1 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                method_type_1 = InvitationMethodType1(data)

                return method_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                method_type_2_type_1 = InvitationMethodType2Type1(data)

                return method_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                method_type_3_type_1 = InvitationMethodType3Type1(data)

                return method_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvitationMethodType1 | InvitationMethodType2Type1 | InvitationMethodType3Type1 | None, data)

        method = _parse_method(d.pop("method"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        def _parse_queued_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                queued_at_type_0 = datetime.datetime.fromisoformat(data)

                return queued_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        queued_at = _parse_queued_at(d.pop("queued_at"))

        def _parse_sent_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sent_at_type_0 = datetime.datetime.fromisoformat(data)

                return sent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        sent_at = _parse_sent_at(d.pop("sent_at"))

        def _parse_sequence(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        sequence = _parse_sequence(d.pop("sequence"))

        state = InvitationState(d.pop("state"))

        invitation = cls(
            attempts=attempts,
            attendee_id=attendee_id,
            bounced_at=bounced_at,
            delivery_id=delivery_id,
            email=email,
            error=error,
            method=method,
            name=name,
            queued_at=queued_at,
            sent_at=sent_at,
            sequence=sequence,
            state=state,
        )

        return invitation
