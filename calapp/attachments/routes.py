from datetime import timedelta

from flask import current_app, redirect, request, send_file
from flask.views import MethodView

from calapp.api import Blueprint, current_principal, page_of
from calapp.attachments import links, service
from calapp.attachments.schemas import (
    AttachmentListArgsSchema,
    AttachmentUploadBodySchema,
    AttachmentUploadCreateSchema,
    AttachmentUploadSchema,
    FileAttachmentSchema,
    SignedLinkArgsSchema,
)
from calapp.attachments.storage import DiskStorage
from calapp.errors import UnsupportedMediaType, ValidationError
from calapp.extensions import db
from calapp.idempotency.guard import idempotent
from calapp.users.service import now

blp = Blueprint(
    "attachments",
    __name__,
    description="Files attached to events, on disk or S3-compatible storage",
)

UPLOAD_BODY = {
    "required": True,
    "description": "multipart/form-data with the field `file`, streamed to "
    "storage; at most ATTACHMENT_MAX_BYTES (25 MiB by default) and the room left "
    "in your quota (ATTACHMENT_QUOTA_BYTES)",
    "content": {"multipart/form-data": {"schema": AttachmentUploadBodySchema}},
}
RAW_BODY = {
    "required": True,
    "description": "The file's bytes, exactly the size declared",
    "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
    },
}
FILE_200 = {
    "description": "The file (Content-Disposition: attachment; ranges accepted)",
    "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
    },
    "headers": {
        "Content-Disposition": {"schema": {"type": "string"}},
        "ETag": {"schema": {"type": "string"}},
        "Accept-Ranges": {"schema": {"type": "string"}},
    },
}
DOWNLOAD_RESPONSES = {
    200: FILE_200,
    206: {**FILE_200, "description": "The requested byte range (Range header)"},
    302: {
        "description": "S3 storage: a short-lived presigned URL to fetch the file",
        "headers": {"Location": {"schema": {"type": "string", "format": "uri"}}},
    },
    304: {"description": "Not modified: If-None-Match names the file's ETag"},
    416: {"description": "The Range cannot be satisfied"},
}
NO_STORE = {"Cache-Control": "no-store"}
# RFC 2046 says 70; some clients (werkzeug's among them) make longer ones.
MAX_BOUNDARY = 200


def _view(row) -> dict:
    return {
        "id": row.id,
        "event_id": row.event_id,
        "filename": row.filename,
        "content_type": row.content_type,
        "size": row.size,
        "sha256": row.sha256,
        "url": service.base_url() + service.url_path(row.event_id, row.id),
        "created_at": row.created_at,
    }


def _boundary() -> bytes:
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType(
            "Send the file as multipart/form-data (field 'file')",
            details={"content_type": ["must be multipart/form-data"]},
        )
    boundary = request.mimetype_params.get("boundary", "")
    if not boundary or len(boundary) > MAX_BOUNDARY:
        raise ValidationError(
            "The multipart/form-data Content-Type needs a boundary "
            f"(1-{MAX_BOUNDARY} characters)",
            details={"content_type": ["missing or invalid boundary"]},
        )
    return boundary.encode("latin-1", "replace")


def _file_response(row):
    """Disk: the file streamed with ranges; S3: a redirect to a presigned URL."""
    store = service.current_storage()
    if not isinstance(store, DiskStorage):
        seconds = current_app.config["ATTACHMENT_URL_SECONDS"]
        url = store.download_url(
            row.storage_key, row.filename, row.content_type, timedelta(seconds=seconds)
        )
        response = redirect(url, code=302)
        response.headers.update(NO_STORE)
        return response
    response = send_file(
        store.path(row.storage_key),
        mimetype=row.content_type,
        as_attachment=True,
        download_name=row.filename,
        conditional=True,
        etag=row.sha256,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def _streamed(view):
    # The body is read as a stream by the view, never held whole to be hashed:
    # Idempotency-Key tells a retry by its method, path, type and length.
    return idempotent(view, streamed=True)


@blp.route("/events/<uuid:event_id>/attachments")
class AttachmentsView(MethodView):
    @blp.auth_required("events:read")
    @blp.arguments(AttachmentListArgsSchema, location="query")
    @blp.response(200, page_of(FileAttachmentSchema))
    @blp.errors(400, 404)
    @blp.doc(operationId="listAttachments")
    def get(self, args, event_id):
        """List an event's files

        Every uploaded file of an event you may read, oldest first, with its
        size, SHA-256 and download URL; a recurrence exception lists its series'.
        """
        rows, cursor = service.list_page(
            current_principal(), event_id, args["limit"], args["cursor"]
        )
        return {"items": [_view(row) for row in rows], "next_cursor": cursor}

    @blp.auth_required("events:write")
    @blp.doc(operationId="uploadAttachment", requestBody=UPLOAD_BODY)
    @blp.response(201, FileAttachmentSchema)
    @blp.errors(400, 404, 413, 415)
    @_streamed
    def post(self, event_id):
        """Upload a file to an event

        Streams the multipart field file to storage (never held in memory),
        sniffs its content type from the bytes, cleans its filename and records
        its size and SHA-256. Editors and owners only; 413 beyond
        ATTACHMENT_MAX_BYTES or your quota. Idempotency-Key is not applied.
        """
        principal = current_principal()
        boundary = _boundary()
        # Beyond this werkzeug's stream ends the body with a 413.
        request.max_content_length = service.check_length(
            principal, event_id, request.content_length
        )
        row = service.upload(principal, event_id, request.stream, boundary, now())
        db.session.commit()
        return _view(row)


@blp.route("/events/<uuid:event_id>/attachments/<uuid:attachment_id>")
class AttachmentByIdView(MethodView):
    @blp.auth_required("events:read")
    @blp.doc(operationId="downloadAttachment", responses=DOWNLOAD_RESPONSES)
    @blp.errors(400, 404)
    def get(self, event_id, attachment_id):
        """Download a file of an event

        Disk storage streams the bytes as a download (Range supported, nosniff);
        S3 storage answers 302 with a presigned URL valid ATTACHMENT_URL_SECONDS.
        """
        row = service.get(current_principal(), event_id, attachment_id)
        return _file_response(row)

    @blp.auth_required("events:write")
    @blp.response(204)
    @blp.errors(400, 404)
    @blp.doc(operationId="deleteAttachment")
    def delete(self, event_id, attachment_id):
        """Delete a file of an event

        Removes the attachment at once and its stored bytes right after; only
        editors and owners of the event's calendar may do this.
        """
        key = service.delete(current_principal(), event_id, attachment_id, now())
        db.session.commit()
        service.remove_object(key)


@blp.route("/events/<uuid:event_id>/attachments/uploads")
class UploadsView(MethodView):
    @blp.auth_required("events:write")
    @blp.arguments(AttachmentUploadCreateSchema)
    @blp.response(201, AttachmentUploadSchema)
    @blp.errors(404, 413)
    @blp.doc(operationId="createAttachmentUpload")
    def post(self, data, event_id):
        """Start a direct upload

        For large files: returns a pending attachment and a presigned PUT URL for
        the bytes (S3's own with S3 storage, this API's signed one on disk); POST
        complete_url after the PUT to verify the object and attach it.
        """
        row, url, expires_at = service.create_upload(
            current_principal(), event_id, data, now()
        )
        db.session.commit()
        complete = service.url_path(event_id, row.id).replace(
            "/attachments/", "/attachments/uploads/", 1
        )
        return {
            "attachment": _view(row),
            "upload_url": url,
            "method": "PUT",
            "expires_at": expires_at,
            "complete_url": service.base_url() + complete + "/complete",
        }


@blp.route("/events/<uuid:event_id>/attachments/uploads/<uuid:attachment_id>/complete")
class UploadCompleteView(MethodView):
    @blp.auth_required("events:write")
    @blp.response(201, FileAttachmentSchema)
    @blp.errors(400, 404)
    @blp.doc(operationId="completeAttachmentUpload")
    def post(self, event_id, attachment_id):
        """Complete a direct upload

        Checks the uploaded object against the declared size, measures its
        SHA-256 and content type from its bytes, and makes the attachment
        visible on the event.
        """
        row = service.complete_upload(
            current_principal(), event_id, attachment_id, now()
        )
        db.session.commit()
        return _view(row)


@blp.route("/attachments/<uuid:attachment_id>/download")
class SignedDownloadView(MethodView):
    @blp.arguments(SignedLinkArgsSchema, location="query")
    @blp.doc(
        operationId="downloadAttachmentByLink",
        security=[],
        responses=DOWNLOAD_RESPONSES,
    )
    @blp.errors(400, 404)
    def get(self, args, attachment_id):
        """Download a file by a signed link

        The links in ICS exports (ATTACH): no credentials, valid until expires,
        HMAC-signed by the server. A wrong, expired or deleted link is a 404.
        """
        row = links.by_signed_link(
            attachment_id, args["expires"], args["signature"], now()
        )
        return _file_response(row)


@blp.route("/attachments/uploads/<uuid:attachment_id>")
class SignedUploadView(MethodView):
    @blp.arguments(SignedLinkArgsSchema, location="query")
    @blp.doc(operationId="putAttachmentUpload", security=[], requestBody=RAW_BODY)
    @blp.response(204)
    @blp.errors(400, 404, 413)
    @_streamed
    def put(self, args, attachment_id):
        """Send a direct upload's bytes (disk storage)

        The upload_url of createAttachmentUpload on disk storage: the raw body is
        streamed to storage, at most the declared size; then complete the upload.
        """
        request.max_content_length = service.max_bytes()
        service.receive_upload(
            attachment_id, args["expires"], args["signature"], request.stream, now()
        )
