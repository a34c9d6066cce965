"""A calendar as one RFC 5545 VCALENDAR, streamed.

The events are read through a server-side cursor (``yield_per``) and written in
batches, so a 100,000-event calendar is never held in memory: peak memory is one
batch of rows and its text (bench/ics/README.md). Reminders and attendees come
with each row (two correlated subqueries, each one index probe).

What a VEVENT carries: UID (``ical_uid``), DTSTAMP and LAST-MODIFIED
(``updated_at``, so an unchanged calendar exports byte-identical), CREATED,
SEQUENCE, DTSTART/DTEND with TZID (``Z`` for UTC, VALUE=DATE for all-day; no
DTEND for a zero-length event, RFC 5545 §3.6.1), RRULE, EXDATE, RDATE (with
``VALUE=PERIOD`` for those with their own length), RECURRENCE-ID for
exceptions (cancelled ones too, with STATUS:CANCELLED), SUMMARY, DESCRIPTION,
LOCATION, STATUS, TRANSP, CATEGORIES (tags), ATTACH (links as given; uploaded
files as signed links that download without a login until they expire, a day
boundary at least ATTACHMENT_LINK_SECONDS ahead), ORGANIZER (the calendar's
owner), ATTENDEE (CN, PARTSTAT) and one VALARM per reminder. An all-day event
whose zone is not the calendar's carries ``X-CALAPP-TIMEZONE`` (RFC 5545 forbids
TZID on dates), so the import puts its dates back in the same zone.

The public feed (``public=True``) shows busy times and what the owner wrote,
never a visitor's or an attendee's personal data: no ORGANIZER (the owner's
email), no ATTENDEE, no VALARM (the owner's own reminders), and an event made
by a booking link shows only its title and times: its description is written
from the visitor's name, email and notes, and whatever the owner adds to it
later is about the visitor too.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, aggregate_order_by
from sqlalchemy.orm import aliased

from calapp.attachments import links as attachment_links
from calapp.attachments import views as attachment_views
from calapp.attachments.models import Attachment
from calapp.booking.models import Booking
from calapp.calendars.models import Calendar
from calapp.db import utcnow
from calapp.etags import etag_of
from calapp.events import periods, recurrence
from calapp.events.models import Event, EventAttendee, EventReminder
from calapp.extensions import db
from calapp.ics.text import (
    date_stamp,
    escape,
    fold,
    local_stamp,
    param,
    utc_stamp,
)
from calapp.ics.zones import vtimezone
from calapp.users.models import User

PRODID = "-//calapp//calapp 1.0//EN"
# Part of the ETag: a change of the output format is a change (2: zero-length
# events without DTEND, RDATE periods, DURATION with nominal days).
FORMAT_VERSION = 2
PUBLIC_FORMAT_VERSION = 3  # the public feed's (2: no personal data; 3: as 2)
BATCH = 500  # rows per fetch from the server-side cursor, and per chunk written
STATUS_OUT = {
    "confirmed": "CONFIRMED",
    "tentative": "TENTATIVE",
    "cancelled": "CANCELLED",
}
TRANSP_OUT = {"busy": "OPAQUE", "free": "TRANSPARENT"}
PARTSTAT_OUT = {
    "needs_action": "NEEDS-ACTION",
    "accepted": "ACCEPTED",
    "declined": "DECLINED",
    "tentative": "TENTATIVE",
}
TIMEZONE_PROP = "X-CALAPP-TIMEZONE"


# --- ETag --------------------------------------------------------------------------


def state(calendar: Calendar, *, public: bool = False) -> tuple[str, datetime]:
    """The export's ETag and Last-Modified, from one aggregate over the calendar's
    events (deleted ones included: a deletion changes ``updated_at``). The public
    feed has its own tags: it is another representation."""
    count, changed = db.session.execute(
        sa.select(
            sa.func.count().filter(Event.deleted_at.is_(None)),
            sa.func.max(Event.updated_at),
        ).where(Event.calendar_id == calendar.id)
    ).one()
    last_modified = max(filter(None, (calendar.updated_at, changed)))
    tag = etag_of(
        "ics",
        FORMAT_VERSION,
        calendar.id,
        calendar.updated_at.isoformat(),
        changed.isoformat() if changed else "-",
        count,
        *(("public", PUBLIC_FORMAT_VERSION) if public else ()),
        *_link_expiry(calendar),
    )
    return tag, last_modified


def _link_expiry(calendar: Calendar) -> tuple:
    """The expiry of the file links an export carries, when it carries any:
    the links change once a day, and with them the export."""
    has_files = db.session.scalar(
        sa.select(
            sa.exists().where(
                Attachment.event_id == Event.id,
                Event.calendar_id == calendar.id,
                Attachment.status == "ready",
            )
        )
    )
    return ("links", attachment_links.link_expiry(utcnow())) if has_files else ()


# --- values ------------------------------------------------------------------------


@functools.lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _date_time(name: str, instant: datetime, zone: str) -> str:
    if zone == "UTC":
        return f"{name}:{utc_stamp(instant)}"
    local = instant.astimezone(_zone(zone))
    return f"{name};TZID={zone}:{local_stamp(local)}"  # IANA names need no quotes


def _date_of(instant: datetime, zone: str):
    return instant.astimezone(_zone(zone)).date()


def _slot(name: str, instant: datetime, zone: str, all_day: bool) -> str:
    if all_day:
        return f"{name};VALUE=DATE:{date_stamp(_date_of(instant, zone))}"
    return _date_time(name, instant, zone)


def _dates(name: str, instants: list[datetime], zone: str, all_day: bool) -> str:
    if all_day:
        values = ",".join(date_stamp(_date_of(i, zone)) for i in instants)
        return f"{name};VALUE=DATE:{values}"
    if zone == "UTC":
        return f"{name}:{','.join(utc_stamp(i) for i in instants)}"
    tz = _zone(zone)
    values = ",".join(local_stamp(i.astimezone(tz)) for i in instants)
    return f"{name};TZID={zone}:{values}"


def duration(length: timedelta) -> str:
    """A non-negative length as an RFC 5545 DURATION (``P1DT2H30M``)."""
    seconds = int(length.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = "".join(
        f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n
    )
    text = f"P{days}D" if days else "P"
    return text + (f"T{clock}" if clock else "" if days else "T0S")


def nominal_duration(row) -> str:
    """A series' DURATION with nominal days (``periods.nominal_length``)."""
    return duration(
        periods.nominal_length(
            row.start_time, row.end_time, _zone(row.timezone), row.duration_days
        )
    )


def _rdates(row, zone: str) -> list[str]:
    """RDATE lines: plain ones, then ``VALUE=PERIOD`` (start/duration) for those
    with their own length (RFC 5545 §3.8.5.2)."""
    own = dict(periods.lengths(row.rdate_periods)) if row.rdate_periods else {}
    plain = [d for d in row.rdates if d not in own]
    lines = [fold(_dates("RDATE", plain, zone, row.all_day))] if plain else []
    if own:
        if zone == "UTC":
            values = [f"{utc_stamp(d)}/{duration(n)}" for d, n in own.items()]
            lines.append(fold(f"RDATE;VALUE=PERIOD:{','.join(values)}"))
        else:
            tz = _zone(zone)
            values = [
                f"{local_stamp(d.astimezone(tz))}/{duration(n)}" for d, n in own.items()
            ]
            lines.append(fold(f"RDATE;VALUE=PERIOD;TZID={zone}:{','.join(values)}"))
    return lines


@functools.lru_cache(maxsize=4096)
def portable_rule(rule: str, zone: str, all_day: bool) -> str:
    """The rule with UNTIL in the type RFC 5545 §3.3.10 requires: a DATE for an
    all-day series, UTC for a timed one. The occurrences stay the same (a DATE
    UNTIL includes its whole local day; a floating one is local wall time)."""
    parts = dict(item.split("=", 1) for item in rule.split(";"))
    until = parts.get("UNTIL")
    if until is None:
        return rule
    if all_day:
        if len(until) == 8:
            return rule
        if until.endswith("Z"):
            instant = datetime.strptime(until, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            parts["UNTIL"] = date_stamp(_date_of(instant, zone))
        else:
            parts["UNTIL"] = until[:8]
    else:
        if until.endswith("Z"):
            return rule
        if len(until) == 8:
            local = datetime.combine(
                datetime.strptime(until, "%Y%m%d"), time(23, 59, 59)
            )
        else:
            local = datetime.strptime(until, "%Y%m%dT%H%M%S")
        parts["UNTIL"] = utc_stamp(local.replace(tzinfo=_zone(zone), fold=0))
    return recurrence.normalize_rule(";".join(f"{k}={v}" for k, v in parts.items()))


def trigger(minutes: int) -> str:
    """``minutes_before`` as a VALARM TRIGGER duration (before the start)."""
    if minutes == 0:
        return "PT0S"
    for unit, size in (("W", 10080), ("D", 1440)):
        if minutes % size == 0:
            return f"-P{minutes // size}{unit}"
    if minutes % 60 == 0:
        return f"-PT{minutes // 60}H"
    return f"-PT{minutes}M"


# --- components ----------------------------------------------------------------------


def _attach(item: dict) -> str:
    if "sha256" in item:  # an uploaded file: a signed, expiring download link
        return _attach_file(item)
    params = []
    if item.get("mime_type"):
        params.append(f"FMTTYPE={param(item['mime_type'])}")
    params.append(f"FILENAME={param(item['name'])}")
    if item.get("size") is not None:
        params.append(f"SIZE={item['size']}")
    return f"ATTACH;{';'.join(params)}:{item['url']}"


def _attach_file(item: dict) -> str:
    params = [
        f"FMTTYPE={param(item['content_type'])}",
        f"FILENAME={param(item['filename'])}",
        f"SIZE={item['size']}",
    ]
    link = attachment_links.signed_link(
        item["id"], attachment_links.link_expiry(utcnow())
    )
    return f"ATTACH;{';'.join(params)}:{link}"


def _attendee(email: str, name: str | None, status: str) -> str:
    params = [
        "CUTYPE=INDIVIDUAL",
        "ROLE=REQ-PARTICIPANT",
        f"PARTSTAT={PARTSTAT_OUT[status]}",
    ]
    if name:
        params.append(f"CN={param(name)}")
    return f"ATTENDEE;{';'.join(params)}:mailto:{email}"


def vevent(
    row, organizer: str | None, calendar_zone: str, *, public: bool = False
) -> list[str]:
    """The content lines of one event row (see ``_rows``), folded; ``public``
    leaves out personal data (module docstring), ``organizer`` None no ORGANIZER.

    Only the lines that can pass 75 octets go through ``fold`` (names, dates,
    times and IANA zone names are short): it is a third of the export's time
    when applied to every line.
    """
    zone = row.timezone
    changed = row.changed_stamp
    # An exception carries its series' UID: after a "this and following" split
    # its own ical_uid is still the one of the series it was made in.
    uid = row.series_uid if row.series_id is not None else row.ical_uid
    lines = [
        "BEGIN:VEVENT",
        fold(f"UID:{escape(uid)}"),
        f"DTSTAMP:{changed}",
        f"CREATED:{row.created_stamp}",
        f"LAST-MODIFIED:{changed}",
        f"SEQUENCE:{row.sequence}",
    ]
    if row.all_day:
        lines.append(f"DTSTART;VALUE=DATE:{date_stamp(row.start_date)}")
        lines.append(f"DTEND;VALUE=DATE:{date_stamp(row.end_date)}")
        if zone != calendar_zone:
            lines.append(f"{TIMEZONE_PROP}:{zone}")
    else:
        lines.append(_date_time("DTSTART", row.start_time, zone))
        if row.recurrence_rule and row.duration_days:  # nominal days (§3.3.6)
            lines.append(f"DURATION:{nominal_duration(row)}")
        elif row.end_time != row.start_time:  # zero length: DTSTART alone (§3.6.1)
            lines.append(_date_time("DTEND", row.end_time, zone))
    if row.recurrence_rule:
        rule = portable_rule(row.recurrence_rule, zone, row.all_day)
        lines.append(fold(f"RRULE:{rule}"))
        if row.exdates:
            lines.append(fold(_dates("EXDATE", row.exdates, zone, row.all_day)))
        if row.rdates:
            lines += _rdates(row, zone)
    if row.series_id is not None:
        lines.append(
            _slot(
                "RECURRENCE-ID",
                row.original_start_time,
                row.series_timezone,
                row.series_all_day,
            )
        )
    title = escape(row.title)
    lines.append(fold(f"SUMMARY:{title}"))
    if public:
        return lines + _public_tail(row)
    if row.description:
        lines.append(fold(f"DESCRIPTION:{escape(row.description)}"))
    if row.location:
        lines.append(fold(f"LOCATION:{escape(row.location)}"))
    lines.append(f"STATUS:{STATUS_OUT[row.status]}")
    lines.append(f"TRANSP:{TRANSP_OUT[row.transparency]}")
    if row.tags:
        lines.append(fold(f"CATEGORIES:{','.join(escape(tag) for tag in row.tags)}"))
    for item in row.attachments or ():
        lines.append(fold(_attach(item)))
    if organizer:
        lines.append(organizer)
    for attendee in row.attendees or ():
        lines.append(fold(_attendee(*attendee)))
    for minutes in row.reminders or ():
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            fold(f"DESCRIPTION:{title}"),
            f"TRIGGER:{trigger(minutes)}",
            "END:VALARM",
        ]
    lines.append("END:VEVENT")
    return lines


def _public_tail(row) -> list[str]:
    """A public VEVENT after its SUMMARY: what the owner wrote, unless a booking
    made the event; no ORGANIZER, ATTENDEE or VALARM."""
    lines = []
    if not row.is_booking:
        if row.description:
            lines.append(fold(f"DESCRIPTION:{escape(row.description)}"))
        if row.location:
            lines.append(fold(f"LOCATION:{escape(row.location)}"))
    lines.append(f"STATUS:{STATUS_OUT[row.status]}")
    lines.append(f"TRANSP:{TRANSP_OUT[row.transparency]}")
    if not row.is_booking:
        if row.tags:
            tags = ",".join(escape(tag) for tag in row.tags)
            lines.append(fold(f"CATEGORIES:{tags}"))
        for item in row.attachments or ():
            lines.append(fold(_attach(item)))
    lines.append("END:VEVENT")
    return lines


def _header(calendar: Calendar) -> list[str]:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape(calendar.name)}",
        f"X-WR-TIMEZONE:{calendar.timezone}",
        f"NAME:{escape(calendar.name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
        f"X-APPLE-CALENDAR-COLOR:{calendar.color}",
    ]
    if calendar.description:
        lines.append(f"X-WR-CALDESC:{escape(calendar.description)}")
    return lines


def _zones_used(calendar: Calendar) -> list[tuple[str, int, int]]:
    """(zone, first year, last year) of every zone a TZID names in the export."""
    finite = sa.case(
        (Event.last_end < recurrence.FAR_FUTURE, Event.last_end),
        else_=Event.start_time,
    )
    rows = db.session.execute(
        sa.select(Event.timezone, sa.func.min(Event.start_time), sa.func.max(finite))
        .where(
            Event.calendar_id == calendar.id,
            Event.deleted_at.is_(None),
            Event.all_day.is_(False),
            Event.timezone != "UTC",
        )
        .group_by(Event.timezone)
        .order_by(Event.timezone)
    )
    return [
        (zone, min(first.year, 1970), max(2038, min(last.year + 1, 2200)))
        for zone, first, last in rows
    ]


def child_columns() -> tuple:
    """An event's reminders (minutes, ascending) and attendees (``[email, name,
    status]`` by email) as columns of a query on ``Event``."""
    reminders = sa.func.array(
        sa.select(EventReminder.minutes_before)
        .where(EventReminder.event_id == Event.id)
        .order_by(EventReminder.minutes_before)
        .scalar_subquery(),
        type_=ARRAY(sa.Integer),
    )
    attendees = (
        sa.select(
            sa.func.jsonb_agg(
                aggregate_order_by(
                    sa.func.jsonb_build_array(
                        EventAttendee.email, EventAttendee.name, EventAttendee.status
                    ),
                    EventAttendee.email,
                )
            )
        )
        .where(EventAttendee.event_id == Event.id)
        .scalar_subquery()
    )
    return (
        reminders.label("reminders"),
        sa.type_coerce(attendees, JSONB).label("attendees"),
    )


def _raw(column, name: str):
    """The column as psycopg2 returns it: lists, dates and UTC datetimes (the
    connection's zone is UTC) without SQLAlchemy's per-item result processing,
    which costs more than the rest of reading a row."""
    return sa.type_coerce(column, sa.types.NullType()).label(name)


def _utc_stamp(column):
    """``YYYYMMDDTHHMMSSZ`` made by PostgreSQL: text is cheaper to read than a
    timestamptz, and UTC needs no zone database (so no Python/PostgreSQL tzdata
    mismatch can creep in)."""
    return sa.func.to_char(
        sa.func.timezone("UTC", column), sa.literal('YYYYMMDD"T"HH24MISS"Z"')
    )


# One alias for every query: a new one per call costs more to build than the
# query of one object takes to run.
_SERIES = aliased(Event)


def _columns(public: bool, extra=()) -> sa.Select:
    series = _SERIES
    columns = [
        _raw(getattr(Event, name), name)
        for name in (
            "ical_uid", "title", "description", "location", "start_time", "end_time",
            "timezone", "all_day", "start_date", "end_date", "recurrence_rule",
            "exdates", "rdates", "rdate_periods", "duration_days", "series_id",
            "original_start_time", "status", "transparency", "tags", "sequence",
        )
    ]  # fmt: skip
    reminders, attendees = child_columns()
    # Uploaded files (an exception shows its series') then the links. Most
    # events have none: NULL is not decoded as JSON, '[]' is.
    files = attachment_views.aggregate(sa.func.coalesce(Event.series_id, Event.id))
    both = sa.func.nullif(files.op("||")(Event.attachments), sa.text("'[]'::jsonb"))
    return sa.select(
        *columns,
        _raw(both, "attachments"),
        _utc_stamp(Event.created_at).label("created_stamp"),
        _utc_stamp(Event.updated_at).label("changed_stamp"),
        series.ical_uid.label("series_uid"),
        series.timezone.label("series_timezone"),
        series.all_day.label("series_all_day"),
        _raw(reminders, "reminders"),
        attendees,
        _is_booking(public),
        *extra,
    ).outerjoin(series, series.id == Event.series_id)


def _rows(calendar: Calendar, public: bool, *where, extra=()):
    stmt = (
        _columns(public, extra)
        .where(Event.calendar_id == calendar.id, Event.deleted_at.is_(None), *where)
        .order_by(Event.start_time, Event.id)
    )
    return db.session.execute(stmt, execution_options={"yield_per": BATCH})


def object_rows(calendar: Calendar, *where, extra=()):
    """The rows ``vevent`` takes, of the events matching ``where``, with the
    ``extra`` columns: the DAV face writes one object per series from them."""
    return _rows(calendar, False, *where, extra=extra)


def object_columns(extra=()) -> sa.Select:
    """The select of the columns ``vevent`` takes (personal data included),
    plus ``extra``, without conditions: the DAV face digests them."""
    return _columns(False, extra)


def rows_of_series(calendar: Calendar, ids, extra=()) -> list:
    """The rows ``vevent`` takes of the series and single events ``ids`` and
    of their exceptions, unordered, with the ``extra`` columns.

    Found by key alone (the primary key, the exceptions' series index) and
    kept to the calendar afterwards: a condition on the calendar would offer
    the planner the calendar's indexes, which it picks over the keys when the
    table has no statistics yet (a new database, a calendar filled in
    minutes) and then reads every event of the calendar for one object.
    """
    stmt = _columns(False, (*extra, Event.calendar_id.label("calendar_id"))).where(
        sa.or_(Event.id.in_(ids), Event.series_id.in_(ids)),
        Event.deleted_at.is_(None),
    )
    return [row for row in db.session.execute(stmt) if row.calendar_id == calendar.id]


def _is_booking(public: bool):
    """Whether a booking made the event (asked for the public feed only: one
    index probe of ``ix_bookings_event_id`` per row)."""
    if not public:
        return sa.false().label("is_booking")
    made = sa.exists().where(Booking.event_id == Event.id)
    return made.label("is_booking")


def organizer(calendar: Calendar) -> str:
    """The ORGANIZER line of the calendar's events (its owner)."""
    return _organizer(calendar)


def _organizer(calendar: Calendar) -> str:
    owner = db.session.get(User, calendar.owner_id)
    cn = f"CN={param(owner.name)};" if owner.name else ""
    return fold(f"ORGANIZER;{cn}".rstrip(";") + f":mailto:{owner.email}")


def stream(calendar: Calendar, *, public: bool = False) -> Iterator[bytes]:
    """The VCALENDAR in chunks: header, VTIMEZONEs, VEVENTs a batch at a time.

    ``public`` (the public feed): a public calendar's subscribers see times and
    what the owner wrote, no personal data (module docstring).
    """
    organizer = None if public else _organizer(calendar)
    zones = _zones_used(calendar)
    yield ("\r\n".join(fold(line) for line in _header(calendar)) + "\r\n").encode()
    for zone, first, last in zones:
        component = vtimezone(zone, first, last)
        if component:
            yield component
    result = _rows(calendar, public)
    try:
        for batch in result.partitions():
            lines = []
            for row in batch:
                lines.extend(vevent(row, organizer, calendar.timezone, public=public))
            yield ("\r\n".join(lines) + "\r\n").encode()
    finally:
        result.close()
    yield b"END:VCALENDAR\r\n"


def filename(calendar: Calendar) -> str:
    """An ASCII file name for Content-Disposition."""
    safe = "".join(
        c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in calendar.name
    )
    return (safe.strip("-")[:60] or "calendar") + ".ics"
