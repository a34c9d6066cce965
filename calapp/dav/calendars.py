"""Calendar objects: one per UID, a series with all its exceptions
(RECURRENCE-ID) in one VCALENDAR, as CalDAV clients expect.

An object's name (the last segment of its href) is the one the client PUT it
under (``events.dav_href``), else the UID, percent-encoded, plus ``.ics``. Its
ETag is a digest of its exact bytes, so it is strong and changes whenever any
of its events, reminders or attendees does.

Writes go through the ICS import (``calapp.ics.import_``, ``matching``): the
same mapping, repairs and limits, the change log written in the same
transaction. A PUT replaces the object whole: its exceptions missing from the
body are deleted, and a body the import would skip as older is applied anyway
(the client's copy is the truth of a PUT).
"""

from __future__ import annotations

import functools
import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from calapp import policy
from calapp.attachments import links as attachment_links
from calapp.attachments import views as attachment_views
from calapp.calendars.models import Calendar
from calapp.db import utcnow
from calapp.errors import AppError, ValidationError
from calapp.events import occurrences, pages
from calapp.events import service as events_service
from calapp.events.models import Event
from calapp.extensions import db
from calapp.ics import export, import_
from calapp.ics import text as ical
from calapp.ics.matching import COMPARED, Planner, Report, Stored
from calapp.ics.zones import vtimezone
from calapp.security import Principal

from .xml import CALDAV, DavError

CONTENT_TYPE = "text/calendar; charset=utf-8"
HEADER = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    f"PRODID:{export.PRODID}",
    "CALSCALE:GREGORIAN",
]
_RENDERED_PREFIX = ("\r\n".join(HEADER) + "\r\n").encode()


class CalObject:
    """One object: its ETag is known from the query, its body rendered only
    when asked (a listing of ETags renders nothing)."""

    __slots__ = ("master_id", "uid", "name", "etag", "_body", "rows")

    def __init__(
        self, master_id, uid: str, name: str, body, etag: str, rows=()
    ) -> None:
        self.master_id = master_id
        self.uid = uid
        self.name = name
        self.etag = etag
        self._body = body  # bytes, or a function that renders them
        self.rows = rows  # what it is rendered from (series first), if known

    @property
    def body(self) -> bytes:
        if callable(self._body):
            self._body = self._body()
        return self._body


def default_name(uid: str) -> str:
    """The name of an object no client named (decoded: hrefs quote it)."""
    return uid + ".ics"


def etag_of_body(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


# --- reading ---------------------------------------------------------------------


# Bump when what an object is rendered from stays the same but its bytes
# change (the rendering code): every ETag changes with it.
ETAG_FORMAT = "calapp-dav-1"


def _extra():
    return (
        Event.id.label("event_id"),
        Event.dav_href.label("dav_href"),
        Event.last_end.label("last_end"),
        Event.calendar_id.label("calendar_id"),
    )


def _digested(stmt: sa.Select) -> sa.Select:
    """``stmt``'s rows, each with the digest of all the rows of its object
    (md5 of their text, in id order): one statement gives every object's
    ETag without rendering any. The rows are those ``export.vevent`` renders
    from (with reminders, attendees and attachments), so the digest changes
    whenever the object's bytes can."""
    # OFFSET 0 keeps the subquery whole: flattened, its children subqueries
    # would run twice, for the columns and for the text.
    rows = stmt.offset(0).subquery("dav_rows")
    master = sa.func.coalesce(rows.c.series_id, rows.c.event_id)
    text = sa.func.string_agg(
        sa.literal_column("dav_rows::text"), sa.literal("|")
    ).over(partition_by=master, order_by=rows.c.event_id, rows=(None, None))
    digest = sa.func.md5(text)
    return sa.select(rows, digest.label("digest"))


def _etag(digest: str, calendar: Calendar, organizer: str, links: str = "") -> str:
    """A strong ETag: the rows' digest and what else the bytes depend on (the
    calendar's zone, its owner as ORGANIZER, the rendering's version, and for
    an object with attachments ``links``, see ``_links_stamp``)."""
    text = "\0".join((ETAG_FORMAT, digest, calendar.timezone, organizer, links))
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def _links_stamp() -> str:
    """What an uploaded file's ATTACH link is made of besides the rows: where
    the API is reached and the day its signature expires (links are signed
    anew each day, ``attachments.links.link_expiry``)."""
    expires = attachment_links.link_expiry(utcnow())
    return f"{attachment_views.base_url()} {expires}"


def _render(calendar: Calendar, rows: list, organizer: str) -> bytes:
    lines = list(HEADER)
    zones: dict[str, tuple[int, int]] = {}
    for row in rows:
        if row.all_day or row.timezone == "UTC":
            continue
        first = row.start_time.year
        last = min(row.last_end.year + 1, 2038) if row.recurrence_rule else first + 1
        known = zones.get(row.timezone, (first, last))
        zones[row.timezone] = (min(known[0], first), max(known[1], last, first + 1))
    text = "\r\n".join(ical.fold(line) for line in lines) + "\r\n"
    parts = [text.encode()]
    for zone, (first, last) in sorted(zones.items()):
        component = vtimezone(zone, min(first, 2037), max(last, first + 1))
        if component:
            parts.append(component)
    events = []
    for row in rows:
        events.extend(export.vevent(row, organizer, calendar.timezone))
    parts.append(("\r\n".join(events) + "\r\nEND:VCALENDAR\r\n").encode())
    return b"".join(parts)


def _export_order(row) -> tuple:
    return (row.series_id is not None, row.start_time, row.event_id)


def _series_first(row) -> bool:
    return row.series_id is not None


def _objects_from(calendar: Calendar, rows, *, bodies=True) -> list[CalObject]:
    """The objects of ``rows`` (of ``_digested``): ETags now, bodies when
    read (rendered from the rows, or read again if they are a listing's)."""
    groups: dict[uuid.UUID, list] = {}
    for row in rows:
        if row.calendar_id != calendar.id:
            continue
        groups.setdefault(row.series_id or row.event_id, []).append(row)
    organizer = export.organizer(calendar)
    links = ""
    found = []
    for master_id, group in groups.items():
        if len(group) > 1:
            # The series first, then its exceptions by time (the export's order).
            group.sort(key=_export_order if bodies else _series_first)
        master = group[0]
        if master.series_id is not None:
            continue  # an exception whose series is gone: not an object
        stamp = ""
        if any(row.attachments for row in group):  # links signed by the day
            links = links or _links_stamp()
            stamp = links
        found.append(
            CalObject(
                master_id,
                master.ical_uid,
                master.dav_href or default_name(master.ical_uid),
                functools.partial(_render, calendar, group, organizer)
                if bodies
                else functools.partial(_body_of, calendar, master_id),
                _etag(master.digest, calendar, organizer, stamp),
                group if bodies else (),
            )
        )
    return found


def limited(calendar: Calendar, found: list[CalObject], start, end) -> list:
    """CALDAV:limit-recurrence-set (RFC 4791 §9.6.6): each object with its
    series and only the exceptions that affect ``[start, end)`` (moved into
    or out of it); the ETag stays the whole object's."""
    organizer = export.organizer(calendar)

    def affects(row) -> bool:
        if row.series_id is None:
            return True
        slot = row.original_start_time
        slot_in = (start is None or slot >= start) and (end is None or slot < end)
        # A zero-length event at ``start`` is in the range (§9.9).
        meets = (start is None or row.end_time > start or row.start_time >= start) and (
            end is None or row.start_time < end
        )
        return slot_in or meets

    out = []
    for obj in found:
        rows = [row for row in obj.rows if affects(row)]
        body = functools.partial(_render, calendar, rows, organizer)
        out.append(CalObject(obj.master_id, obj.uid, obj.name, body, obj.etag))
    return out


# What a listing of names and ETags reads of each row (``bodies=False``).
_LISTED = (
    "event_id", "series_id", "ical_uid", "dav_href", "calendar_id", "attachments",
    "digest",
)  # fmt: skip


def _rows_of(calendar: Calendar, master_ids=None, *, bodies: bool = True) -> list:
    """The digested rows of the calendar's objects (all, or ``master_ids``:
    found by key alone, see ``export.rows_of_series``, then kept to the
    calendar); without ``bodies``, only the columns of a listing."""
    stmt = _rows_statement(master_ids is None, bodies)
    if master_ids is None:
        return db.session.execute(stmt, {"calendar_id": calendar.id}).all()
    return db.session.execute(stmt, {"ids": list(master_ids)}).all()


_IDS = postgresql.ARRAY(postgresql.UUID(as_uuid=True))


@functools.cache
def _rows_statement(whole: bool, bodies: bool) -> sa.Select:
    """The statement of ``_rows_of``, built once per process: its values are
    parameters (the calendar, or the masters as one array), so building the
    digest's subqueries and compiling them (which cost more than running the
    query) are not paid on every request."""
    columns = export.object_columns(_extra())
    if whole:
        stmt = columns.where(
            Event.calendar_id == sa.bindparam("calendar_id"),
            Event.deleted_at.is_(None),
        )
    else:
        ids = sa.bindparam("ids", type_=_IDS)
        stmt = columns.where(
            sa.or_(Event.id == sa.any_(ids), Event.series_id == sa.any_(ids)),
            Event.deleted_at.is_(None),
        )
    digested = _digested(stmt)
    if not bodies:
        rows = digested.subquery("dav_listed")
        digested = sa.select(*(rows.c[name] for name in _LISTED))
    return digested


def _body_of(calendar: Calendar, master_id: uuid.UUID) -> bytes:
    """The body of an object listed without (asked after all: one query)."""
    found = objects(calendar, [master_id])
    return found[0].body if found else b""


def objects(calendar: Calendar, master_ids=None, *, bodies=True) -> list[CalObject]:
    """The calendar's objects (all, or those of ``master_ids``). Without
    ``bodies`` (a listing of names and ETags) the rows are read without the
    columns a body is rendered from."""
    if master_ids is not None:
        master_ids = sorted(set(master_ids))
        if not master_ids:
            return []
    rows = _rows_of(calendar, master_ids, bodies=bodies)
    return _objects_from(calendar, rows, bodies=bodies)


def _masters_by_names(calendar_id: uuid.UUID, names) -> dict[str, tuple]:
    """``name: (id, ical_uid)`` of the live series or single events at
    ``names``: two queries whatever their number, each on a unique index."""
    names = set(names)
    found = {}
    if not names:
        return found
    by_href, by_uid_stmt = _names_statements()
    params = {"calendar_id": calendar_id, "values": sorted(names)}
    for event_id, uid, href in db.session.execute(by_href, params):
        found[href] = (event_id, uid)
    by_uid = {_uid_of_name(n): n for n in names if n not in found}
    if by_uid:
        params["values"] = sorted(by_uid)
        for event_id, uid, href in db.session.execute(by_uid_stmt, params):
            if href is None:  # a named object is found by its name alone
                found[by_uid[uid]] = (event_id, uid)
    return found


@functools.cache
def _names_statements() -> tuple[sa.Select, sa.Select]:
    """The two lookups of ``_masters_by_names`` (by ``dav_href``, by UID),
    built once per process, the names as one array parameter."""
    values = sa.bindparam("values", type_=postgresql.ARRAY(sa.Text))
    base = sa.select(Event.id, Event.ical_uid, Event.dav_href).where(
        Event.calendar_id == sa.bindparam("calendar_id"),
        Event.deleted_at.is_(None),
        Event.series_id.is_(None),
    )
    return (
        base.where(Event.dav_href == sa.any_(values)),
        base.where(Event.ical_uid == sa.any_(values)),
    )


def _master_by_name(calendar_id: uuid.UUID, name: str):
    """``(id, ical_uid)`` of the live series or single event at ``name``."""
    return _masters_by_names(calendar_id, [name]).get(name)


def _uid_of_name(name: str) -> str:
    return name.removesuffix(".ics")


def find(calendar: Calendar, name: str) -> CalObject | None:
    row = _master_by_name(calendar.id, name)
    if row is None:
        return None
    found = objects(calendar, [row[0]])
    return found[0] if found else None


def names_to_ids(calendar_id: uuid.UUID, names: list[str]) -> dict[str, uuid.UUID]:
    return {name: row[0] for name, row in _masters_by_names(calendar_id, names).items()}


# --- writing ---------------------------------------------------------------------


def _forbidden(condition: str, message: str, ns: str = CALDAV) -> DavError:
    return DavError(403, message, (ns, condition))


def _masters_at(calendar_id: uuid.UUID, name: str, uid: str | None):
    """``(current, other)``: the live object at ``name`` (found by its name,
    else by the UID the name spells when it has none) and the live object
    holding ``uid`` (the PUT body's), as ``(id, ical_uid, dav_href)`` rows, in
    one statement on the calendar's two unique indexes."""
    uids = sorted({_uid_of_name(name), *([uid] if uid is not None else [])})
    rows = db.session.execute(
        sa.select(Event.id, Event.ical_uid, Event.dav_href).where(
            Event.calendar_id == calendar_id,
            Event.deleted_at.is_(None),
            Event.series_id.is_(None),
            sa.or_(Event.dav_href == name, Event.ical_uid.in_(uids)),
        )
    ).all()
    current = next((r for r in rows if r.dav_href == name), None) or next(
        (r for r in rows if r.dav_href is None and r.ical_uid == _uid_of_name(name)),
        None,
    )
    other = next((r for r in rows if r.ical_uid == uid), None)
    return current, other


def _mapped(body: bytes, calendar: Calendar, now: datetime):
    report = Report(dry_run=False, mode="merge")
    try:
        mapped, failed, failed_overrides, ctx = import_.map_object(
            body, calendar, report, now
        )
    except ValidationError as exc:
        raise _forbidden("valid-calendar-data", exc.message) from None
    if report.errors:
        raise _forbidden("valid-calendar-data", report.errors[0]["error"])
    if not mapped:
        if any(report.skipped_components.values()):
            raise _forbidden(
                "supported-calendar-component", "Only VEVENT objects are stored"
            )
        raise _forbidden("valid-calendar-data", "The object holds no VEVENT")
    uids = {item.uid for item in mapped}
    if len(uids) != 1:
        raise _forbidden(
            "valid-calendar-object-resource",
            "An object holds one UID (a series and its exceptions)",
        )
    return mapped, ctx, report


def _stored_sequence(stored: Stored, uid: str) -> int:
    master = stored.master(uid)
    if master is None:
        return 0
    rows = [master, *stored.by_series.get(master.id, ())]
    return max(row.sequence for row in rows)


def put(
    principal: Principal,
    calendar: Calendar,
    role: str,
    name: str,
    body: bytes,
    now: datetime,
    *,
    if_match: str | None,
    if_none_match: str | None,
) -> tuple[str | None, bool]:
    """Create or replace the object at ``name`` in ``calendar`` (locked by the
    caller, who holds ``role`` on it); ``(etag, created)``, the ETag only when
    the stored bytes are those sent (RFC 4791 §5.3.4).

    :raises DavError: 412 a failed condition; 403 invalid data, another
        object with this UID, a viewer.
    """
    if not policy.allows(role, "write"):
        raise policy.deny(role, "write")
    # Read first so that one statement finds both the object at this name and
    # one holding the body's UID; a bad body is refused after the conditions,
    # as before.
    try:
        parsed, invalid = _mapped(body, calendar, now), None
    except (DavError, AppError) as exc:
        parsed, invalid = None, exc
    uid = parsed[0][0].uid if parsed is not None else None
    current, other = _masters_at(calendar.id, name, uid)
    if if_none_match == "*" and current is not None:
        raise DavError(412, "An object exists at this name (If-None-Match: *)")
    if if_match is not None and (
        current is None
        or (if_match != "*" and if_match != _etag_of_master(calendar, current[0]))
    ):
        raise DavError(412, "The object changed since you read it (If-Match)")
    if invalid is not None:
        raise invalid
    mapped, ctx, report = parsed
    if current is not None and not _same_uid(current[1], uid):
        raise _forbidden("no-uid-conflict", "An object keeps its UID")
    if current is None and other is not None:
        raise _forbidden(
            "no-uid-conflict",
            f"Another object of this calendar has this UID: "
            f"{other.dav_href or default_name(uid)}",
        )
    # A new object has nothing stored to match: no query for it.
    stored = Stored(calendar.id if current is not None else None, uids={uid})
    floor = _stored_sequence(stored, uid)
    for item in mapped:  # a PUT replaces: never skipped as older
        item.sequence = max(item.sequence, floor)
        item.last_modified = None
    planner = Planner(stored, ctx, report, "merge")
    masters = [item for item in mapped if item.recurrence_id is None]
    series = planner.single(uid, masters[-1]) if masters else None
    if series is None:
        row = stored.master(uid)
        if row is not None:
            series = (row.id, {n: getattr(row, n) for n in COMPARED})
    for item in mapped:
        if item.recurrence_id is not None:
            planner.override(uid, item, series)
    planner.reconcile(set())
    planner.prune({uid} if masters else set(), set())
    master_id = series[0] if series else _lone_occurrence(planner, uid)
    # A new master is written with its name; a stored one is renamed below.
    inserted = {w.id for w in planner.plan.writes if w.existing is None}
    hrefs = {master_id: name} if master_id in inserted else {}
    import_.apply(planner.plan, calendar, principal, now, hrefs=hrefs)
    if master_id is None:
        raise _forbidden("valid-calendar-object-resource", "Nothing could be stored")
    if master_id not in hrefs:
        db.session.execute(
            sa.update(Event).where(Event.id == master_id).values(dav_href=name)
        )
        db.session.flush()
    return _etag_if_kept(calendar, master_id, body), current is None


def _lone_occurrence(planner: Planner, uid: str) -> uuid.UUID | None:
    """The event an object of one occurrence and no series (an invitation to
    one occurrence) is stored as: the import makes it a single event under a
    UID of its own (``uid_R<slot>``), and the object is that event."""
    singles = [w for w in planner.plan.writes if w.series_id is None and w.uid != uid]
    return singles[0].id if len(singles) == 1 else None


def _same_uid(stored: str, uid: str | None) -> bool:
    """Whether ``stored`` is ``uid`` or the UID a lone occurrence of ``uid``
    was stored under (``_lone_occurrence``)."""
    if uid is None or stored == uid:
        return uid is not None
    head, _, slot = stored.rpartition("_R")
    return uid.startswith(head) and len(slot) == 16 and slot.endswith("Z")


def _etag_if_kept(calendar: Calendar, master_id: uuid.UUID, body: bytes):
    """The stored object's ETag if its bytes are ``body``, else ``None``.

    Rendering starts with ``HEADER``: a body that does not (what clients send,
    with their own PRODID) cannot be the stored bytes, so it is not rendered.
    """
    if not body.startswith(_RENDERED_PREFIX):
        return None
    found = objects(calendar, [master_id])
    if not found:
        raise _forbidden("valid-calendar-object-resource", "Nothing could be stored")
    return found[0].etag if found[0].body == body else None


def _etag_of_master(calendar: Calendar, master_id: uuid.UUID) -> str | None:
    found = objects(calendar, [master_id])
    return found[0].etag if found else None


def delete(
    principal: Principal,
    calendar: Calendar,
    name: str,
    now: datetime,
    *,
    if_match: str | None,
) -> None:
    """:raises DavError: 404 no such object, 412 a stale If-Match."""
    current = find(calendar, name)
    if current is None:
        raise DavError(404, "No such object")
    if if_match is not None and if_match not in ("*", current.etag):
        raise DavError(412, "The object changed since you read it (If-Match)")
    events_service.delete(principal, current.master_id, now)


# --- searching -------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A stored event or an occurrence of a series in a window: what the
    expand, the time-range filter and free/busy read of it."""

    id: uuid.UUID  # the stored row's, or the series' for an occurrence
    series_id: uuid.UUID | None
    start_time: datetime
    end_time: datetime
    recurrence_rule: str | None  # set: an occurrence of a series
    status: str
    transparency: str


_ENTRY_COLUMNS = (
    Event.id,
    Event.series_id,
    Event.start_time,
    Event.end_time,
    Event.recurrence_rule,
    Event.status,
    Event.transparency,
)


def _window_rows(calendar: Calendar, start: datetime, end: datetime):
    """The window's stored rows and series, as columns (no ORM entity): the
    window conditions of the REST list (``occurrences``)."""
    base = sa.select(Event).where(
        Event.calendar_id == calendar.id, Event.deleted_at.is_(None)
    )
    stored = db.session.execute(
        occurrences._stored_in(base, start, end).with_only_columns(*_ENTRY_COLUMNS)
    ).all()
    series = db.session.execute(
        occurrences._series_in(base, start, end).with_only_columns(
            *occurrences.EXPANSION_COLUMNS, Event.status, Event.transparency
        )
    ).all()
    return stored, series


def _window_entries(calendar: Calendar, start: datetime, end: datetime):
    """Every stored event and occurrence of the calendar in the window,
    unordered, expanded by the REST list's engine (spans kept per process).

    :raises ValidationError: bad window, more than ``MAX_OCCURRENCES``.
    """
    occurrences.check_window(start, end)
    stored, series_rows = _window_rows(calendar, start, end)
    entries = [Entry(*row) for row in stored]
    overridden = occurrences._overridden_slots(series_rows, start, end)
    slots: dict[uuid.UUID, set] = {}
    for series_id, slot in overridden:
        slots.setdefault(series_id, set()).add(slot)
    total = 0
    for row in series_rows:
        series = occurrences.series_of(row)
        replaced = slots.get(row.id, ())
        for occ_start in pages.starts_in(series, start, end):
            if occ_start in replaced:
                continue
            total += 1
            if total > occurrences.MAX_OCCURRENCES:
                raise occurrences._too_many()
            entries.append(
                Entry(
                    row.id,
                    None,
                    occ_start,
                    series.occurrence_end(occ_start),
                    row.recurrence_rule,
                    row.status,
                    row.transparency,
                )
            )
    return entries


def in_window(calendar: Calendar, start: datetime, end: datetime, limit: int):
    """The masters with something in ``[start, end)``, and their occurrences
    (``(master_id, entry)``), as the REST window finds them.

    :raises DavError: more than ``limit`` occurrences (403).
    """
    try:
        items = _window_entries(calendar, start, end)
    except ValidationError as exc:
        raise DavError(
            403,
            f"Too many occurrences to expand in this range: {exc.message}",
            ("DAV:", "number-of-matches-within-limits"),
        ) from None
    expanded = sum(1 for item in items if item.recurrence_rule)
    if expanded > limit:
        raise DavError(
            403,
            f"More than {limit} occurrences in this range: narrow it",
            ("DAV:", "number-of-matches-within-limits"),
        )
    return [(item.series_id or item.id, item) for item in items]


def overlapping_ids(calendar: Calendar, start, end) -> set[uuid.UUID]:
    """Masters whose span meets ``[start, end)`` (``None``: open): a superset
    of those with an occurrence there, for ranges too long to expand."""
    conditions = [Event.calendar_id == calendar.id, Event.deleted_at.is_(None)]
    if start is not None:
        conditions.append(Event.last_end > start)
    if end is not None:
        conditions.append(Event.start_time < end)
    rows = db.session.execute(
        sa.select(sa.func.coalesce(Event.series_id, Event.id)).where(*conditions)
    )
    return {row[0] for row in rows}


def matching_ids(calendar: Calendar, start, end, limit: int) -> set[uuid.UUID]:
    """Masters with an occurrence in the range: exact when the range can be
    expanded (at most a year, within ``limit``), else by span."""
    if start is None or end is None or end - start > occurrences.MAX_WINDOW:
        return overlapping_ids(calendar, start, end)
    try:
        return {master for master, _ in in_window(calendar, start, end, limit)}
    except DavError:
        return overlapping_ids(calendar, start, end)


def _instance_base(row) -> dict:
    """What every expanded occurrence of ``row`` shares: no rule, its series'
    UID, UTC times unless all-day (RFC 4791 §9.6.5)."""
    values = row._asdict()
    values.update(
        recurrence_rule=None,
        exdates=None,
        rdates=None,
        series_id=values.get("series_id") or values["event_id"],
        series_uid=values.get("series_uid") or values["ical_uid"],
        series_timezone="UTC" if not row.all_day else row.timezone,
        series_all_day=row.all_day,
    )
    if not row.all_day:
        values["timezone"] = "UTC"
    else:
        values["zone"] = occurrences.recurrence.Series(
            rule="FREQ=DAILY",
            start=row.start_time,
            end=row.end_time,
            timezone=row.timezone,
        ).zone
    return values


def _instance_row(base: dict, start: datetime, end: datetime, slot: datetime):
    """A row of ``export.vevent`` for one expanded occurrence: its times and
    RECURRENCE-ID over what ``_instance_base`` made."""
    values = dict(base, start_time=start, end_time=end, original_start_time=slot)
    zone = values.pop("zone", None)
    if zone is not None:
        values["start_date"] = start.astimezone(zone).date()
        values["end_date"] = end.astimezone(zone).date()
    return SimpleNamespace(**values)


def expanded(
    calendar: Calendar, start: datetime, end: datetime, limit: int
) -> list[CalObject]:
    """Objects with their occurrences in ``[start, end)`` as separate VEVENTs
    with RECURRENCE-ID (CALDAV:expand); the ETag is the stored object's."""
    return expanded_from(calendar, in_window(calendar, start, end, limit))


def expanded_from(calendar: Calendar, found) -> list[CalObject]:
    """``expanded`` of what ``in_window`` found: the stored objects' rows are
    read once, by key, with their ETags (digests: no stored object is
    rendered), and only the occurrences are written."""
    masters = sorted({master for master, _ in found})
    rows_list = [
        row for row in (_rows_of(calendar, masters) if masters else [])
        if row.calendar_id == calendar.id
    ]  # fmt: skip
    rows = {row.event_id: row for row in rows_list}
    stored = {obj.master_id: obj for obj in _objects_from(calendar, rows_list)}
    organizer = export.organizer(calendar)
    bases: dict[uuid.UUID, dict] = {}
    templates: dict[uuid.UUID, tuple] = {}
    by_master: dict[uuid.UUID, list] = {}
    for master, item in found:
        base = rows.get(item.id)
        if base is None:
            continue
        if item.recurrence_rule and not base.all_day:  # a timed occurrence
            template = templates.get(item.id)
            if template is None:
                shared = bases[item.id] = _instance_base(base)
                template = templates[item.id] = _template(
                    shared, item, organizer, calendar.timezone
                )
            by_master.setdefault(master, []).append(
                (item.start_time, _from_template(template, item))
            )
            continue
        if item.recurrence_rule:  # an all-day occurrence
            shared = bases.get(item.id)
            if shared is None:
                shared = bases[item.id] = _instance_base(base)
            row = _instance_row(shared, item.start_time, item.end_time, item.start_time)
        else:
            row = base
            if base.series_id is not None:  # an exception: keep its RECURRENCE-ID
                row = _instance_row(
                    _instance_base(base),
                    base.start_time,
                    base.end_time,
                    base.original_start_time,
                )
        by_master.setdefault(master, []).append(
            (item.start_time, export.vevent(row, organizer, calendar.timezone))
        )
    objects_out = []
    for master, items in by_master.items():
        obj = stored.get(master)
        if obj is None:
            continue
        items.sort(key=lambda pair: pair[0])
        lines = list(HEADER)
        for _, vevent_lines in items:
            lines.extend(vevent_lines)
        lines.append("END:VCALENDAR")
        body = ("\r\n".join(ical.fold(x) if len(x) > 75 else x for x in lines)).encode()
        objects_out.append(
            CalObject(master, obj.uid, obj.name, body + b"\r\n", obj.etag)
        )
    return objects_out


def _template(shared: dict, item, organizer: str, zone: str) -> tuple:
    """The lines of a timed series' expanded occurrences around the three that
    differ from one to the next (DTSTART, DTEND, RECURRENCE-ID, all in UTC:
    ``_instance_base``): ``export.vevent`` of one occurrence, cut there."""
    lines = export.vevent(
        _instance_row(shared, item.start_time, item.end_time, item.start_time),
        organizer,
        zone,
    )
    first = next(i for i, x in enumerate(lines) if x.startswith("DTSTART:"))
    slot = next(i for i, x in enumerate(lines) if x.startswith("RECURRENCE-ID:"))
    return lines[:first], lines[slot + 1 :]


def _from_template(template: tuple, item) -> list[str]:
    """``export.vevent`` of one timed occurrence, from its series' template."""
    head, tail = template
    start = ical.utc_stamp(item.start_time)
    times = [f"DTSTART:{start}"]
    if item.end_time != item.start_time:  # zero length: DTSTART alone (§3.6.1)
        times.append(f"DTEND:{ical.utc_stamp(item.end_time)}")
    return [*head, *times, f"RECURRENCE-ID:{start}", *tail]


def busy(calendar: Calendar, start: datetime, end: datetime, limit: int):
    """Busy ``(start, end, fbtype)`` periods in the range (RFC 4791 §7.10)."""
    periods = []
    for _, item in in_window(calendar, start, end, limit):
        if item.status == "cancelled" or item.transparency == "free":
            continue
        kind = "BUSY-TENTATIVE" if item.status == "tentative" else "BUSY"
        periods.append((max(item.start_time, start), min(item.end_time, end), kind))
    periods.sort()
    return periods
