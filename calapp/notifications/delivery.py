"""Sending deliveries: claim, check, send, record; retries with backoff.

A delivery is claimed before it is sent: ``SELECT ... FOR UPDATE SKIP LOCKED``
on ready rows (``pending`` or ``sending`` whose lease ran out, ``next_attempt_at``
passed), which become ``sending`` with a lease (``next_attempt_at`` = claim +
``DELIVERY_LEASE_SECONDS``) in the claiming transaction. A worker that dies
between claim and result leaves the row to be claimed again when the lease
ends. Results are written only by the holder of the current claim (the row's
``claimed_at``). In-app deliveries need no lease: the notifications are inserted
in the claiming transaction itself, set-based.

Each email or webhook try is a ``delivery_attempts`` row. A failure that may pass
(timeout, 5xx, a refused connection) is tried again after
``DELIVERY_RETRY_SCHEDULE`` (1m, 5m, 30m, 2h, 6h): six tries in all, then
``failed``. A failed email tells the calendar's owner in-app
(``GET /notifications?kind=delivery_failed``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import aliased

from calapp.calendars.models import Calendar
from calapp.db import UTCDateTime
from calapp.events import occurrences, recurrence
from calapp.events.models import Event
from calapp.extensions import db
from calapp.notifications.models import (
    OPEN_STATUSES,
    Delivery,
    DeliveryAttempt,
    Notification,
)

LEASE_EXPIRED = (
    "no result recorded: the worker stopped before finishing (lease expired)"
)
STALE = "the event or the occurrence changed"


@dataclass(frozen=True)
class Outcome:
    """The result of one try."""

    ok: bool
    retryable: bool
    status_code: int | None = None
    error: str | None = None
    duration_ms: int = 0
    excerpt: str | None = None


@dataclass(frozen=True)
class Claim:
    id: uuid.UUID
    attempt: int
    claimed_at: datetime


def _ids_param(name: str, ids) -> sa.BindParameter:
    return sa.bindparam(name, list(ids), type_=ARRAY(UUID(as_uuid=True)))


def reminder_valid():
    """SQL, correlated to ``Delivery``: is a reminder delivery still right? Its
    reminder exists, its event is live and not cancelled, and the occurrence is
    still there: a single event still starts then; a series still reaches it and
    has no EXDATE and no exception for it."""
    event, exception = aliased(Event), aliased(Event)
    occurrence_holds = sa.case(
        (
            event.recurrence_rule.is_(None),
            event.start_time == Delivery.occurrence_start,
        ),
        else_=sa.and_(
            Delivery.occurrence_start < event.last_end,
            sa.not_(Delivery.occurrence_start == sa.any_(event.exdates)),
            ~sa.exists().where(
                exception.series_id == event.id,
                exception.deleted_at.is_(None),
                exception.original_start_time == Delivery.occurrence_start,
            ),
        ),
    )
    return sa.and_(
        Delivery.reminder_id.is_not(None),
        sa.exists().where(
            event.id == Delivery.event_id,
            Calendar.id == event.calendar_id,
            event.deleted_at.is_(None),
            Calendar.deleted_at.is_(None),
            event.status != "cancelled",
            occurrence_holds,
        ),
    )


# --- in-app: set-based ---------------------------------------------------------------

_NOTIFY = """
INSERT INTO notifications (
    id, user_id, kind, title, body, data, event_id, delivery_id, created_at
)
SELECT gen_random_uuid(), CAST(d.recipient AS uuid), 'reminder', e.title,
    'Starts ' || to_char(d.occurrence_start AT TIME ZONE e.timezone,
                         'Dy DD Mon YYYY HH24:MI')
        || ' (' || e.timezone || ')'
        || CASE WHEN d.is_late THEN ' - sent late, after an interruption'
                ELSE '' END,
    jsonb_build_object(
        'event_id', e.id,
        'series_id', CASE WHEN e.recurrence_rule IS NOT NULL THEN e.id
                          ELSE e.series_id END,
        'occurrence_start', to_char(d.occurrence_start AT TIME ZONE 'UTC',
                                    'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'due_at', to_char(d.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'minutes_before', r.minutes_before,
        'reminder_id', r.id,
        'is_late', d.is_late,
        'location', e.location),
    e.id, d.id, :now
FROM deliveries d
JOIN events e ON e.id = d.event_id
JOIN event_reminders r ON r.id = d.reminder_id
WHERE d.id = ANY(CAST(:ids AS uuid[])) AND d.status = 'pending'
ON CONFLICT (delivery_id) WHERE delivery_id IS NOT NULL DO NOTHING
"""


def deliver_in_app(now: datetime, limit: int) -> int:
    """Deliver up to ``limit`` ready in-app deliveries in this transaction;
    return how many were claimed."""
    ids = list(
        db.session.scalars(
            sa.select(Delivery.id)
            .where(
                Delivery.channel == "in_app",
                Delivery.status == "pending",
                Delivery.next_attempt_at <= now,
            )
            .order_by(Delivery.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    if not ids:
        return 0
    db.session.execute(
        sa.update(Delivery)
        .where(Delivery.id.in_(ids), ~reminder_valid())
        .values(status="revoked", updated_at=now)
        .execution_options(synchronize_session=False)
    )
    params = (_ids_param("ids", ids), sa.bindparam("now", now, type_=UTCDateTime))
    db.session.execute(sa.text(_NOTIFY).bindparams(*params))
    db.session.execute(
        sa.text(
            "UPDATE deliveries SET status = 'sent', sent_at = :now, "
            "attempts = attempts + 1, updated_at = :now "
            "WHERE id = ANY(CAST(:ids AS uuid[])) AND status = 'pending'"
        ).bindparams(*params)
    )
    return len(ids)


# --- email and webhooks: claim, then send outside the transaction -------------------


def insert_new(rows: list[dict]) -> int:
    """Insert deliveries, skipping those whose ``dedupe_key`` exists already
    (each reminder, invitation or webhook goes out once); how many were new."""
    if not rows:
        return 0
    return len(
        db.session.execute(
            pg_insert(Delivery)
            .values(rows)
            .on_conflict_do_nothing(
                index_elements=["dedupe_key"],
                index_where=sa.text("dedupe_key IS NOT NULL"),
            )
            .returning(Delivery.id)
        ).all()
    )


def claim(
    channel: str, now: datetime, limit: int, lease: timedelta, max_attempts: int
) -> list[Claim]:
    """Claim up to ``limit`` ready deliveries of ``channel`` (``FOR UPDATE SKIP
    LOCKED``). A row whose lease ran out gets an attempt recorded for the try
    that never reported, and ``failed`` when that was its last."""
    rows = db.session.execute(
        sa.select(
            Delivery.id,
            Delivery.status,
            Delivery.attempts,
            Delivery.claimed_at,
            Delivery.channel,
            Delivery.event_id,
            Delivery.topic,
            Delivery.recipient,
        )
        .where(
            Delivery.channel == channel,
            Delivery.status.in_(OPEN_STATUSES),
            Delivery.next_attempt_at <= now,
        )
        .order_by(Delivery.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    claims = []
    for row in rows:
        if row.status == "sending":  # the previous claim's lease ran out
            db.session.add(
                DeliveryAttempt(
                    id=uuid.uuid4(),
                    delivery_id=row.id,
                    number=row.attempts,
                    started_at=row.claimed_at or now,
                    outcome="retry" if row.attempts < max_attempts else "failed",
                    error=LEASE_EXPIRED,
                )
            )
            if row.attempts >= max_attempts:
                _finish(row, "failed", now, LEASE_EXPIRED)
                continue
        claims.append(Claim(row.id, row.attempts + 1, now))
    if claims:
        db.session.execute(
            sa.update(Delivery)
            .where(Delivery.id.in_([c.id for c in claims]))
            .values(
                status="sending",
                claimed_at=now,
                next_attempt_at=now + lease,
                attempts=Delivery.attempts + 1,
                updated_at=now,
            )
        )
    db.session.flush()
    return claims


def load(claim: Claim) -> Delivery | None:
    """The claimed row, if this claim still holds it."""
    return db.session.scalar(
        sa.select(Delivery).where(
            Delivery.id == claim.id,
            Delivery.status == "sending",
            Delivery.claimed_at == claim.claimed_at,
        )
    )


def revoke(claim: Claim, now: datetime, reason: str) -> None:
    """The claimed delivery is no longer right (event moved, cancelled...)."""
    db.session.execute(
        _guarded(claim).values(status="revoked", last_error=reason, updated_at=now)
    )


def _guarded(claim: Claim):
    return sa.update(Delivery).where(
        Delivery.id == claim.id,
        Delivery.status == "sending",
        Delivery.claimed_at == claim.claimed_at,
    )


def record(
    claim: Claim, outcome: Outcome, now: datetime, schedule: Sequence[int]
) -> str:
    """Record the try and the delivery's new state; return that state."""
    if outcome.ok:
        status = "sent"
    elif outcome.retryable and claim.attempt <= len(schedule):
        status = "pending"
    else:
        status = "failed"
    db.session.add(
        DeliveryAttempt(
            id=uuid.uuid4(),
            delivery_id=claim.id,
            number=claim.attempt,
            started_at=claim.claimed_at,
            duration_ms=outcome.duration_ms,
            outcome={"sent": "success", "pending": "retry"}.get(status, "failed"),
            status_code=outcome.status_code,
            error=(outcome.error or "")[:2000] or None,
            response_excerpt=outcome.excerpt,
        )
    )
    values: dict = {"status": status, "updated_at": now, "last_error": outcome.error}
    if status == "sent":
        values["sent_at"] = now
    if status == "pending":
        values["next_attempt_at"] = now + timedelta(seconds=schedule[claim.attempt - 1])
    updated = db.session.execute(
        _guarded(claim).values(**values).returning(Delivery.id)
    ).first()
    if updated is not None and status == "failed":
        row = db.session.get(Delivery, claim.id)
        _tell_owner(row, outcome.error, now)
    return status


def _finish(row, status: str, now: datetime, error: str) -> None:
    db.session.execute(
        sa.update(Delivery)
        .where(Delivery.id == row.id)
        .values(status=status, last_error=error, updated_at=now)
    )
    _tell_owner(row, error, now)


def _tell_owner(row, error: str | None, now: datetime) -> None:
    """An email that will not be sent is shown to the calendar's owner in-app
    (webhook failures are listed by ``GET /webhooks/{id}/deliveries``)."""
    if row.channel != "email" or row.event_id is None:
        return
    found = db.session.execute(
        sa.select(Calendar.owner_id, Event.title)
        .join(Event, Event.calendar_id == Calendar.id)
        .where(Event.id == row.event_id)
    ).first()
    if found is None:
        return
    owner_id, title = found
    what = "reminder" if row.topic == "reminder.due" else "invitation"
    db.session.add(
        Notification(
            id=uuid.uuid4(),
            user_id=owner_id,
            kind="delivery_failed",
            title=f"Email not delivered: {what} for {title}"[:500],
            body=f"The {what} email to {row.recipient} could not be sent: {error}",
            data={
                "delivery_id": str(row.id),
                "channel": row.channel,
                "topic": row.topic,
                "recipient": row.recipient,
                "event_id": str(row.event_id),
                "error": error,
            },
            event_id=row.event_id,
            created_at=now,
        )
    )


# --- revocation ----------------------------------------------------------------------


def revoke_stale(event_ids: Sequence[uuid.UUID], now: datetime) -> int:
    """Revoke the pending reminder deliveries of these events that are no longer
    right (moved, cancelled, deleted, EXDATE, replaced, no longer in the rule)."""
    if not event_ids:
        return 0
    revoked = db.session.execute(
        sa.update(Delivery)
        .where(
            Delivery.event_id.in_(list(event_ids)),
            Delivery.status == "pending",
            Delivery.topic == "reminder.due",
            ~reminder_valid(),
        )
        .values(status="revoked", updated_at=now, last_error=STALE)
        .execution_options(synchronize_session=False)
    ).rowcount
    return revoked + _revoke_outside_rule(event_ids, now)


def _revoke_outside_rule(event_ids, now: datetime) -> int:
    """Pending deliveries of series occurrences that the (new) rule lacks."""
    rows = db.session.execute(
        sa.select(Delivery.id, Delivery.occurrence_start, Event)
        .join(Event, Event.id == Delivery.event_id)
        .where(
            Delivery.event_id.in_(event_ids),
            Delivery.status == "pending",
            Delivery.topic == "reminder.due",
            Event.recurrence_rule.is_not(None),
        )
    ).all()
    stale = [
        delivery_id
        for delivery_id, start, event in rows
        if not recurrence.is_occurrence(occurrences.series_of(event), start)
    ]
    if stale:
        db.session.execute(
            sa.update(Delivery)
            .where(Delivery.id.in_(stale), Delivery.status == "pending")
            .values(status="revoked", updated_at=now, last_error=STALE)
            .execution_options(synchronize_session=False)
        )
    return len(stale)


# --- requeue -------------------------------------------------------------------------


def ready_counts(now: datetime, before: datetime | None = None) -> dict[str, int]:
    """Ready deliveries per channel: new ones, retries due, expired leases
    (``before``: only those ready since before that instant)."""
    ready = Delivery.next_attempt_at <= now
    if before is not None:
        ready = Delivery.next_attempt_at < before
    rows = db.session.execute(
        sa.select(Delivery.channel, sa.func.count())
        .where(Delivery.status.in_(OPEN_STATUSES), ready)
        .group_by(Delivery.channel)
    )
    return {channel: n for channel, n in rows}
