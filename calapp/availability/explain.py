"""Why ``POST /availability/find`` would offer a slot or not: its explanation.

The slot is judged with find's rules (``service.find_rules``) against the same
busy events (``service.busy_events``), by ``reasons.explain``, the predicates the
listing uses. Every calendar must be readable (404 otherwise, as for find).

A ``busy`` or ``buffer`` reason names its calendar; it names the event (id,
title, calendar) only when the principal may read the event, as
``policy.readable_events`` says, and holds the ``events:read`` scope. Otherwise
it says only when the calendar is busy, merged as free/busy shows it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from calapp import policy
from calapp.availability import reasons, service
from calapp.availability.schemas import reason_fields
from calapp.errors import ValidationError
from calapp.events.models import Event
from calapp.extensions import db
from calapp.security import Principal


@dataclass(frozen=True)
class BusySource:
    calendar_id: uuid.UUID
    event_id: uuid.UUID | None = None  # None: not to be named


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
    lo, hi = reasons.reach(start, start + duration, rules.buffer)
    blockers, names = _blockers(principal, calendars, lo, hi)
    blockers += [
        reasons.Blocker(a.start, a.end, code=a.code, name=a.name)
        for a in service.find_absences(calendars, schedule, lo, hi)
    ]
    found = reasons.explain(rules, start, start, blockers)
    return {
        "calendar_ids": [c.id for c in calendars],
        "schedule_id": schedule.id if schedule is not None else None,
        "timezone": rules.timezone,
        "duration_minutes": int(duration / timedelta(minutes=1)),
        "slot": {"start": start, "end": start + duration},
        "offered": not found,
        "reasons": [_shown(reason, names) for reason in found],
    }


def _blockers(principal: Principal, calendars: list, lo, hi):
    """The busy blocks of ``[lo, hi)``, and the events that may be named."""
    if not principal.has_scope("events:read"):
        per_calendar = service.busy_by_calendar(calendars, lo, hi)
        blockers = [
            reasons.Blocker(s, e, source=BusySource(cid))
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
            s, e, source=BusySource(cid, event_id if event_id in names else None)
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
        shown["calendar_id"] = reason.source.calendar_id
        event = names.get(reason.source.event_id)
        if event is not None:
            shown["event"] = event
    return shown
