import marshmallow as ma

from calapp.api import PageArgsSchema, Schema
from calapp.fields import Instant
from calapp.notifications.models import NOTIFICATION_KINDS


class NotificationSchema(Schema):
    EXAMPLE = {
        "id": "8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b",
        "kind": "reminder",
        "title": "Weekly planning in 10 minutes",
        "body": "Monday 11 January 2027, 09:30-10:00 (Europe/London), Room 4.12",
        "data": {
            "event_id": "5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60",
            "series_id": "5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60",
            "occurrence_start": "2027-01-11T09:30:00Z",
            "due_at": "2027-01-11T09:20:00Z",
            "minutes_before": 10,
            "reminder_id": "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e",
            "is_late": False,
            "location": "Room 4.12",
        },
        "event_id": "5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60",
        "read_at": None,
        "created_at": "2027-01-11T09:20:01Z",
    }

    id = ma.fields.UUID(required=True)
    kind = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(NOTIFICATION_KINDS),
        metadata={
            "description": "reminder: an event's reminder is due; delivery_failed: "
            "an email (reminder or invitation) could not be sent after every try"
        },
    )
    title = ma.fields.String(required=True)
    body = ma.fields.String(required=True)
    data = ma.fields.Dict(
        required=True,
        metadata={
            "description": "reminder: event_id, series_id, occurrence_start, due_at, "
            "minutes_before, reminder_id, is_late, location; delivery_failed: "
            "delivery_id, channel, topic, recipient, event_id, error"
        },
    )
    event_id = ma.fields.UUID(required=True, allow_none=True)
    read_at = Instant(required=True, allow_none=True)
    created_at = Instant(required=True)


class NotificationQueryArgsSchema(PageArgsSchema):
    kind = ma.fields.String(validate=ma.validate.OneOf(NOTIFICATION_KINDS))
    unread = ma.fields.Boolean(
        metadata={"description": "true: only unread; false: only read"}
    )


class ReadAllResultSchema(Schema):
    updated = ma.fields.Integer(
        required=True, metadata={"description": "How many were marked read"}
    )
