import marshmallow as ma

from calapp.api import PageArgsSchema, Schema
from calapp.calendars import feed
from calapp.calendars.models import ROLES
from calapp.fields import Color, Email, Instant, Timezone, source_field


class FeedUrl(ma.fields.String):
    """A public feed address, computed from the calendar (``calendars.feed``):
    null unless the caller owns the calendar and it is public."""

    def __init__(self, webcal: bool, **kwargs) -> None:
        super().__init__(allow_none=True, dump_only=True, **kwargs)
        self.webcal = webcal

    def serialize(self, attr, obj, accessor=None, **kwargs):
        token = feed.visible_token(obj)
        return feed.urls(token)[self.webcal] if token else None


class CalendarSchema(Schema):
    EXAMPLE = {
        "id": "0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10",
        "name": "Work",
        "description": "Meetings and office hours",
        "color": "#3366CC",
        "timezone": "Europe/London",
        "is_public": False,
        "public_url": None,
        "webcal_url": None,
        "owner_id": "7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d",
        "role": "owner",
        "source": None,
        "connection_id": None,
        "created_at": "2026-12-01T10:20:00Z",
        "updated_at": "2026-12-01T10:20:00Z",
    }

    id = ma.fields.UUID(required=True)
    name = ma.fields.String(required=True)
    description = ma.fields.String(required=True, allow_none=True)
    color = ma.fields.String(required=True, metadata={"example": "#3366CC"})
    timezone = ma.fields.String(required=True, metadata={"example": "Europe/Berlin"})
    is_public = ma.fields.Boolean(required=True)
    source = source_field(
        "Where its events come from: null for a calendar of calapp; caldav or "
        "ics for a mirror of a connected calendar (GET /connections), whose "
        "events are read-only here (403)"
    )
    connection_id = ma.fields.UUID(required=True, allow_none=True)
    public_url = FeedUrl(
        webcal=False,
        required=True,
        metadata={
            "description": "The public feed's address (secret: whoever has it "
            "reads the calendar). Shown to the owner while the calendar is "
            "public; null otherwise. Rotate it with POST "
            "/calendars/{id}/public-token",
            "example": "https://cal.example.com/calendars/public/abc.ics",
        },
    )
    webcal_url = FeedUrl(
        webcal=True,
        required=True,
        metadata={
            "description": "public_url as webcal:// for calendar apps; null when "
            "public_url is",
            "example": "webcal://cal.example.com/calendars/public/abc.ics",
        },
    )
    owner_id = ma.fields.UUID(required=True)
    role = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(ROLES),
        metadata={"description": "Your role on this calendar"},
    )
    created_at = Instant(required=True)
    updated_at = Instant(required=True)


class CalendarCreateSchema(Schema):
    EXAMPLE = {
        "name": "Work",
        "description": "Meetings and office hours",
        "color": "#3366CC",
        "timezone": "Europe/London",
        "is_public": False,
    }

    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    description = ma.fields.String(
        allow_none=True, validate=ma.validate.Length(max=5000)
    )
    color = Color(load_default="#3366CC")
    timezone = Timezone(load_default="UTC")
    is_public = ma.fields.Boolean(load_default=False)


class CalendarUpdateSchema(Schema):
    EXAMPLE = {"name": "Work (London office)", "color": "#0B8043"}

    name = ma.fields.String(validate=ma.validate.Length(min=1, max=200))
    description = ma.fields.String(
        allow_none=True, validate=ma.validate.Length(max=5000)
    )
    color = Color()
    timezone = Timezone()
    is_public = ma.fields.Boolean()


class DeletedCalendarSchema(Schema):
    """A calendar you can no longer read: deleted, or no longer shared with you."""

    id = ma.fields.UUID(required=True)
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(("deleted",)))


class CalendarListArgsSchema(PageArgsSchema):
    sync_token = ma.fields.String(
        validate=ma.validate.Length(max=2048),
        metadata={
            "description": "next_sync_token of an earlier listing: list only the "
            "calendars changed since (one that became readable arrives in full, "
            "one that stopped being readable as deleted)"
        },
    )


class ShareSchema(Schema):
    EXAMPLE = {"email": "charles@example.com", "role": "editor"}

    email = Email(metadata={"description": "Share with this account's email"})
    user_id = ma.fields.UUID(metadata={"description": "...or with this user id"})
    role = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(("editor", "viewer", "freebusy")),
        metadata={
            "description": "editor: read and write events; viewer: read; freebusy: "
            "only when the calendar is busy (GET /availability, slot finding), "
            "never its events, and the calendar is in none of their lists"
        },
    )

    @ma.validates_schema
    def _one_target(self, data, **kwargs):
        if ("email" in data) == ("user_id" in data):
            raise ma.ValidationError("give exactly one of email or user_id", "_schema")


class MemberSchema(Schema):
    EXAMPLE = {
        "calendar_id": "0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10",
        "user_id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
        "email": "charles@example.com",
        "name": "Charles Babbage",
        "role": "editor",
        "created_at": "2026-12-03T09:00:00Z",
        "updated_at": "2026-12-03T09:00:00Z",
    }

    calendar_id = ma.fields.UUID(required=True)
    user_id = ma.fields.UUID(required=True)
    email = ma.fields.String(required=True)
    name = ma.fields.String(required=True, allow_none=True)
    role = ma.fields.String(required=True, validate=ma.validate.OneOf(ROLES))
    created_at = Instant(required=True)
    updated_at = Instant(required=True)


class MemberListArgsSchema(PageArgsSchema):
    pass
