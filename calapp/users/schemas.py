import marshmallow as ma

from calapp.api import Schema
from calapp.fields import Email, Instant, Timezone


class UserSchema(Schema):
    EXAMPLE = {
        "id": "7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d",
        "email": "ada@example.com",
        "name": "Ada Lovelace",
        "timezone": "Europe/London",
        "is_active": True,
        "is_email_verified": True,
        "pending_email": None,
        "created_at": "2026-12-01T10:15:00Z",
        "updated_at": "2026-12-01T10:15:00Z",
    }

    id = ma.fields.UUID(required=True)
    email = ma.fields.String(required=True)
    name = ma.fields.String(required=True, allow_none=True)
    timezone = ma.fields.String(required=True)
    is_active = ma.fields.Boolean(required=True)
    is_email_verified = ma.fields.Boolean(
        required=True,
        metadata={
            "description": "The owner followed a link mailed to `email`. Until "
            "then, invitations sent to that address are not linked to the account"
        },
    )
    pending_email = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "A requested new address: it replaces `email` when the "
            "link mailed to it is followed"
        },
    )
    created_at = Instant(required=True)
    updated_at = Instant(required=True)


class UserUpdateSchema(Schema):
    EXAMPLE = {"name": "Ada King", "timezone": "Europe/London"}

    name = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=200))
    timezone = Timezone()
    email = Email(
        metadata={
            "description": "New address (needs current_password): it becomes "
            "pending_email, and replaces email once the link mailed to it is followed"
        }
    )
    password = ma.fields.String(
        validate=ma.validate.Length(max=200),
        metadata={"description": "New password; needs current_password"},
    )
    current_password = ma.fields.String(
        validate=ma.validate.Length(max=200),
        metadata={"description": "Required to change email or password"},
    )
