import marshmallow as ma
from webargs.fields import DelimitedList

from calapp.api import Schema
from calapp.changes.models import OPERATIONS, RESOURCE_TYPES

MAX_CALENDARS = 100


class TicketSchema(Schema):
    EXAMPLE = {"ticket": "tk_9fQ2vL7xW3kR8mN1", "expires_in": 60}

    ticket = ma.fields.String(
        required=True,
        metadata={"description": "Pass as ?ticket= to /stream or /ws; single use"},
    )
    expires_in = ma.fields.Integer(
        required=True, metadata={"description": "Seconds left to use it"}
    )


class StreamArgsSchema(Schema):
    ticket = ma.fields.String(
        validate=ma.validate.Length(max=1024),
        metadata={
            "description": "Single-use ticket from POST /stream/tickets, for "
            "browsers (EventSource and WebSocket cannot send headers)"
        },
    )
    calendar_id = ma.fields.List(
        ma.fields.UUID(),
        validate=ma.validate.Length(max=MAX_CALENDARS),
        metadata={"description": "Repeatable; default: every calendar you can read"},
    )
    types = DelimitedList(
        ma.fields.String(validate=ma.validate.OneOf(RESOURCE_TYPES)),
        validate=ma.validate.Length(max=len(RESOURCE_TYPES)),
        metadata={
            "description": "Comma-separated resource types; default: every type "
            "your credentials may read"
        },
    )
    resume_from = ma.fields.Integer(
        validate=ma.validate.Range(min=0, max=2**62),
        metadata={
            "description": "Deliver every change after this position first "
            "(SSE: the Last-Event-ID header does the same)"
        },
    )


class ChangeMessageSchema(Schema):
    """One message of /stream (the data of an SSE event) and /ws."""

    type = ma.fields.String(
        required=True,
        metadata={"enum": [*RESOURCE_TYPES, "resync", "closed"]},
    )
    id = ma.fields.UUID(metadata={"description": "The resource's id"})
    calendar_id = ma.fields.UUID(allow_none=True)
    op = ma.fields.String(metadata={"enum": list(OPERATIONS)})
    position = ma.fields.Integer(required=True)
    at = ma.fields.DateTime()
