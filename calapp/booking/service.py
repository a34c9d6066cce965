"""Booking links, public availability, reservations and holds.

Decisions a client will notice:

- Links are managed by the calendar's owner only (editor 403, stranger 404). The
  token (32 random bytes) is the public URL; ``DELETE`` only deactivates the
  link (its public endpoints then answer 404), ``PUT`` can activate it again.
- Offered slots: the link's working hours in its zone (``calapp.booking.slots``),
  minus busy events of the calendar (recurring ones expanded), minus active
  bookings and unexpired holds, all kept ``buffer_minutes`` apart, minus the
  past and the minimum notice, up to ``max_days_ahead`` local days ahead, and no
  slot on a local day that already has ``max_bookings_per_day`` bookings (or
  holds) of the link.
- A booking's ``blocked`` range is its slot widened by the link's buffer, so two
  bookings of links with buffer ``b`` are ``2b`` apart (each keeps its own
  buffer), and a booking and an ordinary event ``b`` apart.
- Reserve, hold, cancel and reschedule lock the calendar row: every decision
  about one calendar's slots is taken by one transaction at a time, after a
  re-check of every busy source. The exclusion constraint of ``bookings`` backs
  this up for any writer. A lost race, or a slot not offered, is 409
  ``slot_unavailable``.
- Repeating a reservation (same link, email and slot) returns the booking again
  with ``manage_token: null``: the secret is shown once.
- A hold keeps a slot for a few minutes; reserving with its ``hold_id`` and the
  same email turns it into the booking. Expired holds stop blocking at once;
  they are marked ``expired`` by the next locked write, no background job needed.
- A booking whose event the owner cancelled or deleted frees its slot.
- A wrong ``manage_token`` is a 404, as is an unknown booking: nothing leaks.
  Cancelling still works after the owner deactivated the link; rescheduling,
  like every other public endpoint of an inactive link, is a 404.
"""

from __future__ import annotations

import re
import secrets
import uuid
from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import Range
from sqlalchemy.exc import IntegrityError

from calapp import policy
from calapp.availability.service import busy_by_calendar
from calapp.booking import slots
from calapp.booking.models import Booking, BookingLink
from calapp.calendars.models import Calendar
from calapp.db import UTCDateTime
from calapp.errors import Conflict, NotFound, ValidationError
from calapp.events import service as events_service
from calapp.events.models import Event
from calapp.extensions import db
from calapp.fields import format_instant
from calapp.notifications import service as notifications
from calapp.pagination import keyset_page
from calapp.security import Principal, hash_token, new_secret, tokens_equal
from calapp.users.models import User

MAX_AVAILABILITY_WINDOW = timedelta(days=62)
DEFAULT_HOLD_MINUTES = 5
# secrets.token_urlsafe output: anything else cannot be a token (and NUL or odd
# characters never reach PostgreSQL).
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# Compared against when a booking has no manage secret, so the work is the same.
_NO_SECRET = hash_token("no secret")
LINK_FIELDS = (
    "title",
    "description",
    "duration_minutes",
    "buffer_minutes",
    "timezone",
    "working_hours",
    "min_notice_minutes",
    "max_days_ahead",
    "slot_interval_minutes",
    "max_bookings_per_day",
    "active",
)


class SlotUnavailable(Conflict):
    code = "slot_unavailable"


def _unavailable(start: datetime, end: datetime, why: str) -> SlotUnavailable:
    return SlotUnavailable(
        f"This slot cannot be booked: {why}. Pick one from the link's availability",
        details={"slot_start": format_instant(start), "slot_end": format_instant(end)},
    )


# --- links (owner) --------------------------------------------------------------------


def settings(link: BookingLink) -> dict:
    """Every setting of the link, as ``settings`` in responses."""
    shown = {name: getattr(link, name) for name in LINK_FIELDS}
    shown["slot_interval_minutes"] = link.slot_interval_minutes or link.duration_minutes
    return shown


def _default_title(calendar: Calendar) -> str:
    owner = db.session.get(User, calendar.owner_id)
    return f"Meeting with {owner.name or owner.email}"[:500]


def create_link(
    principal: Principal, calendar_id: uuid.UUID, data: dict, now: datetime
) -> BookingLink:
    """:raises NotFound: calendar invisible. :raises Forbidden: not the owner."""
    calendar, _ = policy.get_calendar(principal, calendar_id, "manage")
    link = BookingLink(
        id=uuid.uuid4(),
        calendar_id=calendar.id,
        token=secrets.token_urlsafe(32),
        created_by=principal.user_id,
        created_at=now,
        updated_at=now,
        **{name: data.get(name) for name in LINK_FIELDS},
    )
    link.title = data.get("title") or _default_title(calendar)
    db.session.add(link)
    db.session.flush()
    return link


def links_page(
    principal: Principal, calendar_id: uuid.UUID, limit: int, cursor: str | None
):
    """The calendar's links, active or not, oldest first (owner only)."""
    policy.get_calendar(principal, calendar_id, "manage")
    stmt = sa.select(BookingLink).where(BookingLink.calendar_id == calendar_id)
    return keyset_page(
        stmt,
        keys=[BookingLink.created_at, BookingLink.id],
        key_of=lambda link: (link.created_at, link.id),
        limit=limit,
        cursor=cursor,
    )


def _find_link(token: str) -> BookingLink | None:
    if not _TOKEN_RE.match(token):
        return None
    return db.session.scalar(
        sa.select(BookingLink)
        .join(Calendar, Calendar.id == BookingLink.calendar_id)
        .where(BookingLink.token == token, Calendar.deleted_at.is_(None))
    )


def _owned_link(principal: Principal, token: str) -> BookingLink:
    """:raises NotFound: unknown token or invisible calendar. :raises Forbidden:
    a member who is not the owner."""
    link = _find_link(token)
    if link is None:
        raise NotFound("Booking link not found")
    try:
        policy.get_calendar(principal, link.calendar_id, "manage")
    except NotFound:
        raise NotFound("Booking link not found") from None
    return link


def update_link(
    principal: Principal, token: str, changes: dict, now: datetime
) -> BookingLink:
    """Partial update; a field left out keeps its value."""
    link = _owned_link(principal, token)
    for name, value in changes.items():
        setattr(link, name, value)
    link.updated_at = now
    db.session.flush()
    return link


def deactivate_link(principal: Principal, token: str, now: datetime) -> None:
    """The link stops answering publicly; its bookings stay."""
    link = _owned_link(principal, token)
    if link.active:
        link.active = False
        link.updated_at = now
        db.session.flush()


# --- offered slots --------------------------------------------------------------------


def public_link(token: str) -> BookingLink:
    """:raises NotFound: unknown or inactive token, or a deleted calendar."""
    link = _find_link(token)
    if link is None or not link.active:
        raise NotFound("Booking link not found or inactive")
    return link


def rules(link: BookingLink) -> slots.Rules:
    interval = link.slot_interval_minutes
    return slots.Rules(
        timezone=link.timezone,
        duration=timedelta(minutes=link.duration_minutes),
        working_hours=slots.parse_working_hours(link.working_hours),
        buffer=timedelta(minutes=link.buffer_minutes),
        slot_interval=timedelta(minutes=interval) if interval else None,
        min_notice=timedelta(minutes=link.min_notice_minutes),
        max_days_ahead=link.max_days_ahead,
        max_per_day=link.max_bookings_per_day,
    )


def _event_is_live():
    return sa.exists().where(
        Event.id == Booking.event_id,
        Event.deleted_at.is_(None),
        Event.status != "cancelled",
    )


def _blocking(now: datetime):
    """SQL: rows that occupy their range now (active with a live event, or a
    hold that has not expired)."""
    return sa.or_(
        sa.and_(Booking.status == "active", _event_is_live()),
        sa.and_(Booking.status == "held", Booking.expires_at > now),
    )


def _booking_blocks(
    calendar_id: uuid.UUID, start: datetime, end: datetime, now: datetime
) -> list[tuple[datetime, datetime]]:
    rows = db.session.execute(
        sa.select(
            sa.func.lower(Booking.blocked, type_=UTCDateTime),
            sa.func.upper(Booking.blocked, type_=UTCDateTime),
        ).where(
            Booking.calendar_id == calendar_id,
            Booking.blocked.op("&&")(sa.func.tstzrange(start, end)),
            _blocking(now),
        )
    )
    return [(lo, hi) for lo, hi in rows]


def _per_day(
    link: BookingLink, zone: ZoneInfo, start: datetime, end: datetime, now: datetime
) -> Counter:
    """Bookings and live holds of the link per local day around ``[start, end)``."""
    starts = db.session.scalars(
        sa.select(Booking.start_time).where(
            Booking.link_id == link.id,
            Booking.start_time >= start - timedelta(days=2),
            Booking.start_time < end + timedelta(days=2),
            _blocking(now),
        )
    )
    return Counter(s.astimezone(zone).date() for s in starts)


def offered(
    link: BookingLink, start: datetime, end: datetime, now: datetime
) -> list[slots.Slot]:
    """The slots of ``link`` inside ``[start, end)`` that can be booked ``now``."""
    link_rules = rules(link)
    lo = max(start, now + link_rules.min_notice)
    # The engine stops at the last allowed local day; two days more cover any zone.
    hi = min(end, now + timedelta(days=link_rules.max_days_ahead + 2))
    if hi - lo < link_rules.duration:
        return []
    pad = link_rules.buffer
    calendar, _ = policy.get_calendar(Principal.system(), link.calendar_id)
    busy = busy_by_calendar([calendar], lo - pad, hi + pad)[calendar.id]
    busy += _booking_blocks(calendar.id, lo - pad, hi + pad, now)
    per_day = None  # no daily limit: no need to count
    if link_rules.max_per_day is not None:
        per_day = _per_day(link, link_rules.zone, lo, hi, now)
    return slots.free_slots(link_rules, busy, lo, hi, now, per_day)


def availability(token: str, start: datetime, end: datetime, now: datetime) -> dict:
    """:raises ValidationError: a window longer than 62 days (or empty).
    :raises NotFound: unknown or inactive link."""
    if end <= start:
        raise ValidationError.field("end", "must be after start")
    if end - start > MAX_AVAILABILITY_WINDOW:
        raise ValidationError.field(
            "end", f"the range may span at most {MAX_AVAILABILITY_WINDOW.days} days"
        )
    link = public_link(token)
    found = offered(link, start, end, now)
    return {
        "token": link.token,
        "timezone": link.timezone,
        "duration_minutes": link.duration_minutes,
        "slots": [{"start": s, "end": e} for s, e in found],
    }


def _check_offered(
    link: BookingLink, start: datetime, end: datetime, now: datetime
) -> None:
    """:raises SlotUnavailable: ``[start, end)`` is not a slot offered now."""
    if end - start != timedelta(minutes=link.duration_minutes):
        raise _unavailable(
            start, end, f"slots last {link.duration_minutes} minutes on this link"
        )
    if (start, end) not in offered(link, start, end, now):
        raise _unavailable(start, end, "it is taken, outside the offered times or "
                           "too soon")  # fmt: skip


# --- locked writes --------------------------------------------------------------------


def _lock(link: BookingLink, now: datetime, *, active: bool = True) -> BookingLink:
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
    db.session.execute(
        sa.update(Booking)
        .where(
            Booking.calendar_id == calendar_id,
            Booking.status == "held",
            Booking.expires_at <= now,
        )
        .values(status="expired", updated_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        sa.update(Booking)
        .where(
            Booking.calendar_id == calendar_id,
            Booking.status == "active",
            sa.not_(_event_is_live()),
        )
        .values(status="cancelled", cancelled_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )


def _blocked(link: BookingLink, start: datetime, end: datetime) -> Range:
    pad = timedelta(minutes=link.buffer_minutes)
    return Range(start - pad, end + pad, bounds="[)")


def _flush(start: datetime, end: datetime) -> None:
    """:raises SlotUnavailable: the exclusion constraint refused the row."""
    try:
        db.session.flush()
    except IntegrityError as exc:
        if "ex_bookings_no_overlap" in str(exc.orig):
            raise _unavailable(start, end, "it was just taken") from exc
        raise


def _load(booking_id: uuid.UUID, *conditions) -> Booking | None:
    return db.session.scalar(
        sa.select(Booking)
        .where(Booking.id == booking_id, *conditions)
        .execution_options(populate_existing=True)
    )


# --- reserve --------------------------------------------------------------------------


def _repeat_of(link: BookingLink, email: str, start: datetime, end: datetime):
    return db.session.scalar(
        sa.select(Booking).where(
            Booking.link_id == link.id,
            Booking.email == email,
            Booking.start_time == start,
            Booking.end_time == end,
            Booking.status == "active",
            _event_is_live(),
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


def _description(link: BookingLink, name: str, email: str, notes: str | None) -> str:
    parts = [link.description] if link.description else []
    parts.append(f"Booked by {name} <{email}> through a booking link.")
    if notes:
        parts.append(f"Notes from {name}:\n{notes}")
    return "\n\n".join(parts)


def reserve(token: str, data: dict, now: datetime) -> tuple[Booking, str | None]:
    """Book a slot the link offers: an event with the visitor as attendee, and a
    booking. Returns the booking and its manage secret (None for a repeat).

    :raises NotFound: unknown or inactive link.
    :raises SlotUnavailable: the slot is not offered, or was just taken.
    """
    link = public_link(token)
    email, start, end = data["email"], data["slot_start"], data["slot_end"]
    hold_id = data.get("hold_id")
    # Unlocked first look: a slot that is plainly not bookable never waits for
    # (or holds) the calendar lock.
    if _repeat_of(link, email, start, end) is None and (
        _own_hold(link, hold_id, email, start, end, now) is None
    ):
        _check_offered(link, start, end, now)
    link = _lock(link, now)
    repeat = _repeat_of(link, email, start, end)
    if repeat is not None:
        return repeat, None
    booking = _own_hold(link, hold_id, email, start, end, now)
    if booking is not None:
        booking.status = "expired"  # release it for the re-check below
        db.session.flush()
    _check_offered(link, start, end, now)
    event = events_service.create(
        Principal.system(),
        {
            "calendar_id": link.calendar_id,
            "title": link.title,
            "description": _description(link, data["name"], email, data.get("notes")),
            "start_time": start,
            "end_time": end,
            "timezone": link.timezone,
            "status": "confirmed",
            "attendees": [{"email": email, "name": data["name"]}],
        },
        now,
    )
    for attendee in event.attendees:  # the visitor chose the slot
        attendee.status = "accepted"
    if booking is None:
        booking = Booking(id=uuid.uuid4(), created_at=now)
        db.session.add(booking)
    secret = new_secret(32)
    booking.link_id = link.id
    booking.calendar_id = link.calendar_id
    booking.event_id = event.id
    booking.name = data["name"]
    booking.email = email
    booking.notes = data.get("notes")
    booking.start_time, booking.end_time = start, end
    booking.blocked = _blocked(link, start, end)
    booking.status = "active"
    booking.expires_at = None
    booking.manage_token_hash = hash_token(secret)
    booking.updated_at = now
    _flush(start, end)
    notifications.booking_created(booking, now)  # webhooks
    return booking, secret


def hold(token: str, data: dict, now: datetime, minutes: int) -> Booking:
    """Keep a slot for ``minutes``; the same email asking again gets the same hold.

    :raises NotFound: unknown or inactive link.
    :raises SlotUnavailable: the slot is not offered, or was just taken.
    """
    link = public_link(token)
    email, start, end = data["email"], data["slot_start"], data["slot_end"]

    def same_hold():
        return db.session.scalar(
            sa.select(Booking).where(
                Booking.link_id == link.id,
                Booking.email == email,
                Booking.start_time == start,
                Booking.end_time == end,
                Booking.status == "held",
                Booking.expires_at > now,
            )
        )

    if same_hold() is None:
        _check_offered(link, start, end, now)
    link = _lock(link, now)
    existing = same_hold()
    if existing is not None:
        return existing
    _check_offered(link, start, end, now)
    booking = Booking(
        id=uuid.uuid4(),
        link_id=link.id,
        calendar_id=link.calendar_id,
        email=email,
        start_time=start,
        end_time=end,
        blocked=_blocked(link, start, end),
        status="held",
        expires_at=now + timedelta(minutes=minutes),
        created_at=now,
        updated_at=now,
    )
    db.session.add(booking)
    _flush(start, end)
    return booking


# --- manage (cancel, reschedule) ------------------------------------------------------


def _managed(link: BookingLink, booking_id: uuid.UUID, manage_token: str) -> Booking:
    """:raises NotFound: no such booking of this link, or the wrong secret."""
    booking = _load(
        booking_id,
        Booking.link_id == link.id,
        Booking.status.in_(("active", "cancelled")),
    )
    expected = (booking.manage_token_hash if booking else None) or _NO_SECRET
    if not tokens_equal(hash_token(manage_token), expected) or booking is None:
        raise NotFound("Booking not found")
    return booking


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
    link = _find_link(token)
    if link is None:
        raise NotFound("Booking link not found")
    _managed(link, booking_id, manage_token)
    _lock(link, now, active=False)
    booking = _load(booking_id)
    if booking.status == "active":
        booking.status = "cancelled"
        booking.cancelled_at = booking.updated_at = now
        if _event_of(booking) is not None:
            events_service.update(
                Principal.system(), booking.event_id, {"status": "cancelled"}, now
            )
        db.session.flush()
        notifications.booking_cancelled(booking, now)  # webhooks
    return booking


def reschedule(token: str, booking_id: uuid.UUID, data: dict, now: datetime):
    """Move the booking and its event to another offered slot, atomically: the old
    slot is released in the same transaction.

    :raises NotFound: unknown link or booking, wrong secret.
    :raises Conflict: the booking is cancelled.
    :raises SlotUnavailable: the new slot is not offered, or was just taken.
    """
    link = public_link(token)
    _managed(link, booking_id, data["manage_token"])
    start, end = data["slot_start"], data["slot_end"]
    link = _lock(link, now)
    booking = _load(booking_id)
    if booking.status != "active":
        raise Conflict("This booking is cancelled: reserve a new slot instead")
    if (booking.start_time, booking.end_time) == (start, end):
        return booking
    event = _event_of(booking)
    # Release the old slot (booking and event) for the re-check, in this
    # transaction only: a refusal rolls everything back.
    status = event.status
    booking.status, event.status = "cancelled", "cancelled"
    db.session.flush()
    _check_offered(link, start, end, now)
    booking.status, event.status = "active", status
    events_service.update(
        Principal.system(), event.id, {"start_time": start, "end_time": end}, now
    )
    booking.start_time, booking.end_time = start, end
    booking.blocked = _blocked(link, start, end)
    booking.updated_at = now
    _flush(start, end)
    return booking
