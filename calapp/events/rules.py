"""Write-time checks of a recurrence rule, and the bounds stored with a series.

``validate`` refuses what cannot be served safely; ``last_end`` is the end of
a series' last occurrence, stored for window queries. Every check costs a
bounded amount of work, whatever the rule's UNTIL or COUNT: "does it occur at
all" is decided by calendar arithmetic (``calapp.events.ruledays``), the rest
walks a bounded number of the rule's periods (``_scan_end``).
"""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta
from functools import lru_cache

from calapp.events.ruledays import occurs_after_start
from calapp.events.series import (
    _MAXYEAR,
    _TIME_PARTS,
    FAR_FUTURE,
    MAX_PER_YEAR,
    MAX_SUBDAILY_PER_YEAR,
    Series,
    _build,
    _invalid,
    _near_maxyear,
    _parts,
    _rule,
    _until_local,
    check_ranges,
)


def validate(series: Series) -> None:
    """:raises ValidationError: a rule that cannot be served safely.

    Every check walks a bounded number of the rule's periods, whatever its
    UNTIL or COUNT (see ``_scan_end`` and ``_check_recurs``).
    """
    parts = _parts(series.rule)
    check_ranges(parts)
    rule = _build(series)
    if "UNTIL" in parts and _until_local(parts["UNTIL"], series) < series.local_start:
        raise _invalid("UNTIL is before the event's start")
    _check_recurs(series, rule)
    if "COUNT" in parts and not _counted(series.rule, series.start, series.timezone)[1]:
        raise _invalid(
            f"COUNT={parts['COUNT']} is not reached within "
            f"{_scan_years(series, parts)} years of the start; use UNTIL"
        )
    subdaily = parts["FREQ"] in ("HOURLY", "MINUTELY")
    # BYHOUR/BYMINUTE/BYSECOND multiply any FREQ within a day: a DAILY rule with
    # all 24 hours, 60 minutes and 60 seconds is 86,400 occurrences a day.
    by_time = [p for p in _TIME_PARTS if p in parts]
    if series.all_day and (subdaily or by_time):
        raise _invalid("an all-day event cannot repeat more than daily")
    if subdaily:
        limit, why = (
            MAX_SUBDAILY_PER_YEAR,
            "that is the limit for hourly and minutely rules",
        )
    elif any("," in parts[p] for p in by_time):
        limit, why = MAX_PER_YEAR, "a year of a series must fit in one listed window"
    else:
        return
    # Counted on the rule moved by whole calendar cycles to just before MAXYEAR:
    # the same occurrences, and dateutil's search for the first one after the
    # year stops there instead of walking every empty period up to year 9999.
    moved = _near_maxyear(series.local_start, 1)
    horizon = moved + timedelta(days=365)
    probe = _build(series, dtstart=moved)
    if "UNTIL" in parts:
        until = _until_local(parts["UNTIL"], series)
        years = moved.year - series.local_start.year
        probe = probe.replace(
            until=until.replace(year=until.year + years)
            if until.year + years <= _MAXYEAR
            else None
        )
    for count, local in enumerate(probe.xafter(moved, inc=True), 1):
        if local >= horizon:
            break
        if count > limit:
            raise _invalid(f"produces more than {limit} occurrences a year; {why}")


RECURS_WITHIN_YEARS = 50
_LAST_WALL = datetime(_MAXYEAR, 12, 31, 23, 59, 59)
# What validation may enumerate of one rule (README "Recurrence"): periods from
# DTSTART (HOURLY and MINUTELY: days, as dateutil steps over a filtered day at
# once), and occurrences. A COUNT rule must end within them; an UNTIL beyond
# them is stored as open-ended (``last_end`` ``FAR_FUTURE``).
_SCAN_PERIODS = {"YEARLY": 10_000, "MONTHLY": 40_000, "WEEKLY": 30_000}
_SCAN_DAYS = 150_000  # DAILY, HOURLY and MINUTELY: ~410 years
SCAN_OCCURRENCES = 100_000


def _scan_end(series: Series, parts: dict[str, str]) -> datetime:
    """The last wall time validation enumerates a rule up to."""
    freq, interval = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    start = series.local_start
    if freq in ("YEARLY", "MONTHLY"):
        months = _SCAN_PERIODS[freq] * interval * (12 if freq == "YEARLY" else 1)
        total = start.year * 12 + start.month - 1 + months
        if total // 12 > _MAXYEAR:
            return _LAST_WALL
        return datetime(total // 12, total % 12 + 1, 1)
    days = _SCAN_PERIODS["WEEKLY"] * 7 * interval if freq == "WEEKLY" else _SCAN_DAYS
    if freq == "DAILY":
        days *= interval
    if days >= (_LAST_WALL - start).days:
        return _LAST_WALL
    return start + timedelta(days=days)


def _scan_years(series: Series, parts: dict[str, str]) -> int:
    return _scan_end(series, parts).year - series.local_start.year


def _check_recurs(series: Series, rule) -> None:
    """Refuse a rule that never occurs after DTSTART (``BYMONTH=2;BYMONTHDAY=30``).

    dateutil checks UNTIL and COUNT only on occurrences it finds, so such a rule
    makes every search walk each period up to year 9999. Whether any day of
    the next ``RECURS_WITHIN_YEARS`` years matches is arithmetic
    (``occurs_after_start``); what it leaves open (BYSETPOS, sub-daily steps)
    is searched from DTSTART moved by whole calendar cycles to between 50 and
    450 years before MAXYEAR (``_near_maxyear``), where the search stops.
    """
    parts = _parts(series.rule)
    if parts.get("COUNT") == "1":
        return
    start = series.local_start
    try:
        found = occurs_after_start(
            parts, start, min(start.year + RECURS_WITHIN_YEARS, _MAXYEAR)
        )
    except ValueError:
        found = False
    if found is None:
        moved = _near_maxyear(start, RECURS_WITHIN_YEARS)
        first = _first_after(series, moved)
        found = first is not None and first.year - moved.year <= RECURS_WITHIN_YEARS
    if not found:
        raise _invalid(
            f"never occurs after the event's start (within {RECURS_WITHIN_YEARS} "
            "years); check BYMONTH, BYMONTHDAY and BYDAY"
        )


def _first_after(series: Series, start: datetime) -> datetime | None:
    probe = _build(series, dtstart=start).replace(count=None, until=None)
    try:
        return next(iter(probe.xafter(start, inc=False)), None)
    except ValueError:  # dateutil: BYHOUR/BYMINUTE the INTERVAL never reaches
        return None


def last_end(series: Series) -> datetime:
    """The end of the last occurrence (its ``Series.reach``: just after its start
    when it has zero length), or ``FAR_FUTURE`` when unbounded.

    Stored with the series so a window query can skip series that ended before it.
    An UNTIL further than validation enumerates (``_scan_end``) counts as
    unbounded: the stored value is only ever a bound for window queries.
    """
    parts = _parts(series.rule)
    if "COUNT" in parts:
        last_local = _last_counted(series.rule, series.start, series.timezone)
    elif "UNTIL" in parts:
        last_local = _last_until(series, parts)
        if last_local is _OPEN:
            return FAR_FUTURE
    else:
        return FAR_FUTURE
    candidates = [series.start, *series.rdates]
    if last_local is not None:
        candidates.append(series.at_local(last_local))
    return max(series.reach(s) for s in candidates)


_OPEN = datetime.max  # ``_last_until``: too far to enumerate


def _last_until(series: Series, parts: dict[str, str]) -> datetime | None:
    """Local start of the last occurrence of an UNTIL rule, ``_OPEN`` when its
    UNTIL or its occurrences are beyond what validation enumerates."""
    if _until_local(parts["UNTIL"], series) > _scan_end(series, parts):
        return _OPEN
    last = None
    for number, local in enumerate(_build(series), 1):
        if number > SCAN_OCCURRENCES:
            return _OPEN
        last = local
    return last


@lru_cache(maxsize=4096)
def _counted(rule: str, start: datetime, timezone: str) -> tuple[datetime | None, bool]:
    """Local start of the last occurrence a COUNT rule yields (DTSTART aside, None
    when none), and whether it lies within ``_scan_end`` (else the last found
    there)."""
    series = Series(rule=rule, start=start, end=start, timezone=timezone)
    end, last = _scan_end(series, _parts(rule)), None
    for local in _rule(series) or ():  # COUNT: at most MAX_COUNT of them
        if local > end:
            return last, False
        last = local
    return last, True


@lru_cache(maxsize=4096)
def _last_counted(rule: str, start: datetime, timezone: str) -> datetime | None:
    """Local start of the last occurrence a COUNT rule yields (DTSTART aside), or
    None when it yields none. Counted once per series and process: from then on
    a COUNT series expands like the same rule with that UNTIL, from any point."""
    last, complete = _counted(rule, start, timezone)
    if complete:
        return last
    # Only a series stored before COUNT rules were bounded gets here.
    rule = _rule(Series(rule=rule, start=start, end=start, timezone=timezone))
    tail = deque(rule or (), maxlen=1)
    return tail[0] if tail else None
