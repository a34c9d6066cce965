"""Contacts to and from vCard: 3.0 written (what phones and mail clients read
best), 3.0 and 4.0 read (2.1 too, quoted-printable values included).

Mapping (one way and back): ``N`` family;given <-> last_name, first_name (a
missing N: FN becomes the first name); the first ``ORG`` part <-> company; the
preferred (``PREF``/``TYPE=pref``, else first) ``EMAIL`` and ``TEL`` <-> email
and phone (a contact keeps one of each: the others are reported); ``NOTE`` <->
notes; ``UID`` <-> uid; ``REV`` <- updated_at.

Import is idempotent by UID among your live contacts, with the rules of the ICS
import: an identical card, or one whose REV is not after the stored
``updated_at``, is skipped; a changed one updates the contact.
"""

from __future__ import annotations

import hashlib
import quopri
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from sqlalchemy.exc import IntegrityError

from calapp.changes import log as changes
from calapp.contacts import service as contacts_service
from calapp.contacts.models import Contact
from calapp.contacts.schemas import NAME_MAX, NOTES_MAX, PHONE_MAX, PHONE_PATTERN
from calapp.errors import Conflict, ValidationError
from calapp.extensions import db
from calapp.ics import text as ical
from calapp.ics.export import PRODID
from calapp.security import Principal

FIELDS = ("first_name", "last_name", "email", "phone", "company", "notes")
BATCH = 500
_PHONE = re.compile(PHONE_PATTERN)


class CardError(Exception):
    def __init__(self, message: str, uid: str | None = None) -> None:
        super().__init__(message)
        self.uid = uid


@dataclass
class Report:
    dry_run: bool
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[dict] = field(default_factory=list)
    repaired: list[dict] = field(default_factory=list)


@dataclass
class Card:
    uid: str
    fields: dict
    rev: datetime | None
    repairs: list[str]


# --- export ---------------------------------------------------------------------------


def card_lines(contact) -> list[str]:
    """vCard 3.0 lines of a contact row (unfolded)."""
    first, last = contact.first_name or "", contact.last_name or ""
    shown = " ".join(p for p in (first, last) if p) or (
        contact.company or contact.email or contact.phone or "Contact"
    )
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"PRODID:{PRODID}",
        f"UID:{ical.escape(contact.uid)}",
        f"FN:{ical.escape(shown)}",
        f"N:{ical.escape(last)};{ical.escape(first)};;;",
    ]
    if contact.company:
        lines.append(f"ORG:{ical.escape(contact.company)}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{ical.escape(contact.email)}")
    if contact.phone:
        lines.append(f"TEL;TYPE=VOICE:{ical.escape(contact.phone)}")
    if contact.notes:
        lines.append(f"NOTE:{ical.escape(contact.notes)}")
    lines += [f"REV:{ical.utc_stamp(contact.updated_at)}", "END:VCARD"]
    return lines


def export(principal: Principal) -> Iterator[bytes]:
    """The principal's live contacts, in list order, a batch at a time."""
    columns = [getattr(Contact, n) for n in ("uid", *FIELDS, "updated_at")]
    result = db.session.execute(
        sa.select(*columns)
        .where(Contact.owner_id == principal.user_id, Contact.deleted_at.is_(None))
        .order_by(contacts_service.SORT_LAST, contacts_service.SORT_FIRST, Contact.id),
        execution_options={"yield_per": BATCH},
    )
    try:
        for batch in result.partitions():
            lines = [line for row in batch for line in card_lines(row)]
            yield ("\r\n".join(map(ical.fold, lines)) + "\r\n").encode()
    finally:
        result.close()


# --- import ---------------------------------------------------------------------------


def _value(prop: ical.Prop) -> str:
    """The raw value, quoted-printable decoded (vCard 2.1)."""
    if (prop.param("ENCODING") or "").upper() != "QUOTED-PRINTABLE":
        return prop.value
    charset = prop.param("CHARSET") or "utf-8"
    try:
        return quopri.decodestring(prop.value.encode()).decode(charset, "replace")
    except LookupError:
        return quopri.decodestring(prop.value.encode()).decode("utf-8", "replace")


def _text(prop: ical.Prop | None) -> str:
    if prop is None:
        return ""
    return ical.unescape(_value(prop)).replace("\x00", "").strip()


def _preferred(props: list[ical.Prop]) -> list[ical.Prop]:
    """The props, the preferred one first (4.0 PREF=1, 3.0 TYPE=pref)."""

    def rank(prop: ical.Prop) -> int:
        types = {t.lower() for v in prop.params.get("TYPE", ()) for t in v.split(",")}
        pref = prop.param("PREF")
        if pref and pref.isdigit():
            return int(pref)
        return 0 if "pref" in types else 101

    return sorted(props, key=rank)


def _cut(name: str, value: str | None, limit: int, repairs: list[str]) -> str | None:
    if value and len(value) > limit:
        repairs.append(f"{name} cut to {limit} characters")
        return value[:limit]
    return value or None


def _email(card: ical.Component, repairs: list[str]) -> str | None:
    props = _preferred(card.all("EMAIL"))
    if len(props) > 1:
        repairs.append(f"{len(props) - 1} more EMAIL not kept (a contact has one)")
    for prop in props:
        address = _text(prop).removeprefix("mailto:")
        try:
            if len(address) > 320:
                raise EmailNotValidError("too long")
            validate_email(address, check_deliverability=False)
            return address
        except EmailNotValidError:
            repairs.append(f"EMAIL {address[:60]!r} dropped: not a valid address")
    return None


def _phone(card: ical.Component, repairs: list[str]) -> str | None:
    props = _preferred(card.all("TEL"))
    if len(props) > 1:
        repairs.append(f"{len(props) - 1} more TEL not kept (a contact has one)")
    for prop in props:
        phone = _text(prop).removeprefix("tel:")
        if len(phone) <= PHONE_MAX and _PHONE.fullmatch(phone):
            return phone
        repairs.append(f"TEL {phone[:60]!r} dropped: not a phone number")
    return None


def _names(card: ical.Component) -> tuple[str, str]:
    n = card.first("N")
    if n is not None:
        parts = ical.split_structured(_value(n)) + [""] * 5
        last = parts[0].replace("\x00", "").strip()
        first = " ".join(p.strip() for p in parts[1:3] if p.strip())
        if first or last:
            return first.replace("\x00", ""), last
    return "", ""


def _rev(card: ical.Component) -> datetime | None:
    prop = card.first("REV")
    if prop is None:
        return None
    try:
        value, _ = ical.parse_datetime(prop.value.strip())
    except ValueError:
        try:
            day = ical.parse_date(prop.value.strip())
        except ValueError:
            return None
        value = datetime(day.year, day.month, day.day)
    return value.replace(tzinfo=UTC)


def map_card(card: ical.Component) -> Card:
    """:raises CardError: nothing identifies the contact, or a bad UID."""
    repairs: list[str] = []
    first, last = _names(card)
    org, company = card.first("ORG"), ""
    if org is not None:
        company = ical.split_structured(_value(org))[0].replace("\x00", "").strip()
    email, phone = _email(card, repairs), _phone(card, repairs)
    display = _text(card.first("FN"))
    if not (first or last) and display and display not in (company, email, phone):
        first = display
    uid = _text(card.first("UID"))
    if not uid:
        seed = "|".join((display, email or "", phone or "", company))
        uid = hashlib.sha256(seed.encode()).hexdigest()[:32] + "@import.calapp"
        repairs.append(f"no UID: given {uid}, derived from FN, EMAIL and TEL")
    if len(uid) > 255:
        raise CardError("UID is longer than 255 characters", uid[:255])
    fields = {
        "first_name": _cut("first name", first, NAME_MAX, repairs),
        "last_name": _cut("last name", last, NAME_MAX, repairs),
        "email": email,
        "phone": phone,
        "company": _cut("ORG", company, NAME_MAX, repairs),
        "notes": _cut("NOTE", _text(card.first("NOTE")), NOTES_MAX, repairs),
    }
    if not any(fields[n] for n in contacts_service.IDENTITY_FIELDS):
        raise CardError("no name, email, phone or company identifies the contact", uid)
    return Card(uid, fields, _rev(card), repairs)


def _is_newer(row, card: Card) -> bool:
    if all(getattr(row, n) == card.fields[n] for n in FIELDS):
        return False
    return card.rev is None or card.rev > row.updated_at


def run(principal: Principal, data: bytes, *, dry_run: bool, now: datetime) -> Report:
    """Import a vCard file into the principal's contacts (one transaction).

    :raises ValidationError: not a vCard file.
    """
    report = Report(dry_run=dry_run)
    text, legacy = ical.decode(data)
    try:
        cards = ical.parse(text, "VCARD")
    except ical.ParseError as exc:
        raise ValidationError(
            f"The file is not a vCard file: {exc}",
            details={"file": [f"not a vCard file: {exc}"]},
        ) from None
    if legacy:
        report.repaired.append({"uid": None, "what": "not UTF-8: read as Windows-1252"})
    found: dict[str, Card] = {}
    for component in cards:
        try:
            if component.errors:
                raise CardError(
                    "; ".join(component.errors[:3]),
                    _text(component.first("UID")) or None,
                )
            card = map_card(component)
        except CardError as exc:
            report.errors.append(
                {"uid": exc.uid, "error": f"VCARD at line {component.line}: {exc}"}
            )
            continue
        report.repaired += [{"uid": card.uid, "what": w} for w in card.repairs]
        if card.uid in found:
            report.repaired.append({"uid": card.uid, "what": "UID twice: last kept"})
            report.skipped += 1
        found[card.uid] = card
    stored = (
        {
            row.uid: row
            for row in db.session.execute(
                sa.select(
                    Contact.id,
                    Contact.uid,
                    Contact.updated_at,
                    *(getattr(Contact, n) for n in FIELDS),
                ).where(
                    Contact.owner_id == principal.user_id,
                    Contact.deleted_at.is_(None),
                    Contact.uid.in_(sorted(found)),
                )
            )
        }
        if found
        else {}
    )
    inserts, updates = [], []
    for uid, card in found.items():
        row = stored.get(uid)
        changed = min(card.rev or now, now)
        values = {
            **card.fields,
            "phone_e164": contacts_service.to_e164(card.fields["phone"]),
            "updated_at": changed,
        }
        if row is None:
            inserts.append(
                {
                    "id": uuid.uuid4(),
                    "owner_id": principal.user_id,
                    "uid": uid,
                    "created_at": changed,
                    "deleted_at": None,
                    **values,
                }
            )
        elif _is_newer(row, card):
            values["updated_at"] = changed if changed > row.updated_at else now
            updates.append({"id": row.id, **values})
        else:
            report.skipped += 1
    report.created, report.updated = len(inserts), len(updates)
    if not dry_run:
        try:
            if inserts:
                db.session.execute(Contact.__table__.insert(), inserts)
            if updates:
                db.session.execute(sa.update(Contact), updates)
            for rows, op in ((inserts, "created"), (updates, "updated")):
                for row in rows:
                    changes.record(
                        db.session, "contact", row["id"], op, user_id=principal.user_id
                    )
            db.session.flush()
        except IntegrityError as exc:
            if "uq_contacts_owner_uid" in str(exc.orig):
                raise Conflict(
                    "A contact with one of these UIDs was created meanwhile: "
                    "nothing was imported; import the file again"
                ) from exc
            raise
    return report
