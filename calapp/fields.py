"""Schema fields shared by every resource: instants, zones, emails, colours."""

from __future__ import annotations

import functools
import zoneinfo
from datetime import UTC, date, datetime

import marshmallow as ma
from email_validator import EmailNotValidError, validate_email


@functools.cache
def known_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_timezone(name: str) -> bool:
    return name in known_timezones()


# The instants the API accepts (API.md §1). Far enough from Python's years 1 and
# 9999 that no arithmetic on them (a duration, a buffer, a zone's offset, ten
# years of booking horizon) can overflow; wide enough for any real calendar.
EARLIEST_INSTANT = datetime(1800, 1, 1, tzinfo=UTC)
LATEST_INSTANT = datetime(2999, 12, 31, 23, 59, 59, tzinfo=UTC)
INSTANT_RANGE_MESSAGE = "must be between 1800-01-01T00:00:00Z and 2999-12-31T23:59:59Z"


def in_instant_range(value: datetime | date) -> bool:
    """Whether an aware datetime (or a date) lies in the accepted range."""
    if isinstance(value, datetime):
        return EARLIEST_INSTANT <= value <= LATEST_INSTANT
    return EARLIEST_INSTANT.date() <= value <= LATEST_INSTANT.date()


def parse_instant(text: str) -> datetime | None:
    """An RFC 3339 instant with ``Z`` or an offset, in UTC and in range; else None."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    try:
        value = datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        return None
    # Compared while still aware: astimezone() overflows near years 1 and 9999.
    return value.astimezone(UTC) if in_instant_range(value) else None


def format_instant(value: datetime) -> str:
    """RFC 3339 in UTC with ``Z`` (API.md §1)."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


class Instant(ma.fields.DateTime):
    """RFC 3339 instant. Input must carry ``Z`` or an offset; output is UTC ``Z``."""

    default_error_messages = {
        "invalid": "must be an RFC 3339 date-time with Z or an offset",
        "naive": "must carry Z or an offset (naive times are ambiguous)",
        "range": INSTANT_RANGE_MESSAGE,
    }

    def __init__(self, **kwargs):
        super().__init__(format="iso", **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else format_instant(value)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and len(value) > 40:
            raise self.make_error("invalid")
        result = super()._deserialize(value, attr, data, **kwargs)
        if result.tzinfo is None:
            raise self.make_error("naive")
        # Compared while aware: astimezone() overflows near years 1 and 9999.
        if not in_instant_range(result):
            raise self.make_error("range")
        return result.astimezone(UTC)


class Timezone(ma.fields.String):
    """An IANA zone name such as ``Europe/Berlin``."""

    default_error_messages = {"unknown": "is not a known IANA timezone"}

    def _deserialize(self, value, attr, data, **kwargs):
        name = super()._deserialize(value, attr, data, **kwargs)
        if not is_timezone(name):
            raise self.make_error("unknown")
        return name


class Email(ma.fields.String):
    """A deliverable-looking address, kept as given but trimmed."""

    default_error_messages = {"invalid": "is not a valid email address"}

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if len(text) > 320:
            raise self.make_error("invalid")
        try:
            validate_email(text, check_deliverability=False)
        except EmailNotValidError as exc:
            raise self.make_error("invalid") from exc
        return text


class Color(ma.fields.String):
    default_error_messages = {"invalid": "must be a colour as #RRGGBB"}

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not (
            len(text) == 7
            and text[0] == "#"
            and all(c in "0123456789abcdefABCDEF" for c in text[1:])
        ):
            raise self.make_error("invalid")
        return text.upper()


# Where a calendar's or an event's data comes from (calapp.connections).
SOURCES = ("caldav", "ics")


def source_field(description: str) -> ma.fields.String:
    """``source``: null for calapp's own data, else the kind of connection that
    brought it (read-only here)."""
    return ma.fields.String(
        required=True,
        allow_none=True,
        validate=ma.validate.OneOf(SOURCES),
        metadata={"description": description},
    )
