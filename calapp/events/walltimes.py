"""The local wall times a recurrence rule yields (RFC 5545 §3.3.10), no zones.

Simple rules (DAILY or WEEKLY with at most INTERVAL, weekdays in BYDAY, WKST and
a bound: most series) and "the nth weekday of the month" (MONTHLY with one
BYDAY=1MO/-1FR, INTERVAL and a bound) are computed by date arithmetic from any
point; the others
by python-dateutil, from a DTSTART moved forward by whole periods so that a
window years after the start costs what a window near it costs. Resolving wall
times to instants is ``calapp.events.recurrence``'s job.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import lru_cache

from calapp.events.rules import _last_counted
from calapp.events.series import (
    _DAY_PARTS,
    _WEEKDAYS,
    Series,
    _build,
    _parts,
    _rule,
    _until_local,
)

_SIMPLE_PARTS = {"FREQ", "INTERVAL", "BYDAY", "WKST", "UNTIL", "COUNT"}
# One weekday with an ordinal: 1MO, +2TU, -1FR (the nth, or nth last, of a month).
_NTH_WEEKDAY = re.compile(r"^([+-]?)([1-5])(MO|TU|WE|TH|FR|SA|SU)$")
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


@lru_cache(maxsize=4096)  # asked of every listed series on every page
def is_simple_rule(rule: str) -> bool:
    """Is the (normalised) rule computed by arithmetic (``_simple_starts``)?"""
    return _is_simple(_parts(rule))


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


@lru_cache(maxsize=4096)
def _monthly_nth(rule: str) -> tuple[int, int] | None:
    """``(n, weekday)`` of a MONTHLY rule whose only expansion is one BYDAY with
    an ordinal (``-1`` for the last), else None."""
    parts = _parts(rule)
    if parts["FREQ"] != "MONTHLY" or not parts.keys() <= _SIMPLE_PARTS:
        return None
    found = _NTH_WEEKDAY.match(parts.get("BYDAY", ""))
    if found is None:
        return None
    sign, n, day = found.groups()
    return (-int(n) if sign == "-" else int(n)), _WEEKDAYS[day]


def _nth_weekday(year: int, month: int, n: int, weekday: int) -> int | None:
    """The month day of the ``n``th (``-n``: nth last) ``weekday``, or None."""
    first, days = calendar.monthrange(year, month)
    if n > 0:
        day = 1 + (weekday - first) % 7 + 7 * (n - 1)
    else:
        last = (first + days - 1) % 7
        day = days - (last - weekday) % 7 + 7 * (n + 1)
    return day if 1 <= day <= days else None


def _monthly_starts(
    series: Series,
    nth: tuple[int, int],
    interval: int,
    local_from: datetime,
    local_to: datetime,
    bound: datetime | None,
) -> Iterator[datetime]:
    """What dateutil yields for ``_monthly_nth`` rules: in every ``interval``th
    month from DTSTART's, that weekday at DTSTART's wall time."""
    start = series.local_start.replace(microsecond=0)
    lower = max(local_from, start)
    stop = local_to if bound is None else min(local_to, bound)
    elapsed = (lower.year - start.year) * 12 + lower.month - start.month
    k = max(0, elapsed // interval)
    while True:
        total = start.month - 1 + k * interval
        year, month = start.year + total // 12, total % 12 + 1
        if (year, month) > (stop.year, stop.month):
            return
        day = _nth_weekday(year, month, *nth)
        if day is not None:
            moment = start.replace(year=year, month=month, day=day)
            if moment > stop:
                return
            if moment >= lower:
                yield moment
        k += 1


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
    if is_simple_rule(series.rule):
        parts = _parts(series.rule)
        bound = _local_bound(series, parts)
        yield from _simple_starts(series, parts, local_from, local_to, bound)
        return
    nth = _monthly_nth(series.rule)
    if nth is not None:
        parts = _parts(series.rule)
        bound = _local_bound(series, parts)
        interval = int(parts.get("INTERVAL", "1"))
        yield from _monthly_starts(series, nth, interval, local_from, local_to, bound)
        return
    rule, _ = _fast_forward(series, local_from)
    if rule is None:
        return
    for local in rule.xafter(max(local_from, series.local_start), inc=True):
        if local > local_to:
            return
        yield local
