"""Why ``POST /availability/find`` would offer a slot or not: its explanation.

The slot is judged with find's rules (``service.find_rules``) against the same
busy events (``service.busy_events``), by ``reasons.explain``, the predicates the
listing uses. Every calendar must be readable (404 otherwise, as for find).

A ``busy`` or ``buffer`` reason names its calendar; it names the event (id,
title, calendar) only when the principal may read the event, as
``policy.readable_events`` says, and holds the ``events:read`` scope. Otherwise
it says only when the calendar is busy, merged as free/busy shows it.

Participants are judged as find judges required ones: the busy time of the
calendars they share with the caller, their time off and blocking holidays, and
their own default schedule. Their reasons carry ``participant`` (as the caller
gave them); an ``outside_working_hours`` of theirs says the day, not their
windows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from calapp import policy
from calapp.availability import participants as people
from calapp.availability import reasons, service
from calapp.availability.schemas import reason_fields
from calapp.errors import ValidationError
from calapp.events.models import Event
from calapp.extensions import db
from calapp.schedules import service as schedules
from calapp.security import Principal


@dataclass(frozen=True)
class BusySource:
    calendar_id: uuid.UUID | None
    event_id: uuid.UUID | None = None  # None: not to be named
    participant: str | None = None


def explain(principal: Principal, data: dict) -> dict:
    """:raises NotFound: a calendar the principal cannot read.
    :raises ValidationError: a start before 1900, bad working hours."""
    start = data["start"]
    if start.year < 1900:  # working hours of local days before 1900 mean nothing
        raise ValidationError.field("start", "must be in 1900 or later")
    if "end" in data:
        duration = data["end"] - start
    else:
        duration = timedelta(minutes=data["duration_minutes"])
    schedule = service.find_schedule(principal, data)
    rules = service.find_rules(data, duration, schedule)
    calendars = service.readable(principal, data["calendar_ids"])
    (group,) = people.resolve(principal, data["participants"])
    whose = {c.id: p.given for p in group for c in p.calendars}
    lo, hi = reasons.reach(start, start + duration, rules.buffer)
    read = list({c.id: c for c in [*calendars, *people.calendars_of(group)]}.values())
    blockers, names = _blockers(principal, read, lo, hi, whose)
    blockers += [
        reasons.Blocker(a.start, a.end, code=a.code, name=a.name)
        for a in service.find_absences(calendars, schedule, lo, hi)
    ]
    given = {p.user_id: p.given for p in group}
    blockers += [
        reasons.Blocker(
            a.start,
            a.end,
            code=a.code,
            name=a.name,
            source=BusySource(None, participant=given[a.owner_id]),
        )
        for a in schedules.absences(dict.fromkeys(given), lo, hi)
    ]
    found = reasons.explain(rules, start, start, blockers)
    found += _outside_their_hours(group, rules, start, start + duration)
    return {
        "calendar_ids": [c.id for c in calendars],
        "participants": [p.given for p in group],
        "schedule_id": schedule.id if schedule is not None else None,
        "timezone": rules.timezone,
        "duration_minutes": int(duration / timedelta(minutes=1)),
        "slot": {"start": start, "end": start + duration},
        "offered": not found,
        "reasons": [_shown(reason, names) for reason in found],
    }


def _outside_their_hours(group, asked, start, end) -> list[reasons.Reason]:
    """``outside_working_hours`` of each participant whose own default schedule
    does not hold the slot (the day in their schedule's zone, no windows)."""
    own = people.own_schedules(group)
    found = []
    for p in group:
        theirs = people.rules_for(p, asked, own.get(p.user_id))
        if theirs is asked or reasons.windows_holding(theirs, start, end):
            continue
        day = reasons.local_date(start, theirs.zone)
        found.append(
            reasons.Reason(
                reasons.OUTSIDE_WORKING_HOURS,
                f"The slot is not inside the working hours of {p.given} on "
                f"{day.isoformat()}",
                day=day,
                source=BusySource(None, participant=p.given),
            )
        )
    return found


def _blockers(principal: Principal, calendars: list, lo, hi, whose: dict):
    """The busy blocks of ``[lo, hi)``, and the events that may be named;
    ``whose``: calendar id → the participant it stands for."""
    if not principal.has_scope("events:read"):
        per_calendar = service.busy_by_calendar(calendars, lo, hi)
        blockers = [
            reasons.Blocker(s, e, source=BusySource(cid, None, whose.get(cid)))
            for cid, blocks in per_calendar.items()
            for s, e in blocks
        ]
        return blockers, {}
    # The owners' connected busy calendars too, as busy_by_calendar counts them:
    # a reason names the connected calendar (and its event when readable).
    connected = service.connected_busy(calendars)
    spans = service.busy_events(service.unique(calendars + connected), lo, hi)
    names = _readable(principal, {event_id for _, event_id, _, _ in spans})
    blockers = [
        reasons.Blocker(
            s,
            e,
            source=BusySource(
                cid, event_id if event_id in names else None, whose.get(cid)
            ),
        )
        for cid, event_id, s, e in spans
    ]
    return blockers, names


def _readable(principal: Principal, ids: set[uuid.UUID]) -> dict[uuid.UUID, dict]:
    """Id, title and calendar of the events of ``ids`` the principal may read
    (one query)."""
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(Event.id, Event.title, Event.calendar_id).where(
            Event.id.in_(ids), policy.readable_events(principal)
        )
    )
    return {
        row.id: {"id": row.id, "title": row.title, "calendar_id": row.calendar_id}
        for row in rows
    }


def _shown(reason: reasons.Reason, names: dict) -> dict:
    shown = reason_fields(reason)
    if isinstance(reason.source, BusySource):
        if reason.source.calendar_id is not None:
            shown["calendar_id"] = reason.source.calendar_id
        if reason.source.participant is not None:
            shown["participant"] = reason.source.participant
        event = names.get(reason.source.event_id)
        if event is not None:
            shown["event"] = event
    return shown
