"""A booking link's month: ``GET /booking/{token}/month``.

Each local day of the month (in the visitor's zone, default the link's) with
its status and the number of slots ``GET /booking/{token}/availability`` lists
for that day: the slots are the listing's own (``service.offered``, one read
of busy time for the whole month), the statuses those of
``calapp.availability.month``. Busy time is never described: a day only says
how many slots are left.
"""

from __future__ import annotations

from datetime import datetime

from calapp import policy
from calapp.availability import month as month_view
from calapp.booking import service
from calapp.security import Principal


def month(token: str, year: int, month: int, zone: str | None, now: datetime) -> dict:
    """:raises NotFound: unknown or inactive link."""
    link = service.public_link(token)
    zone = zone or link.zone_name
    days = month_view.days_of(year, month, zone)
    start, end = month_view.month_range(days)
    offered = service.offered(link, start, end, now)
    calendar, _ = policy.get_calendar(Principal.system(), link.calendar_id)
    away = service.owner_absences(link, calendar, start, end)
    entries = month_view.month_view(
        service.rules(link), days, now, busy=(), absences=away, offered=offered
    )
    return {
        "token": link.token,
        "year": year,
        "month": month,
        "timezone": zone,
        "duration_minutes": link.duration_minutes,
        "days": entries,
    }
