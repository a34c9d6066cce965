import marshmallow as ma

from calapp.api import PageArgsSchema, Schema
from calapp.fields import Instant

SHA256_PATTERN = r"^[0-9a-f]{64}$"


class FileAttachmentSchema(Schema):
    id = ma.fields.UUID(required=True)
    event_id = ma.fields.UUID(
        required=True,
        metadata={
            "description": "The event that holds the file: for a recurrence "
            "exception, its series (exceptions share the series' files)"
        },
    )
    filename = ma.fields.String(
        required=True,
        metadata={"description": "Cleaned: no path, no control characters"},
    )
    content_type = ma.fields.String(
        required=True,
        metadata={"description": "Sniffed from the bytes, not taken from the client"},
    )
    size = ma.fields.Integer(required=True, metadata={"description": "Bytes"})
    sha256 = ma.fields.String(
        required=True,
        metadata={"description": "Hex SHA-256 of the bytes", "pattern": SHA256_PATTERN},
    )
    url = ma.fields.String(
        required=True,
        metadata={"description": "GET it (with your credentials) to download the file"},
    )
    created_at = Instant(required=True)


class PendingAttachmentSchema(FileAttachmentSchema):
    sha256 = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "null until the upload is completed"},
    )


class AttachmentListArgsSchema(PageArgsSchema):
    pass


class AttachmentUploadBodySchema(Schema):
    """The multipart body of an upload (documentation: the body is streamed, not
    loaded through this schema)."""

    file = ma.fields.Raw(
        required=True,
        metadata={
            "type": "string",
            "format": "binary",
            "description": "The file (at most ATTACHMENT_MAX_BYTES; its filename "
            "is kept, cleaned)",
        },
    )


class AttachmentUploadCreateSchema(Schema):
    EXAMPLE = {"filename": "quarterly-review.pdf", "size": 48213760}

    filename = ma.fields.String(
        required=True, validate=ma.validate.Length(min=1, max=1000)
    )
    size = ma.fields.Integer(
        required=True,
        strict=True,
        validate=ma.validate.Range(min=0, max=2**53),
        metadata={"description": "The exact size in bytes the PUT will send"},
    )


class AttachmentUploadSchema(Schema):
    attachment = ma.fields.Nested(
        PendingAttachmentSchema,
        required=True,
        metadata={"description": "The pending attachment (complete it after the PUT)"},
    )
    upload_url = ma.fields.String(
        required=True,
        metadata={"description": "Presigned URL: PUT the file's bytes to it"},
    )
    method = ma.fields.String(required=True, validate=ma.validate.OneOf(("PUT",)))
    expires_at = Instant(required=True)
    complete_url = ma.fields.String(
        required=True,
        metadata={"description": "POST to it once the PUT succeeded"},
    )


class SignedLinkArgsSchema(Schema):
    expires = ma.fields.Integer(
        required=True,
        strict=False,
        validate=ma.validate.Range(min=0, max=2**53),
        metadata={"description": "Unix time the link stops working"},
    )
    signature = ma.fields.String(
        required=True, validate=ma.validate.Length(min=1, max=200)
    )
