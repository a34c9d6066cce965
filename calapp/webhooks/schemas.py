"""Webhook schemas, and one payload schema per event type (OpenAPI components)."""

from __future__ import annotations

import marshmallow as ma

from calapp.api import PageArgsSchema, Schema
from calapp.delivery.models import STATUSES
from calapp.fields import Instant
from calapp.webhooks.models import EVENT_TYPES

DESCRIPTIONS = {
    "event.created": "An event was created on a calendar you are a member of.",
    "event.updated": "An event (or one occurrence of a series) changed or was "
    "cancelled.",
    "event.deleted": "An event or a whole series was deleted.",
    "booking.created": "A visitor booked a slot through a booking link.",
    "booking.cancelled": "A visitor cancelled a booking.",
    "booking.requested": "A visitor booked a slot through a link that requires "
    "confirmation: the booking is pending until you approve or decline it.",
    "booking.approved": "A pending booking was approved (booking.created follows).",
    "booking.declined": "A pending booking was declined, by its owner or because "
    "nobody answered in time (decided_by_owner false).",
    "reminder.due": "A reminder of an event on a calendar you own is due "
    "(one per occurrence).",
    "connection.failing": "One of your calendar connections failed to sync "
    "several times in a row: its busy time may be stale until it is fixed.",
}


# --- the API -------------------------------------------------------------------------


class WebhookCreateSchema(Schema):
    EXAMPLE = {
        "url": "https://example.com/hooks/calapp",
        "events": ["event.created", "event.updated", "booking.created"],
    }

    url = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=2048),
        metadata={
            "description": "http:// or https:// URL; private, loopback and "
            "reserved addresses are refused",
            "example": "https://example.com/hooks/calapp",
        },
    )
    secret = ma.fields.String(
        validate=ma.validate.Length(min=16, max=200),
        metadata={"description": "Signing secret (default: generated, whsec_...)"},
    )
    events = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(EVENT_TYPES)),
        validate=ma.validate.Length(max=len(EVENT_TYPES)),
        metadata={"description": "Event types to receive (default: all)"},
    )


class WebhookSchema(Schema):
    EXAMPLE = {
        "id": "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
        "url": "https://example.com/hooks/calapp",
        "events": ["event.created", "event.updated", "booking.created"],
        "secret_hint": "whsec_4Fq",
        "is_active": True,
        "created_at": "2026-12-05T15:00:00Z",
    }

    id = ma.fields.UUID(required=True)
    url = ma.fields.String(required=True)
    events = ma.fields.List(
        ma.fields.String(),
        required=True,
        attribute="event_types",
        metadata={"description": "Subscribed types; empty means all"},
    )
    secret_hint = ma.fields.String(
        required=True, metadata={"description": "The start of the secret"}
    )
    is_active = ma.fields.Boolean(required=True)
    created_at = Instant(required=True)


class WebhookCreatedSchema(WebhookSchema):
    EXAMPLE = {
        **WebhookSchema.EXAMPLE,
        "secret": "whsec_4FqT9zK2mW7xR1vL8nP3sB6dY0hJ5cG",  # noqa: S105
    }

    secret = ma.fields.String(
        required=True,
        metadata={
            "description": "Signing secret: shown only in this response. "
            "Calapp-Signature: t=<unix>,v1=<hex HMAC-SHA256 of '<t>.<body>'>"
        },
    )


class AttemptSchema(Schema):
    number = ma.fields.Integer(required=True)
    started_at = Instant(required=True)
    duration_ms = ma.fields.Integer(required=True, allow_none=True)
    outcome = ma.fields.String(
        required=True, validate=ma.validate.OneOf(("success", "retry", "failed"))
    )
    status_code = ma.fields.Integer(required=True, allow_none=True)
    error = ma.fields.String(required=True, allow_none=True)
    response_excerpt = ma.fields.String(required=True, allow_none=True)


class WebhookDeliverySchema(Schema):
    id = ma.fields.UUID(required=True)
    type = ma.fields.String(required=True, attribute="topic")
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(STATUSES))
    attempt_count = ma.fields.Integer(required=True, attribute="attempts")
    next_attempt_at = Instant(
        required=True,
        allow_none=True,
        metadata={"description": "When it is tried next (pending only)"},
    )
    sent_at = Instant(required=True, allow_none=True)
    last_error = ma.fields.String(required=True, allow_none=True)
    redelivery_of = ma.fields.UUID(required=True, allow_none=True)
    created_at = Instant(required=True)
    payload = ma.fields.Dict(
        required=True, metadata={"description": "The JSON body (WebhookPayload)"}
    )
    attempts = ma.fields.List(
        ma.fields.Nested(AttemptSchema), required=True, attribute="attempt_log"
    )

    @ma.post_dump(pass_original=True)
    def _pending_only(self, data, original, **kwargs):
        if original.status != "pending":
            data["next_attempt_at"] = None
        return data


class DeliveryQueryArgsSchema(PageArgsSchema):
    status = ma.fields.String(validate=ma.validate.OneOf(STATUSES))


class EventTypeSchema(Schema):
    type = ma.fields.String(required=True, validate=ma.validate.OneOf(EVENT_TYPES))
    description = ma.fields.String(required=True)
    schema = ma.fields.Dict(
        required=True, metadata={"description": "JSON Schema of the payload"}
    )


class EventTypeListSchema(Schema):
    items = ma.fields.List(ma.fields.Nested(EventTypeSchema), required=True)


# --- payloads ------------------------------------------------------------------------


class PayloadSchema(ma.Schema):
    """Payloads are only dumped; documented open (receivers must accept fields
    added later)."""


class WebhookEventSchema(PayloadSchema):
    """An event as webhooks carry it (no reminders or attendees)."""

    id = ma.fields.UUID(required=True)
    calendar_id = ma.fields.UUID(required=True)
    ical_uid = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    description = ma.fields.String(required=True, allow_none=True)
    location = ma.fields.String(required=True, allow_none=True)
    start_time = Instant(required=True)
    end_time = Instant(required=True)
    timezone = ma.fields.String(required=True)
    all_day = ma.fields.Boolean(required=True)
    recurrence_rule = ma.fields.String(required=True, allow_none=True)
    status = ma.fields.String(required=True)
    sequence = ma.fields.Integer(required=True)
    series_id = ma.fields.UUID(required=True, allow_none=True)
    original_start_time = Instant(required=True, allow_none=True)
    updated_at = Instant(required=True)
    deleted_at = Instant(required=True, allow_none=True)


class WebhookBookingSchema(PayloadSchema):
    id = ma.fields.UUID(required=True)
    link_id = ma.fields.UUID(required=True)
    calendar_id = ma.fields.UUID(required=True)
    event_id = ma.fields.UUID(required=True, allow_none=True)
    name = ma.fields.String(required=True, allow_none=True)
    email = ma.fields.String(required=True)
    start_time = Instant(required=True)
    end_time = Instant(required=True)
    status = ma.fields.String(
        required=True,
        metadata={"description": "pending, active, declined or cancelled"},
    )
    created_at = Instant(required=True)
    cancelled_at = Instant(required=True, allow_none=True)
    requires_confirmation = ma.fields.Boolean(required=True)
    decided_at = Instant(required=True, allow_none=True)
    decided_by_owner = ma.fields.Function(
        lambda booking: booking.decided_by is not None,
        required=True,
        metadata={"type": "boolean", "description": "False for a timeout decline"},
    )
    reason = ma.fields.String(required=True, allow_none=True)


class WebhookReminderSchema(PayloadSchema):
    id = ma.fields.UUID(required=True)
    minutes_before = ma.fields.Integer(required=True)


class WebhookOccurrenceSchema(PayloadSchema):
    id = ma.fields.UUID(required=True)
    calendar_id = ma.fields.UUID(required=True)
    series_id = ma.fields.UUID(required=True, allow_none=True)
    title = ma.fields.String(required=True)
    location = ma.fields.String(required=True, allow_none=True)
    timezone = ma.fields.String(required=True)
    all_day = ma.fields.Boolean(required=True)
    start_time = Instant(required=True)
    end_time = Instant(required=True)


class ReminderDueDataSchema(PayloadSchema):
    reminder = ma.fields.Nested(WebhookReminderSchema, required=True)
    event = ma.fields.Nested(WebhookOccurrenceSchema, required=True)
    occurrence_start = Instant(required=True)
    due_at = Instant(required=True)
    is_late = ma.fields.Boolean(
        required=True, metadata={"description": "Sent after an interruption"}
    )


class WebhookConnectionSchema(PayloadSchema):
    id = ma.fields.UUID(required=True)
    kind = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    state = ma.fields.String(required=True)
    consecutive_failures = ma.fields.Integer(required=True)
    last_error = ma.fields.String(required=True, allow_none=True)
    last_synced_at = Instant(required=True, allow_none=True)


class ConnectionDataSchema(PayloadSchema):
    connection = ma.fields.Nested(WebhookConnectionSchema, required=True)


class EventDataSchema(PayloadSchema):
    event = ma.fields.Nested(WebhookEventSchema, required=True)


class BookingDataSchema(PayloadSchema):
    booking = ma.fields.Nested(WebhookBookingSchema, required=True)


def _payload_schema(
    event_type: str, data_schema, *, from_log: bool = True
) -> type[Schema]:
    name = "Webhook" + "".join(p.capitalize() for p in event_type.split(".")) + "Schema"
    fields = {
        "__doc__": DESCRIPTIONS[event_type],
        "id": ma.fields.UUID(
            required=True,
            metadata={
                "description": "The event's id, the same on every delivery of it "
                "(retries, redeliveries): deduplicate on it"
            },
        ),
        "type": ma.fields.String(
            required=True,
            validate=ma.validate.OneOf((event_type,)),
        ),
        "created_at": Instant(
            required=True, metadata={"description": "When the change was made"}
        ),
        "data": ma.fields.Nested(data_schema, required=True),
    }
    if from_log:
        fields["position"] = ma.fields.Integer(
            required=True,
            metadata={
                "description": "Position of the change in the change log (the "
                "order changes were committed in; sync tokens and streams use "
                "the same positions). `data` is the resource as it was when "
                "the entry was read, which may be later than the change."
            },
        )
    return type(name, (PayloadSchema,), fields)


PAYLOAD_SCHEMAS = {
    "event.created": _payload_schema("event.created", EventDataSchema),
    "event.updated": _payload_schema("event.updated", EventDataSchema),
    "event.deleted": _payload_schema("event.deleted", EventDataSchema),
    "booking.created": _payload_schema("booking.created", BookingDataSchema),
    "booking.cancelled": _payload_schema("booking.cancelled", BookingDataSchema),
    "booking.requested": _payload_schema("booking.requested", BookingDataSchema),
    "booking.approved": _payload_schema("booking.approved", BookingDataSchema),
    "booking.declined": _payload_schema("booking.declined", BookingDataSchema),
    "reminder.due": _payload_schema(
        "reminder.due", ReminderDueDataSchema, from_log=False
    ),
    "connection.failing": _payload_schema(
        "connection.failing", ConnectionDataSchema, from_log=False
    ),
}


def component_name(event_type: str) -> str:
    return PAYLOAD_SCHEMAS[event_type].__name__.removesuffix("Schema")
