"""Events: create, read, list, update and soft-delete. Access goes through ``policy``.

Decisions a client will notice:

- Times: a timed event takes RFC 3339 instants with an offset; an all-day event
  takes dates (``2026-12-25``) and is stored as ``start_date``/``end_date`` (end
  exclusive) plus ``start_time``/``end_time`` = midnight of those dates in the
  event's zone, in UTC. ``all_day`` defaults to "``start_time`` is a date".
- The zone defaults to the calendar's. Changing the zone of an all-day event keeps
  its dates (so its instants move); changing the zone of a timed event keeps its
  instants (the zone is only the one the user meant).
- ``PUT`` is a partial update: a field left out keeps its value, ``end_time``
  included (moving ``start_time`` alone past the end is a 400, never a silent
  change of ``end_time``). Switching between timed and all-day needs the new
  ``start_time`` (and, for a timed event, ``end_time``).
- Moving an event to another calendar (``calendar_id`` in ``PUT``) keeps its zone.
- ``GET /events``: ``end`` must be after ``start`` (an empty window is a 400).
- ``ical_uid`` is fixed at creation (default ``<uuid>@calapp``) and unique per
  calendar among live events (409, also when moving an event).
- ``sequence`` (iCalendar SEQUENCE) grows when the time, title, location, status
  or rule change; ``updated_at`` (and so the ETag) changes on every change to the
  event, its reminders or its attendees.
"""

from __future__ import annotations

import functools
import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from calapp import policy
from calapp.calendars.models import Calendar
from calapp.errors import Conflict, NotFound, ValidationError
from calapp.etags import etag_of
from calapp.events import (
    hooks,
    instances,
    occurrences,
    pages,
    periods,
    reads,
    recurrence,
)
from calapp.events.models import SEARCH_SQL, Event, EventReminder
from calapp.extensions import db
from calapp.pagination import keyset_page
from calapp.security import Principal

# Every read that returns events loads their children in 2 statements per page.
WITH_CHILDREN = (selectinload(Event.reminders), selectinload(Event.attendees))
# A change to any of these is a new iCalendar SEQUENCE.
SEQUENCE_FIELDS = (
    "exdates",
    "rdates",
    "start_time",
    "end_time",
    "all_day",
    "title",
    "location",
    "status",
    "recurrence_rule",
)
PLAIN_FIELDS = (
    "title",
    "description",
    "location",
    "recurrence_rule",
    "status",
    "transparency",
    "tags",
    "attachments",
)
TIME_FIELDS = ("start_time", "end_time", "all_day", "start_date", "end_date")


def etag(event: Event) -> str:
    return etag_of("event", event.id, event.updated_at.isoformat(), event.sequence)


def touch(event: Event, principal: Principal, now: datetime) -> None:
    """Record a change to the event or to its reminders/attendees (new ETag)."""
    event.updated_at = now
    event.updated_by = principal.user_id


# --- times ---------------------------------------------------------------------------


def _is_date(value) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def local_midnight(day: date, zone: str) -> datetime:
    """Midnight starting ``day`` in ``zone``, as a UTC instant."""
    try:
        return datetime.combine(day, time(), tzinfo=ZoneInfo(zone)).astimezone(UTC)
    except OverflowError as exc:
        raise ValidationError.field("start_time", "is out of range") from exc


def _end_before_start(all_day: bool = True) -> ValidationError:
    rule = "must be after start_time" if all_day else "must not be before start_time"
    return ValidationError(f"end_time {rule}", details={"end_time": [rule]})


def resolve_times(data: dict, zone: str, current: Event | None = None) -> dict:
    """The five time columns from validated input (and the stored event on PUT).

    :raises ValidationError: wrong kind of value, a missing bound, end not after start.
    """
    start, end = data.get("start_time"), data.get("end_time")
    all_day = data.get("all_day")
    if all_day is None:
        given = start if start is not None else end
        if given is not None:
            all_day = _is_date(given)
        else:
            all_day = current.all_day if current is not None else False
    for name, value in (("start_time", start), ("end_time", end)):
        if value is not None and _is_date(value) != all_day:
            raise ValidationError.field(
                name,
                "must be a date (YYYY-MM-DD) for an all-day event"
                if all_day
                else "must be an RFC 3339 date-time with an offset for a timed event",
            )
    same_kind = current is not None and current.all_day == all_day
    if all_day:
        start_date = (
            start if start is not None else (current.start_date if same_kind else None)
        )
        if start_date is None:
            raise ValidationError.field(
                "start_time", "is required (a date) to make the event all-day"
            )
        if end is not None:
            end_date = end
        elif same_kind:
            end_date = current.end_date
        else:
            end_date = start_date + timedelta(days=1)
        if end_date <= start_date:
            raise _end_before_start()
        start_time = local_midnight(start_date, zone)
        end_time = local_midnight(end_date, zone)
    else:
        start_time = (
            start if start is not None else (current.start_time if same_kind else None)
        )
        end_time = end if end is not None else (current.end_time if same_kind else None)
        for name, value in (("start_time", start_time), ("end_time", end_time)):
            if value is None:
                raise ValidationError.field(
                    name, "is required (an RFC 3339 date-time) for a timed event"
                )
        start_date = end_date = None
    # A timed event may have zero length (RFC 5545 §3.6.1: a DTSTART alone); an
    # all-day one lasts a day at least (a day a zone skipped, Pacific/Apia
    # 2011-12-30, is caught here).
    if end_time < start_time or (all_day and end_time == start_time):
        raise _end_before_start(all_day)
    return {
        "start_time": start_time,
        "end_time": end_time,
        "all_day": all_day,
        "start_date": start_date,
        "end_date": end_date,
    }


# --- ical_uid ------------------------------------------------------------------------


def _uid_conflict(uid: str, event_id: uuid.UUID | None = None) -> Conflict:
    details: dict = {"ical_uid": ["is already used by another event of this calendar"]}
    if event_id is not None:
        details["event_id"] = str(event_id)
    return Conflict(
        f"An event with ical_uid {uid!r} already exists in this calendar",
        details=details,
    )


def _check_uid_free(
    calendar_id: uuid.UUID, uid: str, exclude: uuid.UUID | None = None
) -> None:
    stmt = sa.select(Event.id).where(  # the rows uq_events_calendar_ical_uid covers
        Event.calendar_id == calendar_id,
        Event.ical_uid == uid,
        Event.deleted_at.is_(None),
        Event.series_id.is_(None),
    )
    if exclude is not None:
        stmt = stmt.where(Event.id != exclude)
    other = db.session.scalar(stmt.limit(1))
    if other is not None:
        raise _uid_conflict(uid, other)


def _flush(event: Event) -> None:
    """Flush; a concurrent writer taking the same ical_uid is a 409 too."""
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:
        if "uq_events_calendar_ical_uid" in str(exc.orig):
            raise _uid_conflict(event.ical_uid) from exc
        raise


# --- recurrence ----------------------------------------------------------------------


def _recurrence_dates(values, event: Event, name: str) -> list[datetime]:
    """exdates/rdates as UTC instants (a date means local midnight, all-day only)."""
    out = set()
    for value in values:
        if not isinstance(value, datetime) and not event.all_day:
            raise ValidationError.field(name, "must be date-times for a timed event")
        out.add(recurrence.utc(value, event.timezone, event.all_day))
    return sorted(out)


def apply_recurrence(event: Event, data: dict) -> None:
    """Convert exdates/rdates and check the rule against the event's start.

    :raises ValidationError: a rule that cannot be served, dates without a rule,
        a rule on an occurrence.
    """
    for name in ("exdates", "rdates"):
        if name in data:
            setattr(event, name, _recurrence_dates(data[name] or (), event, name))
    # An RDATE period (from an import) lasts while its RDATE stays.
    event.rdate_periods = periods.kept(event.rdate_periods, event.rdates)
    if not event.recurrence_rule:
        if event.exdates or event.rdates:
            raise ValidationError.field("exdates", "only a recurring event has them")
        return
    if event.series_id is not None:
        raise ValidationError.field(
            "recurrence_rule", "an occurrence of a series cannot repeat itself"
        )
    event.recurrence_rule = recurrence.normalize_rule(event.recurrence_rule)
    recurrence.validate(occurrences.series_of(event))


# --- CRUD ----------------------------------------------------------------------------


def create(principal: Principal, data: dict, now: datetime) -> Event:
    """Create an event (with its reminders and attendees) on a calendar.

    :raises NotFound: the calendar is invisible. :raises Forbidden: viewer.
    :raises ValidationError: times. :raises Conflict: ical_uid taken.
    """
    from calapp.events.attendees import new_attendees  # attendees imports service

    calendar, _ = policy.get_calendar(principal, data["calendar_id"], "write")
    zone = data.get("timezone") or calendar.timezone
    times = resolve_times(data, zone)
    uid = data.get("ical_uid") or f"{uuid.uuid4()}@calapp"
    _check_uid_free(calendar.id, uid)
    event = Event(
        id=uuid.uuid4(),
        calendar_id=calendar.id,
        ical_uid=uid,
        timezone=zone,
        status=data.get("status", "confirmed"),
        transparency=data.get("transparency", "busy"),
        tags=data.get("tags", []),
        attachments=data.get("attachments", []),
        title=data["title"],
        description=data.get("description"),
        location=data.get("location"),
        recurrence_rule=data.get("recurrence_rule"),
        exdates=[],
        rdates=[],
        rdate_periods={},
        sequence=0,
        created_by=principal.user_id,
        updated_by=principal.user_id,
        created_at=now,
        updated_at=now,
        reminders=[
            EventReminder(minutes_before=m, created_at=now)
            for m in sorted(set(data.get("reminders", [])))
        ],
        attendees=new_attendees(data.get("attendees", []), now),
        **times,
    )
    apply_recurrence(event, data)
    db.session.add(event)
    _flush(event)
    hooks.event_created(event, now)  # invitations
    return event


def get(principal: Principal, event_id: uuid.UUID) -> Event:
    """An event the principal can read (member of its calendar, or attendee)."""
    event, _ = policy.get_event(principal, event_id, "read", options=WITH_CHILDREN)
    return event


def update(
    principal: Principal,
    event_id: uuid.UUID,
    changes: dict,
    now: datetime,
    if_match=None,
) -> Event:
    """Apply a partial update; moving (``calendar_id``) needs write on both calendars.

    ``if_match(etag)`` may raise to refuse a stale write. Returns the event without
    its children loaded (read it again for output), with ``dropped_exceptions``:
    the slots of exceptions deleted because a new rule or start lacks them.
    """
    event, _ = policy.get_event(principal, event_id, "write", lock=True)
    if if_match:
        if_match(etag(event))
    before = {
        name: getattr(event, name)
        for name in (
            *PLAIN_FIELDS, *TIME_FIELDS, "timezone", "calendar_id", "exdates", "rdates"
        )
    }  # fmt: skip
    target = changes.get("calendar_id")
    if target is not None and target != event.calendar_id:
        calendar, _ = policy.get_calendar(principal, target, "write")
        _check_uid_free(calendar.id, event.ical_uid, exclude=event.id)
        event.calendar_id = calendar.id
        instances.move_exceptions(event, calendar.id)
    if {"start_time", "end_time", "all_day", "timezone"} & changes.keys():
        zone = changes.get("timezone", event.timezone)
        for name, value in resolve_times(changes, zone, current=event).items():
            setattr(event, name, value)
        event.timezone = zone
        event.duration_days = 0  # the times given are exact (an import's are not)
    if event.series_id is not None and {"recurrence_rule", "exdates", "rdates"} & (
        changes.keys()
    ):
        raise ValidationError.field(
            "recurrence_rule", "belongs to the series: change the series instead"
        )
    for name in PLAIN_FIELDS:
        if name in changes:
            setattr(event, name, changes[name])
    apply_recurrence(event, changes)
    dropped = []
    if event.series_id is None and any(
        getattr(event, name) != before[name]
        for name in ("recurrence_rule", "start_time", "timezone", "all_day")
    ):
        _flush(event)  # last_end and the new rule first
        dropped = instances.reconcile_exceptions(event, now)
    if any(getattr(event, name) != before[name] for name in SEQUENCE_FIELDS):
        event.sequence += 1
    if dropped or any(getattr(event, n) != v for n, v in before.items()):
        touch(event, principal, now)
    _flush(event)
    hooks.event_updated(event, before, now)  # reminders, invitations
    if dropped:  # shown once in the PUT response
        event.dropped_exceptions = dropped
    return event


def delete(
    principal: Principal, event_id: uuid.UUID, now: datetime, if_match=None
) -> None:
    """Soft delete: the event disappears from every read."""
    event, _ = policy.get_event(principal, event_id, "write", lock=True)
    if if_match:
        if_match(etag(event))
    if event.series_id is not None:
        # An exception stands for an occurrence: deleting it cancels that
        # occurrence (deleting the row would bring the original slot back).
        event.status = "cancelled"
        event.sequence += 1
    else:
        event.deleted_at = now
        instances.delete_exceptions(event, now)
    touch(event, principal, now)
    db.session.flush()
    hooks.event_deleted(event, now)  # revocations, invitations


# --- list ----------------------------------------------------------------------------


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _check_calendars_readable(principal: Principal, ids: list[uuid.UUID]) -> None:
    """:raises NotFound: naming the first id the principal cannot read."""
    readable = set(
        db.session.scalars(
            sa.select(Calendar.id).where(
                Calendar.id.in_(ids),
                Calendar.id.in_(policy.calendar_ids(principal, "read")),
            )
        )
    )
    for calendar_id in ids:
        if calendar_id not in readable:
            raise NotFound(
                "Calendar not found",
                details={
                    "calendar_id": [f"{calendar_id} is not a calendar you can read"]
                },
            )


@functools.cache
def _list_query(system: bool, calendars: bool, search: bool, tags: bool):
    """``(base, WindowQuery)`` of a list's shape, built once: the principal and
    the filters are bind parameters (``_list_params``)."""
    principal = Principal.system() if system else policy.BOUND_USER
    conditions = [policy.readable_events(principal)]
    if calendars:
        ids = sa.bindparam("calendar_ids", type_=ARRAY(sa.Uuid))
        conditions.append(Event.calendar_id == sa.any_(ids))
    if search:
        pattern = sa.bindparam("search_pattern", type_=sa.Text)
        conditions.append(sa.literal_column(SEARCH_SQL).ilike(pattern))
    if tags:
        conditions.append(
            Event.tags.contains(sa.bindparam("tags", type_=ARRAY(sa.String)))
        )
    base = sa.select(Event).where(*conditions)
    return base, pages.WindowQuery.over(base)


def list_page(
    principal: Principal,
    *,
    limit: int,
    cursor: str | None,
    start: datetime | None = None,
    end: datetime | None = None,
    calendar_ids: list[uuid.UUID] | None = None,
    search: str | None = None,
    tags: list[str] | None = None,
) -> tuple[list[dict], str | None]:
    """Readable events ordered by (start_time, id), with reminders and attendees,
    as items of ``calapp.events.reads`` (the read path: rows, not entities).

    ``start`` and ``end`` together: the window ``[start, end)`` with recurring
    events expanded into occurrences (``calapp.events.pages``). Either alone:
    stored events ending after ``start`` / starting before ``end``, each series
    once. ``calendar_ids``: each must be readable (else 404). ``search``:
    case-insensitive substring of title, description or location. ``tags``:
    events carrying all of them.
    """
    params = {} if principal.is_system else policy.bound_user_params(principal)
    if calendar_ids:
        params["calendar_ids"] = list(dict.fromkeys(calendar_ids))
        _check_calendars_readable(principal, params["calendar_ids"])
    if search:
        params["search_pattern"] = _like_pattern(search)
    if tags:
        params["tags"] = list(dict.fromkeys(tags))
    base, window = _list_query(
        principal.is_system, bool(calendar_ids), bool(search), bool(tags)
    )
    if start is not None and end is not None:
        return pages.window_page(window, params, start, end, limit=limit, cursor=cursor)
    stmt = base.with_only_columns(*reads.COLUMNS)
    if start is not None:  # a zero-length event starting at ``start`` too
        stmt = stmt.where(sa.or_(Event.end_time > start, Event.start_time >= start))
    if end is not None:
        stmt = stmt.where(Event.start_time < end)
    rows, cursor = keyset_page(
        stmt,
        keys=[Event.start_time, Event.id],
        key_of=lambda row: (row.start_time, uuid.UUID(row.id)),
        limit=limit,
        cursor=cursor,
        scalars=False,
        params=params,
    )
    return [reads.item(row) for row in rows], cursor
