"""Free/busy from expanded events, and common free slots of several calendars
and participants.

Busy: every event and occurrence of the calendars in the window, except
cancelled ones, ``transparency: free`` ones and invitations the calendar's owner
declined (an attendee row of the owner with status ``declined``); and the time
off of the calendar's owner, and its public holidays when it lets them block
(``calapp.schedules``), which slot finding keeps out without a buffer.

Free/busy needs only the ``freebusy`` role on a calendar (``policy``): nothing
here returns an event's id, title or attendees. Participants (people, see
``participants``) stand for the calendars they share with the caller.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from calapp import policy
from calapp.availability import month, slots
from calapp.availability import participants as people
from calapp.calendars.models import Calendar
from calapp.changes.models import Change
from calapp.errors import ValidationError
from calapp.events import occurrences
from calapp.events.models import Event, EventAttendee
from calapp.extensions import db
from calapp.schedules import service as schedules
from calapp.security import Principal

MAX_FIND_WINDOW = timedelta(days=62)
# Occurrences expanded for one answer: as many as one listing allows for each
# person whose calendars are read (a group's busy time is several people's), up
# to a ceiling that bounds the work of any request.
MAX_BUSY_OCCURRENCES = 10 * occurrences.MAX_OCCURRENCES
EARLIEST = datetime.min.replace(tzinfo=UTC)


def readable(principal: Principal, calendar_ids: list[uuid.UUID]) -> list:
    """The calendars, in the order asked; the principal must hold at least
    ``freebusy`` on each (else 404)."""
    return policy.get_calendars(
        principal, list(dict.fromkeys(calendar_ids)), "freebusy"
    )


# Busy blocks of recent questions, per process: expanding a calendar's series is
# most of the CPU of a free/busy or booking answer, and visitors of one booking
# page ask for the same days. An entry is valid while the calendars' last
# change-log positions are the ones it was computed at: every write of an event
# (or of an attendee, or a move between calendars) adds a change-log row on its
# calendars, in commit order.
_BUSY_CACHE: OrderedDict[tuple, tuple[tuple, dict]] = OrderedDict()
_BUSY_CACHE_SIZE = 256


def _positions(calendar_ids: list[uuid.UUID]) -> tuple:
    """The last change-log position of each calendar (one index probe each).

    Written as a range on ``calendar_id`` ordered by ``(calendar_id, position)``
    so that PostgreSQL reads ``ix_changes_calendar_position`` backwards for one
    row: with ``max(position) WHERE calendar_id = x`` it walked the primary key
    back from the newest change, through every later change of other calendars
    (10,000 rows for one of ten calendars written one after the other).
    """
    if not calendar_ids:
        return ()
    last = [
        sa.select(Change.position)
        .where(Change.calendar_id >= cid, Change.calendar_id <= cid)
        .order_by(Change.calendar_id.desc(), Change.position.desc())
        .limit(1)
        .scalar_subquery()
        for cid in calendar_ids
    ]
    return tuple(db.session.execute(sa.select(*last)).one())


def busy_by_calendar(
    calendars: list, start: datetime, end: datetime
) -> dict[uuid.UUID, list[tuple[datetime, datetime]]]:
    """Merged busy blocks per calendar, clipped to ``[start, end)``.

    Callers have checked access. Runs a constant number of queries; one while
    the calendars are unchanged since the same question (``_BUSY_CACHE``).
    """
    connected = connected_busy(calendars)
    key = (tuple((c.id, c.owner_id) for c in calendars), start, end)
    positions = _positions([c.id for c in calendars + connected])
    cached = _BUSY_CACHE.get(key)
    if cached is not None and cached[0] == positions:
        _BUSY_CACHE.move_to_end(key)
        return {cid: list(blocks) for cid, blocks in cached[1].items()}
    found = _with_connected(
        _busy_by_calendar(unique(calendars + connected), start, end),
        calendars,
        connected,
    )
    _BUSY_CACHE[key] = (positions, found)
    while len(_BUSY_CACHE) > _BUSY_CACHE_SIZE:
        _BUSY_CACHE.popitem(last=False)
    return {cid: list(blocks) for cid, blocks in found.items()}


def connected_busy(calendars: list) -> list:
    """The connected calendars (``calapp.connections``) chosen as busy of the
    owners of ``calendars``: their events make the owner busy in every calendar
    of theirs, as time off does (one query, on a partial index)."""
    owners = {c.owner_id for c in calendars}
    if not owners:
        return []
    return list(
        db.session.scalars(
            sa.select(Calendar).where(
                Calendar.owner_id.in_(owners),
                Calendar.is_busy_source.is_(True),
                Calendar.deleted_at.is_(None),
            )
        )
    )


def _with_connected(found: dict, calendars: list, connected: list) -> dict:
    """Each asked calendar's blocks with its owner's connected busy blocks."""
    by_owner: dict[uuid.UUID, list] = {}
    for c in connected:
        by_owner.setdefault(c.owner_id, []).extend(found[c.id])
    return {
        c.id: slots.merge_busy(found[c.id] + by_owner.get(c.owner_id, []))
        if by_owner.get(c.owner_id)
        else found[c.id]
        for c in calendars
    }


def _busy_by_calendar(
    calendars: list, start: datetime, end: datetime
) -> dict[uuid.UUID, list[tuple[datetime, datetime]]]:
    blocks: dict[uuid.UUID, list] = {c.id: [] for c in calendars}
    for calendar_id, _, span_start, span_end in busy_events(calendars, start, end):
        blocks[calendar_id].append((max(span_start, start), min(span_end, end)))
    return {cid: slots.merge_busy(b) for cid, b in blocks.items()}


def busy_events(
    calendars: list, start: datetime, end: datetime
) -> list[tuple[uuid.UUID, uuid.UUID, datetime, datetime]]:
    """``(calendar_id, event_id, start, end)`` of every busy event and occurrence
    of the calendars overlapping ``[start, end)``, unclipped; an occurrence's
    ``event_id`` is its series' (an exception's own). Callers have checked access.

    :raises ValidationError: bad window, more occurrences than ``occurrence_limit``.
    """
    return _spans(_busy_events(calendars), start, end, occurrence_limit(calendars))


def occurrence_limit(calendars: list) -> int:
    """``MAX_OCCURRENCES`` for each owner of the calendars, at most
    ``MAX_BUSY_OCCURRENCES``."""
    people = len({c.owner_id for c in calendars}) or 1
    return min(MAX_BUSY_OCCURRENCES, people * occurrences.MAX_OCCURRENCES)


def _busy_events(calendars: list) -> sa.Select:
    """The events of the module docstring that make their calendar busy."""
    owners = {c.id: c.owner_id for c in calendars}
    # An exception carries its own copy of the attendees, so Event.id is right
    # for series, exceptions and single events alike.
    declined_by_owner = sa.exists().where(
        EventAttendee.event_id == Event.id,
        EventAttendee.status == "declined",
        sa.or_(
            *(
                sa.and_(Event.calendar_id == cid, EventAttendee.user_id == owner_id)
                for cid, owner_id in owners.items()
            )
        ),
    )
    return sa.select(Event).where(
        Event.calendar_id.in_(list(owners)),
        Event.deleted_at.is_(None),
        Event.status != "cancelled",
        Event.transparency == "busy",
        sa.not_(declined_by_owner),
    )


def _spans(
    base: sa.Select, start: datetime, end: datetime, limit: int
) -> list[tuple[uuid.UUID, uuid.UUID, datetime, datetime]]:
    """``(calendar_id, event_id, start, end)`` of every event and occurrence of
    ``base`` in the window, as ``occurrences.all_in_window`` finds them, from the
    columns alone: a busy calendar's month is hundreds of occurrences, and building an
    ORM row (and an ``Occurrence``) for each was a quarter of a booking page's time.

    :raises ValidationError: bad window, more than ``limit`` occurrences.
    """
    occurrences.check_window(start, end)
    stored = db.session.execute(
        occurrences._stored_in(base, start, end).with_only_columns(
            Event.calendar_id, Event.id, Event.start_time, Event.end_time
        )
    ).all()
    series_rows = db.session.execute(
        occurrences._series_in(base, start, end).with_only_columns(
            Event.calendar_id, *occurrences.EXPANSION_COLUMNS
        )
    ).all()
    # The slots exceptions replace: a second, simple statement (building the
    # correlated ``_overridden_column`` costs more than the round trip).
    streams = occurrences._series_starts(series_rows, start, end, None, limit=limit)
    spans = [tuple(row) for row in stored]
    for row, stream in zip(series_rows, streams, strict=True):
        spans += [
            (row.calendar_id, row.id, s, series.occurrence_end(s))
            for s, _, series in stream
        ]
    return spans


def _blocks(blocks) -> list[dict]:
    return [{"start": s, "end": e} for s, e in blocks]


def free_busy(
    principal: Principal,
    calendar_ids: list[uuid.UUID],
    start: datetime,
    end: datetime,
    participant_ids: list[str] = (),
) -> dict:
    """Busy blocks of the calendars and of the participants (``participants``).

    :raises NotFound: a calendar the principal holds no role on, a participant
        sharing nothing with it.
    :raises ValidationError: window empty or longer than 366 days."""
    calendars = readable(principal, calendar_ids)
    (persons,) = people.resolve(principal, participant_ids)
    everything = unique(calendars + people.calendars_of(persons))
    per_calendar = busy_by_calendar(everything, start, end)
    away = away_by_calendar(everything, start, end)
    per_calendar = {
        cid: slots.merge_busy(blocks + [(a.start, a.end) for a in away[cid]])
        for cid, blocks in per_calendar.items()
    }
    per_person = [people.busy_of(p, per_calendar) for p in persons]
    union = slots.merge_busy(
        [b for c in calendars for b in per_calendar[c.id]]
        + [b for blocks in per_person for b in blocks]
    )
    return {
        "calendar_id": calendars[0].id if calendars else None,
        "start": start,
        "end": end,
        "busy": _blocks(union),
        "calendars": [
            {"calendar_id": c.id, "busy": _blocks(per_calendar[c.id])}
            for c in calendars
        ],
        "participants": [
            {"participant": p.given, "busy": _blocks(blocks)}
            for p, blocks in zip(persons, per_person, strict=True)
        ],
    }


def away_by_calendar(
    calendars: list,
    start: datetime,
    end: datetime,
    zones: dict[uuid.UUID, str] | None = None,
) -> dict[uuid.UUID, list[schedules.Absence]]:
    """Absences of each calendar's owner, clipped to ``[start, end)``.

    ``zones``: owner id → the zone of its holidays' days (default: its home zone).
    Not cached with the events' busy blocks: time off is not in the change log.
    """
    owners = {c.owner_id: (zones or {}).get(c.owner_id) for c in calendars}
    by_owner: dict[uuid.UUID, list] = {}
    for absence in schedules.absences(owners, start, end):
        clipped = schedules.Absence(
            absence.owner_id,
            max(absence.start, start),
            min(absence.end, end),
            absence.code,
            absence.name,
        )
        by_owner.setdefault(absence.owner_id, []).append(clipped)
    return {c.id: by_owner.get(c.owner_id, []) for c in calendars}


def find_schedule(principal: Principal, data: dict):
    """The caller's schedule named by ``schedule_id``, or None.

    :raises NotFound: not a schedule of the caller.
    """
    if data.get("schedule_id") is None:
        return None
    return schedules.get_schedule(principal, data["schedule_id"])


def find_absences(
    calendars: list, schedule, start: datetime, end: datetime
) -> list[schedules.Absence]:
    """What keeps find's slots out besides events: the calendar owners' absences,
    and the schedule owner's (its holidays' days in the schedule's zone)."""
    zones = {schedule.owner_id: schedule.timezone} if schedule is not None else {}
    found = [
        a
        for away in away_by_calendar(calendars, start, end, zones).values()
        for a in away
    ]
    if schedule is not None and schedule.owner_id not in {
        c.owner_id for c in calendars
    }:
        found += schedules.absences(zones, start, end)
    return found


def unique(calendars: list) -> list:
    return list({c.id: c for c in calendars}.values())


def find_common_slots(principal: Principal, data: dict) -> dict:
    """Slots of ``duration_minutes`` free in every listed calendar and for every
    required participant; with optional participants, those where at least
    ``min_required`` of them are free too, the slots most of them can attend
    first.

    :raises NotFound: a calendar the principal holds no role on, a participant
        sharing nothing with it.
    :raises ValidationError: a window longer than 62 days, bad working hours.
    """
    start, end = data["start"], data["end"]
    if end <= start:
        raise ValidationError.field("end", "must be after start")
    if start.year < 1900:  # working hours of local days before 1900 mean nothing
        raise ValidationError.field("start", "must be in 1900 or later")
    if end - start > MAX_FIND_WINDOW:
        raise ValidationError.field(
            "end", f"the search window may span at most {MAX_FIND_WINDOW.days} days"
        )
    optional_given = data.get("optional_participants", [])
    min_required = data.get("min_required", 0)
    if min_required > len(set(optional_given)):
        raise ValidationError.field(
            "min_required", "must not be more than the optional participants"
        )
    schedule = find_schedule(principal, data)
    rules = find_rules(data, timedelta(minutes=data["duration_minutes"]), schedule)
    calendars = readable(principal, data.get("calendar_ids", []))
    required, optional = people.resolve(
        principal, data.get("participants", []), optional_given
    )
    # A block ending (starting) within ``buffer`` of the window's edges still
    # blocks the first (last) slots once widened: load it too.
    buffer = rules.buffer
    busy_start = start - min(buffer, start - EARLIEST)  # no OverflowError in year 1
    per_calendar = busy_by_calendar(
        unique(calendars + people.calendars_of(required + optional)),
        busy_start,
        end + buffer,
    )
    # Each participant's own working hours (default schedule) and absences.
    group = people.availabilities(required + optional, rules, per_calendar, start, end)
    needed, hoped = group[: len(required)], group[len(required) :]
    union = [b for c in calendars for b in per_calendar[c.id]] + [
        b for a in needed for b in people.busy_of(a.participant, per_calendar)
    ]
    # Time off and blocking holidays of the calendars' owners and of the
    # schedule's owner: the slot itself, no buffer (the participants' own are in
    # their ``Availability``, read once for the whole group).
    off = [(a.start, a.end) for a in find_absences(calendars, schedule, start, end)]
    found = [
        slot
        for slot in slots.free_slots(rules, union, start, end, now=start, off=off)
        if all(a.is_free(*slot) for a in needed)
    ]
    result = {
        "calendar_ids": [c.id for c in calendars],
        "schedule_id": schedule.id if schedule is not None else None,
        "participants": [p.given for p in required],
        "timezone": rules.timezone,
        "duration_minutes": data["duration_minutes"],
        "slots": _blocks(found),
    }
    if optional:
        result["optional_participants"] = [p.given for p in optional]
        result["min_required"] = min_required
        result["slots"] = _ranked(found, hoped, min_required)
    return result


def _ranked(found, hoped: list, min_required: int) -> list[dict]:
    """The slots at least ``min_required`` optional participants (``hoped``:
    their ``Availability``) are free in, those with more of them free first,
    then by start."""
    ranked = []
    for start, end in found:
        free = [a.participant.given for a in hoped if a.is_free(start, end)]
        if len(free) >= min_required:
            ranked.append(
                {
                    "start": start,
                    "end": end,
                    "optional_free": free,
                    "optional_free_count": len(free),
                }
            )
    ranked.sort(key=lambda slot: (-slot["optional_free_count"], slot["start"]))
    return ranked


def find_rules(data: dict, duration: timedelta, schedule=None) -> slots.Rules:
    """The rules of ``POST /availability/find`` (and of its explanations) from
    its body: ``timezone``, ``working_hours`` (or the windows, date overrides
    and zone of ``schedule``), ``buffer_minutes``, ``slot_interval_minutes``.

    :raises ValidationError: bad working hours.
    """
    interval = data.get("slot_interval_minutes")
    if schedule is not None:
        return slots.open_rules(
            duration,
            schedule.timezone,
            schedules.weekly_windows(schedule),
            buffer=timedelta(minutes=data.get("buffer_minutes", 0)),
            slot_interval=timedelta(minutes=interval) if interval else None,
            date_overrides=schedules.override_windows(schedule),
        )
    working_hours = None
    if data.get("working_hours") is not None:
        try:
            working_hours = slots.parse_working_hours(data["working_hours"])
        except ValueError as exc:
            raise ValidationError.field("working_hours", str(exc)) from exc
    return slots.open_rules(
        duration,
        data["timezone"],
        working_hours,
        buffer=timedelta(minutes=data.get("buffer_minutes", 0)),
        slot_interval=timedelta(minutes=interval) if interval else None,
    )


def my_month(principal: Principal, data: dict) -> dict:
    """The caller's month view (``calapp.availability.month``): slots of
    ``duration_minutes`` in their schedule (``schedule_id``, default their
    default one), minus busy time of the calendars they own, their time off and
    blocking holidays, with the rules of ``POST /availability/find`` (no notice,
    no horizon). With ``participant``s, the slots every one of them is free in
    too, as find judges required participants. One read of busy time for the
    whole month.

    :raises ValidationError: no schedule given and no default one.
    :raises NotFound: ``schedule_id`` is not one of the caller's schedules.
    """
    schedule_id = data.get("schedule_id")
    if schedule_id is None:
        defaults = schedules.default_ids([principal.user_id])
        if not defaults:
            raise ValidationError.field(
                "schedule_id",
                "you have no default schedule: give schedule_id, or set "
                "default_schedule_id with PUT /users/me",
            )
        schedule_id = next(iter(defaults))
    schedule = schedules.get_schedule(principal, schedule_id)
    duration = timedelta(minutes=data["duration_minutes"])
    rules = find_rules(data, duration, schedule)
    zone = data.get("timezone") or schedule.timezone
    days = month.days_of(data["year"], data["month"], zone)
    start, end = month.month_range(days)
    calendars = list(
        db.session.scalars(
            sa.select(Calendar).where(
                Calendar.owner_id == principal.user_id, Calendar.deleted_at.is_(None)
            )
        )
    )
    (group,) = people.resolve(principal, data.get("participant", []))
    read = unique(calendars + people.calendars_of(group))
    per_calendar = busy_by_calendar(read, start, end) if read else {}
    busy = [b for c in calendars for b in per_calendar[c.id]]
    away = find_absences(calendars, schedule, start, end)
    offered = None
    if group:
        needed = people.availabilities(group, rules, per_calendar, start, end)
        busy += [b for a in needed for b in people.busy_of(a.participant, per_calendar)]
        off = [(a.start, a.end) for a in away]
        offered = [
            slot
            for slot in slots.free_slots(rules, busy, start, end, now=start, off=off)
            if all(a.is_free(*slot) for a in needed)
        ]
    return {
        "year": data["year"],
        "month": data["month"],
        "timezone": zone,
        "duration_minutes": data["duration_minutes"],
        "schedule_id": schedule.id,
        "participants": [p.given for p in group],
        "days": month.month_view(rules, days, start, busy, away, offered=offered),
    }
