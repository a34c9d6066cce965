"""A calendar that mirrors another one (``calapp.connections``): the remote
objects written as an import writes them (``calapp.ics.import_``), named by the
remote objects' names so that a remote deletion finds its events."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from calapp.calendars.models import Calendar
from calapp.changes import log as changes
from calapp.extensions import db
from calapp.ics.import_ import EVENTS, Report, apply, plan_import, read
from calapp.security import Principal


def mirror(
    principal: Principal,
    calendar: Calendar,
    data: bytes,
    *,
    mode: str,
    now: datetime,
    names: dict[str, str] | None = None,
) -> Report:
    """Write iCalendar ``data`` (one or several VCALENDARs) into ``calendar`` as
    an import does; ``replace`` also removes what ``data`` lacks. ``names``:
    UID → the remote object's name, kept as the DAV name of new events (so a
    later deletion of that object finds them, ``delete_named``).

    :raises ValidationError: not iCalendar. :raises Conflict: a concurrent writer.
    """
    report = Report(dry_run=False, mode=mode)
    roots = read(data, report)
    planned, _, _ = plan_import(roots, calendar, report, mode, now)
    names = names or {}
    hrefs = {
        w.id: names[w.uid][:255]
        for w in planned.writes
        if w.existing is None and w.series_id is None and w.uid in names
    }
    apply(planned, calendar, principal, now, hrefs=hrefs)
    db.session.execute(  # the rows just written say where they come from
        EVENTS.update()
        .where(
            EVENTS.c.calendar_id == calendar.id,
            EVENTS.c.deleted_at.is_(None),
            EVENTS.c.source.is_distinct_from(calendar.source),
        )
        .values(source=calendar.source)
    )
    report.calendar_id = calendar.id
    return report


def delete_named(calendar: Calendar, names: list[str], now: datetime) -> int:
    """Delete the events stored under these DAV names (with their exceptions);
    how many rows were deleted."""
    if not names:
        return 0
    masters = sa.select(EVENTS.c.id).where(
        EVENTS.c.calendar_id == calendar.id,
        EVENTS.c.deleted_at.is_(None),
        EVENTS.c.series_id.is_(None),
        EVENTS.c.dav_href.in_([n[:255] for n in names]),
    )
    deleted = (
        db.session.execute(
            EVENTS.update()
            .where(
                EVENTS.c.calendar_id == calendar.id,
                EVENTS.c.deleted_at.is_(None),
                sa.or_(EVENTS.c.id.in_(masters), EVENTS.c.series_id.in_(masters)),
            )
            .values(deleted_at=now, updated_at=now)
            .returning(EVENTS.c.id)
        )
        .scalars()
        .all()
    )
    for event_id in deleted:
        changes.record(
            db.session, "event", event_id, "deleted", calendar_id=calendar.id
        )
    if deleted:
        calendar.updated_at = now
        db.session.flush()
    return len(deleted)
