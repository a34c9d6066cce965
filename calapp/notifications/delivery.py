"""In-app deliveries, and the in-app word of an email that failed.

In-app deliveries need no lease (``calapp.delivery.outbox``): the notifications
are inserted in the claiming transaction itself, set-based. An email that will
not be sent is shown to the calendar's owner
(``GET /notifications?kind=delivery_failed``).
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, UUID

from calapp.calendars.models import Calendar
from calapp.db import UTCDateTime
from calapp.delivery import outbox
from calapp.delivery.models import Delivery
from calapp.events.models import Event
from calapp.extensions import db
from calapp.notifications.models import Notification
from calapp.reminders.stale import reminder_valid


def _ids_param(name: str, ids) -> sa.BindParameter:
    return sa.bindparam(name, list(ids), type_=ARRAY(UUID(as_uuid=True)))


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


# What a failed email was, in the owner's notification.
WHAT = {
    "reminder.due": "reminder",
    "booking.confirmed": "booking confirmation",
    "booking.requested": "booking request",
    "booking.approved": "booking confirmation",
    "booking.declined": "booking decline",
}


@outbox.failed.register
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
    what = WHAT.get(row.topic, "invitation")
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
