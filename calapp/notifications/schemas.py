import marshmallow as ma

from calapp.api import PageArgsSchema, Schema
from calapp.fields import Instant
from calapp.notifications.models import NOTIFICATION_KINDS


class NotificationSchema(Schema):
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
