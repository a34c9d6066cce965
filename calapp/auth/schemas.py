import marshmallow as ma

from calapp.api import Schema
from calapp.fields import Email, Timezone
from calapp.users.schemas import UserSchema


class RegisterSchema(Schema):
    EXAMPLE = {
        "email": "ada@example.com",
        "password": "analytical-engine-1843",  # noqa: S105 - a documentation example
        "name": "Ada Lovelace",
        "timezone": "Europe/London",
    }

    email = Email(required=True)
    password = ma.fields.String(
        required=True,
        validate=ma.validate.Length(max=200),
        metadata={"description": "10-72 bytes, with at least one letter and one digit"},
    )
    name = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=200))
    timezone = Timezone(load_default="UTC", metadata={"example": "Europe/Berlin"})


class LoginSchema(Schema):
    EXAMPLE = {
        "email": "ada@example.com",
        "password": "analytical-engine-1843",  # noqa: S105 - a documentation example
    }

    email = ma.fields.String(required=True, validate=ma.validate.Length(max=320))
    password = ma.fields.String(required=True, validate=ma.validate.Length(max=200))


class RefreshSchema(Schema):
    EXAMPLE = {
        "refresh_token": "pQ7vX2kR9mN4sL8tW1yZ6bC3dF5gH0jK2aE4uI6oY8x"  # noqa: S105
    }

    refresh_token = ma.fields.String(
        required=True, validate=ma.validate.Length(min=1, max=200)
    )


class LogoutSchema(Schema):
    EXAMPLE = {
        "refresh_token": "pQ7vX2kR9mN4sL8tW1yZ6bC3dF5gH0jK2aE4uI6oY8x"  # noqa: S105
    }

    refresh_token = ma.fields.String(
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "End this token's session (default: the current one)"},
    )
    all = ma.fields.Boolean(
        load_default=False, metadata={"description": "End every session of the user"}
    )


class TokenSchema(Schema):
    EXAMPLE = {
        "user": UserSchema.EXAMPLE,
        "access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        ".eyJ1c2VyX2lkIjoiN2QxYTJiM2MifQ.8Hq3vN8xL2pWkQ7vX2kR9mN4sL8tW1yZ6bC3dF5gH0",
        "refresh_token": "pQ7vX2kR9mN4sL8tW1yZ6bC3dF5gH0jK2aE4uI6oY8x",  # noqa: S105
        "token_type": "Bearer",  # noqa: S105 - a documentation example
        "expires_in": 900,
    }

    user = ma.fields.Nested(UserSchema, required=True)
    access_token = ma.fields.String(required=True)
    refresh_token = ma.fields.String(required=True)
    token_type = ma.fields.String(required=True, metadata={"example": "Bearer"})
    expires_in = ma.fields.Integer(
        required=True, metadata={"description": "Access token lifetime in seconds"}
    )


class VerifyEmailSchema(Schema):
    EXAMPLE = {"token": "Zm9vYmFyLXZlcmlmeS0yMDI3"}  # noqa: S105

    token = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "The token of the link mailed to the address"},
    )


class VerificationSentSchema(Schema):
    email = ma.fields.String(
        required=True, metadata={"description": "Where the new link was sent"}
    )
