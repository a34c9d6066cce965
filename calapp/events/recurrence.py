"""RFC 5545 recurrence: lazy expansion, in the event's own zone.

Pure functions, no database. A series is expanded in *local wall time* of its
IANA zone (a weekly 09:00 Europe/Berlin meeting stays at 09:00 local across DST;
its UTC time moves) and each local occurrence is then resolved to an instant the
way RFC 5545 §3.3.5 says:

- a local time that occurs twice (the autumn fold) means the *first* occurrence;
- a local time that does not exist (the spring gap) is read with the UTC offset
  from *before* the gap (02:30 on a 02:00→03:00 day becomes 03:30 local).

PEP 495 ``fold=0`` with ``zoneinfo`` is exactly that rule, so local datetimes are
resolved with ``replace(tzinfo=zone)`` and never normalised in between.

Deviations of python-dateutil from RFC 5545 that are corrected here:
DTSTART is always the first occurrence and counts towards COUNT (dateutil only
yields DTSTART when it matches the rule), and UNTIL given in UTC bounds the
series by instant.

The rule text and ``Series`` are in ``calapp.events.series``, write-time
validation and stored bounds in ``calapp.events.rules``; their public names
are re-exported here.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from calapp.events.rules import _last_counted, last_end, validate
from calapp.events.series import (
    _DAY_PARTS,
    _WEEKDAYS,
    FAR_FUTURE,
    MAX_COUNT,
    MAX_PER_YEAR,
    MAX_SUBDAILY_PER_YEAR,
    Series,
    _build,
    _parts,
    _rule,
    _until_instant,
    _until_local,
    _zone,
    normalize_rule,
)

# Wider than any jump of a zone's UTC offset (tzdb: about 31 hours, local mean
# times included), so a wall time this far inside a window's local bounds
# resolves inside the window.
_MARGIN = timedelta(days=2)
_TICK = timedelta(microseconds=1)  # instants are microseconds
# From this long a window, resolving ~4 days of wall times at each edge costs
# less than listing the window (see ``countable``).
COUNT_FROM = timedelta(days=10)
_SIMPLE_PARTS = {"FREQ", "INTERVAL", "BYDAY", "WKST", "UNTIL", "COUNT"}
_PERIOD = {
    "DAILY": timedelta(days=1),
    "WEEKLY": timedelta(days=7),
    "HOURLY": timedelta(hours=1),
    "MINUTELY": timedelta(minutes=1),
}


def _without_count(series: Series) -> Series:
    parts = {k: v for k, v in _parts(series.rule).items() if k != "COUNT"}
    return Series(
        rule=";".join(f"{k}={v}" for k, v in parts.items()),
        start=series.start,
        end=series.end,
        timezone=series.timezone,
        all_day=series.all_day,
    )


def _fast_forward(series: Series, local_from: datetime):
    """A rule equivalent to the series' rule from ``local_from`` on.

    Without COUNT, jumping DTSTART forward by whole periods of the rule yields the
    same occurrences after the jump, so a window years after the start costs
    what a window near it costs. Parts that dateutil derives from DTSTART
    (weekday, month day, month) are made explicit first.
    """
    parts = _parts(series.rule)
    freq = parts["FREQ"]
    interval = int(parts.get("INTERVAL", "1"))
    start = series.local_start
    if "COUNT" in parts:
        # COUNT is the same rule ending at its last occurrence, found once.
        last = _last_counted(series.rule, series.start, series.timezone)
        if last is None:
            return None, start
        rule, new_start = _fast_forward(_without_count(series), local_from)
        return rule.replace(until=last), new_start
    if local_from <= start or "BYSETPOS" in parts and freq in (
        "DAILY", "HOURLY", "MINUTELY"
    ):  # fmt: skip
        return _rule(series), start
    extra: dict[str, str] = {}
    if freq in ("DAILY", "WEEKLY", "HOURLY", "MINUTELY"):
        step = _PERIOD[freq] * interval
        jumps = max(0, (local_from - start) // step - 1)
        new_start = start + step * jumps
        if freq == "WEEKLY" and not _DAY_PARTS & parts.keys():
            extra["BYDAY"] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][start.weekday()]
    else:
        months = 12 * interval if freq == "YEARLY" else interval
        elapsed = (local_from.year - start.year) * 12 + local_from.month - start.month
        jumps = max(0, elapsed // months - 1)
        total = start.month - 1 + jumps * months
        if not jumps:
            return _rule(series), start
        new_start = start.replace(
            year=start.year + total // 12, month=total % 12 + 1, day=1
        )
        if not _DAY_PARTS & parts.keys():
            # dateutil derives month day (and, yearly, month) only in this case;
            # YEARLY;BYDAY=20MO or YEARLY;BYMONTHDAY=1 must stay year-wide.
            extra["BYMONTHDAY"] = str(start.day)
            if freq == "YEARLY" and "BYMONTH" not in parts:
                extra["BYMONTH"] = str(start.month)
    if not jumps:
        return _rule(series), start
    shifted = Series(
        rule=";".join(f"{k}={v}" for k, v in {**parts, **extra}.items()),
        start=series.start,
        end=series.end,
        timezone=series.timezone,
        all_day=series.all_day,
    )
    return _build(shifted, dtstart=new_start), new_start


def _is_simple(parts: dict[str, str]) -> bool:
    return (
        parts["FREQ"] in ("DAILY", "WEEKLY")
        and parts.keys() <= _SIMPLE_PARTS
        and all(day in _WEEKDAYS for day in parts.get("BYDAY", "MO").split(","))
    )


def _shape(series: Series, parts: dict[str, str]):
    """A simple rule as ``(dtstart, first period, day offsets in a period, period in
    days, weekday filter or None)``; dtstart without microseconds, as dateutil."""
    return _shape_of(series.rule, series.local_start)


@lru_cache(maxsize=4096)
def _shape_of(rule: str, local_start: datetime):
    parts = _parts(rule)
    start = local_start.replace(microsecond=0)
    interval = int(parts.get("INTERVAL", "1"))
    days = (
        {_WEEKDAYS[d] for d in parts["BYDAY"].split(",")} if "BYDAY" in parts else None
    )
    if parts["FREQ"] == "DAILY":  # BYDAY filters the days
        return start, start, [0], interval, days
    # WEEKLY: BYDAY (default: DTSTART's weekday) expands each active week, weeks
    # counted from the WKST-aligned week of DTSTART.
    wkst = _WEEKDAYS[parts.get("WKST", "MO")]
    first = start - timedelta(days=(start.weekday() - wkst) % 7)
    offsets = sorted((day - wkst) % 7 for day in days or {start.weekday()})
    return start, first, offsets, 7 * interval, None


def _simple_starts(
    series: Series,
    parts: dict[str, str],
    local_from: datetime,
    local_to: datetime,
    bound: datetime | None,
) -> Iterator[datetime]:
    """What dateutil yields for a simple rule (``_is_simple``), by date arithmetic
    from ``local_from``: most series are such rules, and building and starting a
    dateutil rule costs more than a week of them this way."""
    start, first, offsets, period, days = _shape(series, parts)
    lower = max(local_from, start)
    stop = local_to if bound is None else min(local_to, bound)
    # The first period at or before ``lower``: whole periods from DTSTART's.
    base = first + timedelta(days=(lower.date() - first.date()).days // period * period)
    steps = [timedelta(days=offset) for offset in offsets]
    while True:
        for step in steps:
            moment = base + step
            if moment > stop:
                return
            if moment >= lower and (days is None or moment.weekday() in days):
                yield moment
        base += timedelta(days=period)


def _starts_before(series: Series, parts: dict[str, str], until: datetime) -> int:
    """How many wall times a simple rule yields before ``until`` (no bound)."""
    start, first, offsets, period, days = _shape(series, parts)
    step, total = timedelta(days=period), 0
    for offset in offsets:
        at = first + timedelta(days=offset)
        skip = 1 if at < start else 0  # days of DTSTART's week before it
        if until <= at + skip * step:
            continue
        periods = (until - at - _TICK) // step + 1 - skip
        if days is None:
            total += periods
            continue
        # DAILY with BYDAY: the weekdays hit repeat every 7 / gcd(period, 7) days.
        hits = [(at.weekday() + k * period) % 7 in days for k in range(7)]
        cycle = 7 // math.gcd(period, 7)
        full, rest = divmod(periods, cycle)
        total += full * sum(hits[:cycle]) + sum(hits[:rest])
    return total


def _local_bound(series: Series, parts: dict[str, str]) -> datetime | None:
    """The last wall time a rule may yield: UNTIL, or COUNT's last occurrence
    (``datetime.min`` when COUNT leaves none besides DTSTART)."""
    if "COUNT" in parts:
        last = _last_counted(series.rule, series.start, series.timezone)
        return datetime.min if last is None else last
    return _until_local(parts["UNTIL"], series) if "UNTIL" in parts else None


def _local_starts(
    series: Series, local_from: datetime, local_to: datetime
) -> Iterator[datetime]:
    """Local wall times the rule yields in ``[local_from, local_to]``, ascending."""
    parts = _parts(series.rule)
    if _is_simple(parts):
        bound = _local_bound(series, parts)
        yield from _simple_starts(series, parts, local_from, local_to, bound)
        return
    rule, _ = _fast_forward(series, local_from)
    if rule is None:
        return
    for local in rule.xafter(max(local_from, series.local_start), inc=True):
        if local > local_to:
            return
        yield local


def _search_range(
    series: Series, window_start: datetime, window_end: datetime
) -> tuple[datetime, datetime]:
    """Wall times to search for occurrences overlapping the window: its bounds in
    the series' zone, widened by the occurrence length and ``_MARGIN``."""
    span = max(series.occurrence_end(series.start) - series.start, timedelta(0))
    zone = series.zone
    return (
        (window_start - span - _MARGIN).astimezone(zone).replace(tzinfo=None),
        (window_end + _MARGIN).astimezone(zone).replace(tzinfo=None),
    )


def _rule_instants(
    series: Series, local_from: datetime, local_to: datetime
) -> Iterator[datetime]:
    """Instants of the rule's wall times in the range (EXDATEs, RDATEs aside)."""
    until = _until_instant(series)
    for local in _local_starts(series, local_from, local_to):
        instant = series.at_local(local)
        # §3.3.5 resolution moves wall times in a gap forward (02:30 -> 03:30)
        # and a DTSTART in the second pass of a fold after its wall time's
        # first pass: the instant, not the wall time, must lie in the bounds.
        if series.start <= instant and (until is None or instant <= until):
            yield instant


def starts_between(
    series: Series, window_start: datetime, window_end: datetime
) -> Iterator[datetime]:
    """Original starts (UTC, ascending) of occurrences overlapping the window.

    An occurrence ``[s, occurrence_end(s))`` overlaps ``[window_start, window_end)``.
    EXDATEs are removed, RDATEs added, DTSTART always included.
    """
    local_from, local_to = _search_range(series, window_start, window_end)
    candidates = {
        series.start,
        *series.rdates,
        *_rule_instants(series, local_from, local_to),
    }
    excluded = set(series.exdates)
    for start in sorted(candidates):
        if start in excluded or start >= window_end:
            continue
        if series.reach(start) > window_start:
            yield start


# --- pages of a window: simple rules lazily, and counted without listing ----------


def countable(series: Series, window_start: datetime, window_end: datetime) -> bool:
    """Is ``count_between`` (with ``iter_starts``) cheaper than listing the window?

    The rule must be simple: DAILY or WEEKLY with at most INTERVAL, weekdays in
    BYDAY, WKST and a bound (one occurrence a day at most, at one wall time);
    and the window at least ``COUNT_FROM`` long, as counting resolves the wall
    times near its edges one by one (unless the zone keeps one offset).
    """
    return (
        window_end - window_start >= COUNT_FROM
        and not series.rdate_lengths  # RDATE periods: each its own length, listed
        and _is_simple(_parts(series.rule))
    )


def iter_starts(
    series: Series, window_start: datetime, window_end: datetime
) -> Iterator[datetime]:
    """``starts_between`` of a simple series, computed only as far as consumed.

    One occurrence a day at one wall time: the instants ascend as the wall
    times do (a zone's offset never jumps by more than a day), and a zone
    skipping a whole day can only make two of them equal, so nothing needs
    sorting and a page of a window costs what the page shows.
    """
    local_from, local_to = _search_range(series, window_start, window_end)
    starts = _rule_instants(series, local_from, local_to)
    if series.rdates:
        starts = heapq.merge(starts, sorted({series.start, *series.rdates}))
    else:  # DTSTART precedes the rule's instants
        starts = itertools.chain((series.start,), starts)
    excluded, last = set(series.exdates), None
    for start in starts:
        if start >= window_end:
            return
        if start == last or start in excluded:
            continue
        last = start
        if series.reach(start) > window_start:
            yield start


def count_between(
    series: Series,
    window_start: datetime,
    window_end: datetime,
    after: datetime | None = None,
    inclusive: bool = False,
) -> int:
    """How many ``iter_starts`` of a simple series are later than ``after`` (or
    equal, ``inclusive``), without listing them: whole periods are counted by
    arithmetic and only wall times near the edges resolved (for the window's
    limit of occurrences; a zone skipping a whole day may count one twice).
    """

    def later(start: datetime) -> bool:
        return after is None or start > after or inclusive and start == after

    if series.all_day:  # an occurrence's length follows the zone's days: list
        early = sum(  # the occurrences starting before the window, reaching in
            1
            for start in iter_starts(series, window_start, window_start + _TICK)
            if start < window_start and later(start)
        )
        lower = window_start
    else:  # a timed occurrence reaches into the window iff it starts after this
        # (one of zero length when it starts at the window's start or later)
        length = max(series.end - series.start, _TICK)
        early, lower = 0, window_start - length + _TICK
    if after is not None:
        lower = max(lower, after if inclusive else after + _TICK)
    return early + _count_starts(series, lower, window_end)


def _count_starts(series: Series, lower: datetime, upper: datetime) -> int:
    """How many occurrences start in ``[lower, upper)`` (EXDATEs, RDATEs too)."""
    if upper <= lower:
        return 0
    extras = {x for x in (series.start, *series.rdates) if lower <= x < upper}
    count = _count_rule(series, lower, upper)
    count += sum(1 for x in extras if not _is_rule_instant(series, x))
    return count - sum(
        1
        for x in set(series.exdates)
        if lower <= x < upper and (x in extras or _is_rule_instant(series, x))
    )


def _is_rule_instant(series: Series, instant: datetime) -> bool:
    return instant in _rule_instants(
        series, *_search_range(series, instant, instant + _TICK)
    )


def _count_rule(series: Series, lower: datetime, upper: datetime) -> int:
    """How many instants of the rule lie in ``[lower, upper)``.

    Where the zone keeps one UTC offset, wall times and instants differ by it
    and the count is arithmetic. Otherwise a wall time at least ``_MARGIN``
    inside the window's local bounds still resolves inside the window: those
    are counted by arithmetic, the ones nearer the edges resolved one by one.
    """
    parts = _parts(series.rule)
    lower = max(lower, series.start)
    until = _until_instant(series)
    if until is not None:
        upper = min(upper, until + _TICK)
    if upper <= lower:
        return 0
    offset = _fixed_offset(series.timezone, lower.date(), upper.date())
    if offset is not None:
        local = (
            (lower + offset).replace(tzinfo=None),
            (upper + offset).replace(tzinfo=None),
        )
        return _count_local(series, parts, *local)
    zone = series.zone
    first = lower.astimezone(zone).replace(tzinfo=None) + _MARGIN
    last = upper.astimezone(zone).replace(tzinfo=None) - _MARGIN

    def resolved(local_from: datetime, local_to: datetime) -> int:
        return sum(
            1
            for local in _local_starts(series, local_from, local_to)
            if local < local_to and lower <= series.at_local(local) < upper
        )

    if last <= first:
        return resolved(first - 2 * _MARGIN, last + 2 * _MARGIN)
    return (
        resolved(first - 2 * _MARGIN, first)
        + _count_local(series, parts, first, last)
        + resolved(last, last + 2 * _MARGIN)
    )


def _count_local(series: Series, parts: dict[str, str], first, last) -> int:
    """How many wall times a simple rule yields in ``[first, last)`` (naive)."""
    bound = _local_bound(series, parts)
    if bound is not None:
        last = max(min(last, bound + _TICK), first)
    return _starts_before(series, parts, last) - _starts_before(series, parts, first)


@lru_cache(maxsize=1024)
def _fixed_offset(timezone: str, first_day: date, last_day: date) -> timedelta | None:
    """The zone's UTC offset if it is the same from two days before ``first_day``
    to two days after ``last_day`` (UTC dates, at most ~6 weeks apart), else
    None. Sampled hourly: a zone keeps an offset for months, not minutes."""
    if (last_day - first_day).days > 42:
        return None
    zone = _zone(timezone)
    moment = datetime.combine(first_day, time(), UTC) - _MARGIN
    stop = datetime.combine(last_day, time(), UTC) + _MARGIN + timedelta(days=1)
    offset = moment.astimezone(zone).utcoffset()
    while moment < stop:
        moment += timedelta(hours=1)
        if moment.astimezone(zone).utcoffset() != offset:
            return None
    return offset


def is_occurrence(series: Series, start: datetime) -> bool:
    """Is ``start`` (UTC) an original start of the series (EXDATEs included)?"""
    if start == series.start or start in series.rdates:
        return True
    window_end = start + timedelta(seconds=1)
    probe = Series(
        rule=series.rule,
        start=series.start,
        end=series.end,
        timezone=series.timezone,
        all_day=series.all_day,
    )
    return any(
        s == start
        for s in starts_between(probe, start - (series.end - series.start), window_end)
    )


def until_before(series: Series, start: datetime) -> str:
    """The rule ended just before the occurrence at ``start`` ("this and following").

    UNTIL is written in UTC (RFC 5545: required when DTSTART has a TZID), one
    second before ``start``, or as a DATE for all-day series.
    """
    parts = {k: v for k, v in _parts(series.rule).items() if k not in ("COUNT",)}
    if series.all_day:
        last_day = start.astimezone(series.zone).date() - timedelta(days=1)
        parts["UNTIL"] = last_day.strftime("%Y%m%d")
    else:
        parts["UNTIL"] = (start - timedelta(seconds=1)).strftime("%Y%m%dT%H%M%SZ")
    order = ["FREQ"] + sorted(p for p in parts if p != "FREQ")
    return ";".join(f"{p}={parts[p]}" for p in order)


def count_before(series: Series, start: datetime) -> int:
    """How many occurrences of the rule (DTSTART included, EXDATEs too: COUNT
    counts them, RFC 5545 §3.3.10) start before ``start``."""
    if start <= series.start:
        return 0
    probe = Series(
        rule=series.rule,
        start=series.start,
        end=series.end,
        timezone=series.timezone,
        all_day=series.all_day,
    )
    return sum(1 for _ in starts_between(probe, series.start, start))


def remaining_count(series: Series, start: datetime) -> int | None:
    """COUNT left for a series split at ``start``, or None when not COUNT-bound."""
    parts = _parts(series.rule)
    if "COUNT" not in parts:
        return None
    return max(int(parts["COUNT"]) - count_before(series, start), 0)


def utc(value: datetime | date, series_zone: str, all_day: bool) -> datetime:
    """An instant from API input: an aware datetime, or a date (all-day series)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return (
        datetime.combine(value, time())
        .replace(tzinfo=_zone(series_zone))
        .astimezone(UTC)
    )


def ensure_utc_list(values: Iterable[datetime]) -> tuple[datetime, ...]:
    return tuple(sorted({v.astimezone(UTC) for v in values}))


__all__ = [
    "COUNT_FROM",
    "FAR_FUTURE",
    "MAX_COUNT",
    "MAX_PER_YEAR",
    "MAX_SUBDAILY_PER_YEAR",
    "Series",
    "count_before",
    "count_between",
    "ensure_utc_list",
    "is_occurrence",
    "countable",
    "iter_starts",
    "last_end",
    "normalize_rule",
    "remaining_count",
    "starts_between",
    "until_before",
    "utc",
    "validate",
]
