"""The delivery outbox: claim, check, send, record; retries with backoff.

Every channel's messages are ``deliveries`` rows: in-app and email (reminders,
invitations, verification links: ``calapp.notifications``, ``calapp.reminders``,
``calapp.users``) and webhooks (``calapp.webhooks``). This package knows none of
them: each inserts its rows (``insert_new``) and drains its channel
(``calapp.delivery.drain``) with its own ``prepare`` and ``transmit``.

A delivery is claimed before it is sent: ``SELECT ... FOR UPDATE SKIP LOCKED``
on ready rows (``pending`` or ``sending`` whose lease ran out, ``next_attempt_at``
passed), which become ``sending`` with a lease (``next_attempt_at`` = claim +
``DELIVERY_LEASE_SECONDS``) in the claiming transaction. A worker that dies
between claim and result leaves the row to be claimed again when the lease
ends. Results are written only by the holder of the current claim (the row's
``claimed_at``).

Each email or webhook try is a ``delivery_attempts`` row. A failure that may pass
(timeout, 5xx, a refused connection) is tried again after
``DELIVERY_RETRY_SCHEDULE`` (1m, 5m, 30m, 2h, 6h): six tries in all, then
``failed``, and the ``failed`` hook is called (``calapp.notifications`` tells the
calendar's owner of a failed email in-app).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert

from calapp.delivery.models import OPEN_STATUSES, Delivery, DeliveryAttempt
from calapp.extensions import db
from calapp.hooks import Hook

LEASE_EXPIRED = (
    "no result recorded: the worker stopped before finishing (lease expired)"
)

# Called with (row, error, now) when a delivery will not be sent: the row's
# ``id``, ``channel``, ``topic``, ``recipient`` and ``event_id`` say which.
failed = Hook("delivery failed")


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
        failed(row, outcome.error, now)
    return status


def _finish(row, status: str, now: datetime, error: str) -> None:
    db.session.execute(
        sa.update(Delivery)
        .where(Delivery.id == row.id)
        .values(status=status, last_error=error, updated_at=now)
    )
    failed(row, error, now)


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
