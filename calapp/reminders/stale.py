"""Is a reminder delivery still right? Its event may have moved, been cancelled
or deleted, or lost the occurrence since the delivery was made."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from calapp.calendars.models import Calendar
from calapp.delivery.models import Delivery
from calapp.events import occurrences, recurrence
from calapp.events.models import Event
from calapp.extensions import db

STALE = "the event or the occurrence changed"


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
