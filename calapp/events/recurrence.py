"""RFC 5545 recurrence: validation and lazy expansion, in the event's own zone.

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
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from calapp.errors import ValidationError

# Limits (README "Recurrence"): what one rule may ask of the server.
MAX_SUBDAILY_PER_YEAR = 2_000  # HOURLY/MINUTELY rules beyond this are refused
MAX_COUNT = 10_000
MAX_RULE_LENGTH = 1_000
# Any rule that BYHOUR/BYMINUTE/BYSECOND repeat within a day: one year of it must
# fit in one window of GET /events (occurrences.MAX_OCCURRENCES).
MAX_PER_YEAR = 10_000
FAR_FUTURE = datetime(9999, 12, 31, tzinfo=UTC)  # "unbounded" as a comparable instant

_PARTS = {
    "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
    "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
}  # fmt: skip
_FREQS = {"YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"}
_TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
# Without any of these dateutil derives the day from DTSTART (weekday for WEEKLY,
# month day for MONTHLY and YEARLY).
_DAY_PARTS = {"BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO"}
# Wider than any jump of a zone's UTC offset (tzdb: about 31 hours, local mean
# times included), so a wall time this far inside a window's local bounds
# resolves inside the window.
_MARGIN = timedelta(days=2)
_TICK = timedelta(microseconds=1)  # instants are microseconds
# From this long a window, resolving ~4 days of wall times at each edge costs
# less than listing the window (see ``countable``).
COUNT_FROM = timedelta(days=10)
_SIMPLE_PARTS = {"FREQ", "INTERVAL", "BYDAY", "WKST", "UNTIL", "COUNT"}
_PART_VALUE = re.compile(r"^[A-Z0-9,+\-]+$")
_UNTIL = re.compile(r"^(\d{8})(T(\d{6})(Z?))?$")
_PERIOD = {
    "DAILY": timedelta(days=1),
    "WEEKLY": timedelta(days=7),
    "HOURLY": timedelta(hours=1),
    "MINUTELY": timedelta(minutes=1),
}


def _invalid(message: str) -> ValidationError:
    return ValidationError.field("recurrence_rule", message)


@lru_cache(maxsize=4096)  # every listed series is normalised on every request
def normalize_rule(text: str) -> str:
    """Canonical ``FREQ=...;...`` text (no ``RRULE:`` prefix, upper-case).

    :raises ValidationError: malformed or unknown parts, COUNT with UNTIL.
    """
    if not isinstance(text, str) or not text.strip():
        raise _invalid("must be a non-empty RFC 5545 RRULE")
    body = text.strip()
    if len(body) > MAX_RULE_LENGTH:
        raise _invalid(f"is longer than {MAX_RULE_LENGTH} characters")
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    if "\n" in body or "\r" in body:
        raise _invalid("must be a single RRULE (use exdates/rdates for the rest)")
    parts: dict[str, str] = {}
    for item in body.split(";"):
        if not item:
            continue
        name, sep, value = item.partition("=")
        name, value = name.strip().upper(), value.strip().upper()
        if not sep or not value:
            raise _invalid(f"part {item!r} is not NAME=VALUE")
        if name not in _PARTS:
            raise _invalid(f"unknown part {name}")
        if name in parts:
            raise _invalid(f"part {name} is given twice")
        if not _PART_VALUE.match(value):
            raise _invalid(f"part {name} has an invalid value {value!r}")
        parts[name] = value
    if parts.get("FREQ") not in _FREQS:
        raise _invalid("FREQ is required: YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY")
    if parts["FREQ"] == "SECONDLY":
        raise _invalid("FREQ=SECONDLY is not supported")
    if "COUNT" in parts and "UNTIL" in parts:
        raise _invalid("COUNT and UNTIL cannot both be given (RFC 5545 §3.3.10)")
    if "COUNT" in parts:
        if not parts["COUNT"].isdigit() or not 1 <= int(parts["COUNT"]) <= MAX_COUNT:
            raise _invalid(f"COUNT must be between 1 and {MAX_COUNT}")
    if "INTERVAL" in parts:
        if not parts["INTERVAL"].isdigit() or not 1 <= int(parts["INTERVAL"]) <= 1000:
            raise _invalid("INTERVAL must be between 1 and 1000")
    if "UNTIL" in parts and not _UNTIL.match(parts["UNTIL"]):
        raise _invalid("UNTIL must be a DATE (YYYYMMDD) or a UTC DATE-TIME (…Z)")
    order = ["FREQ"] + sorted(p for p in parts if p != "FREQ")
    return ";".join(f"{p}={parts[p]}" for p in order)


def _parts(rule: str) -> dict[str, str]:
    return dict(_parsed(rule))


@lru_cache(maxsize=4096)  # parsed for every listed series on every request
def _parsed(rule: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(item.split("=", 1)) for item in rule.split(";"))


@dataclass(frozen=True)
class Series:
    """What expansion needs to know about a recurring event."""

    rule: str  # normalised
    start: datetime  # first occurrence, UTC
    end: datetime  # its end, UTC
    timezone: str
    all_day: bool = False
    exdates: tuple[datetime, ...] = ()  # original starts removed (UTC)
    rdates: tuple[datetime, ...] = ()  # extra starts (UTC)

    @cached_property
    def zone(self) -> ZoneInfo:
        return _zone(self.timezone)

    @cached_property
    def local_start(self) -> datetime:
        return self.start.astimezone(self.zone).replace(tzinfo=None)

    def occurrence_end(self, start: datetime) -> datetime:
        """End of the occurrence starting at ``start`` (UTC)."""
        if self.all_day:  # same number of calendar days, whatever DST does
            days = (self._local_date(self.end) - self._local_date(self.start)).days
            return self.at_local(
                datetime.combine(self._local_date(start) + timedelta(days), time())
            )
        return start + (self.end - self.start)

    def at_local(self, local: datetime) -> datetime:
        """RFC 5545 §3.3.5 resolution of a local wall time (fold=0), as UTC."""
        return local.replace(tzinfo=self.zone, fold=0).astimezone(UTC)

    def _local_date(self, instant: datetime) -> date:
        return instant.astimezone(self.zone).date()


@lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _until_local(value: str, series: Series) -> datetime:
    """UNTIL as local wall time of the series (inclusive bound)."""
    return _until_local_in(value, series.timezone)


@lru_cache(maxsize=4096)
def _until_local_in(value: str, timezone: str) -> datetime:
    match = _UNTIL.match(value)
    day = datetime.strptime(match.group(1), "%Y%m%d")
    if not match.group(2):  # a DATE: the whole day counts
        return day.replace(hour=23, minute=59, second=59)
    stamp = datetime.strptime(match.group(1) + match.group(3), "%Y%m%d%H%M%S")
    if match.group(4):  # UTC: the instant, seen on the series' wall clock
        return (
            stamp.replace(tzinfo=UTC).astimezone(_zone(timezone)).replace(tzinfo=None)
        )
    return stamp  # floating: read as local time


def _until_instant(series: Series) -> datetime | None:
    """UNTIL as an instant when it is given in UTC (it bounds by instant)."""
    return _until_instant_of(series.rule)


@lru_cache(maxsize=4096)
def _until_instant_of(rule: str) -> datetime | None:
    match = _UNTIL.match(_parts(rule).get("UNTIL", ""))
    if not match or not match.group(4):
        return None
    stamp = datetime.strptime(match.group(1) + match.group(3), "%Y%m%d%H%M%S")
    return stamp.replace(tzinfo=UTC)


def _build(series: Series, dtstart: datetime | None = None, count_shift: int = 0):
    """A dateutil rrule over naive local times (UNTIL turned local)."""
    parts = _parts(series.rule)
    until = parts.pop("UNTIL", None)
    if "COUNT" in parts and count_shift:
        parts["COUNT"] = str(int(parts["COUNT"]) - count_shift)
    text = ";".join(f"{k}={v}" for k, v in parts.items())
    try:
        rule = rrulestr(text, dtstart=dtstart or series.local_start, cache=False)
    except (ValueError, TypeError, OverflowError) as exc:
        raise _invalid(f"cannot be parsed: {exc}") from exc
    if until is not None:
        rule = rule.replace(until=_until_local(until, series))
    return rule


def _matches_rule(series: Series) -> bool:
    """Does DTSTART itself satisfy the rule? (dateutil only yields it then.)"""
    first = next(iter(_build(series)), None)
    return first == series.local_start


def _rule(series: Series):
    """The rule with RFC COUNT semantics: DTSTART always counts as one."""
    if "COUNT" in series.rule and not _matches_rule(series):
        count = int(_parts(series.rule)["COUNT"])
        return _build(series, count_shift=1) if count > 1 else None
    return _build(series)


def validate(series: Series) -> None:
    """:raises ValidationError: a rule that cannot be served safely."""
    parts = _parts(series.rule)
    rule = _build(series)
    if "UNTIL" in parts and _until_local(parts["UNTIL"], series) < series.local_start:
        raise _invalid("UNTIL is before the event's start")
    _check_recurs(series, rule)
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
    horizon = series.local_start + timedelta(days=365)
    for count, local in enumerate(rule.xafter(series.local_start, inc=True), 1):
        if local >= horizon:
            break
        if count > limit:
            raise _invalid(f"produces more than {limit} occurrences a year; {why}")


RECURS_WITHIN_YEARS = 50


def _check_recurs(series: Series, rule) -> None:
    """Refuse a rule that never occurs after DTSTART (``BYMONTH=2;BYMONTHDAY=30``).

    dateutil checks UNTIL and COUNT only on occurrences it finds, so such a rule
    makes every expansion search each period up to year 9999 (~0.5 s). That search
    is paid once here, at validation, and the rule is refused.
    """
    if _parts(series.rule).get("COUNT") == "1":
        return
    start = series.local_start
    probe = rule.replace(count=None, until=None)
    found = next(iter(probe.xafter(start, inc=False)), None)
    if found is None or found.year - start.year > RECURS_WITHIN_YEARS:
        raise _invalid(
            f"never occurs after the event's start (within {RECURS_WITHIN_YEARS} "
            "years); check BYMONTH, BYMONTHDAY and BYDAY"
        )


def last_end(series: Series) -> datetime:
    """The end of the last occurrence, or ``FAR_FUTURE`` when unbounded.

    Stored with the series so a window query can skip series that ended before it.
    """
    parts = _parts(series.rule)
    if "COUNT" not in parts and "UNTIL" not in parts:
        return FAR_FUTURE
    rule = _rule(series)
    last_local = rule[-1] if rule is not None and rule.count() else None
    candidates = [series.start, *series.rdates]
    if last_local is not None:
        candidates.append(series.at_local(last_local))
    return max(series.occurrence_end(s) for s in candidates)


@lru_cache(maxsize=4096)
def _last_counted(rule: str, start: datetime, timezone: str) -> datetime | None:
    """Local start of the last occurrence a COUNT rule yields (DTSTART aside), or
    None when it yields none. Counted once per series and process: from then on
    a COUNT series expands like the same rule with that UNTIL, from any point."""
    rule = _rule(Series(rule=rule, start=start, end=start, timezone=timezone))
    tail = deque(rule or (), maxlen=1)
    return tail[0] if tail else None


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
        if series.occurrence_end(start) > window_start:
            yield start


# --- pages of a window: simple rules lazily, and counted without listing ----------


def countable(series: Series, window_start: datetime, window_end: datetime) -> bool:
    """Is ``count_between`` (with ``iter_starts``) cheaper than listing the window?

    The rule must be simple: DAILY or WEEKLY with at most INTERVAL, weekdays in
    BYDAY, WKST and a bound (one occurrence a day at most, at one wall time);
    and the window at least ``COUNT_FROM`` long, as counting resolves the wall
    times near its edges one by one (unless the zone keeps one offset).
    """
    return window_end - window_start >= COUNT_FROM and _is_simple(_parts(series.rule))


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
        if series.occurrence_end(start) > window_start:
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
        early, lower = 0, window_start - (series.end - series.start) + _TICK
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
