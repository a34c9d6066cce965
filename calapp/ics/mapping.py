"""One VEVENT to the columns of an event row, with the repairs it needed.

The same limits as the API apply (``calapp.events.schemas``); what the API would
refuse either becomes an ``EventError`` (the event is reported and skipped) or
is repaired and reported (the event is imported). Times and recurrence:
``calapp.ics.times``. Repairs made here:

- text too long (cut), NUL characters (dropped), no SUMMARY (``(no title)``),
  no UID (a stable one from DTSTART, SUMMARY and RECURRENCE-ID);
- tags over 64 characters (cut) or over 50 (dropped); attachments inline or not
  http(s), attendees without a valid email, alarms after the start, over four
  weeks before it, or over 10: dropped.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote, urlsplit

import marshmallow as ma
from email_validator import EmailNotValidError, validate_email

from calapp.events import periods
from calapp.events.schemas import (
    MAX_ATTACHMENTS,
    MAX_ATTENDEES_PER_REQUEST,
    MAX_MINUTES_BEFORE,
    MAX_REMINDERS,
    MAX_TAGS,
)
from calapp.ics import text as ical
from calapp.ics.times import Context, EventError, rule_fields, times

NO_TITLE = "(no title)"
LIMITS = {"title": 500, "description": 50_000, "location": 1000}
STATUS_IN = {
    "CONFIRMED": "confirmed",
    "TENTATIVE": "tentative",
    "CANCELLED": "cancelled",
}
PARTSTAT_IN = {
    "NEEDS-ACTION": "needs_action",
    "ACCEPTED": "accepted",
    "DECLINED": "declined",
    "TENTATIVE": "tentative",
}
# Repairs listed for one event; the rest are counted in one last entry.
MAX_REPAIRS_PER_EVENT = 20
_URL = ma.validate.URL(relative=False, schemes={"http", "https"}, require_tld=True)


@dataclass
class Mapped:
    uid: str
    line: int
    fields: dict  # event columns: title ... attachments (see ``COMPARED``)
    reminders: list[int]
    attendees: list[tuple[str, str | None, str]]  # (email, name, status), by email
    sequence: int
    last_modified: datetime | None
    created: datetime | None = None
    recurrence_id: ical.Prop | None = None
    repairs: list[str] = field(default_factory=list)


def _text(component: ical.Component, name: str, repairs: list[str]) -> str | None:
    value = component.text(name)
    if value is None or not value.strip():
        return None
    if "\x00" in value:
        value = value.replace("\x00", "")
        repairs.append(f"{name}: NUL characters removed")
    limit = LIMITS.get({"SUMMARY": "title"}.get(name, name.lower()))
    if limit and len(value) > limit:
        repairs.append(f"{name} cut to {limit} characters")
        value = value[:limit]
    return value


def _uid(component: ical.Component, repairs: list[str]) -> str:
    uid = (component.text("UID") or "").replace("\x00", "").strip()
    if not uid:
        seed = "|".join(
            (p.value if (p := component.first(n)) else "")
            for n in ("DTSTART", "SUMMARY", "RECURRENCE-ID")
        )
        uid = hashlib.sha256(seed.encode()).hexdigest()[:32] + "@import.calapp"
        repairs.append(f"no UID: given {uid}, derived from DTSTART and SUMMARY")
    if len(uid) > 255:
        raise EventError("UID is longer than 255 characters", uid[:255])
    return uid


def _int(component: ical.Component, name: str) -> int:
    prop = component.first(name)
    try:
        return min(max(int(prop.value.strip()), 0), 2**31 - 1) if prop else 0
    except ValueError:
        return 0


def _stamp(component: ical.Component, name: str) -> datetime | None:
    prop = component.first(name)
    if prop is None:
        return None
    try:
        value, _ = ical.parse_datetime(prop.value)
    except ValueError:
        return None
    return value.replace(tzinfo=UTC)


# --- the rest ------------------------------------------------------------------------


def _tags(component, repairs) -> list[str]:
    tags: list[str] = []
    for prop in component.all("CATEGORIES"):
        for raw in ical.split_list(prop.value):
            tag = ical.unescape(raw).replace("\x00", "").strip()
            if len(tag) > 64:
                repairs.append(f"tag {tag[:20]!r}… cut to 64 characters")
                tag = tag[:64].strip()
            if tag:
                tags.append(tag)
    tags = list(dict.fromkeys(tags))
    if len(tags) > MAX_TAGS:
        repairs.append(f"{len(tags) - MAX_TAGS} tags dropped (at most {MAX_TAGS})")
        tags = tags[:MAX_TAGS]
    return tags


def _attachment(prop: ical.Prop, repairs: list[str]) -> dict | None:
    url = prop.value.strip()
    if prop.param("VALUE") == "BINARY" or prop.param("ENCODING"):
        repairs.append("an inline (binary) attachment dropped")
        return None
    try:
        if len(url) > 2048:
            raise ma.ValidationError("too long")
        _URL(url)
    except ma.ValidationError:
        repairs.append(f"attachment {url[:60]!r} dropped: not an http(s) URL")
        return None
    if _SIGNED_FILE_LINK.search(url):
        # An expiring link to a file uploaded here (our own export): the file is
        # on its event already, and the link would stop working as a link.
        return None
    name = (
        next(
            (
                prop.param(p)
                for p in (
                    "FILENAME",
                    "X-FILENAME",
                    "X-APPLE-FILENAME",
                    "X-ORACLE-FILENAME",
                )
                if prop.param(p)
            ),
            None,
        )
        or unquote(urlsplit(url).path.rstrip("/").rpartition("/")[2])
        or "attachment"
    )
    size = prop.param("SIZE")
    mime = prop.param("FMTTYPE")
    return {
        "name": name.replace("\x00", "")[:255] or "attachment",
        "url": url,
        "mime_type": mime[:255] if mime else None,
        "size": int(size) if size and size.isdigit() and len(size) < 19 else None,
    }


_SIGNED_FILE_LINK = re.compile(
    r"/attachments/[0-9a-f-]{36}/download\?expires=\d+&signature="
)


def _attachments(component, repairs) -> list[dict]:
    found = [a for p in component.all("ATTACH") if (a := _attachment(p, repairs))]
    if len(found) > MAX_ATTACHMENTS:
        repairs.append(f"attachments beyond {MAX_ATTACHMENTS} dropped")
    return found[:MAX_ATTACHMENTS]


@functools.lru_cache(maxsize=8192)  # a file names the same people again and again
def _email(value: str) -> str | None:
    address = value.strip()
    if address[:7].lower() == "mailto:":
        address = address[7:]
    address = unquote(address).strip().lower()
    if not address or len(address) > 320 or "\x00" in address:
        return None
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return None
    return address


def _attendees(component, repairs) -> list[tuple[str, str | None, str]]:
    """:raises EventError: more attendees than the API takes for one event
    (counted before any address is checked)."""
    props = component.all("ATTENDEE")
    if len(props) > MAX_ATTENDEES_PER_REQUEST:
        distinct = len({p.value.strip().lower() for p in props})
        if distinct > MAX_ATTENDEES_PER_REQUEST:
            raise EventError(
                f"{distinct} attendees: at most {MAX_ATTENDEES_PER_REQUEST} "
                "per event, as POST /events takes"
            )
    found: dict[str, tuple[str, str | None, str]] = {}
    for prop in props:
        email = _email(prop.value) or _email(prop.param("EMAIL") or "")
        if email is None:
            repairs.append(f"attendee {prop.value[:60]!r} dropped: no valid email")
            continue
        name = (prop.param("CN") or "").replace("\x00", "").strip()[:200] or None
        if name and name.lower() in (email, f"mailto:{email}"):
            name = None  # Google writes the address as CN when there is no name
        status = PARTSTAT_IN.get((prop.param("PARTSTAT") or "").upper(), "needs_action")
        found.setdefault(email, (email, name, status))
    return sorted(found.values())


def _reminder(alarm: ical.Component, duration: timedelta) -> int | None | str:
    """Minutes before the start, None (no alarm), or why it is dropped."""
    action = (alarm.text("ACTION") or "").strip().upper()
    trigger = alarm.first("TRIGGER")
    if action == "NONE" or trigger is None:
        return None
    try:
        if trigger.param("VALUE") == "DATE-TIME":
            return None  # absolute (Apple's "no alarm" sentinel is one)
        offset = ical.parse_duration(trigger.value)
    except ValueError:
        return f"alarm TRIGGER {trigger.value[:40]!r} not understood: dropped"
    if (trigger.param("RELATED") or "").upper() == "END":
        offset += duration
    minutes = -offset // timedelta(minutes=1)
    if offset > timedelta(0):
        return "an alarm after the start dropped"
    if minutes > MAX_MINUTES_BEFORE:
        return f"an alarm more than {MAX_MINUTES_BEFORE} minutes before dropped"
    return minutes


def _reminders(component, row, repairs) -> list[int]:
    minutes: list[int] = []
    for alarm in component.children:
        if alarm.name != "VALARM":
            continue
        value = _reminder(alarm, row["end_time"] - row["start_time"])
        if isinstance(value, str):
            repairs.append(value)
        elif value is not None:
            minutes.append(value)
    unique = sorted(set(minutes))
    if len(unique) > MAX_REMINDERS:
        repairs.append(f"alarms beyond {MAX_REMINDERS} dropped")
    return unique[:MAX_REMINDERS]


def _transparency(component) -> str:
    transp = (component.text("TRANSP") or "").strip().upper()
    if transp:
        return "free" if transp == "TRANSPARENT" else "busy"
    busy = (component.text("X-MICROSOFT-CDO-BUSYSTATUS") or "").strip().upper()
    return "free" if busy == "FREE" else "busy"


def _capped(repairs: list[str]) -> list[str]:
    if len(repairs) <= MAX_REPAIRS_PER_EVENT:
        return repairs
    more = len(repairs) - MAX_REPAIRS_PER_EVENT
    return [*repairs[:MAX_REPAIRS_PER_EVENT], f"{more} more repairs not listed"]


def vevent(component: ical.Component, ctx: Context) -> Mapped:
    """:raises EventError: the event cannot be imported (``uid`` says which)."""
    repairs: list[str] = []
    uid = _uid(component, repairs)
    try:
        if component.errors:
            raise EventError("; ".join(component.errors[:3]))
        attendees = _attendees(component, repairs)
        row = times(component, ctx, repairs)
        override = component.first("RECURRENCE-ID")
        if override is None:
            row.update(rule_fields(component, row, ctx, repairs))
        else:
            if component.first("RRULE") or component.first("RDATE"):
                repairs.append("RRULE/RDATE on a RECURRENCE-ID event ignored")
            if (override.param("RANGE") or "").upper() == "THISANDFUTURE":
                repairs.append("RANGE=THISANDFUTURE read as this occurrence only")
            row.update(
                recurrence_rule=None,
                exdates=[],
                rdates=[],
                rdate_periods={},
                duration_days=0,
                last_end=None,
            )
        row["last_end"] = row["last_end"] or periods.reach(
            row["start_time"], row["end_time"]
        )
        title = (_text(component, "SUMMARY", repairs) or "").strip()
        if not title:
            repairs.append(f"no SUMMARY: titled {NO_TITLE!r}")
        status = (component.text("STATUS") or "").strip().upper()
        row.update(
            title=title or NO_TITLE,
            description=_text(component, "DESCRIPTION", repairs),
            location=_text(component, "LOCATION", repairs),
            status=STATUS_IN.get(status, "confirmed"),
            transparency=_transparency(component),
            tags=_tags(component, repairs),
            attachments=_attachments(component, repairs),
        )
        return Mapped(
            uid=uid,
            line=component.line,
            fields=row,
            reminders=_reminders(component, row, repairs),
            attendees=attendees,
            sequence=_int(component, "SEQUENCE"),
            last_modified=_stamp(component, "LAST-MODIFIED"),
            created=_stamp(component, "CREATED"),
            recurrence_id=override,
            repairs=_capped(repairs),
        )
    except EventError as exc:
        exc.uid = uid
        raise
