import marshmallow as ma

from calapp.api import Schema


class HealthSchema(Schema):
    status = ma.fields.String(required=True, metadata={"example": "ok"})


class ReadySchema(Schema):
    status = ma.fields.String(required=True, metadata={"example": "ok"})
    checks = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.String(),
        required=True,
        metadata={"example": {"database": "ok", "redis": "ok"}},
    )
