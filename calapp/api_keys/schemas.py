import marshmallow as ma

from calapp.api import PageArgsSchema, Schema
from calapp.fields import Instant
from calapp.security import ALL_SCOPES

SCOPES_DESCRIPTION = (
    "A list such as ['events:read', 'events:write'] or an object such as "
    "{'events': ['read', 'write']}. write implies read. Valid scopes: "
    + ", ".join(sorted(ALL_SCOPES))
)


class ApiKeySchema(Schema):
    EXAMPLE = {
        "id": "c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f",
        "name": "Scheduling assistant",
        "scopes": [
            "availability:read",
            "calendars:read",
            "events:read",
            "events:write",
        ],
        "prefix": "cal_Xk3v9Q",
        "created_at": "2026-12-02T08:00:00Z",
        "expires_at": "2027-06-30T00:00:00Z",
        "last_used_at": "2026-12-04T16:42:10Z",
        "revoked_at": None,
    }

    id = ma.fields.UUID(required=True)
    name = ma.fields.String(required=True)
    scopes = ma.fields.List(ma.fields.String(), required=True)
    prefix = ma.fields.String(
        required=True, metadata={"description": "First characters, to recognise a key"}
    )
    created_at = Instant(required=True)
    expires_at = Instant(required=True, allow_none=True)
    last_used_at = Instant(
        required=True,
        allow_none=True,
        metadata={"description": "Updated at most once a minute"},
    )
    revoked_at = Instant(required=True, allow_none=True)


class ApiKeyCreatedSchema(ApiKeySchema):
    EXAMPLE = {
        **ApiKeySchema.EXAMPLE,
        "last_used_at": None,
        "key": "cal_Xk3v9Q7mRt2LwP8sZc4NbV6hJy1KdF5gAe0uTq3oWx",
    }

    key = ma.fields.String(
        required=True, metadata={"description": "The secret. Shown only this once."}
    )


class ApiKeyCreateSchema(Schema):
    EXAMPLE = {
        "name": "Scheduling assistant",
        "scopes": ["calendars:read", "events:write", "availability:read"],
        "expires_at": "2027-06-30T00:00:00Z",
    }

    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    scopes = ma.fields.Raw(
        required=True,
        metadata={
            "description": SCOPES_DESCRIPTION,
            "oneOf": [
                {
                    "type": "array",
                    "items": {"type": "string", "enum": sorted(ALL_SCOPES)},
                },
                {
                    "type": "object",
                    "additionalProperties": {
                        "type": "array",
                        "items": {"type": "string", "enum": ["read", "write"]},
                    },
                },
            ],
        },
    )
    expires_at = Instant(allow_none=True)


class ApiKeyListArgsSchema(PageArgsSchema):
    pass


class ApiKeyPathSchema(Schema):
    id = ma.fields.UUID(required=True)
