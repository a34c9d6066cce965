"""The address book: one per user, its cards the user's contacts (private).

Cards are written as vCard 3.0 (``calapp.ics.vcard.card_lines``); 3.0 and 4.0
are read (``map_card``). A card's name is the one the client PUT it under
(``contacts.dav_href``), else its UID plus ``.vcf``; its ETag a digest of its
bytes. Writes go through ``calapp.contacts.service`` (validation, change log).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from calapp.contacts import service as contacts_service
from calapp.contacts.models import Contact
from calapp.errors import AppError
from calapp.extensions import db
from calapp.ics import text as ical
from calapp.ics import vcard
from calapp.security import Principal

from .calendars import etag_of_body
from .xml import CARDDAV, DavError

CONTENT_TYPE = "text/vcard; charset=utf-8"
BOOK = "contacts"  # the address book's segment: /dav/addressbooks/<user>/contacts/


@dataclass
class Card:
    contact_id: uuid.UUID
    uid: str
    name: str
    body: bytes
    etag: str


def default_name(uid: str) -> str:
    return uid + ".vcf"


def _card(contact) -> Card:
    lines = vcard.card_lines(contact)
    body = ("\r\n".join(map(ical.fold, lines)) + "\r\n").encode()
    name = contact.dav_href or default_name(contact.uid)
    return Card(contact.id, contact.uid, name, body, etag_of_body(body))


def _live(principal: Principal):
    return (Contact.owner_id == principal.user_id, Contact.deleted_at.is_(None))


def cards(principal: Principal, ids=None) -> list[Card]:
    stmt = sa.select(Contact).where(*_live(principal))
    if ids is not None:
        stmt = stmt.where(Contact.id.in_(sorted(set(ids))))
    return [_card(c) for c in db.session.scalars(stmt.order_by(Contact.id))]


def _by_name(principal: Principal, name: str):
    contact = db.session.scalars(
        sa.select(Contact).where(*_live(principal), Contact.dav_href == name)
    ).first()
    if contact is not None:
        return contact
    uid = name.removesuffix(".vcf")
    return db.session.scalars(
        sa.select(Contact).where(
            *_live(principal), Contact.uid == uid, Contact.dav_href.is_(None)
        )
    ).first()


def find(principal: Principal, name: str) -> Card | None:
    contact = _by_name(principal, name)
    return _card(contact) if contact is not None else None


def names_to_ids(principal: Principal, names: list[str]) -> dict[str, uuid.UUID]:
    found = {}
    for name in names:
        contact = _by_name(principal, name)
        if contact is not None:
            found[name] = contact.id
    return found


def _forbidden(condition: str, message: str) -> DavError:
    return DavError(403, message, (CARDDAV, condition))


def _parse(body: bytes) -> vcard.Card:
    text, _ = ical.decode(body)
    try:
        found = ical.parse(text, "VCARD")
    except ical.ParseError as exc:
        raise _forbidden("valid-address-data", f"Not a vCard: {exc}") from None
    if len(found) != 1:
        raise _forbidden("valid-address-data", "An object holds exactly one vCard")
    try:
        return vcard.map_card(found[0])
    except vcard.CardError as exc:
        raise _forbidden("valid-address-data", str(exc)) from None


def put(
    principal: Principal,
    name: str,
    body: bytes,
    now: datetime,
    *,
    if_match: str | None,
    if_none_match: str | None,
) -> tuple[Card, bool]:
    """Create or replace the card at ``name``; ``(card, created)``."""
    current = _by_name(principal, name)
    current_card = _card(current) if current is not None else None
    if if_none_match == "*" and current is not None:
        raise DavError(412, "A card exists at this name (If-None-Match: *)")
    if if_match is not None and (
        current_card is None or if_match not in ("*", current_card.etag)
    ):
        raise DavError(412, "The card changed since you read it (If-Match)")
    parsed = _parse(body)
    if current is not None and current.uid != parsed.uid:
        raise _forbidden("no-uid-conflict", "A card keeps its UID")
    if current is None:
        other = db.session.scalars(
            sa.select(Contact).where(*_live(principal), Contact.uid == parsed.uid)
        ).first()
        if other is not None:
            raise _forbidden("no-uid-conflict", "Another card has this UID")
    try:
        if current is None:
            contact = contacts_service.create(
                principal, {**parsed.fields, "uid": parsed.uid}, now
            )
        else:
            contact = contacts_service.update(principal, current.id, parsed.fields, now)
    except AppError as exc:
        raise _forbidden("valid-address-data", exc.message) from None
    contact.dav_href = name
    db.session.flush()
    return _card(contact), current is None


def delete(principal: Principal, name: str, now: datetime, *, if_match) -> None:
    current = _by_name(principal, name)
    if current is None:
        raise DavError(404, "No such card")
    if if_match is not None and if_match not in ("*", _card(current).etag):
        raise DavError(412, "The card changed since you read it (If-Match)")
    contacts_service.delete(principal, current.id, now)


def text_matches(card: Card, filters: list[tuple[str, str, str, bool]], anyof: bool):
    """CARDDAV:prop-filter with text-match (RFC 6352 §10.5): ``(property,
    text, match-type, negate)``; case-insensitive (i;unicode-casemap)."""
    if not filters:
        return True
    text, _ = ical.decode(card.body)
    component = ical.parse(text, "VCARD")[0]
    results = []
    for prop, needle, match_type, negate in filters:
        values = [p.value.lower() for p in component.all(prop)]
        needle = needle.lower()
        if match_type == "equals":
            hit = any(v == needle for v in values)
        elif match_type == "starts-with":
            hit = any(v.startswith(needle) for v in values)
        elif match_type == "ends-with":
            hit = any(v.endswith(needle) for v in values)
        else:
            hit = any(needle in v for v in values)
        results.append(hit != negate)
    return any(results) if anyof else all(results)
