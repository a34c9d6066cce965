import re

import marshmallow as ma

from calapp.api import PageArgsSchema, Schema
from calapp.fields import Email, Instant

NAME_MAX = 200
NOTES_MAX = 10_000
PHONE_MAX = 64
UID_MAX = 255
SEARCH_MAX = 200

# Digits, spaces and + - ( ) . /, with at least one digit, then an optional
# extension ("x 12", "ext. 12"). Written so that it is also a valid JSON Schema
# (ECMA-262) pattern, published in the OpenAPI document as is, and so that it
# cannot backtrack (the first digit is where the first [0-9] matches).
PHONE_PATTERN = r"^[ +()./-]*[0-9][0-9 +()./-]*(?:(?:[xX]|[eE][xX][tT]\.?) *[0-9]+)?$"
_PHONE_RE = re.compile(PHONE_PATTERN)
PHONE_RULE = (
    "must be a phone number: digits, spaces and + - ( ) . /, optionally followed "
    "by x or ext and an extension"
)


def _check_text(field: ma.fields.Field, text: str) -> None:
    """PostgreSQL stores neither NUL characters nor lone surrogates."""
    if "\x00" in text:
        raise field.make_error("nul")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise field.make_error("unicode") from exc


_TEXT_ERRORS = {
    "nul": "must not contain NUL characters",
    "unicode": "must be valid Unicode text",
}


class Text(ma.fields.String):
    """A string PostgreSQL can store; trimmed unless ``strip=False``."""

    default_error_messages = _TEXT_ERRORS

    def __init__(self, *, strip: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.strip = strip

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        _check_text(self, text)
        return text.strip() if self.strip else text


class ContactEmail(Email):
    """``calapp.fields.Email`` that also refuses text PostgreSQL cannot store."""

    default_error_messages = _TEXT_ERRORS

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            _check_text(self, value)
        return super()._deserialize(value, attr, data, **kwargs)


def _validate_phone(value: str) -> None:
    if len(value) <= PHONE_MAX and not _PHONE_RE.fullmatch(value):
        raise ma.ValidationError(PHONE_RULE)


class ContactSchema(Schema):
    EXAMPLE = {
        "id": "f0e1d2c3-b4a5-4968-8776-655443322110",
        "first_name": "Grace",
        "last_name": "Hopper",
        "email": "grace@example.com",
        "phone": "+1 (415) 555-2671",
        "phone_e164": "+14155552671",
        "company": "Navy Labs",
        "notes": "Met at the compiler workshop",
        "uid": "f0e1d2c3-b4a5-4968-8776-655443322110@calapp",
        "created_at": "2026-12-02T11:30:00Z",
        "updated_at": "2026-12-02T11:30:00Z",
    }

    id = ma.fields.UUID(required=True)
    first_name = ma.fields.String(required=True, allow_none=True)
    last_name = ma.fields.String(required=True, allow_none=True)
    email = ma.fields.String(required=True, allow_none=True)
    phone = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "As given", "example": "+1 (415) 555-2671"},
    )
    phone_e164 = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "phone in E.164 when it starts with + and is a valid "
            "number (extensions dropped); null otherwise",
            "example": "+14155552671",
        },
    )
    company = ma.fields.String(required=True, allow_none=True)
    notes = ma.fields.String(required=True, allow_none=True)
    uid = ma.fields.String(
        required=True,
        metadata={"description": "vCard UID, unique among your contacts"},
    )
    created_at = Instant(required=True)
    updated_at = Instant(required=True)


# Optional text fields where "" (or only spaces) means "no value": stored as null.
BLANK_IS_NULL = ("first_name", "last_name", "email", "phone", "company", "notes")


class ContactWriteSchema(Schema):
    """Fields of a contact a client may set. Blank strings are stored as null."""

    first_name = Text(allow_none=True, validate=ma.validate.Length(max=NAME_MAX))
    last_name = Text(allow_none=True, validate=ma.validate.Length(max=NAME_MAX))
    email = ContactEmail(allow_none=True, metadata={"format": "email"})
    phone = Text(
        allow_none=True,
        validate=[ma.validate.Length(max=PHONE_MAX), _validate_phone],
        metadata={"pattern": PHONE_PATTERN, "example": "+1 (415) 555-2671"},
    )
    company = Text(allow_none=True, validate=ma.validate.Length(max=NAME_MAX))
    notes = Text(
        strip=False, allow_none=True, validate=ma.validate.Length(max=NOTES_MAX)
    )
    uid = Text(
        validate=ma.validate.Length(min=1, max=UID_MAX),
        metadata={
            "description": "vCard UID; generated as <uuid>@calapp when not given"
        },
    )

    @ma.pre_load
    def _blank_is_null(self, data, **kwargs):
        if not isinstance(data, dict):
            return data
        return {
            key: None
            if key in BLANK_IS_NULL and isinstance(value, str) and not value.strip()
            else value
            for key, value in data.items()
        }


class ContactCreateSchema(ContactWriteSchema):
    """At least one of first_name, last_name, email, phone, company is required."""

    EXAMPLE = {
        "first_name": "Grace",
        "last_name": "Hopper",
        "email": "grace@example.com",
        "phone": "+1 (415) 555-2671",
        "company": "Navy Labs",
        "notes": "Met at the compiler workshop",
    }


class ContactUpdateSchema(ContactWriteSchema):
    """Any subset of the fields; a name, email, phone or company must remain."""

    EXAMPLE = {"company": "Remington Rand", "phone": "+1 215 555 0142"}


class DeletedContactSchema(Schema):
    """A contact deleted since the sync token."""

    id = ma.fields.UUID(required=True)
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(("deleted",)))


class ContactListArgsSchema(PageArgsSchema):
    sync_token = ma.fields.String(
        validate=ma.validate.Length(max=2048),
        metadata={
            "description": "next_sync_token of an earlier full listing (without "
            "search): list only the contacts changed since (not with search)"
        },
    )

    search = Text(
        load_default=None,
        validate=ma.validate.Length(max=SEARCH_MAX),
        metadata={
            "description": "Case-insensitive substring of first/last name, email, "
            "phone (as typed or E.164) or company"
        },
    )
