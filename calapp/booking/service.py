"""What a booking link offers the public: its slots, and the checks of a slot.

Links themselves (managed by the owner) are in ``calapp.booking.links``.

Decisions a client will notice:

- Offered slots: the link's working hours in its zone (``calapp.availability.slots``),
  minus busy events of the calendar (recurring ones expanded), minus active
  bookings and unexpired holds, all kept ``buffer_minutes`` apart, minus the
  past and the minimum notice, up to ``max_days_ahead`` local days ahead, and no
  slot on a local day that already has ``max_bookings_per_day`` bookings (or
  holds) of the link.
- A booking's ``blocked`` range is its slot widened by the link's buffer, so two
  bookings of links with buffer ``b`` are ``2b`` apart (each keeps its own
  buffer), and a booking and an ordinary event ``b`` apart.

Reservations, cancel and reschedule are in ``calapp.booking.reservations``,
holds and their limits in ``calapp.booking.holds``.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from calapp import policy
from calapp.availability import reasons, slots
from calapp.availability.service import busy_by_calendar
from calapp.booking.models import Booking, BookingLink
from calapp.calendars.models import Calendar
from calapp.db import UTCDateTime
from calapp.errors import Conflict, NotFound, ValidationError
from calapp.events.models import Event
from calapp.extensions import db
from calapp.fields import format_instant
from calapp.schedules import service as schedules
from calapp.schedules.hooks import schedule_deleting
from calapp.security import Principal, derived_secret

MAX_AVAILABILITY_WINDOW = timedelta(days=62)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# secrets.token_urlsafe output: anything else cannot be a token (and NUL or odd
# characters never reach PostgreSQL).
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class SlotUnavailable(Conflict):
    code = "slot_unavailable"


def unavailable(
    start: datetime, end: datetime, why: str, codes: list[str] | None = None
) -> SlotUnavailable:
    details = {"slot_start": format_instant(start), "slot_end": format_instant(end)}
    if codes:
        details["reasons"] = codes
    return SlotUnavailable(
        f"This slot cannot be booked: {why}. Pick one from the link's availability",
        details=details,
    )


def manage_secret(booking_id: uuid.UUID) -> str:
    """The secret of a booking's manage link (view, cancel, reschedule): derived
    from the booking's random id and SECRET_KEY, so an email sent later can
    carry it; only its hash is stored."""
    key = current_app.config["SECRET_KEY"]
    return derived_secret(key, "booking-manage", booking_id)


def find_link(token: str) -> BookingLink | None:
    if not _TOKEN_RE.match(token):
        return None
    return db.session.scalar(
        sa.select(BookingLink)
        .join(Calendar, Calendar.id == BookingLink.calendar_id)
        .where(BookingLink.token == token, Calendar.deleted_at.is_(None))
    )


# --- offered slots --------------------------------------------------------------------


def public_link(token: str) -> BookingLink:
    """:raises NotFound: unknown or inactive token, or a deleted calendar."""
    link = find_link(token)
    if link is None or not link.active:
        raise NotFound("Booking link not found or inactive")
    return link


def rules(link: BookingLink) -> slots.Rules:
    """The link's rules: its own hours, or its schedule's (with date overrides)."""
    interval = link.slot_interval_minutes
    overrides = {}
    if link.schedule is not None:
        overrides = schedules.override_windows(link.schedule)
    return slots.Rules(
        timezone=link.zone_name,
        duration=timedelta(minutes=link.duration_minutes),
        working_hours=slots.parse_working_hours(link.weekly_hours),
        date_overrides=overrides,
        buffer=timedelta(minutes=link.buffer_minutes),
        slot_interval=timedelta(minutes=interval) if interval else None,
        min_notice=timedelta(minutes=link.min_notice_minutes),
        max_days_ahead=link.max_days_ahead,
        max_per_day=link.max_bookings_per_day,
    )


def event_is_live():
    return sa.exists().where(
        Event.id == Booking.event_id,
        Event.deleted_at.is_(None),
        Event.status != "cancelled",
    )


def blocking(now: datetime):
    """SQL: rows that occupy their range now (active or pending with a live
    event, or a hold that has not expired)."""
    return sa.or_(
        sa.and_(Booking.status.in_(("active", "pending")), event_is_live()),
        sa.and_(Booking.status == "held", Booking.expires_at > now),
    )


def _booking_rows(
    calendar_id: uuid.UUID, start: datetime, end: datetime, now: datetime
):
    """Bookings and live holds of the calendar whose blocked range overlaps
    ``[start, end)``: ``(blocked lower, blocked upper, slot start, slot end,
    expires_at or None)``."""
    held_until = sa.case(
        (Booking.status == "held", Booking.expires_at), else_=sa.null()
    )
    return db.session.execute(
        sa.select(
            sa.func.lower(Booking.blocked, type_=UTCDateTime),
            sa.func.upper(Booking.blocked, type_=UTCDateTime),
            Booking.start_time,
            Booking.end_time,
            held_until,
        ).where(
            Booking.calendar_id == calendar_id,
            Booking.blocked.op("&&")(sa.func.tstzrange(start, end)),
            blocking(now),
        )
    ).all()


def _booking_blocks(
    calendar_id: uuid.UUID, start: datetime, end: datetime, now: datetime
) -> list[tuple[datetime, datetime]]:
    return [(lo, hi) for lo, hi, *_ in _booking_rows(calendar_id, start, end, now)]


def _per_day(
    link: BookingLink, zone: ZoneInfo, start: datetime, end: datetime, now: datetime
) -> Counter:
    """Bookings and live holds of the link per local day around ``[start, end)``."""
    starts = db.session.scalars(
        sa.select(Booking.start_time).where(
            Booking.link_id == link.id,
            Booking.start_time >= start - timedelta(days=2),
            Booking.start_time < end + timedelta(days=2),
            blocking(now),
        )
    )
    return Counter(s.astimezone(zone).date() for s in starts)


def whole_days(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """``[start, end)`` widened to whole UTC days."""
    day = timedelta(days=1)
    return (
        EPOCH + (start - EPOCH) // day * day,
        EPOCH + -((EPOCH - end) // day) * day,
    )


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
    # Busy blocks of [lo, hi) widened to whole UTC days: the range then stays
    # the same all day long although ``now`` moves it, and the same question
    # finds them cached (the extra blocks are outside every slot offered).
    first, last = whole_days(lo, hi)
    first, last = max(start, first), min(end, last)
    busy = busy_by_calendar([calendar], first - pad, last + pad)[calendar.id]
    busy += _booking_blocks(calendar.id, lo - pad, hi + pad, now)
    per_day = bookings_per_day(link, lo, hi, now)
    off = [(a.start, a.end) for a in owner_absences(link, calendar, lo, hi)]
    return slots.free_slots(link_rules, busy, lo, hi, now, per_day, off)


def owner_absences(
    link: BookingLink, calendar: Calendar, start: datetime, end: datetime
) -> list[schedules.Absence]:
    """Time off and blocking holidays of the calendar's owner around
    ``[start, end)``; holidays are whole days in the link's zone."""
    return schedules.absences({calendar.owner_id: link.zone_name}, start, end)


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
        "timezone": link.zone_name,
        "duration_minutes": link.duration_minutes,
        "slots": [{"start": s, "end": e} for s, e in found],
    }


def blockers(
    link: BookingLink, start: datetime, end: datetime, now: datetime
) -> list[reasons.Blocker]:
    """What is in the way of ``[start, end)`` on the link's calendar, as the
    listing sees it (``offered``): busy blocks of events (merged: what they are
    is not said), bookings (their slot as ``core``) and live holds."""
    pad = timedelta(minutes=link.buffer_minutes)
    calendar, _ = policy.get_calendar(Principal.system(), link.calendar_id)
    # Whole days, as ``offered`` reads them: questions about one day's slots
    # share one cached answer (blocks outside the slot's reach change nothing).
    first, last = whole_days(start - pad, end + pad)
    busy = busy_by_calendar([calendar], first, last)[calendar.id]
    rows = _booking_rows(calendar.id, start - pad, end + pad, now)
    away = [
        reasons.Blocker(a.start, a.end, code=a.code, name=a.name)
        for a in owner_absences(link, calendar, start, end)
    ]
    return (
        [reasons.Blocker(s, e) for s, e in busy]
        + [
            reasons.Blocker(lo, hi, held_until=until)
            if until is not None
            else reasons.Blocker(lo, hi, core=(slot_start, slot_end))
            for lo, hi, slot_start, slot_end, until in rows
        ]
        + away
    )


@schedule_deleting.register
def refuse_while_linked(owner_id: uuid.UUID, schedule_id: uuid.UUID) -> None:
    """:raises Conflict: a booking link (active or not) uses the schedule."""
    titles = db.session.scalars(
        sa.select(BookingLink.title).where(BookingLink.schedule_id == schedule_id)
    ).all()
    if titles:
        raise Conflict(
            f"{len(titles)} booking link(s) use this schedule; give them other "
            "hours first",
            details={"booking_links": titles[:20]},
        )


def bookings_per_day(
    link: BookingLink, start: datetime, end: datetime, now: datetime
) -> Counter | None:
    """Bookings and live holds per local day around ``[start, end)``; None when
    the link has no daily limit (no need to count)."""
    if link.max_bookings_per_day is None:
        return None
    return _per_day(link, rules(link).zone, start, end, now)


def slot_reasons(
    link: BookingLink, start: datetime, now: datetime
) -> list[reasons.Reason]:
    """Every rule of the link that keeps ``[start, start + duration)`` out of
    ``offered`` now (``[]``: it is offered), from what the listing reads."""
    link_rules = rules(link)
    end = start + link_rules.duration
    return reasons.explain(
        link_rules,
        start,
        now,
        blockers(link, start, end, now),
        bookings_per_day(link, start, end, now),
    )


def check_offered(
    link: BookingLink, start: datetime, end: datetime, now: datetime
) -> None:
    """:raises SlotUnavailable: ``[start, end)`` is not a slot offered now
    (``details.reasons``: the codes of ``slot_reasons``)."""
    if end - start != timedelta(minutes=link.duration_minutes):
        raise unavailable(
            start, end, f"slots last {link.duration_minutes} minutes on this link"
        )
    if (start, end) not in offered(link, start, end, now):
        found = slot_reasons(link, start, now)
        why = "; ".join(r.message[:1].lower() + r.message[1:] for r in found)
        why = why or "it is not offered now"
        raise unavailable(start, end, why.rstrip("."), [r.code for r in found] or None)
