"""Public reservations: reserve, cancel, reschedule, and what a visitor is shown.

Decisions a client will notice:

- Reserve, hold, cancel and reschedule lock the calendar row: every decision
  about one calendar's slots is taken by one transaction at a time, after a
  re-check of every busy source. The exclusion constraint of ``bookings`` backs
  this up for any writer. A lost race, or a slot not offered, is 409
  ``slot_unavailable``.
- Repeating a reservation (same link, email and slot) confirms it again with
  ``manage_token: null``: the secret is shown once.
- A visitor is shown a receipt built from what the visitor sent (name, email,
  notes, slot) and the link's public title and description, never the owner's
  event: not the notes, attendees, location or reminders the owner added later,
  nor whether the visitor's email has an account (``visitor_event``). An
  identical retry, which anyone knowing an email and a slot can send, echoes
  only what that retry sent.
- A booking whose event the owner cancelled or deleted frees its slot.
- The manage secret is derived from the booking's random id and SECRET_KEY
  (``service.manage_secret``): the confirmation email, written when it is sent, carries
  it again in the manage link; the database keeps only its SHA-256. Every check
  compares hashes in constant time.
- A wrong ``manage_token`` is a 404, as is an unknown booking: nothing leaks.
  Cancelling still works after the owner deactivated the link; rescheduling,
  like every other public endpoint of an inactive link, is a 404.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import Range
from sqlalchemy.exc import IntegrityError

from calapp import policy
from calapp.booking import notices, service
from calapp.booking.models import Booking, BookingLink
from calapp.calendars.models import Calendar
from calapp.changes import log as changes
from calapp.errors import Conflict, NotFound
from calapp.events import service as events_service
from calapp.events.models import Event, EventAttendee
from calapp.extensions import db
from calapp.security import Principal, hash_token, tokens_equal

# Compared against when a booking has no manage secret, so the work is the same.
_NO_SECRET = hash_token("no secret")
# The booking's event as the visitor is shown it, by the booking's status.
EVENT_STATUS = {"active": "confirmed", "pending": "tentative"}
# The bookings a visitor manages (cancels, reschedules, repeats).
LIVE = ("active", "pending")

# --- locked writes --------------------------------------------------------------------


def lock(link: BookingLink, now: datetime, *, active: bool = True) -> BookingLink:
    """Serialise every slot decision of the link's calendar; return the link fresh.

    ``FOR NO KEY UPDATE`` conflicts with itself (and with the owner changing or
    deleting the calendar) but not with the key-share locks of foreign keys, so
    ordinary event writes to the calendar are not held up.

    :raises NotFound: the calendar was deleted or the link deactivated meanwhile.
    """
    locked = db.session.scalar(
        sa.select(Calendar.id)
        .where(Calendar.id == link.calendar_id, Calendar.deleted_at.is_(None))
        .with_for_update(key_share=True)
    )
    fresh = db.session.scalar(
        sa.select(BookingLink)
        .where(BookingLink.id == link.id)
        .execution_options(populate_existing=True)
    )
    if locked is None or fresh is None or (active and not fresh.active):
        raise NotFound("Booking link not found or inactive")
    _release_stale(link.calendar_id, now)
    return fresh


def _release_stale(calendar_id: uuid.UUID, now: datetime) -> None:
    """Expired holds, and bookings whose event is gone, stop occupying their range
    (the exclusion constraint still sees them until this runs)."""
    expired = db.session.scalars(
        sa.update(Booking)
        .where(
            Booking.calendar_id == calendar_id,
            Booking.status == "held",
            Booking.expires_at <= now,
        )
        .values(status="expired", updated_at=now)
        .returning(Booking.id)
        .execution_options(synchronize_session=False)
    ).all()
    cancelled = db.session.scalars(
        sa.update(Booking)
        .where(
            Booking.calendar_id == calendar_id,
            Booking.status.in_(("active", "pending")),
            sa.not_(service.event_is_live()),
        )
        .values(status="cancelled", cancelled_at=now, updated_at=now)
        .returning(Booking.id)
        .execution_options(synchronize_session=False)
    ).all()
    for booking_id in [*expired, *cancelled]:
        changes.record(
            db.session, "booking", booking_id, "updated", calendar_id=calendar_id
        )


def blocked_range(link: BookingLink, start: datetime, end: datetime) -> Range:
    pad = timedelta(minutes=link.buffer_minutes)
    return Range(start - pad, end + pad, bounds="[)")


def flush(start: datetime, end: datetime) -> None:
    """:raises SlotUnavailable: the exclusion constraint refused the row."""
    try:
        db.session.flush()
    except IntegrityError as exc:
        if "ex_bookings_no_overlap" in str(exc.orig):
            raise service.unavailable(start, end, "it was just taken") from exc
        raise


def _load(booking_id: uuid.UUID, *conditions) -> Booking | None:
    return db.session.scalar(
        sa.select(Booking)
        .where(Booking.id == booking_id, *conditions)
        .execution_options(populate_existing=True)
    )


# --- what the visitor is shown --------------------------------------------------------


def _description(link: BookingLink, name: str, email: str, notes: str | None) -> str:
    parts = [link.description] if link.description else []
    parts.append(f"Booked by {name} <{email}> through a booking link.")
    if notes:
        parts.append(f"Notes from {name}:\n{notes}")
    return "\n\n".join(parts)


def reservation_status(booking: Booking) -> str:
    """``status`` of a reservation's answer: pending (waits for the owner's
    approval) or confirmed."""
    return "pending" if booking.status == "pending" else "confirmed"


def booking_view(booking: Booking, secret: str | None = None) -> dict:
    """A booking as ``BookingSchema`` (``manage_token`` only when just made)."""
    return {
        "id": booking.id,
        "status": booking.status,
        "slot_start": booking.start_time,
        "slot_end": booking.end_time,
        "manage_token": secret,
    }


def visitor_event(booking: Booking, sent: dict | None = None) -> dict | None:
    """The booking as an event (``EventSchema``) from the visitor's side.

    Made of ``sent`` (the request's name, email and notes; the stored booking's
    when None) and the link's public title and description: nothing the owner
    or another attendee wrote on the event reaches the visitor. ``None`` when
    the owner deleted the event.
    """
    if sent is None:
        sent = {"name": booking.name, "email": booking.email, "notes": booking.notes}
    name, email, notes = sent["name"], sent["email"], sent.get("notes")
    event = db.session.execute(
        sa.select(Event.id, Event.ical_uid).where(
            Event.id == booking.event_id, Event.deleted_at.is_(None)
        )
    ).one_or_none()
    if event is None:
        return None
    link = db.session.get(BookingLink, booking.link_id)
    attendee_id = db.session.scalar(
        sa.select(EventAttendee.id).where(
            EventAttendee.event_id == event.id, EventAttendee.email == email
        )
    ) or uuid.uuid5(booking.id, email)  # the owner removed the visitor's row
    return {
        "id": event.id,
        "calendar_id": booking.calendar_id,
        "ical_uid": event.ical_uid,
        "title": link.title,
        "description": _description(link, name, email, notes),
        "location": None,
        "start_time": booking.start_time,
        "end_time": booking.end_time,
        "timezone": link.zone_name,
        "all_day": False,
        "start_date": None,
        "end_date": None,
        "recurrence_rule": None,
        "status": EVENT_STATUS.get(booking.status, "cancelled"),
        "transparency": "busy",
        "source": None,
        "tags": [],
        "attachments": [],
        "reminders": [],
        "attendees": [
            {
                "id": attendee_id,
                "email": email,
                "name": name,
                "user_id": None,  # whether the email has an account is not shown
                "status": "accepted",
            }
        ],
        "sequence": 0,
        "exdates": [],
        "rdates": [],
        "series_id": None,
        "original_start_time": None,
        "created_by": None,
        "updated_by": None,
        "created_at": booking.created_at,
        "updated_at": booking.updated_at,
    }


# --- reserve --------------------------------------------------------------------------


def _repeat_of(link: BookingLink, email: str, start: datetime, end: datetime):
    return db.session.scalar(
        sa.select(Booking).where(
            Booking.link_id == link.id,
            Booking.email == email,
            Booking.start_time == start,
            Booking.end_time == end,
            Booking.status.in_(LIVE),
            service.event_is_live(),
        )
    )


def _own_hold(link, hold_id, email, start, end, now) -> Booking | None:
    """The caller's live hold of exactly this slot, if ``hold_id`` names one."""
    if hold_id is None:
        return None
    return _load(
        hold_id,
        Booking.link_id == link.id,
        Booking.email == email,
        Booking.status == "held",
        Booking.expires_at > now,
        Booking.start_time == start,
        Booking.end_time == end,
    )


def reserve(token: str, data: dict, now: datetime) -> tuple[Booking, str | None]:
    """Book a slot the link offers: an event with the visitor as attendee, and a
    booking. Returns the booking and its manage secret (None for a repeat).

    Through a link that requires confirmation the booking is ``pending`` until
    the owner answers (at the latest ``confirmation_timeout_hours`` from now),
    and its event ``tentative``: it blocks the slot all the same.

    :raises NotFound: unknown or inactive link.
    :raises SlotUnavailable: the slot is not offered, or was just taken.
    """
    link = service.public_link(token)
    email, start, end = data["email"], data["slot_start"], data["slot_end"]
    hold_id = data.get("hold_id")
    # Unlocked first look: a slot that is plainly not bookable never waits for
    # (or holds) the calendar lock.
    if _repeat_of(link, email, start, end) is None and (
        _own_hold(link, hold_id, email, start, end, now) is None
    ):
        service.check_offered(link, start, end, now)
    link = lock(link, now)
    repeat = _repeat_of(link, email, start, end)
    if repeat is not None:
        return repeat, None
    booking = _own_hold(link, hold_id, email, start, end, now)
    if booking is not None:
        booking.status = "expired"  # release it for the re-check below
        db.session.flush()
    service.check_offered(link, start, end, now)
    pending = link.requires_confirmation
    event = events_service.create(
        Principal.system(),
        {
            "calendar_id": link.calendar_id,
            "title": link.title,
            "description": _description(link, data["name"], email, data.get("notes")),
            "start_time": start,
            "end_time": end,
            "timezone": link.zone_name,
            "status": "tentative" if pending else "confirmed",
            "attendees": [{"email": email, "name": data["name"]}],
        },
        now,
    )
    for attendee in event.attendees:  # the visitor chose the slot
        attendee.status = "accepted"
    if booking is None:
        booking = Booking(id=uuid.uuid4(), created_at=now)
        db.session.add(booking)
    secret = service.manage_secret(booking.id)
    booking.link_id = link.id
    booking.calendar_id = link.calendar_id
    booking.event_id = event.id
    booking.name = data["name"]
    booking.email = email
    booking.notes = data.get("notes")
    booking.start_time, booking.end_time = start, end
    booking.blocked = blocked_range(link, start, end)
    booking.status = "pending" if pending else "active"
    booking.requires_confirmation = pending
    booking.expires_at = (
        now + timedelta(hours=link.confirmation_timeout_hours) if pending else None
    )
    booking.manage_token_hash = hash_token(secret)
    booking.updated_at = now
    flush(start, end)
    notices.queue_notice(
        booking, "booking.requested" if pending else "booking.confirmed", now
    )
    return booking, secret


# --- manage (cancel, reschedule) ------------------------------------------------------


def _managed(link: BookingLink, booking_id: uuid.UUID, manage_token: str) -> Booking:
    """:raises NotFound: no such booking of this link, or the wrong secret."""
    booking = _load(
        booking_id,
        Booking.link_id == link.id,
        Booking.status.in_((*LIVE, "declined", "cancelled")),
    )
    expected = (booking.manage_token_hash if booking else None) or _NO_SECRET
    if not tokens_equal(hash_token(manage_token), expected) or booking is None:
        raise NotFound("Booking not found")
    return booking


def managed(token: str, booking_id: uuid.UUID, manage_token: str) -> Booking:
    """The booking as its visitor sees it through the manage link; on a
    deactivated link too (the visitor can still cancel).

    :raises NotFound: unknown link or booking, wrong secret.
    """
    link = service.find_link(token)
    if link is None:
        raise NotFound("Booking link not found")
    return _managed(link, booking_id, manage_token)


def _event_of(booking: Booking) -> Event | None:
    try:
        return policy.get_event(Principal.system(), booking.event_id, "write")[0]
    except NotFound:  # the owner deleted it
        return None


def cancel(
    token: str, booking_id: uuid.UUID, manage_token: str, now: datetime
) -> Booking:
    """Cancel the booking and its event; cancelling again changes nothing. Works
    on a deactivated link too: visitors can always cancel.

    :raises NotFound: unknown link or booking, wrong secret.
    """
    link = service.find_link(token)
    if link is None:
        raise NotFound("Booking link not found")
    _managed(link, booking_id, manage_token)
    lock(link, now, active=False)
    booking = _load(booking_id)
    if booking.status in LIVE:
        booking.status = "cancelled"
        booking.cancelled_at = booking.updated_at = now
        if _event_of(booking) is not None:
            events_service.update(
                Principal.system(), booking.event_id, {"status": "cancelled"}, now
            )
        db.session.flush()
    return booking


def reschedule(token: str, booking_id: uuid.UUID, data: dict, now: datetime):
    """Move the booking and its event to another offered slot, atomically: the old
    slot is released in the same transaction.

    :raises NotFound: unknown link or booking, wrong secret.
    :raises Conflict: the booking is cancelled.
    :raises SlotUnavailable: the new slot is not offered, or was just taken.
    """
    link = service.public_link(token)
    _managed(link, booking_id, data["manage_token"])
    start, end = data["slot_start"], data["slot_end"]
    link = lock(link, now)
    booking = _load(booking_id)
    if booking.status not in LIVE:
        raise Conflict(
            f"This booking is {booking.status}: reserve a new slot instead",
            details={"status": booking.status},
        )
    if (booking.start_time, booking.end_time) == (start, end):
        return booking
    event = _event_of(booking)
    # Release the old slot (booking and event) for the re-check, in this
    # transaction only: a refusal rolls everything back.
    status, booking_status = event.status, booking.status
    booking.status, event.status = "cancelled", "cancelled"
    db.session.flush()
    service.check_offered(link, start, end, now)
    booking.status, event.status = booking_status, status
    events_service.update(
        Principal.system(), event.id, {"start_time": start, "end_time": end}, now
    )
    booking.start_time, booking.end_time = start, end
    booking.blocked = blocked_range(link, start, end)
    booking.updated_at = now
    flush(start, end)
    return booking
