"""Bookable slots for a booking link, and common free slots of several calendars.

Pure functions, no database and no Flask: callers load busy blocks and existing
booking counts, this module only computes.

Working hours are *local wall times* of the rules' IANA zone, resolved to
instants per local calendar day the way ``calapp.events.recurrence`` resolves
occurrences (RFC 5545 §3.3.5, PEP 495 ``fold=0``):

- a window stays local across DST: 09:00–17:00 is 09:00–17:00 on the wall clock
  on both sides of a change (its UTC times move);
- a wall time in the spring gap is read with the offset from *before* the gap,
  so a window crossing the gap loses the missing hour (01:00–04:00 on a
  02:00→03:00 day is 2 real hours), a window starting in the gap starts that
  much later (02:30 becomes 03:30) and a window entirely inside the gap vanishes;
- a wall time in the autumn fold means its *first* occurrence, so a fold day's
  01:00–03:00 window is 3 real hours (03:00 itself is unambiguous).

A window ending at ``time(0)`` ("24:00" or "00:00" in the API) ends at midnight
that starts the next day.

Slot starts step by ``slot_interval`` (default: ``duration``) in absolute time
from the window's start instant; a slot must fit entirely inside one window, so
it never spans two windows (even touching ones) or local midnight. A candidate
``[start, start + duration)`` is offered only when:

- ``[start - buffer, end + buffer)`` overlaps no busy block (busy blocks are
  half-open; touching is not overlapping, empty blocks block nothing);
- ``start >= now + min_notice``;
- the local date of ``start`` is at most the local date of ``now`` plus
  ``max_days_ahead`` (when set);
- fewer than ``max_per_day`` bookings already exist on the local date of
  ``start`` (``bookings_per_day`` is keyed by local dates of the rules' zone;
  the offered slots themselves do not count — each is one possible booking);
- it lies entirely inside ``[range_start, range_end)``.

Each condition is a predicate of ``calapp.availability.reasons``, which also
explains why a given slot is not offered: the listing and the explanation read
the same rules.

Results are ascending, duplicate-free ``(start, end)`` pairs of UTC-aware
datetimes. Every datetime given must be aware; a naive one is a ``ValueError``.

Cost: busy blocks are merged once (O(B log B)); each candidate is checked with
a bisection over the merged blocks, and a conflicting block makes the scan jump
past its end, so a month of 15-minute slots against thousands of busy blocks
stays linearithmic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calapp.availability import reasons
from calapp.availability.reasons import Slot
from calapp.schedules.windows import (
    DAY_KEYS,
    MAX_WINDOWS_PER_DAY,
    MIDNIGHT,
    Window,
    check_day,
    parse_working_hours,
)

MIN_DURATION = timedelta(minutes=5)


@dataclass(frozen=True)
class Rules:
    """What a booking link allows; see the module docstring for the semantics."""

    timezone: str
    duration: timedelta
    working_hours: Mapping[int, tuple[Window, ...]]
    buffer: timedelta = timedelta(0)
    slot_interval: timedelta | None = None
    min_notice: timedelta = timedelta(0)
    max_days_ahead: int | None = None
    max_per_day: int | None = None
    # Local dates whose windows replace the weekday's (empty: closed all day).
    date_overrides: Mapping[date, tuple[Window, ...]] = field(default_factory=dict)
    zone: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "zone", _zone(self.timezone))
        if self.duration < MIN_DURATION:
            raise ValueError(f"duration must be at least {MIN_DURATION}")
        if self.buffer < timedelta(0):
            raise ValueError("buffer must not be negative")
        if self.slot_interval is not None and self.slot_interval <= timedelta(0):
            raise ValueError("slot_interval must be positive")
        if self.min_notice < timedelta(0):
            raise ValueError("min_notice must not be negative")
        if self.max_days_ahead is not None and self.max_days_ahead < 0:
            raise ValueError("max_days_ahead must not be negative")
        if self.max_per_day is not None and self.max_per_day < 0:
            raise ValueError("max_per_day must not be negative")
        for weekday, windows in self.working_hours.items():
            if weekday not in range(7):
                raise ValueError(f"working_hours key {weekday!r} is not a weekday 0-6")
            if not all(isinstance(w, Window) for w in windows):
                raise ValueError(f"working_hours[{weekday}] must hold Window values")
            check_day(f"working_hours.{DAY_KEYS[weekday]}", tuple(windows))
        for day, windows in self.date_overrides.items():
            if not isinstance(day, date):
                raise ValueError(f"date_overrides key {day!r} is not a date")
            if not all(isinstance(w, Window) for w in windows):
                raise ValueError(f"date_overrides[{day}] must hold Window values")
            check_day(f"date_overrides.{day.isoformat()}", tuple(windows))

    @property
    def step(self) -> timedelta:
        return self.slot_interval or self.duration


# --- busy blocks --------------------------------------------------------------------


def merge_busy(blocks: Iterable[tuple[datetime, datetime]]) -> list[Slot]:
    """Busy blocks sorted, in UTC, with overlapping and touching blocks merged.

    Empty blocks (``start == end``) are dropped: a half-open empty interval
    overlaps nothing.

    :raises ValueError: a naive datetime, or a block ending before it starts.
    """
    return reasons.merge(busy_blocks(blocks))


def busy_blocks(blocks: Iterable[tuple[datetime, datetime]]) -> list[Slot]:
    """The blocks in UTC, checked.

    :raises ValueError: a naive datetime, or a block ending before it starts.
    """
    spans = []
    for start, end in blocks:
        start, end = _utc(start, "busy start"), _utc(end, "busy end")
        if end < start:
            raise ValueError(f"busy block ends before it starts: {start} > {end}")
        spans.append((start, end))
    return spans


# --- slots --------------------------------------------------------------------------


def free_slots(
    rules: Rules,
    busy: Iterable[tuple[datetime, datetime]],
    range_start: datetime,
    range_end: datetime,
    now: datetime,
    bookings_per_day: Mapping[date, int] | None = None,
    off: Iterable[tuple[datetime, datetime]] = (),
) -> list[Slot]:
    """Bookable ``(start, end)`` slots in ``[range_start, range_end)``, ascending, UTC.

    ``off``: time off and public holidays, which keep a slot out when they
    overlap the slot itself (no buffer is kept around them).

    :raises ValueError: a naive datetime, ``range_end`` before ``range_start``,
        or a busy block ending before it starts.
    """
    range_start, range_end = _range(range_start, range_end)
    now = _utc(now, "now")
    zone = rules.zone
    earliest = max(range_start, reasons.earliest_start(rules, now))
    last_day = reasons.local_date(range_end, zone)
    horizon = reasons.last_day(rules, now)
    if horizon is not None:
        last_day = min(last_day, horizon)
    booked = bookings_per_day or {}
    index = reasons.BusyIndex(busy_blocks(busy), rules.buffer)
    away = reasons.BusyIndex(busy_blocks(off), timedelta(0))
    slots: set[Slot] = set()
    # Start a day early: a wall time in a gap resolves later, even onto the next
    # local date (Pacific/Apia skipped all of 2011-12-30).
    first = reasons.local_date(earliest, zone)
    day = first - timedelta(days=1) if first > date.min else first
    while day <= last_day:
        for start, end in reasons.windows_on(rules, day):
            for slot in _window_slots(
                rules, (index, away), start, min(end, range_end), earliest
            ):
                local_day = reasons.local_date(slot[0], zone)
                if reasons.beyond_horizon(horizon, local_day):
                    continue
                if not reasons.day_full(rules, local_day, booked):
                    slots.add(slot)
        day += timedelta(days=1)
    # fold=0 is not monotonic across a gap, so windows of a gap day can overlap.
    return sorted(slots)


def common_free_slots(
    busy_by_calendar: Iterable[Iterable[tuple[datetime, datetime]]],
    range_start: datetime,
    range_end: datetime,
    duration: timedelta,
    timezone: str,
    working_hours: Mapping[int, tuple[Window, ...]] | None = None,
    buffer: timedelta = timedelta(0),
    slot_interval: timedelta | None = None,
    date_overrides: Mapping[date, tuple[Window, ...]] | None = None,
) -> list[Slot]:
    """Slots free in every calendar: no calendar's busy block (widened by
    ``buffer``) overlaps them.

    ``working_hours`` (parsed, see ``parse_working_hours``) are local to
    ``timezone``; without them every day is open from midnight to midnight, so a
    slot still never spans local midnight. No notice, horizon or daily limit.

    :raises ValueError: as ``free_slots``, or invalid rules.
    """
    rules = open_rules(
        duration, timezone, working_hours, buffer, slot_interval, date_overrides
    )
    union = [block for blocks in busy_by_calendar for block in blocks]
    return free_slots(rules, union, range_start, range_end, now=range_start)


def open_rules(
    duration: timedelta,
    timezone: str,
    working_hours: Mapping[int, tuple[Window, ...]] | None = None,
    buffer: timedelta = timedelta(0),
    slot_interval: timedelta | None = None,
    date_overrides: Mapping[date, tuple[Window, ...]] | None = None,
) -> Rules:
    """The rules of ``common_free_slots``: no notice, horizon or daily limit, and
    without ``working_hours`` every day open from midnight to midnight."""
    if working_hours is None:
        working_hours = {day: (Window(MIDNIGHT, MIDNIGHT),) for day in range(7)}
    return Rules(
        timezone=timezone,
        duration=duration,
        working_hours=working_hours,
        buffer=buffer,
        slot_interval=slot_interval,
        date_overrides=date_overrides or {},
    )


def _window_slots(
    rules: Rules,
    indexes: tuple[reasons.BusyIndex, ...],
    start: datetime,
    end: datetime,
    earliest: datetime,
):
    """Free grid slots of one window (already resolved, clipped to the range end)."""
    step, duration = rules.step, rules.duration
    start = reasons.grid_at_or_after(start, earliest, step)
    while start + duration <= end:
        ends = [i.conflict_end(start, start + duration) for i in indexes]
        blocked_until = max((e for e in ends if e is not None), default=None)
        if blocked_until is None:
            yield (start, start + duration)
            start += step
        else:  # every grid point before the block's end conflicts with it too
            start += step * max(1, -((start - blocked_until) // step))


def _range(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    start, end = _utc(start, "range_start"), _utc(end, "range_end")
    if end < start:
        raise ValueError("range_end must not be before range_start")
    return start, end


def _utc(value: datetime, name: str) -> datetime:
    if not isinstance(value, datetime):
        raise ValueError(f"{name} must be a datetime, got {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {value}")
    return value.astimezone(UTC)


@lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


__all__ = [
    "DAY_KEYS",
    "MAX_WINDOWS_PER_DAY",
    "MIN_DURATION",
    "Rules",
    "Window",
    "common_free_slots",
    "free_slots",
    "merge_busy",
    "open_rules",
    "parse_working_hours",
]
