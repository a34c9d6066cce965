from flask import Response, current_app, request, stream_with_context
from flask.views import MethodView
from werkzeug.http import http_date

from calapp.api import Blueprint, binary_body, current_principal
from calapp.calendars import feed
from calapp.errors import PayloadTooLarge, ValidationError
from calapp.extensions import db, limiter
from calapp.ics import export, service, vcard
from calapp.ics.schemas import (
    ImportArgsSchema,
    ImportResultSchema,
    PublicFeedSchema,
    VCardImportArgsSchema,
    VCardImportResultSchema,
)
from calapp.ratelimit import client_ip_key
from calapp.users.service import now

blp = Blueprint(
    "ics",
    __name__,
    description="iCalendar (RFC 5545) export and import of calendars, public "
    "webcal feeds, and vCard export and import of contacts",
)
# Multipart framing (boundaries, part headers) on top of the file itself.
MULTIPART_OVERHEAD = 64 * 1024
NO_STORE = {"Cache-Control": "no-store"}


@blp.record_once
def _configure(state) -> None:
    """``ICS_MAX_BYTES``: from the app's config, else the environment (checked
    at start-up)."""
    config = state.app.config
    if config.get("ICS_MAX_BYTES") is None:
        config["ICS_MAX_BYTES"] = service.max_bytes_from_env()


def _public_limit():
    # Per client IP: these routes act for nobody, so credentials buy no budget.
    return current_app.config["RATELIMIT_PUBLIC"]


def _file_body(media_type: str) -> dict:
    return {
        "requestBody": {
            "required": True,
            "description": "The file, as the multipart field `file` or as the raw "
            f"body ({media_type}); at most ICS_MAX_BYTES (10 MiB by default)",
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": binary_body()},
                        "required": ["file"],
                    }
                },
                media_type: {"schema": binary_body()},
            },
        }
    }


def _text_200(media_type: str, example: str) -> dict:
    content = {media_type: {"schema": binary_body(), "example": example}}
    return {"responses": {200: {"content": content}}}


ICS_200 = _text_200("text/calendar", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n...")
VCF_200 = _text_200("text/vcard", "BEGIN:VCARD\r\nVERSION:3.0\r\n...")
ICS_HEADERS = {
    "ETag": {"schema": {"type": "string"}},
    "Last-Modified": {"schema": {"type": "string"}},
}


# --- helpers --------------------------------------------------------------------------


def _etags(header: str | None) -> list[str]:
    tags = (header or "").split(",")
    return [t.strip().removeprefix("W/") for t in tags if t.strip()]


def _not_modified(etag: str, last_modified) -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides; If-Modified-Since only without it."""
    if "If-None-Match" in request.headers:
        tags = _etags(request.headers["If-None-Match"])
        return etag in tags or "*" in tags
    since = request.if_modified_since
    return since is not None and last_modified.replace(microsecond=0) <= since


def _ics(calendar, disposition: str, cache: str, *, public: bool = False) -> Response:
    """The streamed export, or a 304 when the client's copy is current."""
    etag, last_modified = export.state(calendar, public=public)
    headers = {
        "ETag": etag,
        "Last-Modified": http_date(last_modified),
        "Cache-Control": cache,
    }
    if _not_modified(etag, last_modified):
        return Response(status=304, headers=headers)
    headers["Content-Disposition"] = (
        f'{disposition}; filename="{export.filename(calendar)}"'
    )
    body = stream_with_context(export.stream(calendar, public=public))
    return Response(body, mimetype="text/calendar", headers=headers)


def _upload() -> bytes:
    """The uploaded file: the multipart field ``file`` or the raw body.

    :raises PayloadTooLarge: over ``ICS_MAX_BYTES``. :raises ValidationError: none.
    """
    limit = current_app.config["ICS_MAX_BYTES"]
    too_large = PayloadTooLarge(
        f"The file is larger than the limit of {limit} bytes (ICS_MAX_BYTES)",
        details={"max_bytes": limit},
    )
    multipart = request.mimetype == "multipart/form-data"
    allowed = limit + MULTIPART_OVERHEAD if multipart else limit
    if request.content_length is not None and request.content_length > allowed:
        raise too_large
    # MAX_CONTENT_LENGTH (1 MiB) is app-wide; this route takes files up to limit.
    request.max_content_length = allowed
    if multipart:
        request.max_form_memory_size = allowed  # a file sent as a plain field
        upload = request.files.get("file")
        if upload is not None:
            data = upload.stream.read(limit + 1)
        else:
            data = request.form.get("file", "").encode()
    else:
        data = request.get_data(cache=False)
    if len(data) > limit:
        raise too_large
    if not data.strip():
        raise ValidationError(
            "No file: send it as the multipart field 'file' or as the request body",
            details={"file": ["is required"]},
        )
    return data


def _feed(calendar) -> dict:
    public_url, webcal_url = feed.urls(calendar.public_token)
    return {
        "calendar_id": calendar.id,
        "is_public": calendar.is_public,
        "public_url": public_url,
        "webcal_url": webcal_url,
    }


def _report(report) -> dict:
    body = vars(report).copy()
    if "skipped_components" in body:
        body["skipped_components"] = dict(body["skipped_components"])
    return body


# --- calendars ------------------------------------------------------------------------


@blp.route("/calendars/<uuid:calendar_id>/export.ics")
class CalendarExportView(MethodView):
    @blp.doc(operationId="exportCalendarIcs")
    @blp.auth_required("calendars:read", "events:read")
    @blp.doc(**ICS_200)
    @blp.response(
        200,
        description="The calendar as an RFC 5545 VCALENDAR, streamed",
        headers=ICS_HEADERS,
    )
    @blp.etag_get()
    @blp.errors(404)
    def get(self, calendar_id):
        """Export a calendar as iCalendar (any member; 304 on If-None-Match)

        The whole calendar as an RFC 5545 file, recurrence rules and exceptions
        included, for backup or another calendar application.
        """
        calendar = service.readable_calendar(current_principal(), calendar_id)
        return _ics(calendar, "attachment", "private, no-cache")


@blp.route("/calendars/public/<string:token>.ics")
class PublicFeedView(MethodView):
    decorators = [limiter.limit(_public_limit, key_func=client_ip_key)]

    @blp.doc(operationId="getPublicCalendarFeed")
    @blp.doc(security=[], **ICS_200)
    @blp.response(
        200,
        description="The calendar's VCALENDAR while it is public (webcal:// "
        "subscriptions): times, titles, and the descriptions, locations, tags "
        "and attachments the owner wrote. No personal data: no ORGANIZER or "
        "ATTENDEE, no alarms, and events made by a booking link show only "
        "their title and times",
        headers=ICS_HEADERS,
    )
    @blp.etag_get()
    @blp.errors(404, 429)
    def get(self, token):
        """Subscribe to a public calendar's feed (no sign-in; 404 unless public)

        No sign-in. The iCalendar feed a calendar application subscribes to while the
        calendar is public, without personal data.
        """
        return _ics(service.public_calendar(token), "inline", "no-cache", public=True)


@blp.route("/calendars/<uuid:calendar_id>/public-token")
class PublicTokenView(MethodView):
    @blp.doc(operationId="getCalendarFeedUrl")
    @blp.auth_required("calendars:read")
    @blp.response(200, PublicFeedSchema)
    @blp.errors(404)
    def get(self, calendar_id):
        """Get a calendar's public feed URL, made on first request (owner only)

        The secret https:// and webcal:// addresses of the calendar's public feed, made
        the first time they are asked for.
        """
        calendar = service.feed_token(current_principal(), calendar_id, rotate=False)
        db.session.commit()
        return _feed(calendar), 200, NO_STORE

    @blp.doc(operationId="rotateCalendarFeedUrl")
    @blp.auth_required("calendars:write")
    @blp.response(200, PublicFeedSchema)
    @blp.errors(404)
    def post(self, calendar_id):
        """Rotate a calendar's public feed URL: the old URL stops working (owner)

        Makes new feed addresses and stops the old ones, e.g. after the URL was shared
        too widely.
        """
        calendar = service.feed_token(current_principal(), calendar_id, rotate=True)
        db.session.commit()
        return _feed(calendar), 200, NO_STORE


@blp.route("/calendars/import")
class CalendarImportView(MethodView):
    @blp.doc(operationId="importCalendar")
    @blp.auth_required("events:write")
    @blp.arguments(ImportArgsSchema, location="query")
    @blp.doc(**_file_body("text/calendar"))
    @blp.response(
        200,
        ImportResultSchema,
        description="Imported into the existing calendar ?calendar_id= (or a dry run)",
    )
    @blp.alt_response(
        201, schema=ImportResultSchema, description="Imported into a new calendar"
    )
    @blp.errors(400, 404, 409, 413)
    def post(self, args):
        """Import an iCalendar file into a calendar, or into a new one

        API keys need `events:write`, and `calendars:write` too when no
        `calendar_id` is given (a new calendar is made).
        """
        if args["calendar_id"] is None:
            current_principal().require("events:write", "calendars:write")
        report, created = service.import_calendar(
            current_principal(),
            _upload(),
            calendar_id=args["calendar_id"],
            mode=args["mode"],
            dry_run=args["dry_run"],
            now=now(),
        )
        if args["dry_run"]:
            db.session.rollback()  # nothing was written; release the calendar lock
        else:
            db.session.commit()
        return _report(report), 201 if created else 200


# --- contacts -------------------------------------------------------------------------


@blp.route("/contacts/export.vcf")
class ContactsExportView(MethodView):
    @blp.doc(operationId="exportContactsVcard")
    @blp.auth_required("contacts:read")
    @blp.doc(**VCF_200)
    @blp.response(200, description="Your contacts as vCard 3.0, streamed")
    def get(self):
        """Export your contacts as vCard 3.0

        Your whole address book as one vCard 3.0 file, for backup or another contacts
        application.
        """
        body = stream_with_context(vcard.export(current_principal()))
        return Response(
            body,
            mimetype="text/vcard",
            headers={
                "Content-Disposition": 'attachment; filename="contacts.vcf"',
                "Cache-Control": "private, no-cache",
            },
        )


@blp.route("/contacts/import")
class ContactsImportView(MethodView):
    @blp.doc(operationId="importContacts")
    @blp.auth_required("contacts:write")
    @blp.arguments(VCardImportArgsSchema, location="query")
    @blp.doc(**_file_body("text/vcard"))
    @blp.response(200, VCardImportResultSchema)
    @blp.errors(400, 409, 413)
    def post(self, args):
        """Import contacts from a vCard file (3.0 or 4.0), idempotent by UID

        Adds the contacts of a vCard file; importing the same file again updates by UID
        and creates no duplicates. dry_run reports without writing.
        """
        report = vcard.run(
            current_principal(), _upload(), dry_run=args["dry_run"], now=now()
        )
        if args["dry_run"]:
            db.session.rollback()
        else:
            db.session.commit()
        return _report(report)
