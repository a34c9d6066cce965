"""The read path of event lists: rows, not entities.

Lists are what every client asks for most, so a page is read the lean way and
yields exactly what ``EventSchema`` would dump, already in its shape:

- one statement selects the schema's fields as columns, with the reminders and
  attendees of each row aggregated to JSON in the same statement (children of a
  whole page in one go, no ORM entity, no second round trip);
- an item is the row as a dict; an occurrence is its series' item with its own
  times; instants, UUIDs and dates are left to orjson (``OPT_UTC_Z`` writes an
  instant as ``format_instant`` does).

``EventSchema`` stays the contract (and the OpenAPI document); a test compares
both paths item by item, and ``check_fields`` fails at start-up when a field is
added to the schema but not here.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import orjson
import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by

from calapp.attachments import views as attachment_views
from calapp.events.models import Event, EventAttendee, EventReminder
from calapp.events.schemas import EventSchema

_JSON_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_SORT_KEYS


def _children(table, order, **fields):
    """The rows of a child table for ``Event.id`` as a JSON array (``[]`` if none)."""
    pairs = (
        (sa.literal_column(f"'{name}'"), column) for name, column in fields.items()
    )
    obj = sa.func.json_build_object(*(x for pair in pairs for x in pair))
    return (
        sa.select(sa.func.coalesce(sa.func.json_agg(aggregate_order_by(obj, *order)),
                                   sa.text("'[]'::json")))
        .where(table.event_id == Event.id)
        .scalar_subquery()
    )  # fmt: skip


def text_id(column):
    """A UUID column read as its text, as the API writes it: parsing thousands
    of UUIDs a page into objects only to print them again was a third of a
    page's CPU."""
    return sa.cast(column, sa.Text).label(column.key)


# Instants as the driver reads them: the connection's time zone is UTC (see
# ``create_app``), so they are already UTC, and skipping ``UTCDateTime``'s
# conversion per value (thousands a page) saves a tenth of a page's CPU.
_INSTANT = sa.DateTime(timezone=True)


def instant(column):
    return sa.type_coerce(column, _INSTANT).label(column.key)


def instants(column):
    return sa.type_coerce(column, ARRAY(_INSTANT)).label(column.key)


# EventSchema's fields, as the columns that hold them.
COLUMNS = (
    text_id(Event.id),
    text_id(Event.calendar_id),
    Event.ical_uid,
    Event.title,
    Event.description,
    Event.location,
    instant(Event.start_time),
    instant(Event.end_time),
    Event.timezone,
    Event.all_day,
    Event.start_date,
    Event.end_date,
    Event.recurrence_rule,
    Event.status,
    Event.transparency,
    Event.source,
    Event.tags,
    # Uploaded files (an exception shows its series') then the links.
    attachment_views.aggregate(sa.func.coalesce(Event.series_id, Event.id))
    .op("||")(Event.attachments)
    .label("attachments"),
    _children(
        EventReminder,
        (EventReminder.minutes_before, EventReminder.id),
        id=EventReminder.id,
        minutes_before=EventReminder.minutes_before,
        notify_attendees=EventReminder.notify_attendees,
    ).label("reminders"),
    _children(
        EventAttendee,
        (EventAttendee.email, EventAttendee.id),
        id=EventAttendee.id,
        email=EventAttendee.email,
        name=EventAttendee.name,
        user_id=EventAttendee.user_id,
        status=EventAttendee.status,
    ).label("attendees"),
    Event.sequence,
    instants(Event.exdates),
    instants(Event.rdates),
    text_id(Event.series_id),
    instant(Event.original_start_time),
    text_id(Event.created_by),
    text_id(Event.updated_by),
    instant(Event.created_at),
    instant(Event.updated_at),
)


def check_fields(schema_cls) -> None:
    """:raises RuntimeError: the schema and ``COLUMNS`` name different fields."""
    ours = {column.key if hasattr(column, "key") else column.name for column in COLUMNS}
    theirs = set(schema_cls().dump_fields)
    if ours != theirs:
        raise RuntimeError(f"reads.COLUMNS differ from the schema: {ours ^ theirs}")


def item(row) -> dict:
    """The ``EventSchema`` dump of a row of ``COLUMNS``."""
    out = row._asdict()
    if out["attachments"]:
        out["attachments"] = attachment_views.items_from_row(out["attachments"])
    return out


def occurrence(series: dict, start: datetime, end: datetime) -> dict:
    """One occurrence of a series (its item): the series' fields at its times."""
    out = dict(series)
    out["start_time"] = out["original_start_time"] = start
    out["end_time"] = end
    out["series_id"] = series["id"]
    if series["all_day"]:
        zone = ZoneInfo(series["timezone"])
        out["start_date"] = start.astimezone(zone).date()
        out["end_date"] = end.astimezone(zone).date()
    return out


def key(entry: dict) -> tuple:
    """The list's order: ``(start_time, id)``; ids as text sort as UUIDs do (same
    width, lower-case hex)."""
    return entry["start_time"], entry["id"]


def cursor_key(entry: dict) -> tuple:
    """The cursor's key of an item, as ``(start_time, UUID)``."""
    return entry["start_time"], uuid.UUID(entry["id"])


def dumps(body: dict) -> bytes:
    """``body`` (plain values, instants, UUIDs, dates) as JSON."""
    return orjson.dumps(body, option=_JSON_OPTIONS)


def json_response(body: dict, status: int = 200):
    """``body`` (plain values, instants, UUIDs, dates) as a JSON response."""
    return current_app.response_class(
        dumps(body) + b"\n",
        status=status,
        mimetype="application/json",
    )


check_fields(EventSchema)
