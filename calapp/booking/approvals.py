"""Bookings that wait for the owner: the owner's list, approve, decline, and
the decline of those nobody answered in time.

Decisions a client will notice:

- Only the owner of a link's calendar lists and answers its bookings (an
  editor: 403; anyone else: 404, the booking's existence is not shown).
- The list shows every booking of the owner's links (not holds) with its status
  ``pending``, ``confirmed``, ``declined`` or ``cancelled``; a booking whose
  event was cancelled or deleted shows as ``cancelled``.
- Approving makes the tentative event confirmed; declining cancels it and frees
  the slot. Answering the same way twice changes nothing; answering a booking
  that is no longer pending otherwise, or one whose time to answer ran out, is a
  409 ``conflict`` (the job declines it within a minute).
- Both take the calendar's booking lock (``reservations.lock``), like every
  other decision about its slots.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa

from calapp import policy
from calapp.booking import notices, reservations, service
from calapp.booking.models import Booking, BookingLink
from calapp.calendars.models import Calendar
from calapp.errors import Conflict, NotFound
from calapp.events import service as events_service
from calapp.extensions import db
from calapp.fields import format_instant
from calapp.pagination import keyset_page
from calapp.security import Principal

# Shown status -> stored status.
SHOWN = {
    "pending": "pending",
    "confirmed": "active",
    "declined": "declined",
    "cancelled": "cancelled",
}
STORED = {stored: shown for shown, stored in SHOWN.items()}
# Bookings, not holds (held, expired).
LISTED = tuple(SHOWN.values())


def shown_status():
    """SQL: the status as the owner is shown it (a live booking whose event is
    cancelled or deleted is cancelled, before any write has noticed)."""
    return sa.case(
        (
            sa.and_(
                Booking.status.in_(reservations.LIVE),
                sa.not_(service.event_is_live()),
            ),
            "cancelled",
        ),
        *[(Booking.status == stored, shown) for stored, shown in STORED.items()],
        else_=Booking.status,
    )


def bookings_page(principal: Principal, args: dict):
    """The bookings of the principal's links by slot start: rows of
    ``(Booking, status shown, link token, link title)``."""
    shown = shown_status().label("shown_status")
    stmt = (
        sa.select(Booking, shown, BookingLink.token, BookingLink.title)
        .join(BookingLink, BookingLink.id == Booking.link_id)
        .where(
            Booking.calendar_id.in_(policy.calendar_ids(principal, "manage")),
            Booking.status.in_(LISTED),
        )
    )
    if args.get("status"):
        stmt = stmt.where(shown_status() == args["status"])
    if args.get("link"):
        stmt = stmt.where(BookingLink.token == args["link"])
    if args.get("start"):
        stmt = stmt.where(Booking.end_time > args["start"])
    if args.get("end"):
        stmt = stmt.where(Booking.start_time < args["end"])
    return keyset_page(
        stmt,
        keys=[Booking.start_time, Booking.id],
        key_of=lambda row: (row.Booking.start_time, row.Booking.id),
        limit=args["limit"],
        cursor=args.get("cursor"),
        scalars=False,
    )


def shown(booking: Booking) -> dict:
    """One booking as the list shows it (after an answer: read again)."""
    status, token, title = db.session.execute(
        sa.select(shown_status(), BookingLink.token, BookingLink.title)
        .join(BookingLink, BookingLink.id == Booking.link_id)
        .where(Booking.id == booking.id)
    ).one()
    return as_item(booking, status, token, title)


def as_item(booking: Booking, status: str, token: str, title: str) -> dict:
    return {
        "id": booking.id,
        "status": status,
        "link": {"token": token, "title": title},
        "calendar_id": booking.calendar_id,
        "event_id": booking.event_id,
        "name": booking.name,
        "email": booking.email,
        "notes": booking.notes,
        "slot_start": booking.start_time,
        "slot_end": booking.end_time,
        "requires_confirmation": booking.requires_confirmation,
        "respond_by": booking.expires_at if booking.status == "pending" else None,
        "decided_at": booking.decided_at,
        "reason": booking.reason,
        "created_at": booking.created_at,
        "updated_at": booking.updated_at,
        "cancelled_at": booking.cancelled_at,
    }


def _owned(principal: Principal, booking_id: uuid.UUID) -> tuple[Booking, BookingLink]:
    """:raises NotFound: no such booking (or hold) of a calendar the principal
    can see. :raises Forbidden: a member who is not the owner."""
    row = db.session.execute(
        sa.select(Booking, BookingLink)
        .join(BookingLink, BookingLink.id == Booking.link_id)
        .where(Booking.id == booking_id, Booking.status.in_(LISTED))
    ).first()
    if row is None:
        raise NotFound("Booking not found")
    try:
        policy.get_calendar(principal, row.Booking.calendar_id, "manage")
    except NotFound:
        raise NotFound("Booking not found") from None
    return row.Booking, row.BookingLink


def _answerable(booking_id: uuid.UUID, link: BookingLink, wanted: str, now):
    """The booking, locked for an answer; None when it already has ``wanted``.

    :raises Conflict: it is no longer pending, or its time to answer ran out.
    """
    reservations.lock(link, now, active=False)
    booking = reservations._load(booking_id)
    if booking.status == wanted:
        return None
    if booking.status != "pending":
        raise Conflict(
            f"This booking is {STORED.get(booking.status, booking.status)}: "
            "only a pending booking can be approved or declined",
            details={"status": STORED.get(booking.status, booking.status)},
        )
    if booking.expires_at <= now:
        raise Conflict(
            "The time to answer this booking ran out: it is being declined",
            details={"respond_by": format_instant(booking.expires_at)},
        )
    return booking


def _decide(booking: Booking, status: str, who, reason, now: datetime) -> None:
    booking.status = status
    booking.decided_at = booking.updated_at = now
    booking.decided_by = who
    booking.reason = reason
    booking.expires_at = None
    event = reservations._event_of(booking)
    if event is not None:
        events_service.update(
            Principal.system(),
            event.id,
            {"status": "confirmed" if status == "active" else "cancelled"},
            now,
        )
    db.session.flush()


def approve(
    principal: Principal, booking_id: uuid.UUID, reason: str | None, now: datetime
) -> Booking:
    """Confirm a pending booking: its event becomes confirmed; the visitor is
    told. :raises NotFound, Forbidden, Conflict: see the module."""
    booking, link = _owned(principal, booking_id)
    pending = _answerable(booking.id, link, "active", now)
    if pending is not None:
        _decide(pending, "active", principal.user_id, reason, now)
        notices.queue_notice(pending, "booking.approved", now)
    return reservations._load(booking.id)


def decline(
    principal: Principal, booking_id: uuid.UUID, reason: str | None, now: datetime
) -> Booking:
    """Refuse a pending booking: its event is cancelled and the slot free again;
    the visitor is told (with ``reason``)."""
    booking, link = _owned(principal, booking_id)
    pending = _answerable(booking.id, link, "declined", now)
    if pending is not None:
        _decide(pending, "declined", principal.user_id, reason, now)
        notices.queue_notice(pending, "booking.declined", now)
    return reservations._load(booking.id)


def overdue(now: datetime, limit: int) -> list[uuid.UUID]:
    """Pending bookings whose time to answer ran out, oldest deadline first
    (those of deleted calendars, gone with them, are left alone)."""
    return list(
        db.session.scalars(
            sa.select(Booking.id)
            .join(Calendar, Calendar.id == Booking.calendar_id)
            .where(
                Booking.status == "pending",
                Booking.expires_at <= now,
                Calendar.deleted_at.is_(None),
            )
            .order_by(Booking.expires_at)
            .limit(limit)
        )
    )


def decline_unanswered(booking_id: uuid.UUID, now: datetime) -> bool:
    """Decline one pending booking nobody answered in time (the owner and the
    visitor are told); False when it was answered meanwhile."""
    booking = db.session.get(Booking, booking_id)
    link = db.session.get(BookingLink, booking.link_id)
    try:
        reservations.lock(link, now, active=False)
    except NotFound:  # the calendar is gone: its bookings with it
        return False
    booking = reservations._load(booking_id)
    if booking.status != "pending" or booking.expires_at > now:
        return False
    _decide(booking, "declined", None, None, now)
    notices.queue_notice(booking, "booking.declined", now, timed_out=True)
    return True
