"""Webhooks from the change log (a transactional outbox).

Writers only write the log (``calapp.changes``); this consumer turns committed
entries into webhook deliveries:

- ``event`` entries: ``event.created|updated|deleted`` (the entry's operation) to
  the webhooks of every member of the event's calendar. The entry of the
  calendar an event moved away from sends nothing (its members no longer read
  the event); the entries that name an attendee user are other audiences of
  the same change and send nothing either.
- ``booking`` entries: by the booking's status, ``booking.created`` when it is
  active and ``booking.cancelled`` when it is cancelled (preceded by its
  ``booking.created`` if that was never sent: a booking made and cancelled
  before the outbox ran). Through a link that requires confirmation:
  ``booking.requested`` when pending, then ``booking.approved`` (and
  ``booking.created``) or ``booking.declined``. Each is sent once per (webhook,
  booking).

Payloads describe the resource as it is when the entry is read, and carry the
entry's ``position`` and a stable ``id`` (a UUID derived from the webhook and
the position), the same however often the entry is read. A rolled-back change
wrote no entry, so it sends nothing.

**Exactly once.** The cursor (``webhook_outbox_state.position``) is locked
(``FOR UPDATE``: one reader at a time), and advanced in the transaction that
inserts the deliveries. A process killed before that commit leaves both
untouched, and the next run reads the same entries again; deliveries are also
unique per (webhook, position) through their ``dedupe_key`` and inserted with
``ON CONFLICT DO NOTHING``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert

from calapp import policy
from calapp.booking.models import Booking
from calapp.calendars.models import CalendarMember
from calapp.changes.models import Change
from calapp.delivery import outbox as deliveries
from calapp.events.models import Event
from calapp.extensions import db
from calapp.fields import format_instant
from calapp.webhooks import schemas
from calapp.webhooks.models import Webhook, WebhookOutboxState, subscribed

# Payload ids are uuid5(PAYLOAD_NAMESPACE, dedupe key): stable across re-reads.
PAYLOAD_NAMESPACE = uuid.UUID("5b0d7a52-2b0e-4c1e-9a55-0c4a1e5d3019")
KINDS = ("event", "booking")


@dataclass(frozen=True)
class Message:
    """One webhook type to send for one entry, ``key`` identifying it per hook."""

    topic: str
    key: str
    data: dict
    event_id: uuid.UUID | None


def _lock_cursor() -> WebhookOutboxState:
    """The cursor row, locked until commit (created at 0 when missing)."""
    db.session.execute(
        pg_insert(WebhookOutboxState)
        .values(id=1, position=0)
        .on_conflict_do_nothing(index_elements=["id"])
    )
    return db.session.scalars(
        sa.select(WebhookOutboxState)
        .where(WebhookOutboxState.id == 1)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def _entries(after: int, limit: int) -> tuple[list[Change], int]:
    """Entries after ``after`` that may make webhooks, and the position read up
    to. The upper bound is read first: positions are handed out in commit
    order, so every entry up to it is already visible to the next statement."""
    upper = db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.max(Change.position), 0))
    )
    entries = list(
        db.session.scalars(
            sa.select(Change)
            .where(
                Change.position > after,
                Change.position <= upper,
                Change.resource_type.in_(KINDS),
                Change.calendar_id.is_not(None),
                Change.user_id.is_(None),
            )
            .order_by(Change.position)
            .limit(limit)
        )
    )
    if len(entries) == limit:
        upper = entries[-1].position
    return entries, max(upper, after)


def _event_messages(entry: Change, event: Event | None) -> list[Message]:
    if event is None or event.calendar_id != entry.calendar_id:
        return []
    return [
        Message(
            f"event.{entry.op}",
            f"{entry.position}",
            {"event": schemas.WebhookEventSchema().dump(event)},
            event.id,
        )
    ]


def _booking_topics(booking: Booking) -> list[str]:
    """Every type the booking's history has made so far, in order (each is sent
    once per webhook and booking: those sent already are skipped)."""
    topics = []
    confirmed = booking.status in ("active", "cancelled")
    if booking.requires_confirmation:
        topics.append("booking.requested")
        if booking.status == "declined":
            topics.append("booking.declined")
        confirmed = confirmed and booking.decided_at is not None
        if confirmed:
            topics.append("booking.approved")
    if confirmed:
        topics.append("booking.created")
    if booking.status == "cancelled":
        topics.append("booking.cancelled")
    return topics


def _booking_messages(booking: Booking | None) -> list[Message]:
    if booking is None or booking.status in ("held", "expired"):
        return []
    data = {"booking": schemas.WebhookBookingSchema().dump(booking)}
    return [
        Message(t, f"{t}:{booking.id}", data, booking.event_id)
        for t in _booking_topics(booking)
    ]


def _by_id(model, ids: set) -> dict:
    if not ids:
        return {}
    return {
        row.id: row
        for row in db.session.scalars(sa.select(model).where(model.id.in_(ids)))
    }


def _messages(entries: list[Change]) -> list[tuple[Change, Message]]:
    def ids(kind: str) -> set:
        return {e.resource_id for e in entries if e.resource_type == kind}

    events, bookings = _by_id(Event, ids("event")), _by_id(Booking, ids("booking"))
    found = []
    for entry in entries:
        if entry.resource_type == "event":
            messages = _event_messages(entry, events.get(entry.resource_id))
        else:
            messages = _booking_messages(bookings.get(entry.resource_id))
        found += [(entry, m) for m in messages]
    return found


def _hooked_calendars(calendar_ids: set) -> set:
    """Those of the calendars with a member who has an active webhook (the
    others' entries are skipped without loading what they describe)."""
    if not calendar_ids:
        return set()
    return set(
        db.session.scalars(
            sa.select(CalendarMember.calendar_id)
            .join(Webhook, Webhook.user_id == CalendarMember.user_id)
            .where(
                CalendarMember.calendar_id.in_(calendar_ids),
                policy.member_reads(),
                Webhook.is_active.is_(True),
            )
            .distinct()
        )
    )


def _hooks(calendar_id: uuid.UUID, topic: str, cache: dict) -> list[Webhook]:
    """Webhooks of the calendar's members that receive ``topic`` (not of those
    who hold it at ``freebusy``: they may not read its events)."""
    if (calendar_id, topic) not in cache:
        cache[calendar_id, topic] = list(
            db.session.scalars(
                sa.select(Webhook)
                .join(CalendarMember, CalendarMember.user_id == Webhook.user_id)
                .where(
                    CalendarMember.calendar_id == calendar_id,
                    policy.member_reads(),
                    subscribed(topic),
                )
                .order_by(Webhook.id)
            )
        )
    return cache[calendar_id, topic]


def _row(hook: Webhook, entry: Change, message: Message, now: datetime) -> dict:
    key = f"webhook:{hook.id}:{message.key}"
    return {
        "id": uuid.uuid4(),
        "topic": message.topic,
        "channel": "webhook",
        "recipient": str(hook.id),
        "webhook_id": hook.id,
        "event_id": message.event_id,
        "dedupe_key": key,
        "payload": {
            "id": str(uuid.uuid5(PAYLOAD_NAMESPACE, key)),
            "type": message.topic,
            "position": entry.position,
            "created_at": format_instant(entry.at),
            "data": message.data,
        },
        "status": "pending",
        "attempts": 0,
        "is_late": False,
        "next_attempt_at": now,
        "created_at": entry.at,  # listed in the order of the changes
        "updated_at": now,
    }


def process(now: datetime, limit: int) -> tuple[int, bool]:
    """Create the deliveries of up to ``limit`` entries after the cursor and
    advance it (the caller commits). Returns (deliveries created, more to read).
    """
    cursor = _lock_cursor()
    entries, upper = _entries(cursor.position, limit)
    hooked = _hooked_calendars({e.calendar_id for e in entries})
    cache: dict = {}
    rows = [
        _row(hook, entry, message, now)
        for entry, message in _messages([e for e in entries if e.calendar_id in hooked])
        for hook in _hooks(entry.calendar_id, message.topic, cache)
    ]
    created = deliveries.insert_new(rows)
    if upper != cursor.position:
        cursor.position, cursor.updated_at = upper, now
    db.session.flush()
    return created, len(entries) == limit
