import marshmallow as ma

from calapp.api import Schema
from calapp.fields import Email, Instant, Timezone


class UserSchema(Schema):
    id = ma.fields.UUID(required=True)
    email = ma.fields.String(required=True)
    name = ma.fields.String(required=True, allow_none=True)
    timezone = ma.fields.String(required=True)
    is_active = ma.fields.Boolean(required=True)
    created_at = Instant(required=True)
    updated_at = Instant(required=True)


class UserUpdateSchema(Schema):
    name = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=200))
    timezone = Timezone()
    email = Email()
    password = ma.fields.String(
        validate=ma.validate.Length(max=200),
        metadata={"description": "New password; needs current_password"},
    )
    current_password = ma.fields.String(
        validate=ma.validate.Length(max=200),
        metadata={"description": "Required to change email or password"},
    )
