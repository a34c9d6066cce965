"""The reminder sweep: every reminder that became due, once, on every channel.

Each reminder row carries ``next_due_at``: when the sweep must look at it again.
That is the due time of its next occurrence (start - minutes_before), a "look
again" time when a series has no occurrence within the lookahead, NULL when
nothing is left to fire (a past single event, a finished series, a deleted or
cancelled event), or 1970-01-01 (``RESCHEDULE``) for a new row or one whose event
changed time, rule or status: "work it out from the watermark". The partial
index ``ix_event_reminders_next_due`` holds only the non-NULL rows, so an idle
sweep reads no row at all, however many reminders are stored.

A sweep at ``now`` takes the rows with ``next_due_at < now`` (locked, in
batches) and, for each, the occurrences whose due time lies in ``[lo, now)``:
``lo`` is the row's ``next_due_at``, or the watermark ``swept_until`` (the end
of the previous sweep) for a row to work out. Single events and exceptions are
their own occurrence; series are expanded lazily in their zone
(``calapp.events.recurrence``), minus EXDATEs and minus the slots an exception
replaces (the exception has reminder rows of its own). Each occurrence due more
than ``REMINDER_CATCHUP_HORIZON_MINUTES`` ago (after an outage) is skipped and
counted; the others become deliveries (``is_late`` when due more than
``REMINDER_LATE_AFTER_SECONDS`` ago) with ``INSERT ... ON CONFLICT DO NOTHING``
on (reminder, occurrence, channel, recipient), so two sweeps that overlap
insert each delivery once.

Why locking the reminder rows is enough: an event change reschedules its
reminder rows (``schedule``) in the same transaction, so it waits for a sweep
that holds them, and its revocation of stale deliveries runs after the sweep's
deliveries are committed; a sweep that waited for the change reads the events
in a later statement, so it sees the new times.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.dialects.postgresql import insert as pg_insert

from calapp.calendars.models import Calendar
from calapp.db import UTCDateTime
from calapp.events import occurrences, recurrence
from calapp.events.models import RESCHEDULE, Event, EventReminder
from calapp.extensions import db
from calapp.notifications.models import ReminderSweepState
from calapp.reminders import hooks


@dataclass(frozen=True)
class Settings:
    horizon: timedelta
    late_after: timedelta
    lookahead: timedelta
    batch: int
    email: bool

    @classmethod
    def from_config(cls, config) -> Settings:
        return cls(
            horizon=timedelta(minutes=config["REMINDER_CATCHUP_HORIZON_MINUTES"]),
            late_after=timedelta(seconds=config["REMINDER_LATE_AFTER_SECONDS"]),
            lookahead=timedelta(days=config["REMINDER_LOOKAHEAD_DAYS"]),
            batch=config["REMINDER_SWEEP_BATCH"],
            email=bool(config.get("SMTP_URL")),
        )


@dataclass
class Totals:
    reminders: int = 0
    fired: int = 0
    late: int = 0
    skipped: int = 0
    deliveries: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class Fire:
    reminder_id: uuid.UUID
    event_id: uuid.UUID
    occurrence_start: datetime
    due_at: datetime
    is_late: bool


# --- the watermark -------------------------------------------------------------------


def begin(now: datetime) -> datetime:
    """Start a sweep: return the watermark (``now`` on the very first sweep)."""
    db.session.execute(
        pg_insert(ReminderSweepState)
        .values(
            id=1,
            last_fired=0,
            last_late=0,
            last_skipped=0,
            fired_total=0,
            late_total=0,
            skipped_total=0,
            updated_at=now,
        )
        .on_conflict_do_nothing()
    )
    since = db.session.scalar(
        sa.update(ReminderSweepState)
        .where(ReminderSweepState.id == 1)
        .values(last_started_at=now)
        .returning(ReminderSweepState.swept_until)
    )
    return min(since or now, now)


def finish(now: datetime, totals: Totals) -> None:
    """Move the watermark to ``now`` (never back) and add the counts."""
    state = ReminderSweepState
    db.session.execute(
        sa.update(state)
        .where(state.id == 1)
        .values(
            swept_until=sa.func.greatest(sa.func.coalesce(state.swept_until, now), now),
            last_fired=totals.fired,
            last_late=totals.late,
            last_skipped=totals.skipped,
            fired_total=state.fired_total + totals.fired,
            late_total=state.late_total + totals.late,
            skipped_total=state.skipped_total + totals.skipped,
            updated_at=now,
        )
    )


def state() -> ReminderSweepState | None:
    return db.session.get(ReminderSweepState, 1, populate_existing=True)


# --- one batch -----------------------------------------------------------------------


def sweep_batch(
    since: datetime, now: datetime, settings: Settings, totals: Totals
) -> int:
    """Handle up to ``settings.batch`` reminders that are due; return how many.

    A sweep calls this until it returns 0 (each handled row gets a
    ``next_due_at`` of at least ``now``, or NULL).
    """
    rows = db.session.execute(
        sa.select(
            EventReminder.id,
            EventReminder.event_id,
            EventReminder.minutes_before,
            EventReminder.next_due_at,
        )
        .where(EventReminder.next_due_at.is_not(None), EventReminder.next_due_at < now)
        .order_by(EventReminder.next_due_at)
        .limit(settings.batch)
        .with_for_update()
    ).all()
    if not rows:
        return 0
    # A statement of its own, after the rows are locked: it sees every event
    # change that committed while this sweep waited for them.
    events = _events({row.event_id for row in rows})
    overridden = _overridden(rows, events, since, now)
    fires, hints = [], []
    for row in rows:
        planned, hint = _plan(row, events[row.event_id], since, now, settings)
        for occurrence_start, due_at in planned:
            if (row.event_id, occurrence_start) in overridden:
                continue  # an exception stands for it, with reminders of its own
            if due_at < now - settings.horizon:
                totals.skipped += 1
                continue
            late = due_at < now - settings.late_after
            fires.append(Fire(row.id, row.event_id, occurrence_start, due_at, late))
        hints.append(hint)
    _set_hints([row.id for row in rows], hints)
    totals.reminders += len(rows)
    totals.fired += len(fires)
    totals.late += sum(1 for f in fires if f.is_late)
    if fires:
        totals.deliveries.update(_fan_out(fires, now, settings.email))
        totals.deliveries.update(_elsewhere(fires, events, now))
    return len(rows)


def _events(ids) -> dict:
    rows = db.session.execute(
        sa.select(
            *occurrences.EXPANSION_COLUMNS,
            Event.calendar_id,
            Event.status,
            Event.deleted_at,
            Event.series_id,
            Event.last_end,
            Event.title,
            Event.location,
            Calendar.owner_id,
            Calendar.deleted_at.label("calendar_deleted_at"),
        )
        .join(Calendar, Calendar.id == Event.calendar_id)
        .where(Event.id == sa.any_(sa.cast(_uuids(ids), ARRAY(UUID(as_uuid=True)))))
    )
    return {row.id: row for row in rows}


def _uuids(ids):
    return sa.bindparam("ids", [str(i) for i in ids], type_=ARRAY(sa.Text))


def _overridden(rows, events, since, now) -> set:
    """(series id, slot) pairs that a live exception replaces, in the windows."""
    series = {row.event_id for row in rows if events[row.event_id].recurrence_rule}
    if not series:
        return set()
    longest = timedelta(minutes=max(row.minutes_before for row in rows))
    earliest = min(
        (row.next_due_at if row.next_due_at > RESCHEDULE else since)
        for row in rows
        if row.event_id in series
    )
    found = db.session.execute(
        sa.select(Event.series_id, Event.original_start_time).where(
            Event.series_id.in_(series),
            Event.deleted_at.is_(None),
            Event.original_start_time >= earliest,
            Event.original_start_time < now + longest,
        )
    )
    return {(series_id, slot) for series_id, slot in found}


def _is_live(event) -> bool:
    return (
        event.deleted_at is None
        and event.calendar_deleted_at is None
        and event.status != "cancelled"
    )


def _plan(row, event, since, now, settings: Settings):
    """The ``(occurrence start, due)`` pairs of one reminder due in ``[lo, now)``,
    and the row's next ``next_due_at``."""
    if not _is_live(event):
        return [], None
    before = timedelta(minutes=row.minutes_before)
    lo = since if row.next_due_at <= RESCHEDULE else min(row.next_due_at, now)
    if not event.recurrence_rule:
        due = event.start_time - before
        planned = [(event.start_time, due)] if lo <= due < now else []
        return planned, due if due >= now else None
    series = occurrences.series_of(event)
    first, last = lo + before, now + before
    horizon_end = last + settings.lookahead
    planned, following = [], None
    for start in _starts(series, first, horizon_end):
        if start < first:
            continue  # begun before the window (``starts_between`` overlaps)
        if start >= last:
            following = start  # the next one: when to look again
            break
        planned.append((start, start - before))
    if following is not None:
        return planned, following - before
    if event.last_end <= horizon_end:
        return planned, None  # the series is over
    return planned, now + settings.lookahead  # nothing within the lookahead: later


def _starts(series, start: datetime, end: datetime):
    """Occurrences overlapping ``[start, end)``, ascending, expanded lazily when
    the rule allows it (one computation from the window to the next one)."""
    if recurrence.countable(series, start, end):
        return recurrence.iter_starts(series, start, end)
    return recurrence.starts_between(series, start, end)


def _set_hints(ids: list[uuid.UUID], hints: list[datetime | None]) -> None:
    db.session.execute(
        sa.text(
            "UPDATE event_reminders AS r SET next_due_at = v.hint "
            "FROM unnest(CAST(:ids AS uuid[]), CAST(:hints AS timestamptz[])) "
            "AS v(id, hint) WHERE r.id = v.id"
        ).bindparams(
            sa.bindparam("ids", ids, type_=ARRAY(UUID(as_uuid=True))),
            sa.bindparam("hints", hints, type_=ARRAY(UTCDateTime)),
        )
    )


# --- deliveries ----------------------------------------------------------------------

# Recipients per channel: the calendar's owner, and with ``notify_attendees`` the
# attendees who have not declined (in-app: those with an account).
_FAN_OUT = """
WITH fired AS (
    SELECT * FROM unnest(
        CAST(:reminder_ids AS uuid[]), CAST(:starts AS timestamptz[]),
        CAST(:dues AS timestamptz[]), CAST(:lates AS boolean[])
    ) AS f(reminder_id, occurrence_start, due_at, is_late)
), ctx AS (
    SELECT f.*, r.event_id, r.notify_attendees, c.owner_id
    FROM fired f
    JOIN event_reminders r ON r.id = f.reminder_id
    JOIN events e ON e.id = r.event_id
    JOIN calendars c ON c.id = e.calendar_id
), targets AS (
    SELECT ctx.*, 'in_app' AS channel, ctx.owner_id::text AS recipient FROM ctx
    UNION
    SELECT ctx.*, 'in_app', a.user_id::text FROM ctx
    JOIN event_attendees a ON a.event_id = ctx.event_id
    WHERE ctx.notify_attendees AND a.user_id IS NOT NULL AND a.status <> 'declined'
    UNION
    SELECT ctx.*, 'email', lower(u.email) FROM ctx
    JOIN users u ON u.id = ctx.owner_id
    WHERE :email AND u.deleted_at IS NULL
    UNION
    SELECT ctx.*, 'email', a.email FROM ctx
    JOIN event_attendees a ON a.event_id = ctx.event_id
    WHERE :email AND ctx.notify_attendees AND a.status <> 'declined'
), inserted AS (
    INSERT INTO deliveries AS d (
        id, topic, channel, recipient, event_id, reminder_id, occurrence_start,
        due_at, is_late, payload, status, attempts, next_attempt_at, created_at,
        updated_at
    )
    SELECT gen_random_uuid(), 'reminder.due', channel, recipient, event_id,
        reminder_id, occurrence_start, due_at, is_late, '{}'::jsonb, 'pending', 0,
        :now, :now, :now
    FROM targets
    ON CONFLICT (reminder_id, occurrence_start, channel, recipient)
        WHERE reminder_id IS NOT NULL
    -- a delivery revoked when its event moved comes back if the event moves back
    DO UPDATE SET status = 'pending', next_attempt_at = EXCLUDED.next_attempt_at,
        due_at = EXCLUDED.due_at, is_late = EXCLUDED.is_late,
        updated_at = EXCLUDED.updated_at
    WHERE d.status = 'revoked'
    RETURNING d.channel
)
SELECT channel, count(*) AS n FROM inserted GROUP BY channel
"""


def _fan_out(fires: list[Fire], now: datetime, email: bool) -> Counter:
    """Insert the in-app and email deliveries of ``fires``, set-based; return how
    many were new per channel."""
    stmt = sa.text(_FAN_OUT).bindparams(
        sa.bindparam(
            "reminder_ids",
            [f.reminder_id for f in fires],
            type_=ARRAY(UUID(as_uuid=True)),
        ),
        sa.bindparam(
            "starts", [f.occurrence_start for f in fires], type_=ARRAY(UTCDateTime)
        ),
        sa.bindparam("dues", [f.due_at for f in fires], type_=ARRAY(UTCDateTime)),
        sa.bindparam("lates", [f.is_late for f in fires], type_=ARRAY(sa.Boolean)),
        sa.bindparam("email", email, type_=sa.Boolean),
        sa.bindparam("now", now, type_=UTCDateTime),
    )
    return Counter({channel: n for channel, n in db.session.execute(stmt)})


def _elsewhere(fires: list[Fire], events: dict, now: datetime) -> Counter:
    """The deliveries other channels make of ``fires`` (webhooks:
    ``calapp.reminders.hooks``)."""
    made = Counter()
    for counts in hooks.reminder_due(fires, events, now):
        made.update(counts)
    return made
