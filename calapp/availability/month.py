"""A month of local days, each with what it offers: the month view.

One entry per local day of a month in a zone (not necessarily the rules'):
its ``status``, the name of a public holiday on it, and how many slots it
offers. Pure: callers load busy blocks, bookings per day and absences once for
the whole month; the slots are those of ``slots.free_slots`` with the same
inputs, so a day's count is the listing's for that day (a slot counts on a day
when it lies entirely inside it, as a listing of that day would give it).

A day's status compares what is offered with what would be offered without
what is in the way, step by step:

``available``
    slots are offered, and as many as the working hours give after notice and
    horizon (nothing took any);
``partial``
    slots are offered, but fewer: busy, held or booked time (or time off) took
    some;
``full``
    the working hours give slots, none is offered, and holidays and time off
    alone would leave some;
``time_off``
    the working hours give slots, and the owner's time off (with holidays)
    takes them all;
``holiday``
    a blocking public holiday takes all of the day's slots, or the day (its
    middle) is a holiday that gives none anyway;
``off``
    no slot at all: no working hours, or all before the notice or after the
    horizon.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from calapp.availability import reasons, slots

AVAILABLE = "available"
PARTIAL = "partial"
FULL = "full"
OFF = "off"
HOLIDAY = "holiday"
TIME_OFF = "time_off"
STATUSES = (AVAILABLE, PARTIAL, FULL, OFF, HOLIDAY, TIME_OFF)


def days_of(year: int, month: int, zone: str) -> list[tuple[date, datetime, datetime]]:
    """Each local day of the month: ``(date, first instant, end)`` in UTC."""
    tz = ZoneInfo(zone)
    count = calendar.monthrange(year, month)[1]
    first = date(year, month, 1)
    days = [first + timedelta(days=i) for i in range(count + 1)]
    starts = [reasons.at_local(d, time(0), tz) for d in days]
    return [(days[i], starts[i], starts[i + 1]) for i in range(count)]


def month_range(
    days: list[tuple[date, datetime, datetime]],
) -> tuple[datetime, datetime]:
    return days[0][1], days[-1][2]


def _per_day(
    found: Iterable[slots.Slot], days: list[tuple[date, datetime, datetime]]
) -> Counter:
    """Slots per day, a slot counting where it lies whole."""
    counts: Counter = Counter()
    bounds = [(d, s, e) for d, s, e in days]
    i = 0
    for start, end in sorted(found):
        while i < len(bounds) and bounds[i][2] <= start:
            i += 1
        if i < len(bounds) and bounds[i][1] <= start and end <= bounds[i][2]:
            counts[bounds[i][0]] += 1
    return counts


def month_view(
    rules: slots.Rules,
    days: list[tuple[date, datetime, datetime]],
    now: datetime,
    busy: Iterable[tuple[datetime, datetime]],
    absences: Iterable,
    bookings_per_day: Mapping[date, int] | None = None,
    offered: list[slots.Slot] | None = None,
) -> list[dict]:
    """The days' entries. ``absences``: items with ``start``, ``end``, ``code``
    (``time_off`` or ``holiday``) and ``name``. ``offered``: the slots of the
    month when the caller has listed them already (else listed here with the
    same inputs)."""
    start, end = month_range(days)
    away = list(absences)
    holidays = [a for a in away if a.code == reasons.HOLIDAY]
    every_off = [(a.start, a.end) for a in away]
    if offered is None:
        offered = slots.free_slots(
            rules, busy, start, end, now, bookings_per_day, every_off
        )
    # What would be offered without events, bookings and limits; without time
    # off; without holidays either.
    no_busy = slots.free_slots(rules, [], start, end, now, None, every_off)
    no_time_off = slots.free_slots(
        rules, [], start, end, now, None, [(a.start, a.end) for a in holidays]
    )
    would_be = slots.free_slots(rules, [], start, end, now)
    counts = [
        _per_day(found, days) for found in (offered, no_busy, no_time_off, would_be)
    ]
    entries = []
    for day, day_start, day_end in days:
        got, free, open_, grid = (c[day] for c in counts)
        middle = day_start + (day_end - day_start) / 2
        name = next(
            (h.name for h in holidays if h.start <= middle < h.end),
            None,
        )
        if got:
            status = AVAILABLE if got == grid else PARTIAL
        elif not grid:
            status = HOLIDAY if name is not None else OFF
        elif not open_:
            status = HOLIDAY
            name = name or _any_name(holidays, day_start, day_end)
        elif not free:
            status = TIME_OFF
        else:
            status = FULL
        entries.append(
            {"date": day, "status": status, "holiday_name": name, "slots": got}
        )
    return entries


def _any_name(holidays, start: datetime, end: datetime) -> str | None:
    return next(
        (h.name for h in holidays if reasons.overlaps(h.start, h.end, start, end)),
        None,
    )


__all__ = ["STATUSES", "days_of", "month_range", "month_view"]
