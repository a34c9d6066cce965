"""Event, reminder and attendee schemas.

Cross-field rules (all-day vs timed, end after start, the calendar's default zone)
need the stored event and its calendar, so they live in ``calapp.events.service``;
the schemas check each field on its own.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import marshmallow as ma

from calapp.api import PageArgsSchema, Schema
from calapp.events.models import RSVP_STATUSES, STATUSES, TRANSPARENCIES
from calapp.fields import (
    INSTANT_RANGE_MESSAGE,
    Email,
    Instant,
    Timezone,
    in_instant_range,
    source_field,
)

MAX_REMINDERS = 10
MAX_MINUTES_BEFORE = 40_320  # four weeks
MAX_TAGS = 50
MAX_RECURRENCE_DATES = 1000
MAX_ATTACHMENTS = 20
MAX_ATTENDEES_PER_REQUEST = 100
MAX_FILTER_VALUES = 50
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RULE_RE = re.compile(r"^[A-Z0-9]+=[^;=]*(;[A-Z0-9]+=[^;=]*)*$")


def _check_text(value: str) -> None:
    """PostgreSQL text cannot hold NUL, and UTF-8 cannot hold lone surrogates."""
    if "\x00" in value:
        raise ma.ValidationError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ma.ValidationError("must be valid Unicode text") from exc


class Text(ma.fields.String):
    """A string PostgreSQL can store, optionally trimmed."""

    def __init__(self, *, strip: bool = False, **kwargs):
        self.strip = strip
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        _check_text(text)
        return text.strip() if self.strip else text


class CleanEmail(Email):
    """An email address, trimmed and lower-cased (attendees are matched by it)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            _check_text(value)
        return super()._deserialize(value, attr, data, **kwargs).lower()


class DateOrInstant(ma.fields.String):
    """``YYYY-MM-DD`` (all-day events) or an RFC 3339 instant with an offset.

    Loads a ``date`` or an aware UTC ``datetime``.
    """

    default_error_messages = {
        "invalid": "must be a date (YYYY-MM-DD) or an RFC 3339 date-time with "
        "an offset",
        "range": INSTANT_RANGE_MESSAGE,
    }

    def __init__(self, **kwargs):
        metadata = {
            "oneOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time"},
            ],
            "description": "A date (all-day events, e.g. 2026-12-25) or an RFC 3339 "
            "date-time with Z or an offset (timed events)",
            **kwargs.pop("metadata", {}),
        }
        super().__init__(metadata=metadata, **kwargs)
        self._instant = Instant()

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if _DATE_RE.match(text):
            try:
                day = date.fromisoformat(text)
            except ValueError as exc:
                raise self.make_error("invalid") from exc
            if not in_instant_range(day):
                raise self.make_error("range")
            return day
        return self._instant.deserialize(text)


def parse_rule(value: str) -> str:
    """Validate an RFC 5545 RRULE with python-dateutil; return it normalised.

    ``RRULE:FREQ=WEEKLY;byday=mo`` and ``FREQ=WEEKLY;BYDAY=MO`` both give
    ``FREQ=WEEKLY;BYDAY=MO``: the ``RRULE:`` prefix is dropped and names upper-cased.

    :raises ma.ValidationError: with dateutil's reason.
    """
    from dateutil.rrule import rrulestr

    rule = value.strip()
    if rule[:6].upper() == "RRULE:":
        rule = rule[6:].strip()
    rule = rule.upper()
    if not _RULE_RE.match(rule) or not re.search(r"(^|;)FREQ=", rule):
        raise ma.ValidationError(
            "must be one RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=MO,WE "
            "(NAME=VALUE parts separated by ';', FREQ required)"
        )
    names = {part.partition("=")[0] for part in rule.split(";")}
    if {"COUNT", "UNTIL"} <= names:  # RFC 5545: MUST NOT occur together
        raise ma.ValidationError(
            "is not a valid RRULE: COUNT and UNTIL exclude each other"
        )
    try:
        rrulestr(rule, dtstart=datetime(2000, 1, 1), ignoretz=True)
    except Exception as exc:  # dateutil raises ValueError, TypeError, KeyError...
        raise ma.ValidationError(f"is not a valid RRULE: {exc}") from exc
    return rule


class RecurrenceRule(Text):
    MAX_LENGTH = 1000

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if len(text) > self.MAX_LENGTH:  # before dateutil spends time on it
            raise ma.ValidationError(f"must be at most {self.MAX_LENGTH} characters")
        return parse_rule(text)


def _unique_tags(tags: list[str]) -> list[str]:
    return list(dict.fromkeys(tags))


def tags_field(**kwargs) -> ma.fields.List:
    return ma.fields.List(
        Text(strip=True, validate=ma.validate.Length(min=1, max=64)),
        validate=ma.validate.Length(max=MAX_TAGS),
        metadata={
            "description": f"At most {MAX_TAGS} tags of 1-64 characters "
            "(trimmed; duplicates dropped)"
        },
        **kwargs,
    )


# --- output ---------------------------------------------------------------------------


class AttachmentSchema(Schema):
    """A link attachment as written (an uploaded file is managed at
    /events/{id}/attachments; an item naming one by its id is left as it is)."""

    name = Text(
        validate=ma.validate.Length(min=1, max=255),
        metadata={"description": "Required unless filename is given"},
    )
    filename = Text(
        validate=ma.validate.Length(min=1, max=255),
        metadata={"description": "The same as name (as events show it)"},
    )
    url = ma.fields.Url(
        required=True,
        schemes={"http", "https"},
        validate=ma.validate.Length(max=2048),
        metadata={"description": "http(s) URL, at most 2048 characters"},
    )
    mime_type = Text(allow_none=True, validate=ma.validate.Length(max=255))
    content_type = Text(
        allow_none=True,
        validate=ma.validate.Length(max=255),
        metadata={"description": "The same as mime_type (as events show it)"},
    )
    size = ma.fields.Integer(
        allow_none=True,
        strict=True,
        validate=ma.validate.Range(min=0, max=2**63 - 1),
        metadata={"description": "Size in bytes"},
    )
    id = ma.fields.UUID(
        allow_none=True,
        metadata={
            "description": "An uploaded file's id, as events show it: such an item "
            "is left out here (files are added and removed at "
            "/events/{id}/attachments); null for a link"
        },
    )
    sha256 = ma.fields.String(
        allow_none=True,
        validate=ma.validate.Length(max=64),
        metadata={"description": "Ignored: measured by the server for files"},
    )

    @ma.validates("url")
    def _url_text(self, value, data_key, **kwargs):
        _check_text(value)

    @ma.validates_schema
    def _named(self, data, **kwargs):
        if data.get("id") is None and not (data.get("name") or data.get("filename")):
            raise ma.ValidationError("Missing data for required field.", "name")

    @ma.post_load
    def _as_link(self, data, **kwargs):
        """The stored link: ``{name, url, mime_type, size}``."""
        if data.get("id") is not None:
            return data
        link = {"name": data.get("name") or data["filename"], "url": data["url"]}
        link["mime_type"] = data.get("mime_type", data.get("content_type"))
        link["size"] = data.get("size")
        return link


class EventAttachmentSchema(Schema):
    """An uploaded file (id set) or a link (id and sha256 null)."""

    id = ma.fields.UUID(
        required=True,
        allow_none=True,
        metadata={
            "description": "An uploaded file's id (GET or DELETE "
            "/events/{event_id}/attachments/{id}); null for a link"
        },
    )
    filename = ma.fields.String(required=True)
    content_type = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "A file's is sniffed from its bytes"},
    )
    size = ma.fields.Integer(
        required=True, allow_none=True, metadata={"description": "Bytes"}
    )
    sha256 = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Hex SHA-256 of a file's bytes; null for a link"},
    )
    url = ma.fields.String(
        required=True,
        metadata={"description": "A file's download URL (needs your credentials), "
                  "or the link"},
    )  # fmt: skip
    name = ma.fields.String(metadata={"description": "A link's name as given"})
    mime_type = ma.fields.String(
        allow_none=True, metadata={"description": "A link's type as given"}
    )


class EventAttachments(ma.fields.List):
    """An event's uploaded files (its series' for an exception or occurrence),
    then its links. The list read path builds the same items in SQL
    (``calapp.events.reads``); this is the single-event path."""

    def __init__(self, **kwargs):
        super().__init__(ma.fields.Nested(EventAttachmentSchema), **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        from calapp.attachments import views

        if not isinstance(obj, dict):
            value = views.event_items(obj.series_id or obj.id, value)
        return super()._serialize(value, attr, obj, **kwargs)


class ReminderSchema(Schema):
    id = ma.fields.UUID(required=True)
    minutes_before = ma.fields.Integer(required=True)
    notify_attendees = ma.fields.Boolean(
        required=True,
        metadata={"description": "Also sent to the attendees (in-app and email)"},
    )


class AttendeeSchema(Schema):
    EXAMPLE = {
        "id": "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b",
        "email": "charles@example.com",
        "name": "Charles Babbage",
        "user_id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
        "status": "accepted",
    }

    id = ma.fields.UUID(required=True)
    email = ma.fields.String(required=True)
    name = ma.fields.String(required=True, allow_none=True)
    user_id = ma.fields.UUID(
        required=True,
        allow_none=True,
        metadata={"description": "The account with this email, once registered"},
    )
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(RSVP_STATUSES))


class EventSchema(Schema):
    EXAMPLE = {
        "id": "5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60",
        "calendar_id": "0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10",
        "ical_uid": "5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60@calapp",
        "title": "Weekly planning",
        "description": "Priorities for the week",
        "location": "Room 4.12",
        "start_time": "2027-01-11T09:30:00Z",
        "end_time": "2027-01-11T10:00:00Z",
        "timezone": "Europe/London",
        "all_day": False,
        "start_date": None,
        "end_date": None,
        "recurrence_rule": "FREQ=WEEKLY;BYDAY=MO",
        "status": "confirmed",
        "transparency": "busy",
        "source": None,
        "tags": ["team"],
        "attachments": [],
        "reminders": [
            {
                "id": "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e",
                "minutes_before": 10,
                "notify_attendees": False,
            }
        ],
        "attendees": [AttendeeSchema.EXAMPLE],
        "sequence": 0,
        "exdates": [],
        "rdates": [],
        "series_id": None,
        "original_start_time": None,
        "created_by": "7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d",
        "updated_by": "7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d",
        "created_at": "2026-12-05T14:03:00Z",
        "updated_at": "2026-12-05T14:03:00Z",
    }

    id = ma.fields.UUID(required=True)
    calendar_id = ma.fields.UUID(required=True)
    ical_uid = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    description = ma.fields.String(required=True, allow_none=True)
    location = ma.fields.String(required=True, allow_none=True)
    start_time = Instant(
        required=True,
        metadata={
            "description": "UTC; for an all-day event, midnight of start_date "
            "in the event's timezone"
        },
    )
    end_time = Instant(
        required=True,
        metadata={
            "description": "UTC; equal to start_time for a zero-length event "
            "(RFC 5545: a DTSTART without an end), which is listed in a window "
            "it starts in and is never busy"
        },
    )
    timezone = ma.fields.String(required=True, metadata={"example": "Europe/Berlin"})
    all_day = ma.fields.Boolean(required=True)
    start_date = ma.fields.Date(
        required=True,
        allow_none=True,
        metadata={"description": "First day of an all-day event; null otherwise"},
    )
    end_date = ma.fields.Date(
        required=True,
        allow_none=True,
        metadata={
            "description": "Day after the last day of an all-day event "
            "(exclusive, as in iCalendar); null otherwise"
        },
    )
    recurrence_rule = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "RFC 5545 RRULE without the RRULE: prefix"},
    )
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(STATUSES))
    transparency = ma.fields.String(
        required=True, validate=ma.validate.OneOf(TRANSPARENCIES)
    )
    source = source_field(
        "null: an event of calapp; caldav or ics: brought in from a connected "
        "calendar (GET /connections) and read-only here"
    )
    tags = ma.fields.List(ma.fields.String(), required=True)
    attachments = EventAttachments(required=True)
    reminders = ma.fields.List(ma.fields.Nested(ReminderSchema), required=True)
    attendees = ma.fields.List(ma.fields.Nested(AttendeeSchema), required=True)
    sequence = ma.fields.Integer(
        required=True,
        metadata={
            "description": "iCalendar SEQUENCE: grows when the time, title, "
            "location, status or rule change"
        },
    )
    exdates = ma.fields.List(
        Instant(),
        required=True,
        metadata={"description": "Original starts removed from the rule (UTC)"},
    )
    rdates = ma.fields.List(
        Instant(),
        required=True,
        metadata={"description": "Extra starts added to the rule (UTC)"},
    )
    series_id = ma.fields.UUID(
        required=True,
        allow_none=True,
        dump_default=None,
        metadata={
            "description": "For an occurrence or an exception: its recurring event "
            "(an occurrence also has that event's id). Null for other events"
        },
    )
    original_start_time = Instant(
        required=True,
        allow_none=True,
        dump_default=None,
        metadata={
            "description": "The occurrence's slot in the rule (RECURRENCE-ID), UTC; "
            "address it at /events/{series_id}/instances/{original_start_time}"
        },
    )
    created_by = ma.fields.UUID(required=True, allow_none=True)
    updated_by = ma.fields.UUID(required=True, allow_none=True)
    created_at = Instant(required=True)
    updated_at = Instant(required=True)


# --- input ----------------------------------------------------------------------------


class AttendeeCreateSchema(Schema):
    EXAMPLE = {"email": "charles@example.com", "name": "Charles Babbage"}

    email = CleanEmail(
        required=True,
        metadata={"format": "email", "description": "Trimmed and lower-cased"},
    )
    name = Text(strip=True, allow_none=True, validate=ma.validate.Length(max=200))


class _EventWriteFields(Schema):
    title = Text(strip=True, validate=ma.validate.Length(min=1, max=500))
    description = Text(allow_none=True, validate=ma.validate.Length(max=50_000))
    location = Text(allow_none=True, validate=ma.validate.Length(max=1000))
    start_time = DateOrInstant()
    end_time = DateOrInstant(
        metadata={
            "description": "An RFC 3339 date-time not before start_time (equal: "
            "a zero-length event), or for an all-day event a date after it "
            "(exclusive; omitted on create: one day)"
        }
    )
    timezone = Timezone(
        metadata={
            "description": "IANA zone (default: the calendar's)",
            "example": "Europe/Berlin",
        }
    )
    all_day = ma.fields.Boolean(
        metadata={"description": "Default: true when start_time is a date"}
    )
    recurrence_rule = RecurrenceRule(
        allow_none=True,
        validate=ma.validate.Length(max=1000),
        metadata={"description": "RFC 5545 RRULE, with or without the RRULE: prefix"},
    )
    status = ma.fields.String(validate=ma.validate.OneOf(STATUSES))
    transparency = ma.fields.String(validate=ma.validate.OneOf(TRANSPARENCIES))
    tags = tags_field()
    attachments = ma.fields.List(
        ma.fields.Nested(AttachmentSchema),
        validate=ma.validate.Length(max=MAX_ATTACHMENTS),
    )
    exdates = ma.fields.List(
        DateOrInstant(),
        validate=ma.validate.Length(max=MAX_RECURRENCE_DATES),
        metadata={
            "description": "Occurrences to remove: their original starts (dates "
            "for an all-day event)"
        },
    )
    rdates = ma.fields.List(
        DateOrInstant(),
        validate=ma.validate.Length(max=MAX_RECURRENCE_DATES),
        metadata={"description": "Extra occurrence starts (dates for all-day)"},
    )

    @ma.post_load
    def _normalise(self, data, **kwargs):  # tags de-duplicated; attachments complete
        if "tags" in data:
            data["tags"] = _unique_tags(data["tags"])
        if "attachments" in data:  # items naming uploaded files are managed apart
            data["attachments"] = [
                a for a in data["attachments"] if a.get("id") is None
            ]
        return data


class EventCreateSchema(_EventWriteFields):
    EXAMPLE = {
        "calendar_id": "0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10",
        "title": "Weekly planning",
        "description": "Priorities for the week",
        "location": "Room 4.12",
        "start_time": "2027-01-11T09:30:00Z",
        "end_time": "2027-01-11T10:00:00Z",
        "timezone": "Europe/London",
        "recurrence_rule": "FREQ=WEEKLY;BYDAY=MO",
        "tags": ["team"],
        "reminders": [10],
        "attendees": [{"email": "charles@example.com", "name": "Charles Babbage"}],
    }

    calendar_id = ma.fields.UUID(required=True)
    title = Text(strip=True, required=True, validate=ma.validate.Length(min=1, max=500))
    start_time = DateOrInstant(required=True)
    ical_uid = Text(
        strip=True,
        validate=ma.validate.Length(min=1, max=255),
        metadata={
            "description": "iCalendar UID, unique per calendar (default: <uuid>@calapp)"
        },
    )
    reminders = ma.fields.List(
        ma.fields.Integer(
            strict=True, validate=ma.validate.Range(min=0, max=MAX_MINUTES_BEFORE)
        ),
        validate=ma.validate.Length(max=MAX_REMINDERS),
        metadata={"description": "Minutes before the start (0-40320), at most 10"},
    )
    attendees = ma.fields.List(
        ma.fields.Nested(AttendeeCreateSchema),
        validate=ma.validate.Length(max=MAX_ATTENDEES_PER_REQUEST),
    )

    @ma.validates_schema  # skipped on field errors: item errors are keyed by index
    def _unique_attendees(self, data, **kwargs):
        emails = [a["email"] for a in data.get("attendees", ())]
        if len(set(emails)) != len(emails):
            raise ma.ValidationError("the same email is listed twice", "attendees")


class EventUpdateSchema(_EventWriteFields):
    EXAMPLE = {
        "title": "Weekly planning (30 min)",
        "location": "Room 2.03",
        "end_time": "2027-01-11T10:00:00Z",
    }

    calendar_id = ma.fields.UUID(
        metadata={"description": "Move the event (needs write on both calendars)"}
    )


class EventUpdateResultSchema(EventSchema):
    EXAMPLE = {
        **EventSchema.EXAMPLE,
        "title": "Weekly planning (30 min)",
        "location": "Room 2.03",
        "sequence": 1,
        "updated_at": "2026-12-06T08:12:00Z",
    }

    dropped_exceptions = ma.fields.List(
        Instant(),
        metadata={
            "description": "Original starts of changed or cancelled occurrences "
            "deleted because the new rule or start no longer has their slot"
        },
    )


class InstanceArgsSchema(Schema):
    scope = ma.fields.String(
        load_default="this",
        validate=ma.validate.OneOf(("this", "following")),
        metadata={
            "description": "this: only this occurrence; following: this and every "
            "later one (the series is split)"
        },
    )


class InstancesQueryArgsSchema(PageArgsSchema):
    start = Instant(required=True)
    end = Instant(required=True)


class DeletedEventSchema(Schema):
    """An event removed since the sync token: deleted, or no longer readable."""

    id = ma.fields.UUID(required=True)
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(("deleted",)))
    calendar_id = ma.fields.UUID(required=True, allow_none=True)
    series_id = ma.fields.UUID(required=True, allow_none=True)
    original_start_time = Instant(required=True, allow_none=True)


class EventQueryArgsSchema(PageArgsSchema):
    start = Instant(metadata={"description": "Only events ending after this instant"})
    end = Instant(metadata={"description": "Only events starting before this instant"})
    calendar_id = ma.fields.List(
        ma.fields.UUID(),
        validate=ma.validate.Length(max=MAX_FILTER_VALUES),
        metadata={
            "description": "Repeatable; default: every calendar you can read "
            "and every event you are invited to"
        },
    )
    search = Text(
        strip=True,
        validate=ma.validate.Length(max=200),
        metadata={
            "description": "Case-insensitive text in title, description or location"
        },
    )
    tag = ma.fields.List(
        Text(strip=True, validate=ma.validate.Length(min=1, max=64)),
        validate=ma.validate.Length(max=MAX_FILTER_VALUES),
        metadata={"description": "Repeatable; events carrying every given tag"},
    )

    sync_token = ma.fields.String(
        validate=ma.validate.Length(max=2048),
        metadata={
            "description": "next_sync_token of an earlier full listing or sync: "
            "list only the events changed since (not with start, end, search or "
            "tag). 410 sync_token_expired: list in full again"
        },
    )

    @ma.validates_schema
    def _window(self, data, **kwargs):
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None and end <= start:
            raise ma.ValidationError("must be after start", "end")


class MinutesBefore(ma.fields.Field):
    """One number of minutes, or a list of them."""

    default_error_messages = {
        "invalid": f"must be an integer 0-{MAX_MINUTES_BEFORE} or a list of them",
        "empty": "must not be empty",
        "too_many": f"at most {MAX_REMINDERS} values",
    }

    def __init__(self, **kwargs):
        item = {"type": "integer", "minimum": 0, "maximum": MAX_MINUTES_BEFORE}
        metadata = {
            "oneOf": [
                item,
                {
                    "type": "array",
                    "items": item,
                    "minItems": 1,
                    "maxItems": MAX_REMINDERS,
                },
            ],
            "description": "Minutes before the start: one value or a list",
        }
        super().__init__(metadata=metadata, **kwargs)

    def _one(self, value) -> int:
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not 0 <= value <= MAX_MINUTES_BEFORE
        ):
            raise self.make_error("invalid")
        return value

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, list):
            if not value:
                raise self.make_error("empty")
            if len(value) > MAX_REMINDERS:
                raise self.make_error("too_many")
            return list(dict.fromkeys(self._one(v) for v in value))
        return [self._one(value)]


class ReminderCreateSchema(Schema):
    EXAMPLE = {"minutes_before": [10, 60], "notify_attendees": True}

    minutes_before = MinutesBefore(required=True)
    notify_attendees = ma.fields.Boolean(
        metadata={
            "description": "Deliver to the attendees too, not only to the calendar's "
            "owner (default false; given, it applies to every listed value)"
        }
    )


class ReminderListSchema(Schema):
    EXAMPLE = {
        "items": [
            {
                "id": "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e",
                "minutes_before": 10,
                "notify_attendees": True,
            },
            {
                "id": "c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f",
                "minutes_before": 60,
                "notify_attendees": True,
            },
        ]
    }

    items = ma.fields.List(ma.fields.Nested(ReminderSchema), required=True)


class AttendeeUpdateSchema(Schema):
    EXAMPLE = {"status": "accepted"}

    status = ma.fields.String(
        validate=ma.validate.OneOf(RSVP_STATUSES),
        metadata={"description": "By the attendee itself, or an editor/owner"},
    )
    name = Text(
        strip=True,
        allow_none=True,
        validate=ma.validate.Length(max=200),
        metadata={"description": "Editors and owners only"},
    )
