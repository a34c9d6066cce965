"""Why a slot is offered or not: the rules of a slot as predicates, and their codes.

``calapp.availability.slots.free_slots`` lists the slots that pass every
predicate here (it walks each working-hours window's grid and skips busy blocks
in bulk); ``explain`` checks one slot against the same predicates and gives a
``Reason`` for each that fails. Both read the rules only through this module, so
an explanation cannot disagree with a listing.

A candidate ``[start, start + duration)`` is refused with, in this order:

``outside_working_hours``
    no working-hours window of the rules' zone contains it whole (a slot never
    spans two windows, even touching ones, nor local midnight); a date override
    replaces the weekday's windows of its local date;
``not_on_interval``
    a window contains it, but ``start`` is not on that window's grid: the
    window's start plus a whole number of ``slot_interval`` (default: duration);
``min_notice``
    ``start`` is before ``now + min_notice`` (the past included);
``beyond_horizon``
    the local date of ``start`` is after the local date of ``now`` plus
    ``max_days_ahead``;
``daily_limit``
    its local date already has ``max_per_day`` bookings (or live holds);
``busy``
    an event (or a booking's own slot) overlaps the slot;
``buffer``
    nothing overlaps the slot itself, but something lies within ``buffer`` of it
    (``[start - buffer, end + buffer)`` overlaps it; so does a booking's own
    buffer around its slot);
``held``
    a live hold's range overlaps ``[start - buffer, end + buffer)``;
``time_off``
    the owner's time off overlaps the slot itself (no buffer is kept around
    time off);
``holiday``
    a public holiday of the owner's country (when the owner lets holidays block
    the schedule) overlaps the slot: the whole local day of the holiday;
``link_inactive``
    the booking link was deactivated (only the booking explanation gives it).

Busy, buffer, held, time off and holiday apply to every blocker that is in the
way, so a slot can have several of each. Blocks are half-open: touching is not
overlapping, and an empty block blocks nothing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from calapp.schedules.windows import MIDNIGHT

if TYPE_CHECKING:  # slots imports this module
    from calapp.availability.slots import Rules, Window

OUTSIDE_WORKING_HOURS = "outside_working_hours"
NOT_ON_INTERVAL = "not_on_interval"
MIN_NOTICE = "min_notice"
BEYOND_HORIZON = "beyond_horizon"
DAILY_LIMIT = "daily_limit"
BUSY = "busy"
BUFFER = "buffer"
HELD = "held"
LINK_INACTIVE = "link_inactive"
TIME_OFF = "time_off"
HOLIDAY = "holiday"
# Blockers of these codes keep only the slot itself, never its buffer.
UNBUFFERED = (TIME_OFF, HOLIDAY)
CODES = (
    LINK_INACTIVE,
    OUTSIDE_WORKING_HOURS,
    NOT_ON_INTERVAL,
    MIN_NOTICE,
    BEYOND_HORIZON,
    DAILY_LIMIT,
    BUSY,
    BUFFER,
    HELD,
    TIME_OFF,
    HOLIDAY,
)

Slot = tuple[datetime, datetime]


@dataclass(frozen=True)
class Blocker:
    """Something that keeps ``[start, end)`` from other slots.

    ``core``: for a booking, its own slot (``[start, end)`` is that slot widened
    by its link's buffer), so a slot overlapping only the widening is refused for
    ``buffer``. ``held_until``: a hold, which keeps its range until then.
    ``source``: what the caller wants named in the reason (opaque here).
    ``code``: ``time_off`` or ``holiday`` for the owner's absences, which block
    the slot itself only; ``name``: the holiday's.
    """

    start: datetime
    end: datetime
    core: Slot | None = None
    held_until: datetime | None = None
    source: Any = None
    code: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Reason:
    """One rule a slot breaks; the fields that apply to its code are set.

    ``start``/``end``: the part of a blocker inside the slot (``busy``) or inside
    the slot widened by the buffer (``buffer``, ``held``).
    """

    code: str
    message: str
    start: datetime | None = None
    end: datetime | None = None
    day: date | None = None
    windows: tuple[Slot, ...] | None = None
    previous_start: datetime | None = None
    next_start: datetime | None = None
    earliest_start: datetime | None = None
    last_day: date | None = None
    limit: int | None = None
    count: int | None = None
    buffer_minutes: int | None = None
    expires_at: datetime | None = None
    name: str | None = None
    source: Any = None


# --- local days and windows ---------------------------------------------------------


def local_date(instant: datetime, zone: ZoneInfo) -> date:
    return instant.astimezone(zone).date()


def at_local(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """A local wall time as an instant (RFC 5545 §3.3.5, PEP 495 ``fold=0``)."""
    return datetime.combine(day, wall).replace(tzinfo=zone, fold=0).astimezone(UTC)


def resolve(day: date, window: Window, zone: ZoneInfo) -> Slot:
    """The window's instants on ``day``, in UTC; ``end`` midnight is the next day's."""
    end_day = day + timedelta(days=1) if window.end == MIDNIGHT else day
    return at_local(day, window.start, zone), at_local(end_day, window.end, zone)


def windows_on(rules: Rules, day: date) -> list[Slot]:
    """The working-hours windows of a local day, resolved: the date override's
    when the day has one, else the weekday's."""
    windows = rules.date_overrides.get(day)
    if windows is None:
        windows = rules.working_hours.get(day.weekday(), ())
    return [resolve(day, w, rules.zone) for w in windows]


def windows_holding(rules: Rules, start: datetime, end: datetime) -> list[Slot]:
    """Resolved windows containing ``[start, end)`` whole.

    A wall time in a spring gap resolves later, even onto the next local date
    (Pacific/Apia skipped 2011-12-30), so the day before is looked at too; a
    window of a later day starts after ``start``.
    """
    day = local_date(start, rules.zone)
    days = [day - timedelta(days=1), day] if day > date.min else [day]
    return [
        (ws, we)
        for d in days
        for ws, we in windows_on(rules, d)
        if fits(ws, we, start, end)
    ]


def fits(window_start: datetime, window_end: datetime, start, end) -> bool:
    return window_start <= start and end <= window_end


# --- the grid -----------------------------------------------------------------------


def grid_at_or_after(window_start: datetime, instant: datetime, step) -> datetime:
    """The first ``window_start + k * step`` (k >= 0) not before ``instant``."""
    if instant <= window_start:
        return window_start
    return window_start + step * -((window_start - instant) // step)


def on_grid(window_start: datetime, start: datetime, step: timedelta) -> bool:
    return start >= window_start and (start - window_start) % step == timedelta(0)


# --- notice, horizon, daily limit ---------------------------------------------------


def earliest_start(rules: Rules, now: datetime) -> datetime:
    return now + rules.min_notice


def too_soon(rules: Rules, start: datetime, now: datetime) -> bool:
    return start < earliest_start(rules, now)


def last_day(rules: Rules, now: datetime) -> date | None:
    """The last local date a slot may start on, or None without a horizon."""
    if rules.max_days_ahead is None:
        return None
    return local_date(now, rules.zone) + timedelta(days=rules.max_days_ahead)


def beyond_horizon(last: date | None, day: date) -> bool:
    """A slot on local ``day`` is after the ``last_day`` allowed."""
    return last is not None and day > last


def day_full(rules: Rules, day: date, per_day: Mapping[date, int]) -> bool:
    """Local ``day`` has its ``max_per_day`` bookings already."""
    limit = rules.max_per_day
    return limit is not None and per_day.get(day, 0) >= limit


# --- busy blocks --------------------------------------------------------------------


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime):
    """Half-open intervals share an instant (touching is not overlapping)."""
    return a_start < b_end and b_start < a_end


def reach(start: datetime, end: datetime, buffer: timedelta) -> Slot:
    """What a slot keeps free: itself widened by the buffer on both sides."""
    return start - buffer, end + buffer


def merge(blocks: Iterable[Slot]) -> list[Slot]:
    """Blocks sorted, overlapping and touching ones merged, empty ones dropped."""
    merged: list[Slot] = []
    for start, end in sorted(b for b in blocks if b[1] > b[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


class BusyIndex:
    """Merged busy blocks widened by the buffer, searchable by bisection.

    A block ``[bs, be)`` widened by ``b`` overlaps ``[s, e)`` exactly when
    ``[bs, be)`` overlaps ``reach(s, e, b)``: the listing's bulk test and
    ``explain``'s per-blocker test are one predicate.
    """

    def __init__(self, blocks: Iterable[Slot], buffer: timedelta):
        merged = merge(blocks)
        if buffer:  # widening keeps the order; merging again joins what now touches
            merged = merge((s - buffer, e + buffer) for s, e in merged)
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def conflict_end(self, start: datetime, end: datetime) -> datetime | None:
        """End of the block overlapping ``[start, end)``, or None when free."""
        i = bisect_right(self.ends, start)  # first block ending after ``start``
        if i < len(self.ends) and overlaps(self.starts[i], self.ends[i], start, end):
            return self.ends[i]
        return None


# --- explanations -------------------------------------------------------------------


def explain(
    rules: Rules,
    start: datetime,
    now: datetime,
    blockers: Iterable[Blocker] = (),
    per_day: Mapping[date, int] | None = None,
) -> list[Reason]:
    """Every rule ``[start, start + duration)`` breaks; ``[]`` when it is offered."""
    end = start + rules.duration
    found = _working_hours(rules, start, end)
    if too_soon(rules, start, now):
        earliest = earliest_start(rules, now)
        found.append(
            Reason(
                MIN_NOTICE,
                f"Slots must start at least {_minutes(rules.min_notice)} minutes "
                f"from now, at {_instant(earliest)} or later",
                earliest_start=earliest,
                limit=_minutes(rules.min_notice),
            )
        )
    day = local_date(start, rules.zone)
    last = last_day(rules, now)
    if beyond_horizon(last, day):
        found.append(
            Reason(
                BEYOND_HORIZON,
                f"Slots can be booked at most {rules.max_days_ahead} days ahead: "
                f"the last day is {last.isoformat()} ({rules.timezone})",
                last_day=last,
                limit=rules.max_days_ahead,
            )
        )
    if day_full(rules, day, per_day or {}):
        found.append(
            Reason(
                DAILY_LIMIT,
                f"{day.isoformat()} ({rules.timezone}) has its "
                f"{rules.max_per_day} bookings already",
                day=day,
                limit=rules.max_per_day,
                count=(per_day or {}).get(day, 0),
            )
        )
    return found + _blocked(rules, start, end, blockers)


def _working_hours(rules: Rules, start: datetime, end: datetime) -> list[Reason]:
    holding = windows_holding(rules, start, end)
    step = rules.step
    if not holding:
        day = local_date(start, rules.zone)
        return [
            Reason(
                OUTSIDE_WORKING_HOURS,
                f"The slot is not inside the working hours of {day.isoformat()} "
                f"({rules.timezone})",
                day=day,
                windows=tuple(windows_on(rules, day)),
            )
        ]
    if any(on_grid(ws, start, step) for ws, _ in holding):
        return []
    ws, we = holding[0]
    before = grid_at_or_after(ws, start, step) - step
    after = before + step
    return [
        Reason(
            NOT_ON_INTERVAL,
            f"Slots start every {_minutes(step)} minutes from "
            f"{_instant(ws)}; this one is between two of them",
            previous_start=before
            if fits(ws, we, before, before + rules.duration)
            else None,
            next_start=after if fits(ws, we, after, after + rules.duration) else None,
            limit=_minutes(step),
        )
    ]


def _blocked(
    rules: Rules, start: datetime, end: datetime, blockers: Iterable[Blocker]
) -> list[Reason]:
    lo, hi = reach(start, end, rules.buffer)
    spans: dict[tuple, list[Slot]] = {}
    for blocker in blockers:
        if blocker.end <= blocker.start or not overlaps(
            blocker.start, blocker.end, lo, hi
        ):
            continue
        if blocker.code in UNBUFFERED:
            if not overlaps(blocker.start, blocker.end, start, end):
                continue
            code, (s, e) = blocker.code, (blocker.start, blocker.end)
            key = (code, blocker.source, blocker.name)
            spans.setdefault(key, []).append((max(s, start), min(e, end)))
            continue
        if blocker.held_until is not None:
            code, (s, e) = HELD, (blocker.start, blocker.end)
        else:
            core = blocker.core or (blocker.start, blocker.end)
            if overlaps(*core, start, end):  # only the part inside the slot
                code, (s, e) = BUSY, (max(core[0], start), min(core[1], end))
            else:
                code, (s, e) = BUFFER, (blocker.start, blocker.end)
        key = (code, blocker.source, blocker.held_until)
        spans.setdefault(key, []).append((max(s, lo), min(e, hi)))
    # A booking's slot is also its event's: one ``busy``, not two.
    found = [
        _block_reason(rules, code, s, e, source, until)
        for (code, source, until), blocks in spans.items()
        for s, e in merge(blocks)
    ]
    return sorted(found, key=lambda r: (CODES.index(r.code), r.start, r.end))


def _block_reason(rules: Rules, code, s, e, source, held_until) -> Reason:
    span = f"from {_instant(s)} to {_instant(e)}"
    if code == TIME_OFF:
        return Reason(code, f"The owner is on time off {span}", s, e, source=source)
    if code == HOLIDAY:
        return Reason(
            code,
            f"{held_until} is a public holiday, which blocks {span}",
            s,
            e,
            name=held_until,
            source=source,
        )
    if code == BUSY:
        message = f"The calendar is busy {span}"
    elif code == BUFFER:
        message = (
            f"The calendar is busy {span}, within the {_minutes(rules.buffer)} "
            "minutes kept free before and after every slot"
        )
    else:
        message = (
            f"Someone holds {span} until {_instant(held_until)}; the slot may be "
            "offered again if the hold expires unused"
        )
    return Reason(
        code,
        message,
        start=s,
        end=e,
        buffer_minutes=None if code == BUSY else _minutes(rules.buffer),
        expires_at=held_until,
        source=source,
    )


def _minutes(value: timedelta) -> int:
    return int(value.total_seconds() // 60)


def _instant(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
