"""A whole iCalendar file into a calendar: one transaction, idempotent by UID.

``run`` reads the file (``calapp.ics.text``), maps each VEVENT
(``calapp.ics.mapping``), matches them with the calendar's events and plans the
writes (``calapp.ics.matching``), then applies the plan unless it is a dry run.

``updated_at`` takes the file's LAST-MODIFIED (capped at now; now without one)
and ``created_at`` its CREATED, so a re-export keeps them and a later re-import
compares against the source's clock; an update never moves ``updated_at``
backwards, and any write moves the calendar's, which the export's ETag includes.

New rows are written with PostgreSQL COPY, changed ones with one multi-row
UPDATE (``executemany``); nothing is committed here: the view commits once, so a
failure leaves nothing behind.
"""

from __future__ import annotations

import io
import itertools
import json
import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime

import psycopg2
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from calapp import policy
from calapp.calendars import service as calendars_service
from calapp.calendars.models import Calendar
from calapp.changes import log as changes
from calapp.errors import Conflict, ValidationError
from calapp.events.models import Event, EventAttendee, EventReminder
from calapp.extensions import db
from calapp.fields import is_timezone
from calapp.ics import mapping, zones
from calapp.ics import text as ical
from calapp.ics.mapping import Mapped
from calapp.ics.matching import COMPARED, MODES, Plan, Report, Stored, Write, plan
from calapp.ics.times import Context, EventError
from calapp.security import Principal
from calapp.users.models import User

EVENTS = Event.__table__
__all__ = ["MODES", "Report", "apply", "read", "run"]


# --- reading -------------------------------------------------------------------------


def read(data: bytes, report: Report) -> list[ical.Component]:
    """:raises ValidationError: the file is not iCalendar."""
    text, legacy = ical.decode(data)
    try:
        roots = ical.parse(text, "VCALENDAR")
    except ical.ParseError as exc:
        raise ValidationError(
            f"The file is not iCalendar (RFC 5545): {exc}",
            details={"file": [f"not an iCalendar file: {exc}"]},
        ) from None
    if legacy:
        report.repair(None, "the file is not UTF-8: read as Windows-1252")
    for root in roots:
        for problem in root.errors:
            report.repair(None, f"{problem}: ignored")
    return roots


def _calendar_info(roots: list[ical.Component]) -> dict:
    root = roots[0]
    vtimezones = {
        (c.text("TZID") or "").strip(): ical.component_text(c)
        for r in roots
        for c in r.children
        if c.name == "VTIMEZONE"
    }
    color = (root.text("X-APPLE-CALENDAR-COLOR") or root.text("COLOR") or "").strip()
    return {
        "name": (root.text("X-WR-CALNAME") or root.text("NAME") or "").strip(),
        "timezone": (root.text("X-WR-TIMEZONE") or "").strip(),
        "description": root.text("X-WR-CALDESC") or root.text("DESCRIPTION"),
        "color": color[:7].upper() if len(color) in (7, 9) else None,
        "vtimezones": vtimezones,
    }


_TIMED = ("DTSTART", "DTEND", "RDATE", "EXDATE", "RECURRENCE-ID")


def tzid_spans(roots: list[ical.Component], this_year: int) -> dict:
    """TZID -> the first and last year of the VEVENTs that use it: the span over
    which a VTIMEZONE is compared with the IANA zone it resembles
    (``zones.Resolver``). A series reaches its UNTIL, or next year when it
    does not end (or ends by COUNT)."""
    spans: dict[str, tuple[int, int]] = {}
    for root in roots:
        for event in root.children:
            if event.name != "VEVENT":
                continue
            rule = (event.text("RRULE") or "").upper()
            until = rule.partition("UNTIL=")[2][:4]
            for name in _TIMED:
                for prop in event.all(name):
                    tzid = prop.param("TZID")
                    year = prop.value.strip()[:4]
                    if not tzid or not year.isdigit():
                        continue
                    last = int(year)
                    if rule and name == "DTSTART":
                        last = int(until) if until.isdigit() else this_year + 1
                    first, old_last = spans.get(tzid, (int(year), last))
                    spans[tzid] = (min(first, int(year)), max(old_last, last))
    return spans


def _file_zone(
    name: str, info: dict, resolver: zones.Resolver, year: int
) -> str | None:
    """An IANA zone for a zone name of the file (X-WR-TIMEZONE, a VTIMEZONE)."""
    if not name:
        return None
    found = zones.iana(name) or zones.display_name(name, year)
    if found is None and name in info["vtimezones"]:
        resolved = resolver.resolve(name, year)
        found = resolved.zone if resolved.zone != resolver.default_zone else None
    return found


def _resolver(info: dict, calendar: Calendar | None, report, year: int, spans=None):
    """The file's zone resolver. Its default zone (floating times, all-day
    events, a new calendar's zone): X-WR-TIMEZONE, else the target calendar's
    zone, else (a new calendar) the file's first VTIMEZONE, else UTC."""
    resolver = zones.Resolver(
        info["vtimezones"], calendar.timezone if calendar else "UTC", spans
    )
    found = _file_zone(info["timezone"], info, resolver, year)
    if info["timezone"] and found is None:
        report.repair(
            None,
            f"X-WR-TIMEZONE {info['timezone']!r} is unknown: floating times read in "
            f"{resolver.default_zone}",
        )
    if found is None and calendar is None:
        first = next(iter(info["vtimezones"]), "")
        found = _file_zone(first, info, resolver, year)
    if found and is_timezone(found):
        resolver.default_zone = found
    return resolver


def _map_all(roots, ctx: Context, report: Report):
    """Every VEVENT mapped; the UIDs whose VEVENTs failed, without and with
    RECURRENCE-ID."""
    mapped: list[Mapped] = []
    failed_masters, failed_overrides = set(), set()
    for root in roots:
        # Each component is let go once mapped: the parsed tree shrinks as the
        # mapped rows grow, and the two never both hold the whole file.
        children, root.children = root.children, []
        children.reverse()
        while children:
            child = children.pop()
            if child.name == "VTIMEZONE":
                continue
            if child.name != "VEVENT":
                report.skipped_components[child.name] += 1
                continue
            try:
                item = mapping.vevent(child, ctx)
            except EventError as exc:
                report.error(exc.uid, f"VEVENT at line {child.line}: {exc}")
                is_master = child.first("RECURRENCE-ID") is None
                (failed_masters if is_master else failed_overrides).add(exc.uid)
                continue
            for what in item.repairs:
                report.repair(item.uid, what)
            mapped.append(item)
    return mapped, failed_masters, failed_overrides


def map_object(data: bytes, calendar: Calendar, report: Report, now: datetime):
    """Read and map one file for ``calendar`` as ``run`` does (the DAV face's
    PUT of one object): ``(mapped, failed_masters, failed_overrides, ctx)``.

    :raises ValidationError: not an iCalendar file.
    """
    roots = read(data, report)
    resolver = _resolver(_calendar_info(roots), calendar, report, now.year)
    ctx = Context(resolver)
    return (*_map_all(roots, ctx, report), ctx)


# --- writing -------------------------------------------------------------------------


def _user_ids(writes: list[Write]) -> dict[str, uuid.UUID]:
    emails = {email for w in writes for email, _, _ in w.mapped.attendees}
    if not emails:
        return {}
    rows = db.session.execute(
        sa.select(User.email, User.id).where(
            User.email.in_(sorted(emails)),
            User.deleted_at.is_(None),
            # Only an address its account proved (see events.attendees).
            User.email_verified_at.is_not(None),
        )
    )
    return {email: user_id for email, user_id in rows}


def _row(write: Write, calendar_id, principal: Principal, now: datetime) -> dict:
    item = write.mapped
    changed = min(item.last_modified or now, now)
    created = min(item.created or changed, changed)
    return {
        "id": write.id,
        "calendar_id": calendar_id,
        "ical_uid": write.uid,
        **{name: item.fields[name] for name in COMPARED},
        "last_end": item.fields["last_end"],
        "series_id": write.series_id,
        "original_start_time": write.slot,
        "sequence": item.sequence,
        "created_by": principal.user_id,
        "updated_by": principal.user_id,
        "created_at": created,
        "updated_at": changed,
        "deleted_at": None,
    }


def _reminder_rows(writes: list[Write], now: datetime) -> Iterator[dict]:
    for w in writes:
        for minutes in w.mapped.reminders:
            yield {
                "id": uuid.uuid4(),
                "event_id": w.id,
                "minutes_before": minutes,
                "created_at": now,
            }


def _attendee_rows(writes: list[Write], users: dict, now: datetime) -> Iterator[dict]:
    for w in writes:
        for email, name, status in w.mapped.attendees:
            yield {
                "id": uuid.uuid4(),
                "event_id": w.id,
                "email": email,
                "name": name,
                "user_id": users.get(email),
                "status": status,
                "created_at": now,
                "updated_at": now,
            }


_ARRAYS = {"exdates", "rdates", "tags"}
_JSON = {"attachments", "rdate_periods"}


def _csv(value, column: str) -> str:
    """One field of PostgreSQL's CSV COPY format (unquoted empty: NULL)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int):
        return str(value)
    if column in _ARRAYS:
        items = (
            str(v).replace("\\", "\\\\").replace('"', '\\"')
            if isinstance(v, str)
            else v.isoformat()
            for v in value
        )
        value = "{" + ",".join(f'"{item}"' for item in items) + "}"
    elif column in _JSON:
        value = json.dumps(value)
    elif not isinstance(value, str):
        value = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return '"' + value.replace('"', '""') + '"'


COPY_BATCH = 2_000  # rows per COPY: the CSV of a batch, not of the file, in memory


def _insert(table: sa.Table, rows: Iterable[dict]) -> None:
    """Insert ``rows`` with PostgreSQL COPY on the session's connection (so in
    its transaction), ``COPY_BATCH`` rows at a time, consuming ``rows`` lazily.
    For 10,000 events it takes 0.8 s where a multi-row INSERT through
    SQLAlchemy takes 2.2 s: the rest of an INSERT's time is binding each value
    in Python (bench/ics/README.md)."""
    rows = iter(rows)
    connection = db.session.connection().connection.driver_connection
    while batch := list(itertools.islice(rows, COPY_BATCH)):
        columns = list(batch[0])
        body = "".join(
            ",".join(_csv(row[name], name) for name in columns) + "\n" for row in batch
        )
        del batch
        with connection.cursor() as cursor:
            cursor.copy_expert(
                f"COPY {table.name} ({', '.join(columns)}) FROM STDIN "
                "WITH (FORMAT csv)",
                io.StringIO(body),
            )


def _update_rows(updates: list[Write], calendar, principal, now) -> list[dict]:
    rows = []
    for w in updates:  # keep CREATED; never move updated_at backwards
        row = _row(w, calendar.id, principal, now)
        del row["created_at"], row["created_by"], row["deleted_at"], row["calendar_id"]
        row["sequence"] = max(row["sequence"], w.existing.sequence)
        if row["updated_at"] <= w.existing.updated_at:
            row["updated_at"] = now
        rows.append(row)
    return rows


def _log(plan_: Plan, inserts: list[Write], updates: list[Write], calendar_id):
    """COPY and bulk UPDATE bypass the ORM: log each event they wrote."""
    for writes, op in ((inserts, "created"), (updates, "updated")):
        for w in writes:
            changes.record(db.session, "event", w.id, op, calendar_id=calendar_id)
    for event_id in plan_.deletes:
        changes.record(
            db.session, "event", event_id, "deleted", calendar_id=calendar_id
        )


def _log_invitees(event_ids: list[uuid.UUID]) -> None:
    """Users invited before an update learn of it even if the file uninvites them."""
    for event_id, user_id in db.session.execute(
        sa.select(EventAttendee.event_id, EventAttendee.user_id).where(
            EventAttendee.event_id.in_(event_ids), EventAttendee.user_id.is_not(None)
        )
    ):
        changes.record(db.session, "event", event_id, "updated", user_id=user_id)


def apply(
    plan_: Plan,
    calendar: Calendar,
    principal: Principal,
    now: datetime,
    *,
    hrefs: dict[uuid.UUID, str] | None = None,
):
    """Write the plan; ``hrefs``: the DAV names of events it inserts (the
    rows are written with them, not renamed after).

    :raises Conflict: a concurrent writer took a UID or a name.
    """
    inserts = [w for w in plan_.writes if w.existing is None]
    updates = [w for w in plan_.writes if w.existing is not None]
    users = _user_ids(plan_.writes)

    def new_rows(of_series: bool) -> Iterator[dict]:
        for w in inserts:
            if (w.series_id is not None) == of_series:
                row = _row(w, calendar.id, principal, now)
                if hrefs is not None:  # every row of a COPY has the same columns
                    row["dav_href"] = hrefs.get(w.id)
                yield row

    try:
        _insert(EVENTS, new_rows(of_series=False))  # series before their exceptions
        _insert(EVENTS, new_rows(of_series=True))
        if updates:
            rows = _update_rows(updates, calendar, principal, now)
            db.session.execute(sa.update(Event), rows)
            ids = [w.id for w in updates]
            _log_invitees(ids)  # before their rows are replaced
            for model in (EventReminder, EventAttendee):
                db.session.execute(sa.delete(model).where(model.event_id.in_(ids)))
        _insert(EventReminder.__table__, _reminder_rows(plan_.writes, now))
        _insert(EventAttendee.__table__, _attendee_rows(plan_.writes, users, now))
        if plan_.deletes:
            db.session.execute(
                EVENTS.update()
                .where(EVENTS.c.id.in_(sorted(plan_.deletes)))
                .values(deleted_at=now, updated_at=now)
            )
        if plan_.writes or plan_.deletes:
            calendar.updated_at = now  # the export's ETag follows the calendar
        _log(plan_, inserts, updates, calendar.id)
        db.session.flush()
    except (IntegrityError, psycopg2.IntegrityError) as exc:
        if "uq_events_" in str(getattr(exc, "orig", exc)):
            raise Conflict(
                "Another change to this calendar's events happened during the "
                "import: nothing was imported; import the file again"
            ) from exc
        raise


# --- the whole file ------------------------------------------------------------------


def _new_calendar_fields(info: dict, zone: str) -> dict:
    name = info["name"].replace("\x00", "")[:200].strip() or "Imported calendar"
    fields = {"name": name, "timezone": zone, "is_public": False}
    description = (info["description"] or "").replace("\x00", "")[:5000]
    if description:
        fields["description"] = description
    color = info["color"]
    if color and all(c in "0123456789ABCDEF" for c in color[1:]) and color[0] == "#":
        fields["color"] = color
    return fields


def plan_import(
    roots: list[ical.Component],
    calendar: Calendar | None,
    report: Report,
    mode: str,
    now: datetime,
) -> tuple[Plan, dict, object]:
    """Map ``roots`` for ``calendar`` (None: one yet to be made) and plan the
    writes ``mode`` asks for: ``(plan, the files' calendar info, resolver)``."""
    info = _calendar_info(roots)
    resolver = _resolver(info, calendar, report, now.year, tzid_spans(roots, now.year))
    ctx = Context(resolver)
    mapped, failed_masters, failed_overrides = _map_all(roots, ctx, report)
    uids = {item.uid for item in mapped} | failed_masters | failed_overrides
    stored = Stored(
        calendar.id if calendar else None,
        uids=None if mode == "replace" else uids - {None},
    )
    planned = plan(mapped, failed_masters, failed_overrides, stored, ctx, report, mode)
    return planned, info, resolver


def run(
    principal: Principal,
    data: bytes,
    *,
    calendar_id: uuid.UUID | None,
    mode: str,
    dry_run: bool,
    now: datetime,
) -> tuple[Report, bool]:
    """Import ``data``; return the report and whether a calendar was created.

    :raises ValidationError: not an iCalendar file. :raises NotFound: the calendar
        is invisible. :raises Forbidden: a viewer's calendar. :raises Conflict: a
        concurrent writer.
    """
    report = Report(dry_run=dry_run, mode=mode)
    roots = read(data, report)
    calendar = None
    if calendar_id is not None:
        calendar, _ = policy.get_calendar(principal, calendar_id, "write", lock=True)
    planned, info, resolver = plan_import(roots, calendar, report, mode, now)
    report.repaired[:0] = [{"uid": None, "what": note} for note in resolver.notes]
    created_calendar = False
    if not dry_run:
        if calendar is None:
            fields = _new_calendar_fields(info, resolver.default_zone)
            calendar = calendars_service.create(principal, fields, now)
            created_calendar = True
        apply(planned, calendar, principal, now)
    report.calendar_id = calendar.id if calendar else None
    return report, created_calendar
