"""A recurrence rule's text and the series it repeats (RFC 5545 §3.3.10).

``normalize_rule`` checks and canonicalises RRULE text; ``Series`` is what
expansion needs to know of a recurring event; ``_build`` turns both into a
python-dateutil rule over naive local wall times, and ``_rule`` corrects it to
RFC 5545's COUNT (DTSTART always counts). Write-time validation is in
``calapp.events.rules``, expansion in ``calapp.events.recurrence``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from calapp.errors import ValidationError
from calapp.events import periods
from calapp.events.ruledays import selects_a_day

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
_PART_VALUE = re.compile(r"^[A-Z0-9,+\-]+$")
_UNTIL = re.compile(r"^(\d{8})(T(\d{6})(Z?))?$")


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


# RFC 5545 §3.3.10 value ranges; signed parts exclude 0.
_RANGES = {
    "BYSECOND": (0, 60, False),
    "BYMINUTE": (0, 59, False),
    "BYHOUR": (0, 23, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYMONTH": (1, 12, False),
    "BYSETPOS": (1, 366, True),
}
_BYDAY_ITEM = re.compile(r"^([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


def check_ranges(parts: dict[str, str]) -> None:
    """Each BYxxx value within RFC 5545 §3.3.10's range, so that no rule reaches
    the expansion engine with a value it cannot index (``BYDAY=+99MO``).

    Checked when a rule is written (``rules.validate``), not in
    ``normalize_rule``, which also reads rules stored before this check.

    :raises ValidationError: the first value out of range.
    """
    for name, (low, high, signed) in _RANGES.items():
        for item in parts.get(name, "").split(",") if name in parts else ():
            number = item.lstrip("+-") if signed else item
            if not number.isdigit() or not low <= int(number) <= high:
                span = f"±{low}..{high}" if signed else f"{low}..{high}"
                raise _invalid(f"{name} values must be in {span}, got {item!r}")
    if "WKST" in parts and parts["WKST"] not in _WEEKDAYS:
        raise _invalid(f"WKST must be a weekday (MO..SU), got {parts['WKST']!r}")
    freq = parts["FREQ"]
    # Within a month (MONTHLY, or YEARLY with BYMONTH) there are at most 5 of a
    # weekday; within a year 53.
    in_month = freq == "MONTHLY" or (freq == "YEARLY" and "BYMONTH" in parts)
    for item in parts["BYDAY"].split(",") if "BYDAY" in parts else ():
        match = _BYDAY_ITEM.match(item)
        if not match:
            raise _invalid(f"BYDAY value {item!r} is not [+|-][n]MO..SU")
        if match.group(2) is None:
            continue
        if freq not in ("MONTHLY", "YEARLY") or (
            freq == "YEARLY" and "BYWEEKNO" in parts
        ):
            raise _invalid(
                "BYDAY with a number (e.g. 2MO) needs FREQ=MONTHLY or YEARLY "
                "without BYWEEKNO (RFC 5545 §3.3.10)"
            )
        limit = 5 if in_month else 53
        if not 1 <= int(match.group(2)) <= limit:
            raise _invalid(f"BYDAY {item!r}: the number must be in ±1..{limit}")


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
    # RDATEs given as periods, with their own length (``calapp.events.periods``).
    rdate_lengths: tuple[tuple[datetime, timedelta], ...] = ()
    # Nominal days of an imported DURATION (RFC 5545 §3.3.6): 0 for exact lengths.
    duration_days: int = 0

    @cached_property
    def zone(self) -> ZoneInfo:
        return _zone(self.timezone)

    @cached_property
    def _own_lengths(self) -> dict[datetime, timedelta]:
        return dict(self.rdate_lengths)

    @cached_property
    def local_start(self) -> datetime:
        return self.start.astimezone(self.zone).replace(tzinfo=None)

    def occurrence_end(self, start: datetime) -> datetime:
        """End of the occurrence starting at ``start`` (UTC)."""
        if self.rdate_lengths and start in self._own_lengths:  # RFC 5545 §3.8.5.2
            return start + self._own_lengths[start]
        if self.all_day:  # same number of calendar days, whatever DST does
            days = (self._local_date(self.end) - self._local_date(self.start)).days
            return self.at_local(
                datetime.combine(self._local_date(start) + timedelta(days), time())
            )
        if self.duration_days:  # DURATION:P1D... ends at the wall time days later
            local = start.astimezone(self.zone).replace(tzinfo=None)
            return self.at_local(local + self._days) + self._rest
        return start + (self.end - self.start)

    @cached_property
    def _days(self) -> timedelta:
        return timedelta(days=self.duration_days)

    @cached_property
    def _rest(self) -> timedelta:
        """The exact part of the DURATION, from the first occurrence."""
        return self.end - self.at_local(self.local_start + self._days)

    def reach(self, start: datetime) -> datetime:
        """What a window test compares: the end, or just after a zero-length
        occurrence's start (it is in ``[s, e)`` when ``s <= start < e``)."""
        return periods.reach(start, self.occurrence_end(start))

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
    """Does DTSTART itself satisfy the rule? (dateutil only yields it then.)

    Asked of DTSTART moved near MAXYEAR (``_near_maxyear``): the same answer,
    and a rule with no occurrence for centuries is not searched to year 9999.
    """
    start = _near_maxyear(series.local_start, 1)
    if not selects_a_day(_parts(series.rule), start, _MAXYEAR):
        return False
    probe = _build(series, dtstart=start).replace(count=None, until=None)
    try:
        return next(iter(probe), None) == start
    except ValueError:  # dateutil: BYHOUR/BYMINUTE the INTERVAL never reaches
        return False


def _rule(series: Series):
    """The rule with RFC COUNT semantics: DTSTART always counts as one."""
    if "COUNT" in series.rule and not _matches_rule(series):
        count = int(_parts(series.rule)["COUNT"])
        return _build(series, count_shift=1) if count > 1 else None
    return _build(series)


# The Gregorian calendar repeats every 400 years (146,097 days, whole weeks): a
# wall time moved by whole cycles has the same month, day, weekday, year day
# and week number, so a rule from a moved DTSTART yields the same occurrences,
# moved. (MAXYEAR is dateutil's end of time.)
_CYCLE_YEARS = 400
_MAXYEAR = 9999


def _near_maxyear(local: datetime, years: int) -> datetime:
    """``local`` moved by whole calendar cycles as late as keeps ``years`` years
    (and at most one cycle more) before MAXYEAR ends every search."""
    cycles = (_MAXYEAR - years - local.year) // _CYCLE_YEARS
    return (
        local.replace(year=local.year + cycles * _CYCLE_YEARS) if cycles > 0 else local
    )
