"""Contacts: an address book private to each user.

A contact another user owns is invisible (404), never forbidden. Reads filter on
``owner_id`` and ``deleted_at`` in SQL; deletes are soft.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import phonenumbers
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from calapp.changes import sync
from calapp.changes.models import Change
from calapp.contacts.models import SEARCH_SQL, Contact
from calapp.errors import Conflict, NotFound, ValidationError
from calapp.etags import etag_of
from calapp.extensions import db
from calapp.pagination import keyset_page
from calapp.security import Principal

# A contact must be identifiable by at least one of these.
IDENTITY_FIELDS = ("first_name", "last_name", "email", "phone", "company")

# The list order: last name, first name (case-insensitively; missing ones first),
# then id. Migration 0003 indexes exactly these expressions for live contacts.
SORT_LAST = sa.func.lower(sa.func.coalesce(Contact.last_name, ""), type_=sa.String)
SORT_FIRST = sa.func.lower(sa.func.coalesce(Contact.first_name, ""), type_=sa.String)

_SEARCH = sa.literal_column(SEARCH_SQL, type_=sa.Text)


def etag(contact: Contact) -> str:
    return etag_of("contact", contact.id, contact.updated_at.isoformat())


def new_uid() -> str:
    return f"{uuid.uuid4()}@calapp"


def to_e164(phone: str | None) -> str | None:
    """``phone`` in E.164 when it is international (``+`` and a country code) and
    valid; ``None`` otherwise: without a country code no region is guessed.
    """
    if not phone or not phone.lstrip().startswith("+"):
        return None
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return e164 if len(e164) <= 20 else None


def like_pattern(term: str) -> str:
    """A ``LIKE`` pattern matching ``term`` literally anywhere (``\\`` escapes)."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _check_identity(contact: Contact) -> None:
    if not any(getattr(contact, name) for name in IDENTITY_FIELDS):
        message = (
            "A contact needs at least one of first_name, last_name, email, "
            "phone or company"
        )
        raise ValidationError(message, details={"_schema": [message]})


def _apply(contact: Contact, data: dict) -> None:
    for name, value in data.items():
        setattr(contact, name, value)
    if "phone" in data:
        contact.phone_e164 = to_e164(contact.phone)


def _save(contact: Contact, changes: dict, *, add: bool = False) -> None:
    """Apply ``changes`` and flush, inside a savepoint: a refused write (no
    identifying field, a taken uid) is undone alone and the session stays usable.

    Nothing may be pending before this: ``begin_nested()`` flushes first, outside
    the savepoint.
    """
    try:
        with db.session.begin_nested():
            if add:
                db.session.add(contact)
            _apply(contact, changes)
            _check_identity(contact)
            db.session.flush()
    except IntegrityError as exc:
        if "uq_contacts_owner_uid" in str(exc.orig):
            raise Conflict(
                "You already have a contact with this uid",
                details={"uid": ["is already used by another of your contacts"]},
            ) from exc
        raise


def create(principal: Principal, data: dict, now: datetime) -> Contact:
    """:raises ValidationError: nothing identifies the contact.
    :raises Conflict: ``uid`` is taken among the principal's contacts.
    """
    contact = Contact(
        id=uuid.uuid4(), owner_id=principal.user_id, created_at=now, updated_at=now
    )
    _save(contact, {"uid": new_uid(), **data}, add=True)
    return contact


def list_page(
    principal: Principal, search: str | None, limit: int, cursor: str | None
) -> tuple[list[Contact], str | None]:
    """The principal's live contacts by last name, first name, id; ``search``
    matches a substring of names, email, phone (as typed or E.164) or company.
    """
    stmt = sa.select(Contact, SORT_LAST, SORT_FIRST).where(
        Contact.owner_id == principal.user_id, Contact.deleted_at.is_(None)
    )
    if search:
        stmt = stmt.where(_SEARCH.ilike(like_pattern(search), escape="\\"))
    rows, next_cursor = keyset_page(
        stmt,
        keys=[SORT_LAST, SORT_FIRST, Contact.id],
        key_of=lambda row: (row[1], row[2], row[0].id),
        limit=limit,
        cursor=cursor,
        scalars=False,
    )
    return [row[0] for row in rows], next_cursor


def listing(principal: Principal, args: dict) -> dict:
    """One page of ``GET /contacts``: a full listing (no search) ends with a sync
    token; ``sync_token`` lists the contacts changed since, deleted ones as
    ``{"id", "status": "deleted"}``.

    :raises ValidationError: ``sync_token`` with ``search``; a bad token or cursor.
    """
    cursor = args.get("cursor")
    if args.get("sync_token") or sync.is_sync_cursor(cursor):
        if args.get("search"):
            raise ValidationError.field("sync_token", "cannot be combined with search")
        context = sync.begin(
            "contacts",
            principal.user_id,
            sync_token=args.get("sync_token"),
            cursor=cursor if sync.is_sync_cursor(cursor) else None,
        )
        items, cursor, token = sync.page(
            context,
            audience=sa.and_(
                Change.resource_type == "contact", Change.user_id == principal.user_id
            ),
            limit=args["limit"],
            load=lambda ids: _load_for_sync(principal, ids),
        )
        return {"items": items, "next_cursor": cursor, "next_sync_token": token}
    if args.get("search"):
        items, cursor = list_page(principal, args["search"], args["limit"], cursor)
        return {"items": items, "next_cursor": cursor, "next_sync_token": None}
    cursor, position = sync.full_listing_start(cursor, 3)
    items, cursor = list_page(principal, None, args["limit"], cursor)
    context = sync.Context("contacts", principal.user_id, 0, 0)
    cursor, token = sync.full_listing_end(cursor, position, 3, context)
    return {"items": items, "next_cursor": cursor, "next_sync_token": token}


def _load_for_sync(principal: Principal, ids: list[uuid.UUID]) -> dict:
    found: dict = {
        contact.id: contact
        for contact in db.session.scalars(
            sa.select(Contact).where(
                Contact.id.in_(ids),
                Contact.owner_id == principal.user_id,
                Contact.deleted_at.is_(None),
            )
        )
    }
    for contact_id in ids:
        found.setdefault(contact_id, {"id": contact_id, "status": "deleted"})
    return found


def _load(principal: Principal, contact_id: uuid.UUID, *, lock: bool = False):
    stmt = sa.select(Contact).where(
        Contact.id == contact_id,
        Contact.owner_id == principal.user_id,
        Contact.deleted_at.is_(None),
    )
    if lock:
        stmt = stmt.with_for_update()
    contact = db.session.execute(stmt).scalar_one_or_none()
    if contact is None:
        raise NotFound("Contact not found")
    return contact


def get(principal: Principal, contact_id: uuid.UUID) -> Contact:
    """:raises NotFound: no such live contact of the principal."""
    return _load(principal, contact_id)


def update(
    principal: Principal,
    contact_id: uuid.UUID,
    changes: dict,
    now: datetime,
    if_match=None,
) -> Contact:
    """Apply a partial update. ``if_match(etag)`` may raise to refuse a stale write.

    :raises NotFound: no such live contact. :raises ValidationError: the result
        has nothing identifying it. :raises Conflict: ``uid`` is taken.
    """
    contact = _load(principal, contact_id, lock=True)
    if if_match:
        if_match(etag(contact))
    _save(contact, {**changes, "updated_at": now})
    return contact


def delete(
    principal: Principal, contact_id: uuid.UUID, now: datetime, if_match=None
) -> None:
    """Soft delete: the contact disappears from every read and frees its uid."""
    contact = _load(principal, contact_id, lock=True)
    if if_match:
        if_match(etag(contact))
    contact.deleted_at = now
    contact.updated_at = now
    db.session.flush()
