"""Booking links, managed by the calendar's owner.

- Links are managed by the calendar's owner only (editor 403, stranger 404). The
  token (32 random bytes) is the public URL; ``DELETE`` only deactivates the
  link (its public endpoints then answer 404), ``PUT`` can activate it again.
- A link offers inline ``working_hours`` in its ``timezone``, or the hours of
  one of the owner's schedules (``schedule_id``: weekly windows, date overrides
  and zone, read at every answer): exactly one. Giving one replaces the other.

What a link offers to the public is in ``calapp.booking.service``.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime

import sqlalchemy as sa

from calapp import policy
from calapp.booking.models import BookingLink
from calapp.booking.service import find_link
from calapp.calendars.models import Calendar
from calapp.errors import NotFound, ValidationError
from calapp.extensions import db
from calapp.pagination import keyset_page
from calapp.schedules import service as schedules
from calapp.security import Principal
from calapp.users.models import User

LINK_FIELDS = (
    "title",
    "description",
    "duration_minutes",
    "buffer_minutes",
    "timezone",
    "working_hours",
    "schedule_id",
    "min_notice_minutes",
    "max_days_ahead",
    "slot_interval_minutes",
    "max_bookings_per_day",
    "active",
    "requires_confirmation",
    "confirmation_timeout_hours",
)
HOURS = ("working_hours", "timezone", "schedule_id")


def settings(link: BookingLink) -> dict:
    """Every setting of the link, as ``settings`` in responses."""
    shown = {name: getattr(link, name) for name in LINK_FIELDS}
    shown["slot_interval_minutes"] = link.slot_interval_minutes or link.duration_minutes
    shown["timezone"], shown["working_hours"] = link.zone_name, link.weekly_hours
    return shown


def shown(link: BookingLink, base_url: str) -> dict:
    """A link as ``BookingLinkSchema``: its public URL under ``base_url``."""
    return {
        "token": link.token,
        "public_url": f"{base_url.rstrip('/')}/booking/{link.token}",
        "settings": settings(link),
        "calendar_id": link.calendar_id,
        "created_at": link.created_at,
        "updated_at": link.updated_at,
    }


def _set_hours(principal: Principal, link: BookingLink, data: dict) -> None:
    """Inline working hours (and zone) or a schedule of the owner: exactly one.

    :raises ValidationError: a schedule that is not the principal's; inline
        hours without a zone; a zone alone on a link that uses a schedule.
    """
    if data.get("schedule_id") is not None:
        try:
            schedule = schedules.get_schedule(principal, data["schedule_id"])
        except NotFound:
            raise ValidationError.field(
                "schedule_id", "is not one of your schedules"
            ) from None
        link.schedule, link.schedule_id = schedule, schedule.id
        link.working_hours = link.timezone = None
        return
    if "working_hours" in data:
        link.working_hours = data["working_hours"]
    if "timezone" in data:
        link.timezone = data["timezone"]
    if "schedule_id" in data or "working_hours" in data or "timezone" in data:
        if link.working_hours is None or link.timezone is None:
            missing = "working_hours" if link.working_hours is None else "timezone"
            raise ValidationError.field(
                missing, "is required: this link has no working hours of its own"
            )
        link.schedule_id = None
        link.schedule = None


def _default_title(calendar: Calendar) -> str:
    owner = db.session.get(User, calendar.owner_id)
    return f"Meeting with {owner.name or owner.email}"[:500]


def create_link(
    principal: Principal, calendar_id: uuid.UUID, data: dict, now: datetime
) -> BookingLink:
    """:raises NotFound: calendar invisible. :raises Forbidden: not the owner,
    or a connected calendar (bookings are events: it holds only synced ones)."""
    calendar, _ = policy.get_calendar(principal, calendar_id, "manage")
    policy.read_only(principal, calendar.source, "write")
    link = BookingLink(
        id=uuid.uuid4(),
        calendar_id=calendar.id,
        token=secrets.token_urlsafe(32),
        created_by=principal.user_id,
        created_at=now,
        updated_at=now,
        **{name: data.get(name) for name in LINK_FIELDS if name not in HOURS},
    )
    _set_hours(principal, link, data)
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


def _owned_link(principal: Principal, token: str) -> BookingLink:
    """:raises NotFound: unknown token or invisible calendar. :raises Forbidden:
    a member who is not the owner."""
    link = find_link(token)
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
        if name not in HOURS:
            setattr(link, name, value)
    _set_hours(principal, link, changes)
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
