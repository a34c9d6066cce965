"""The benchmark's ceiling: the same 50 rows as ``GET /events?start&end``, bare.

Bench only: never imported by ``calapp`` and never shipped. ``register(app)`` adds

    GET /bench/events-ceiling?start=<RFC 3339>&end=<RFC 3339>&user=<uuid>[&limit=50]

to an app made by ``create_app()`` (see ``bench/wsgi_bench.py``). It runs one
SQLAlchemy Core statement with the real list's WHERE and ORDER BY -- live events
of live calendars the user is a member of, or is invited to, overlapping
``[start, end)``, ordered by ``(start_time, id)``, ``LIMIT 50`` -- and returns the
rows as plain dicts with ``flask.jsonify``: no authentication, no permission
helper, no marshmallow, no ORM objects, no children (reminders/attendees).

Keep its WHERE in step with the real query (``bench/run.sh`` checks that both
return the same ids): before the fix recorded in bench/RESULTS.md both used
``calendar_id IN (...)`` and the two time comparisons only.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from flask import Flask, jsonify, request

from calapp.extensions import db
from calapp.models import Calendar, CalendarMember, Event, EventAttendee

events = Event.__table__
members = CalendarMember.__table__
calendars = Calendar.__table__
attendees = EventAttendee.__table__

_user = sa.bindparam("user", type_=sa.Uuid)
_start = sa.bindparam("start", type_=sa.DateTime(timezone=True))
_end = sa.bindparam("end", type_=sa.DateTime(timezone=True))
_limit = sa.bindparam("limit", type_=sa.Integer)


def _any(column, ids):
    return column == sa.any_(sa.func.array(ids.scalar_subquery()))


# Built once; compiled once per process (SQLAlchemy's statement cache). The same
# predicates, in the same shape, as the real list's query for stored events
# (calapp/policy.py readable_events + calapp/events/occurrences.py _stored_in).
CEILING = (
    sa.select(events)
    .where(
        events.c.deleted_at.is_(None),
        sa.or_(
            _any(
                events.c.calendar_id,
                sa.select(members.c.calendar_id)
                .join(calendars, calendars.c.id == members.c.calendar_id)
                .where(
                    members.c.user_id == _user,
                    members.c.role.in_(("viewer", "editor", "owner")),
                    calendars.c.deleted_at.is_(None),
                ),
            ),
            sa.and_(
                _any(
                    events.c.id,
                    sa.select(attendees.c.event_id).where(attendees.c.user_id == _user),
                ),
                events.c.calendar_id.in_(
                    sa.select(calendars.c.id).where(calendars.c.deleted_at.is_(None))
                ),
            ),
        ),
        events.c.recurrence_rule.is_(None),
        events.c.start_time < _end,
        events.c.end_time > _start,
        sa.func.tstzrange(events.c.start_time, events.c.last_end).op("&&")(
            sa.func.tstzrange(_start, _end)
        ),
        sa.not_(
            sa.and_(events.c.series_id.is_not(None), events.c.status == "cancelled")
        ),
    )
    .order_by(events.c.start_time, events.c.id)
    .limit(_limit)
)


def events_ceiling():
    params = {
        "user": uuid.UUID(request.args["user"]),
        "start": datetime.fromisoformat(request.args["start"].replace("Z", "+00:00")),
        "end": datetime.fromisoformat(request.args["end"].replace("Z", "+00:00")),
        "limit": int(request.args.get("limit", 50)),
    }
    with db.engine.connect() as conn:
        rows = [dict(row) for row in conn.execute(CEILING, params).mappings()]
    return jsonify({"items": rows})


def register(app: Flask) -> Flask:
    app.add_url_rule("/bench/events-ceiling", view_func=events_ceiling)
    return app
