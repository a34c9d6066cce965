"""Occurrences of a series: read one, change or cancel one, or "this and following".

Model (iCalendar RECURRENCE-ID semantics, as Google Calendar does it):

- An *exception* is a stored event row with ``series_id`` (its series) and
  ``original_start_time`` (the slot of the rule it replaces). It starts as a copy
  of the series (fields, reminders, attendees) and is then changed on its own;
  cancelling one occurrence is an exception with ``status: cancelled``.
- "This and following" splits the series: the old one gets an UNTIL just before
  the slot (or a smaller COUNT), a new series starts at the slot with the changes,
  and the exceptions at or after the slot move to it.
- Whenever a series' rule or start changes, exceptions whose slot no longer
  exists are deleted and reported (``dropped_exceptions``) — never lost silently.
"""

from __future__ import annotations

import functools
import uuid
from datetime import datetime

import sqlalchemy as sa

from calapp import policy
from calapp.changes import log as changes
from calapp.errors import NotFound, ValidationError
from calapp.events import occurrences, pages, periods, recurrence
from calapp.events.models import Event, EventAttendee, EventReminder
from calapp.extensions import db
from calapp.fields import INSTANT_RANGE_MESSAGE, parse_instant
from calapp.security import Principal

SCOPES = ("this", "following")
# What an exception may not change: they belong to the whole series.
SERIES_ONLY = ("recurrence_rule", "exdates", "rdates", "calendar_id", "ical_uid")


def parse_slot(text: str) -> datetime:
    """An occurrence's original start from a path segment (RFC 3339 with offset).

    :raises ValidationError: anything else.
    """
    value = parse_instant(text)
    if value is None:
        raise ValidationError.field(
            "original_start_time",
            "must be an RFC 3339 date-time with Z or an offset, "
            f"{INSTANT_RANGE_MESSAGE.removeprefix('must be ')}",
        )
    return value


def _series(
    principal: Principal, event_id: uuid.UUID, need: str, *, lock: bool = False
) -> Event:
    """:raises NotFound: invisible, or not a recurring event."""
    event, _ = policy.get_event(principal, event_id, need, lock=lock)
    if not event.recurrence_rule or event.series_id is not None:
        raise NotFound("This event does not repeat: it has no instances")
    return event


def _exception(series_id: uuid.UUID, slot: datetime) -> Event | None:
    return db.session.execute(
        sa.select(Event).where(
            Event.series_id == series_id,
            Event.original_start_time == slot,
            Event.deleted_at.is_(None),
        )
    ).scalar_one_or_none()


def _require_slot(series: Event, slot: datetime) -> None:
    # An EXDATE removes the occurrence: it is never listed, so it cannot be read,
    # changed (that would bring it back) or cancelled either.
    if slot in series.exdates or not recurrence.is_occurrence(
        occurrences.series_of(series), slot
    ):
        raise NotFound(f"The series has no occurrence starting at {slot.isoformat()}")


def get_instance(principal: Principal, event_id: uuid.UUID, slot: datetime):
    """The occurrence at ``slot``: its exception row if any, else the expansion."""
    from calapp.events.service import WITH_CHILDREN

    series = _series(principal, event_id, "read")
    exception = _exception(series.id, slot)
    if exception is not None:
        return policy.get_event(principal, exception.id, "read", options=WITH_CHILDREN)[
            0
        ]
    _require_slot(series, slot)
    series, _ = policy.get_event(principal, series.id, "read", options=WITH_CHILDREN)
    return occurrences.Occurrence(
        series, slot, occurrences.series_of(series).occurrence_end(slot)
    )


def instances_page(
    principal: Principal,
    event_id: uuid.UUID,
    start: datetime,
    end: datetime,
    limit: int,
    cursor: str | None,
):
    """One series' occurrences in ``[start, end)`` (Google's events.instances).

    Each exception is filtered through ``policy.readable_events`` like a direct
    read: an attendee removed from one occurrence does not see it here either (its
    slot stays replaced, so the series does not show it in its place).
    """
    series = _series(principal, event_id, "read")
    params = {} if principal.is_system else policy.bound_user_params(principal)
    return pages.window_page(
        _instances_query(principal.is_system),
        {**params, "instances_of": series.id},
        start,
        end,
        limit=limit,
        cursor=cursor,
    )


@functools.cache
def _instances_query(system: bool) -> pages.WindowQuery:
    """A series and its exceptions, as the principal reads them; built once."""
    of = sa.bindparam("instances_of", type_=sa.Uuid)
    return pages.WindowQuery.over(
        sa.select(Event).where(
            sa.or_(Event.id == of, Event.series_id == of),
            policy.readable_events(Principal.system() if system else policy.BOUND_USER),
        )
    )


def _copy(series: Event, now: datetime, **fields) -> Event:
    """A new row with the series' fields, reminders and attendees."""
    values = {
        name: getattr(series, name)
        for name in (
            "calendar_id", "ical_uid", "title", "description", "location",
            "timezone", "all_day", "status", "transparency", "tags", "attachments",
            "created_by", "duration_days",
        )
    }  # fmt: skip
    values.update(fields)
    reminders = db.session.execute(
        sa.select(EventReminder.minutes_before, EventReminder.notify_attendees).where(
            EventReminder.event_id == series.id
        )
    ).all()
    attendees = db.session.scalars(
        sa.select(EventAttendee).where(EventAttendee.event_id == series.id)
    ).all()
    row = Event(
        id=uuid.uuid4(),
        created_at=now,
        updated_at=now,
        sequence=series.sequence,
        reminders=[
            EventReminder(minutes_before=m, notify_attendees=notify, created_at=now)
            for m, notify in reminders
        ],
        attendees=[
            EventAttendee(
                email=a.email,
                name=a.name,
                user_id=a.user_id,
                status=a.status,
                created_at=now,
                updated_at=now,
            )
            for a in attendees
        ],
        **values,
    )
    db.session.add(row)
    return row


def _times(series: Event, start: datetime) -> dict:
    end = occurrences.series_of(series).occurrence_end(start)
    times = {"start_time": start, "end_time": end}
    if series.all_day:
        occurrence = occurrences.Occurrence(series, start, end)
        times.update(start_date=occurrence.start_date, end_date=occurrence.end_date)
    return times


def _materialise(series: Event, slot: datetime, principal: Principal, now) -> Event:
    """The exception row for ``slot`` (created from the series if missing)."""
    exception = _exception(series.id, slot)
    if exception is None:
        _require_slot(series, slot)
        exception = _copy(
            series,
            now,
            series_id=series.id,
            original_start_time=slot,
            recurrence_rule=None,
            updated_by=principal.user_id,
            **_times(series, slot),
        )
        db.session.flush()
    return exception


def _check_changes(changes: dict) -> None:
    bad = sorted(SERIES_ONLY & changes.keys())
    if bad:
        raise ValidationError(
            f"{', '.join(bad)} belong to the whole series: change them with "
            "PUT /events/{id} or with scope=following",
            details={name: ["cannot be changed for one occurrence"] for name in bad},
        )


def update_instance(
    principal: Principal,
    event_id: uuid.UUID,
    slot: datetime,
    changes: dict,
    now: datetime,
    scope: str = "this",
) -> tuple[uuid.UUID, list[datetime]]:
    """Change one occurrence, or it and every later one.

    Returns the id of the row to show (the exception, or the new series) and the
    original starts of exceptions dropped because their slot no longer exists.
    """
    from calapp.events import service

    series = _series(principal, event_id, "write", lock=True)
    if scope == "this":
        _check_changes(changes)
        exception = _materialise(series, slot, principal, now)
        service.update(principal, exception.id, changes, now)
        return exception.id, []
    if slot == series.start_time:  # "following" from the first one is "all"
        service.update(principal, series.id, changes, now)
        return series.id, reconcile_exceptions(series, now)
    new_series = split(series, slot, principal, now)
    service.update(principal, new_series.id, changes, now)
    return new_series.id, reconcile_exceptions(new_series, now)


def cancel_instance(
    principal: Principal,
    event_id: uuid.UUID,
    slot: datetime,
    now: datetime,
    scope: str = "this",
) -> None:
    """Cancel one occurrence (an exception with status cancelled), or end the
    series before ``slot`` (``following``)."""
    series = _series(principal, event_id, "write", lock=True)
    if scope == "this":
        exception = _materialise(series, slot, principal, now)
        exception.status = "cancelled"
        exception.sequence += 1
        exception.updated_at = now
        exception.updated_by = principal.user_id
        db.session.flush()
        return
    if slot == series.start_time:
        from calapp.events import service

        service.delete(principal, series.id, now)
        return
    _require_slot(series, slot)
    _end_before(series, slot, now)
    gone = db.session.scalars(
        sa.update(Event)
        .where(
            Event.series_id == series.id,
            Event.original_start_time >= slot,
            Event.deleted_at.is_(None),
        )
        .values(deleted_at=now, updated_at=now)
        .returning(Event.id)
    ).all()
    changes.record_events(db.session, gone, "deleted")
    db.session.flush()


def _end_before(series: Event, slot: datetime, now: datetime) -> recurrence.Series:
    old = occurrences.series_of(series)
    remaining = recurrence.remaining_count(old, slot)
    if remaining is not None:  # COUNT-bound: keep the count before the slot
        parts = dict(p.split("=", 1) for p in old.rule.split(";"))
        parts["COUNT"] = str(recurrence.count_before(old, slot))
        series.recurrence_rule = ";".join(f"{k}={v}" for k, v in parts.items())
    else:
        series.recurrence_rule = recurrence.until_before(old, slot)
    series.exdates = [d for d in series.exdates if d < slot]
    series.rdates = [d for d in series.rdates if d < slot]
    series.rdate_periods = periods.kept(series.rdate_periods, series.rdates)
    series.sequence += 1
    series.updated_at = now
    return old


def split(series: Event, slot: datetime, principal: Principal, now) -> Event:
    """End ``series`` before ``slot`` and start a copy there; move later exceptions.

    :raises NotFound: ``slot`` is not an occurrence of the series.
    """
    _require_slot(series, slot)
    old = occurrences.series_of(series)
    remaining = recurrence.remaining_count(old, slot)
    rule = old.rule
    if remaining is not None:
        parts = dict(p.split("=", 1) for p in rule.split(";"))
        parts["COUNT"] = str(max(remaining, 1))
        rule = ";".join(f"{k}={v}" for k, v in parts.items())
    suffix = slot.strftime("_R%Y%m%dT%H%M%SZ")
    new_series = _copy(
        series,
        now,
        ical_uid=series.ical_uid[: 255 - len(suffix)] + suffix,
        recurrence_rule=rule,
        exdates=[d for d in series.exdates if d >= slot],
        rdates=[d for d in series.rdates if d >= slot],
        rdate_periods=periods.kept(
            series.rdate_periods, [d for d in series.rdates if d >= slot]
        ),
        updated_by=principal.user_id,
        **_times(series, slot),
    )
    _end_before(series, slot, now)
    db.session.flush()
    moved = db.session.scalars(
        sa.update(Event)
        .where(
            Event.series_id == series.id,
            Event.original_start_time >= slot,
            Event.deleted_at.is_(None),
        )
        .values(series_id=new_series.id)
        .returning(Event.id)
        .execution_options(synchronize_session=False)
    ).all()
    changes.record_events(db.session, moved)
    db.session.flush()
    return new_series


def reconcile_exceptions(series: Event, now: datetime) -> list[datetime]:
    """Delete the exceptions whose slot the series no longer has; return their slots."""
    if not series.recurrence_rule:
        return []
    rows = db.session.scalars(
        sa.select(Event).where(Event.series_id == series.id, Event.deleted_at.is_(None))
    ).all()
    expanded = occurrences.series_of(series)
    dropped = []
    for row in rows:
        if not recurrence.is_occurrence(expanded, row.original_start_time):
            row.deleted_at = now
            dropped.append(row.original_start_time)
    db.session.flush()
    return sorted(dropped)


def delete_exceptions(series: Event, now: datetime) -> None:
    """Deleting a series deletes its exceptions."""
    gone = db.session.scalars(
        sa.update(Event)
        .where(Event.series_id == series.id, Event.deleted_at.is_(None))
        .values(deleted_at=now, updated_at=now)
        .returning(Event.id)
        .execution_options(synchronize_session=False)
    ).all()
    changes.record_events(db.session, gone, "deleted")


def move_exceptions(series: Event, calendar_id: uuid.UUID) -> None:
    """Moving a series moves its exceptions: they are its occurrences."""
    # Readers of both calendars learn of it (logged at commit).
    rows = db.session.execute(
        sa.select(Event.id, Event.calendar_id).where(Event.series_id == series.id)
    ).all()
    db.session.execute(
        sa.update(Event)
        .where(Event.series_id == series.id)
        .values(calendar_id=calendar_id)
        .execution_options(synchronize_session=False)
    )
    for event_id, old_calendar in rows:
        for calendar in {old_calendar, calendar_id}:
            changes.record(
                db.session, "event", event_id, "updated", calendar_id=calendar
            )
