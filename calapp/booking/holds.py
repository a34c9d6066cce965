"""Holds: a slot kept for a few minutes, and the limits that keep a link bookable.

Anyone can hold a slot without signing in, so holds are bounded, all counted in
the database inside the calendar lock that every hold takes (race-safe across
gunicorn workers and hosts, no shared limiter store needed):

- **per email**: one live hold per email and link. Holding another slot with
  the same email releases the previous hold (a visitor changing their pick);
  holding the same slot again returns the same hold.
- **per client**: at most ``BOOKING_MAX_HOLDS_PER_CLIENT`` (3) live holds per
  link from one client network: an IPv4 address, or the /64 of an IPv6 address
  (one subscriber's usual allocation, so rotating addresses inside it does not
  help). Only a keyed hash of the network is stored.
- **per link**: on each local day of the link, at most
  ``BOOKING_HOLD_SHARE_PERCENT`` (25 %) of the day's open slots (offered plus
  held by this link), and at least one, may be held at once. Counting per day
  keeps every day bookable (a horizon-wide share could still take all of
  tomorrow) and costs one day of slot computation, whatever the horizon.

A refusal is 429 ``rate_limited`` with ``Retry-After``: the seconds until the
oldest hold that blocks the request expires. Reserving without a hold is never
limited by holds: the slot is still offered to everyone.
"""

from __future__ import annotations

import hmac
import ipaddress
import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from calapp.booking import reservations, service
from calapp.booking.models import Booking, BookingLink
from calapp.changes import log as changes
from calapp.errors import AppError
from calapp.extensions import db

DEFAULT_HOLD_MINUTES = 5
DEFAULT_MAX_PER_CLIENT = 3
DEFAULT_SHARE_PERCENT = 25
IPV6_CLIENT_PREFIX = 64


class HoldLimitReached(AppError):
    status, code = 429, "rate_limited"


@dataclass(frozen=True)
class HoldPolicy:
    """How long a hold lasts and how many may exist (``BOOKING_*`` settings)."""

    minutes: int = DEFAULT_HOLD_MINUTES
    max_per_client: int = DEFAULT_MAX_PER_CLIENT
    share_percent: int = DEFAULT_SHARE_PERCENT


def policy_from(config) -> HoldPolicy:
    """The hold policy the app's ``BOOKING_*`` settings give."""
    return HoldPolicy(
        minutes=config.get("BOOKING_HOLD_MINUTES", DEFAULT_HOLD_MINUTES),
        max_per_client=config.get(
            "BOOKING_MAX_HOLDS_PER_CLIENT", DEFAULT_MAX_PER_CLIENT
        ),
        share_percent=config.get("BOOKING_HOLD_SHARE_PERCENT", DEFAULT_SHARE_PERCENT),
    )


def client_key(address: str | None, secret: str) -> str:
    """A keyed hash of the client's network: the IPv4 address, or the /64 of an
    IPv6 address (an IPv4-mapped IPv6 address counts as its IPv4)."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        network = "unknown"
    else:
        if ip.version == 6 and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if ip.version == 6:
            network = str(ipaddress.ip_network(f"{ip}/{IPV6_CLIENT_PREFIX}", False))
        else:
            network = str(ip)
    digest = hmac.new(secret.encode(), b"booking-hold|" + network.encode(), "sha256")
    return digest.hexdigest()


def _live(link: BookingLink, now: datetime):
    return (
        Booking.link_id == link.id,
        Booking.status == "held",
        Booking.expires_at > now,
    )


def _same_hold(link, email, start, end, now) -> Booking | None:
    return db.session.scalar(
        sa.select(Booking).where(
            *_live(link, now),
            Booking.email == email,
            Booking.start_time == start,
            Booking.end_time == end,
        )
    )


def _release_others_of(link: BookingLink, email: str, now: datetime) -> None:
    """The email's previous hold on the link stops blocking: one hold per email."""
    released = db.session.scalars(
        sa.update(Booking)
        .where(*_live(link, now), Booking.email == email)
        .values(status="expired", updated_at=now)
        .returning(Booking.id)
        .execution_options(synchronize_session=False)
    ).all()
    for booking_id in released:
        changes.record(
            db.session, "booking", booking_id, "updated", calendar_id=link.calendar_id
        )


def _refuse(why: str, details: dict, oldest: datetime, now: datetime):
    wait = max(1, math.ceil((oldest - now).total_seconds()))
    return HoldLimitReached(
        f"{why}. Try again in {wait} seconds, or reserve a slot without a hold",
        details={**details, "retry_after_seconds": wait},
        headers={"Retry-After": str(wait)},
    )


def _check_client(link, client: str, now: datetime, policy: HoldPolicy) -> None:
    count, oldest = db.session.execute(
        sa.select(sa.func.count(), sa.func.min(Booking.expires_at)).where(
            *_live(link, now), Booking.client_key == client
        )
    ).one()
    limit = max(1, policy.max_per_client)
    if count >= limit:
        raise _refuse(
            f"You hold {count} slots of this link already, the most one client "
            "may hold at once",
            {"limit": "holds_per_client", "max_holds": limit},
            oldest,
            now,
        )


def _local_day(link: BookingLink, start: datetime) -> tuple[datetime, datetime]:
    """``[midnight, next midnight)`` of ``start``'s day in the link's zone, UTC."""
    zone = service.rules(link).zone
    day = start.astimezone(zone).date()
    lo = datetime.combine(day, time(), zone)
    hi = datetime.combine(day + timedelta(days=1), time(), zone)
    return lo.astimezone(UTC), hi.astimezone(UTC)


def _check_share(link, start: datetime, now: datetime, policy: HoldPolicy) -> None:
    lo, hi = _local_day(link, start)
    held, oldest = db.session.execute(
        sa.select(sa.func.count(), sa.func.min(Booking.expires_at)).where(
            *_live(link, now), Booking.start_time >= lo, Booking.start_time < hi
        )
    ).one()
    if not held:
        return
    duration = timedelta(minutes=link.duration_minutes)
    # Slots are counted on the day they start; the last may end after midnight.
    free = [s for s, _ in service.offered(link, lo, hi + duration, now) if s < hi]
    share = min(100, max(0, policy.share_percent))
    cap = max(1, (len(free) + held) * share // 100)
    if held >= cap:
        raise _refuse(
            f"{held} slots of this day are held already, the most this link "
            "allows at once",
            {"limit": "holds_per_link_day", "max_holds": cap},
            oldest,
            now,
        )


def hold(
    token: str, data: dict, now: datetime, *, client: str, policy: HoldPolicy
) -> Booking:
    """Keep a slot for ``policy.minutes``; the same email asking again for the
    same slot gets the same hold, for another slot a new one (the old released).

    :raises NotFound: unknown or inactive link.
    :raises SlotUnavailable: the slot is not offered, or was just taken.
    :raises HoldLimitReached: a limit of the module docstring (429).
    """
    link = service.public_link(token)
    email, start, end = data["email"], data["slot_start"], data["slot_end"]
    if _same_hold(link, email, start, end, now) is None:
        service.check_offered(link, start, end, now)
    link = reservations.lock(link, now)
    existing = _same_hold(link, email, start, end, now)
    if existing is not None:
        return existing
    _release_others_of(link, email, now)
    service.check_offered(link, start, end, now)
    _check_client(link, client, now, policy)
    _check_share(link, start, now, policy)
    booking = Booking(
        id=uuid.uuid4(),
        link_id=link.id,
        calendar_id=link.calendar_id,
        email=email,
        client_key=client,
        start_time=start,
        end_time=end,
        blocked=reservations.blocked_range(link, start, end),
        status="held",
        expires_at=now + timedelta(minutes=policy.minutes),
        created_at=now,
        updated_at=now,
    )
    db.session.add(booking)
    reservations.flush(start, end)
    return booking
