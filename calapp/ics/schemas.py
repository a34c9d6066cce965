import marshmallow as ma

from calapp.api import Schema
from calapp.ics.matching import MODES


class ImportArgsSchema(Schema):
    calendar_id = ma.fields.UUID(
        load_default=None,
        metadata={
            "description": "Import into this calendar (editor or owner). Without "
            "it a new calendar is created, named by X-WR-CALNAME, in X-WR-TIMEZONE"
        },
    )
    mode = ma.fields.String(
        load_default="merge",
        validate=ma.validate.OneOf(MODES),
        metadata={
            "description": "merge: create and update by UID; replace: also delete "
            "the calendar's events the file no longer has"
        },
    )
    dry_run = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "Report what would happen; write nothing"},
    )


class VCardImportArgsSchema(Schema):
    dry_run = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "Report what would happen; write nothing"},
    )


class ImportErrorSchema(Schema):
    uid = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The UID of the event or contact; null if none"},
    )
    error = ma.fields.String(required=True)


class RepairSchema(Schema):
    uid = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "null: a repair of the whole file (a TZID, ...)"},
    )
    what = ma.fields.String(required=True)


class _ResultFields(Schema):
    created = ma.fields.Integer(required=True)
    updated = ma.fields.Integer(required=True)
    skipped = ma.fields.Integer(
        required=True,
        metadata={"description": "Unchanged, or older than what is stored"},
    )
    errors = ma.fields.List(
        ma.fields.Nested(ImportErrorSchema),
        required=True,
        metadata={"description": "Items not imported, and why (the rest are)"},
    )
    repaired = ma.fields.List(
        ma.fields.Nested(RepairSchema),
        required=True,
        metadata={"description": "What was fixed or read in a particular way"},
    )
    dry_run = ma.fields.Boolean(required=True)


class ImportResultSchema(_ResultFields):
    EXAMPLE = {
        "calendar_id": "0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10",
        "mode": "merge",
        "created": 42,
        "updated": 3,
        "deleted": 0,
        "skipped": 1,
        "errors": [{"uid": "broken-7@example.com", "error": "DTSTART is missing"}],
        "repaired": [
            {
                "uid": None,
                "what": "TZID 'Eastern Standard Time' read as America/New_York",
            }
        ],
        "skipped_components": {"VTODO": 2},
        "dry_run": False,
    }

    calendar_id = ma.fields.UUID(
        required=True,
        allow_none=True,
        metadata={"description": "null only for a dry run into a new calendar"},
    )
    mode = ma.fields.String(required=True, validate=ma.validate.OneOf(MODES))
    deleted = ma.fields.Integer(
        required=True,
        metadata={
            "description": "Events deleted: with mode=replace those the file no "
            "longer has; always, changed occurrences a new rule no longer has"
        },
    )
    skipped_components = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.Integer(),
        required=True,
        metadata={"description": "Components not imported, by name (VTODO, ...)"},
    )


class VCardImportResultSchema(_ResultFields):
    EXAMPLE = {
        "created": 120,
        "updated": 4,
        "skipped": 0,
        "errors": [],
        "repaired": [],
        "dry_run": False,
    }

    pass


class PublicFeedSchema(Schema):
    calendar_id = ma.fields.UUID(required=True)
    is_public = ma.fields.Boolean(
        required=True,
        metadata={"description": "The feed answers only while this is true"},
    )
    public_url = ma.fields.String(
        required=True,
        metadata={"example": "https://cal.example.com/calendars/public/abc.ics"},
    )
    webcal_url = ma.fields.String(
        required=True,
        metadata={"example": "webcal://cal.example.com/calendars/public/abc.ics"},
    )
