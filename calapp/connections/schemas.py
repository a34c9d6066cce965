"""Connection schemas: in, out, never a password."""

from __future__ import annotations

import marshmallow as ma

from calapp.api import Schema
from calapp.connections.models import KINDS, STATES
from calapp.fields import Instant

_URL = ma.validate.Length(min=1, max=2048)
_INTERVAL = ma.validate.Range(min=5, max=24 * 60)


class RemoteCalendarSchema(Schema):
    id = ma.fields.UUID(required=True)
    name = ma.fields.String(required=True)
    color = ma.fields.String(required=True, allow_none=True)
    href = ma.fields.String(
        required=True,
        metadata={"description": "The calendar's URL on the server (the feed's URL)"},
    )
    is_busy = ma.fields.Boolean(
        required=True,
        metadata={
            "description": "Its events make you busy: free/busy, slot finding and "
            "booking links skip them in every calendar you own"
        },
    )
    is_shown = ma.fields.Boolean(
        required=True,
        metadata={
            "description": "Its mirror is one of your calendars (listed, its events "
            "in event lists); hidden, it still blocks time when is_busy"
        },
    )
    calendar_id = ma.fields.UUID(
        required=True,
        allow_none=True,
        metadata={
            "description": "The read-only calendar that mirrors it (source caldav "
            "or ics); null while neither busy nor shown"
        },
    )
    supports_sync = ma.fields.Boolean(
        required=True,
        metadata={"description": "The server offers sync-collection (RFC 6578)"},
    )


class ConnectionSchema(Schema):
    EXAMPLE = {
        "id": "4a0c1c9e-7e39-4a53-9a5b-3f4f1d2e6a10",
        "kind": "caldav",
        "name": "iCloud",
        "url": "https://caldav.icloud.com/",
        "username": "ada@icloud.com",
        "has_password": True,
        "state": "active",
        "consecutive_failures": 0,
        "last_error": None,
        "last_synced_at": "2026-12-01T10:20:00Z",
        "next_sync_at": "2026-12-01T10:35:00Z",
        "sync_requested_at": None,
        "sync_interval_minutes": 15,
        "calendars": [],
        "created_at": "2026-12-01T10:00:00Z",
        "updated_at": "2026-12-01T10:20:00Z",
    }

    id = ma.fields.UUID(required=True)
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(KINDS))
    name = ma.fields.String(required=True)
    url = ma.fields.String(required=True)
    username = ma.fields.String(required=True, allow_none=True)
    has_password = ma.fields.Function(
        lambda c: c.sealed_password is not None,
        required=True,
        metadata={"type": "boolean", "description": "A password is stored (sealed)"},
    )
    state = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(STATES),
        metadata={
            "description": "failing: CONNECTIONS_FAILING_AFTER syncs in a row failed "
            "(see last_error); busy time from it may be stale"
        },
    )
    consecutive_failures = ma.fields.Integer(required=True)
    last_error = ma.fields.String(required=True, allow_none=True)
    last_synced_at = Instant(
        required=True,
        allow_none=True,
        metadata={"description": "The last successful sync: the data's freshness"},
    )
    next_sync_at = Instant(required=True)
    sync_requested_at = Instant(
        required=True,
        allow_none=True,
        metadata={
            "description": "A sync asked for with `wait=false` that has not run "
            "yet; null again once a sync that started after it has ended (then "
            "last_synced_at or last_error tell how it went)"
        },
    )
    sync_interval_minutes = ma.fields.Integer(required=True)
    calendars = ma.fields.List(ma.fields.Nested(RemoteCalendarSchema), required=True)
    created_at = Instant(required=True)
    updated_at = Instant(required=True)


class SyncArgsSchema(Schema):
    wait = ma.fields.Boolean(
        load_default=True,
        metadata={
            "description": "true (default): sync before answering (200). false: "
            "queue the sync for the job consumer and answer 202 at once with "
            "sync_requested_at set; poll the connection until it is null again. "
            "Use false for a first sync of a large calendar, which may take "
            "longer than a request may last"
        },
    )


class ConnectionCreateSchema(Schema):
    EXAMPLE = {
        "kind": "caldav",
        "name": "iCloud",
        "url": "https://caldav.icloud.com/",
        "username": "ada@icloud.com",
        "password": "abcd-efgh-ijkl-mnop",
    }

    kind = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(KINDS),
        metadata={"description": "caldav: an account; ics: a feed (subscription)"},
    )
    name = ma.fields.String(validate=ma.validate.Length(min=1, max=200))
    url = ma.fields.String(
        validate=_URL,
        metadata={
            "description": "caldav: the server (its root is enough: "
            "/.well-known/caldav is asked) or a calendar's URL; ics: the feed's "
            "https:// or webcal:// URL. Private and loopback addresses are refused "
            "unless the server allows them (CONNECTIONS_ALLOW_PRIVATE_TARGETS)"
        },
    )
    email = ma.fields.Email(
        metadata={
            "description": "caldav without url: the server is found from the "
            "email's domain (RFC 6764 well-known URL)"
        }
    )
    username = ma.fields.String(validate=ma.validate.Length(min=1, max=320))
    password = ma.fields.String(
        load_only=True,
        validate=ma.validate.Length(min=1, max=1024),
        metadata={
            "description": "An app password (iCloud, Fastmail, Google): stored "
            "encrypted, never returned"
        },
    )
    is_busy = ma.fields.Boolean(
        load_default=True,
        metadata={"description": "Whether its calendars count as busy (default true)"},
    )
    sync_interval_minutes = ma.fields.Integer(validate=_INTERVAL)

    @ma.validates_schema
    def _url_for_ics(self, data, **kwargs):
        if data.get("kind") == "ics" and not data.get("url"):
            raise ma.ValidationError("an ICS subscription needs its url", "url")
        if data.get("kind") == "ics" and data.get("password"):
            raise ma.ValidationError("an ICS subscription has no password", "password")


class CalendarChoiceSchema(Schema):
    id = ma.fields.UUID(required=True)
    is_busy = ma.fields.Boolean()
    is_shown = ma.fields.Boolean()


class ConnectionUpdateSchema(Schema):
    EXAMPLE = {
        "name": "Home (iCloud)",
        "calendars": [
            {
                "id": "7c2d4e6f-8a9b-4c1d-9e2f-3a4b5c6d7e8f",
                "is_busy": False,
                "is_shown": True,
            }
        ],
    }

    name = ma.fields.String(validate=ma.validate.Length(min=1, max=200))
    username = ma.fields.String(validate=ma.validate.Length(min=1, max=320))
    password = ma.fields.String(
        load_only=True, validate=ma.validate.Length(min=1, max=1024)
    )
    sync_interval_minutes = ma.fields.Integer(validate=_INTERVAL)
    calendars = ma.fields.List(
        ma.fields.Nested(CalendarChoiceSchema),
        validate=ma.validate.Length(max=200),
        metadata={"description": "Per remote calendar: count as busy, show"},
    )
