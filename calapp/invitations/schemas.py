import marshmallow as ma

from calapp.api import PageArgsSchema, Schema
from calapp.events.schemas import CleanEmail, Text
from calapp.fields import Instant

STATES = ("queued", "sent", "failed", "bounced", "revoked", "none")


class InvitationAttemptSchema(Schema):
    number = ma.fields.Integer(required=True)
    started_at = Instant(required=True)
    duration_ms = ma.fields.Integer(required=True, allow_none=True)
    outcome = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(("success", "retry", "failed")),
        metadata={"description": "retry: failed, tried again later"},
    )
    error = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The SMTP error of this try"},
    )


class InvitationSchema(Schema):
    """An attendee and the state of the latest invitation sent to it."""

    EXAMPLE = {
        "attendee_id": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "email": "grace@example.com",
        "name": "Grace Hopper",
        "state": "failed",
        "delivery_id": "7c6b5a49-3827-4615-9a0b-1c2d3e4f5a6b",
        "method": "REQUEST",
        "sequence": 0,
        "queued_at": "2027-01-10T09:15:00Z",
        "sent_at": None,
        "error": "SMTPRecipientsRefused: {'grace@example.com': (550, b'5.1.1 "
        "User unknown')}",
        "bounced_at": None,
        "attempts": [
            {
                "number": 1,
                "started_at": "2027-01-10T09:15:01Z",
                "duration_ms": 84,
                "outcome": "failed",
                "error": "SMTPRecipientsRefused: {'grace@example.com': (550, "
                "b'5.1.1 User unknown')}",
            }
        ],
    }

    attendee_id = ma.fields.UUID(required=True)
    email = ma.fields.String(required=True)
    name = ma.fields.String(required=True, allow_none=True)
    state = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(STATES),
        metadata={
            "description": "queued (waiting or being retried), sent (accepted by "
            "the SMTP server), failed (refused, see error), bounced (reported "
            "undeliverable by the mail provider afterwards), revoked (replaced by "
            "a later change before it went out), none (never queued: email is off "
            "or the attendee is the organizer)"
        },
    )
    delivery_id = ma.fields.UUID(
        required=True,
        allow_none=True,
        metadata={"description": "Also the email's Message-ID: <delivery_id@calapp>"},
    )
    method = ma.fields.String(
        required=True,
        allow_none=True,
        validate=ma.validate.OneOf(("REQUEST", "CANCEL")),
        metadata={"description": "iTIP method: REQUEST (invitation) or CANCEL"},
    )
    sequence = ma.fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "The event's SEQUENCE the invitation carried"},
    )
    queued_at = Instant(required=True, allow_none=True)
    sent_at = Instant(required=True, allow_none=True)
    error = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "failed: the SMTP error; bounced: the reason"},
    )
    bounced_at = Instant(required=True, allow_none=True)
    attempts = ma.fields.List(
        ma.fields.Nested(InvitationAttemptSchema),
        required=True,
        metadata={"description": "Every try of the latest invitation, in order"},
    )


class InvitationListArgsSchema(PageArgsSchema):
    pass


class InvitationResendSchema(Schema):
    EXAMPLE = {"emails": ["grace@example.com"]}

    emails = ma.fields.List(
        CleanEmail(),
        validate=ma.validate.Length(min=1, max=500),
        metadata={
            "description": "Attendees to send the invitation to again (default: "
            "those whose latest invitation failed or bounced)"
        },
    )


class InvitationResendResultSchema(Schema):
    EXAMPLE = {"resent": 1, "items": [{**InvitationSchema.EXAMPLE, "state": "queued"}]}

    resent = ma.fields.Integer(
        required=True, metadata={"description": "Invitations queued by this call"}
    )
    items = ma.fields.List(
        ma.fields.Nested(InvitationSchema),
        required=True,
        metadata={"description": "The state of every recipient concerned, after"},
    )


class BounceSchema(Schema):
    EXAMPLE = {
        "message_id": "<7c6b5a49-3827-4615-9a0b-1c2d3e4f5a6b@calapp>",
        "recipient": "grace@example.com",
        "reason": "550 5.1.1 The email account that you tried to reach does not exist",
        "bounced_at": "2027-01-10T09:17:42Z",
    }

    message_id = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={
            "description": "The bounced email's Message-ID header "
            "(<delivery_id@calapp>; the angle brackets are optional)"
        },
    )
    recipient = CleanEmail(
        metadata={"description": "The bounced address; must match when given"}
    )
    reason = Text(
        allow_none=True,
        validate=ma.validate.Length(max=2000),
        metadata={"description": "The provider's diagnostic"},
    )
    bounced_at = Instant(metadata={"description": "When it bounced (default: now)"})


class BounceRecordedSchema(Schema):
    EXAMPLE = {
        "delivery_id": "7c6b5a49-3827-4615-9a0b-1c2d3e4f5a6b",
        "recipient": "grace@example.com",
        "bounced_at": "2027-01-10T09:17:42Z",
    }

    delivery_id = ma.fields.UUID(required=True, attribute="id")
    recipient = ma.fields.String(required=True)
    bounced_at = Instant(required=True)
