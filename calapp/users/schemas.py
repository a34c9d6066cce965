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
        "has_password": True,
        "pending_email": None,
        "default_schedule_id": "5f0c7a2e-9b1d-4c3e-8a6f-2d4b1e7c9a30",
        "holiday_country": "GB",
        "holiday_subdivision": "ENG",
        "holidays_block": True,
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
    has_password = ma.fields.Boolean(
        required=True,
        metadata={
            "description": "false for an account made by signing in with an OpenID "
            "provider until it sets a password (PUT /users/me, no current_password)"
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
    default_schedule_id = ma.fields.UUID(
        required=True,
        allow_none=True,
        metadata={"description": "The schedule used when none is named"},
    )
    holiday_country = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Country of your public holidays (ISO 3166-1)"},
    )
    holiday_subdivision = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Its state or region, when holidays differ by one"},
    )
    holidays_block = ma.fields.Boolean(
        required=True,
        metadata={"description": "Public holidays make you unavailable all day"},
    )
    created_at = Instant(required=True)
    updated_at = Instant(required=True)


class UserUpdateSchema(Schema):
    EXAMPLE = {
        "name": "Ada King",
        "timezone": "Europe/London",
        "holiday_country": "GB",
        "holiday_subdivision": "ENG",
        "holidays_block": True,
    }

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
        metadata={
            "description": "New password; needs current_password (unless the "
            "account has none yet: it signs in with an OpenID provider)"
        },
    )
    current_password = ma.fields.String(
        validate=ma.validate.Length(max=200),
        metadata={"description": "Required to change email or password"},
    )
    default_schedule_id = ma.fields.UUID(
        allow_none=True,
        metadata={"description": "One of your schedules (GET /schedules), or null"},
    )
    holiday_country = ma.fields.String(
        allow_none=True,
        validate=ma.validate.Length(min=2, max=8),
        metadata={
            "description": "ISO 3166-1 alpha-2 code of a country the holidays "
            "package knows (GET /holidays lists them), or null",
            "example": "DE",
        },
    )
    holiday_subdivision = ma.fields.String(
        allow_none=True,
        validate=ma.validate.Length(min=1, max=64),
        metadata={"description": "A subdivision of holiday_country", "example": "BY"},
    )
    holidays_block = ma.fields.Boolean(
        metadata={"description": "Public holidays block your availability"}
    )
