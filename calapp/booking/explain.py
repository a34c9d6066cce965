"""Why a booking link offers a slot or not: ``GET /booking/{token}/explain``.

The slot ``[start, start + duration)`` is judged by ``service.slot_reasons``:
the link's rules against what the listing reads, through
``calapp.availability.reasons``, as a refused reservation is: an answer
``offered: true`` is a slot ``GET /booking/{token}/availability`` lists, and
every other answer names each rule that keeps it out.

The public never learns what a busy block is: busy blocks are the calendar's
merged free/busy, with no title, id or calendar; a ``busy`` reason gives only
the busy part of the slot. A deactivated link answers ``link_inactive`` (and
the rest); an unknown token, or a deleted calendar, is a 404.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from calapp.availability import reasons
from calapp.availability.schemas import reason_fields
from calapp.booking import service
from calapp.errors import NotFound


def explain(token: str, start: datetime, now: datetime) -> dict:
    """:raises NotFound: unknown token, or the link's calendar deleted."""
    link = service.find_link(token)
    if link is None:
        raise NotFound("Booking link not found or inactive")
    end = start + timedelta(minutes=link.duration_minutes)
    found = []
    if not link.active:
        found.append(
            reasons.Reason(
                reasons.LINK_INACTIVE,
                "The owner has deactivated this booking link: it offers no slots",
            )
        )
    found += service.slot_reasons(link, start, now)
    return {
        "token": link.token,
        "timezone": link.zone_name,
        "duration_minutes": link.duration_minutes,
        "slot": {"start": start, "end": end},
        "offered": not found,
        "reasons": [reason_fields(reason) for reason in found],
    }
