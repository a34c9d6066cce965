"""Schema fields shared by every resource: instants, zones, emails, colours."""

from __future__ import annotations

import functools
import zoneinfo
from datetime import UTC, datetime

import marshmallow as ma
from email_validator import EmailNotValidError, validate_email


@functools.cache
def known_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_timezone(name: str) -> bool:
    return name in known_timezones()


def format_instant(value: datetime) -> str:
    """RFC 3339 in UTC with ``Z`` (API.md §1)."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


class Instant(ma.fields.DateTime):
    """RFC 3339 instant. Input must carry ``Z`` or an offset; output is UTC ``Z``."""

    default_error_messages = {
        "invalid": "must be an RFC 3339 date-time with Z or an offset",
        "naive": "must carry Z or an offset (naive times are ambiguous)",
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
        try:  # 0001-01-01T00:00:00+14:00 is before year 1 in UTC
            utc = result.astimezone(UTC)
        except OverflowError as exc:
            raise self.make_error("invalid") from exc
        if not 1 <= utc.year <= 9998:
            raise self.make_error("invalid")
        return utc


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
