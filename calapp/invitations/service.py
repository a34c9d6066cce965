"""Invitation delivery you can see: the state of each attendee's latest
invitation, resending those that failed, and bounces reported by the provider.

Invitations are email deliveries (``calapp.reminders.service.invite``: topic
``invitation.request`` or ``invitation.cancel``, recipient the attendee's
email), each try a ``delivery_attempts`` row. The state of one:

- ``queued``: waiting to be sent, or being sent (retries included);
- ``sent``: the SMTP server accepted it;
- ``failed``: refused for good or after every retry (``error``: the SMTP error);
- ``bounced``: accepted, then reported undeliverable by the mail provider
  (``POST /mail/bounces``);
- ``revoked``: no longer sent because a later change replaced it;
- ``none``: no invitation was ever queued (email is off, or the attendee is
  the organizer).

Resending makes a new delivery of the event as it is now (``REQUEST``, or
``CANCEL`` for a cancelled event), linked to the one it replaces
(``redelivery_of``); each delivery is resent at most once, so a repeated call
queues nothing new.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects.postgresql import distinct_on

from calapp import mail, policy, queue
from calapp.calendars.models import Calendar
from calapp.delivery import outbox
from calapp.delivery.models import Delivery, DeliveryAttempt
from calapp.errors import Conflict, NotFound, ValidationError
from calapp.events.models import Event, EventAttendee
from calapp.extensions import db
from calapp.pagination import keyset_page
from calapp.security import Principal
from calapp.users.models import User

TOPICS = ("invitation.request", "invitation.cancel")
RESENDABLE = ("failed", "bounced")
_MESSAGE_ID = re.compile(r"^<?([0-9a-fA-F-]{36})@calapp>?$")


def state(delivery: Delivery | None) -> str:
    if delivery is None:
        return "none"
    if delivery.bounced_at is not None:
        return "bounced"
    return {"pending": "queued", "sending": "queued"}.get(
        delivery.status, delivery.status
    )


def _latest(event_id: uuid.UUID, emails: list[str]) -> dict[str, Delivery]:
    """The latest invitation to each of ``emails`` for the event (one query)."""
    if not emails:
        return {}
    rows = db.session.scalars(
        sa.select(Delivery)
        .where(
            Delivery.event_id == event_id,
            Delivery.channel == "email",
            Delivery.topic.in_(TOPICS),
            Delivery.recipient.in_(emails),
        )
        .order_by(Delivery.recipient, Delivery.created_at.desc(), Delivery.id.desc())
        .ext(distinct_on(Delivery.recipient))
    )
    return {row.recipient: row for row in rows}


def _attempts(ids: list[uuid.UUID]) -> dict[uuid.UUID, list[DeliveryAttempt]]:
    found: dict[uuid.UUID, list[DeliveryAttempt]] = {i: [] for i in ids}
    if ids:
        for attempt in db.session.scalars(
            sa.select(DeliveryAttempt)
            .where(DeliveryAttempt.delivery_id.in_(ids))
            .order_by(DeliveryAttempt.delivery_id, DeliveryAttempt.number)
        ):
            found[attempt.delivery_id].append(attempt)
    return found


def _items(event: Event, attendees: list[EventAttendee]) -> list[dict]:
    latest = _latest(event.id, [a.email for a in attendees])
    attempts = _attempts([d.id for d in latest.values()])
    items = []
    for attendee in attendees:
        delivery = latest.get(attendee.email)
        shown = state(delivery)
        item = {
            "attendee_id": attendee.id,
            "email": attendee.email,
            "name": attendee.name,
            "state": shown,
            "delivery_id": None,
            "method": None,
            "sequence": None,
            "queued_at": None,
            "sent_at": None,
            "error": None,
            "bounced_at": None,
            "attempts": [],
        }
        if delivery is not None:
            item.update(
                delivery_id=delivery.id,
                method=delivery.payload.get("method", "REQUEST"),
                sequence=delivery.payload.get("sequence"),
                queued_at=delivery.created_at,
                sent_at=delivery.sent_at,
                error=delivery.bounce_reason
                if shown == "bounced"
                else (delivery.last_error if shown in ("failed", "revoked") else None),
                bounced_at=delivery.bounced_at,
                attempts=attempts[delivery.id],
            )
        items.append(item)
    return items


def invitations_page(
    principal: Principal, event_id: uuid.UUID, limit: int, cursor: str | None
):
    """Each attendee of the event (by email) with its latest invitation.

    :raises NotFound: the event is invisible. :raises Forbidden: a viewer or an
        attendee (editors and owners only).
    """
    event, _ = policy.get_event(principal, event_id, "write")
    attendees, next_cursor = keyset_page(
        sa.select(EventAttendee).where(EventAttendee.event_id == event.id),
        keys=[EventAttendee.email, EventAttendee.id],
        key_of=lambda a: (a.email, a.id),
        limit=limit,
        cursor=cursor,
    )
    return _items(event, attendees), next_cursor


def _organizer(event: Event) -> str | None:
    return db.session.scalar(
        sa.select(sa.func.lower(User.email))
        .join(Calendar, Calendar.owner_id == User.id)
        .where(Calendar.id == event.calendar_id)
    )


def resend(
    principal: Principal,
    event_id: uuid.UUID,
    emails: list[str] | None,
    now: datetime,
) -> tuple[int, list[dict]]:
    """Queue the invitation again for ``emails`` (attendees of the event whose
    latest invitation is not queued), or by default for every attendee whose
    latest invitation failed or bounced. Returns how many were queued and the
    state of every recipient concerned.

    :raises NotFound, Forbidden: as ``invitations_page``.
    :raises ValidationError: a named email is not an attendee.
    :raises Conflict: email is off (``SMTP_URL`` unset).
    """
    event, _ = policy.get_event(principal, event_id, "write")
    if not mail.is_enabled(current_app.config):
        raise Conflict("Email is off on this server (SMTP_URL is unset)")
    attendees = list(
        db.session.scalars(
            sa.select(EventAttendee)
            .where(EventAttendee.event_id == event.id)
            .order_by(EventAttendee.email, EventAttendee.id)
        )
    )
    if emails is not None:
        known = {a.email for a in attendees}
        unknown = sorted(set(emails) - known)
        if unknown:
            raise ValidationError(
                f"Not an attendee of this event: {', '.join(unknown)}",
                details={"emails": [f"not an attendee: {e}" for e in unknown]},
            )
        attendees = [a for a in attendees if a.email in set(emails)]
    organizer = _organizer(event)
    attendees = [a for a in attendees if a.email.lower() != organizer]
    latest = _latest(event.id, [a.email for a in attendees])
    if emails is None:
        attendees = [a for a in attendees if state(latest.get(a.email)) in RESENDABLE]
    method = "CANCEL" if event.status == "cancelled" else "REQUEST"
    rows = []
    for attendee in attendees:
        previous = latest.get(attendee.email)
        if state(previous) == "queued":
            continue  # on its way already
        key = (
            f"invitation:resend:{previous.id}"
            if previous is not None
            else f"invitation:{method}:{event.id}:{event.sequence}:{attendee.id}"
        )
        rows.append(
            {
                "id": uuid.uuid4(),
                "topic": f"invitation.{method.lower()}",
                "channel": "email",
                "recipient": attendee.email,
                "event_id": event.id,
                "dedupe_key": key,
                "payload": {
                    "method": method,
                    "sequence": event.sequence,
                    "update": False,
                },
                "redelivery_of": previous.id if previous is not None else None,
                "status": "pending",
                "attempts": 0,
                "is_late": False,
                "next_attempt_at": now,
                "created_at": now,
                "updated_at": now,
            }
        )
    queued = outbox.insert_new(rows)
    if queued:
        queue.enqueue_on_commit("email")
    return queued, _items(event, attendees)


# --- bounces --------------------------------------------------------------------------


def record_bounce(data: dict, now: datetime) -> Delivery:
    """Mark the email with this Message-ID as bounced (again: the first bounce
    stays). The calendar's owner is told in-app like for a failed email.

    :raises NotFound: no email of ours has this Message-ID (and recipient).
    """
    match = _MESSAGE_ID.match(data["message_id"].strip())
    delivery = None
    if match:
        delivery = db.session.scalar(
            sa.select(Delivery)
            .where(
                Delivery.id == uuid.UUID(match.group(1)),
                Delivery.channel == "email",
            )
            .with_for_update()
        )
    recipient = data.get("recipient")
    if delivery is None or (
        recipient is not None and recipient.lower() != delivery.recipient.lower()
    ):
        raise NotFound("No email with this Message-ID (and recipient) was sent")
    if delivery.bounced_at is None:
        delivery.bounced_at = data.get("bounced_at") or now
        delivery.bounce_reason = data.get("reason")
        delivery.updated_at = now
        db.session.flush()
        reason = data.get("reason") or "no reason given"
        outbox.failed(delivery, f"bounced: {reason}", now)
    return delivery
