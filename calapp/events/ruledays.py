"""Does a rule occur after DTSTART within a horizon? Decided by calendar arithmetic.

Which days of a year a rule's day filters (BYMONTH, BYMONTHDAY, BYYEARDAY,
BYWEEKNO, BYDAY with ordinals) select depends only on the year's *type*: its
length and the weekday of January 1 (and, for BYWEEKNO, the previous year's
length). There are at most 28 types, so the selected days are worked out once
per type, from the filters' candidate days (the 30th of February is no
candidate at all), and each year of the horizon only looks its type up and
checks the rule's INTERVAL against the selected days. The cost is bounded by
the filters and the horizon's length in years, never by how many periods or
days an enumeration would walk.

The semantics are python-dateutil's (the expansion uses it): without any day
filter YEARLY takes DTSTART's month and day, MONTHLY its month day, WEEKLY its
weekday; ordinals in BYDAY count within the month for MONTHLY (and YEARLY with
BYMONTH), within the year for YEARLY, and are ignored below MONTHLY; plain and
ordinal weekdays given together must both match.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_MONTH_STARTS = {
    leap: [
        0,
        *(sum(calendar.mdays[1 : m + 1]) + (leap and m >= 2) for m in range(1, 13)),
    ]
    for leap in (False, True)
}
_EXACT_FREQS = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")
_DAY_PARTS = ("BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO")


class _Filters:
    """A rule's day filters, with dateutil's defaults from DTSTART."""

    def __init__(self, parts: dict[str, str], start: datetime) -> None:
        freq = parts["FREQ"]
        self.freq = freq
        self.wkst = _WEEKDAYS[parts.get("WKST", "MO")]
        self.months = _ints(parts, "BYMONTH")
        self.monthdays = _ints(parts, "BYMONTHDAY")
        self.yeardays = _ints(parts, "BYYEARDAY")
        self.weeknos = _ints(parts, "BYWEEKNO")
        self.weekdays: set[int] = set()
        self.nweekdays: set[tuple[int, int]] = set()
        for item in parts["BYDAY"].split(",") if "BYDAY" in parts else ():
            match = _BYDAY.match(item)
            if match is None:
                raise ValueError(f"BYDAY {item!r}")
            day, n = _WEEKDAYS[match.group(2)], int(match.group(1) or 0)
            if n and freq in ("YEARLY", "MONTHLY"):
                self.nweekdays.add((day, n))
            else:
                self.weekdays.add(day)
        if not any(p in parts for p in _DAY_PARTS):
            if freq == "YEARLY":
                self.months = self.months or {start.month}
                self.monthdays = {start.day}
            elif freq == "MONTHLY":
                self.monthdays = {start.day}
            elif freq == "WEEKLY":
                self.weekdays = {start.weekday()}

    def key(self, year: int) -> tuple[int, bool, bool]:
        """What the selected days of ``year`` depend on."""
        prev = calendar.isleap(year - 1) if self.weeknos else False
        return date(year, 1, 1).weekday(), calendar.isleap(year), prev

    def days(self, year: int) -> list[int]:
        """Indices (0 = January 1) of the days of ``year`` the filters select."""
        jan1, leap, _ = self.key(year)
        length = 365 + leap
        starts = _MONTH_STARTS[leap]
        weeks = _week_mask(self, year, jan1, length) if self.weeknos else None
        nth = _nth_mask(self, jan1, length, starts) if self.nweekdays else None
        found = []
        for i in self._candidates(jan1, length, starts):
            month = _month_of(starts, i)
            monthday = i - starts[month - 1] + 1
            monthlen = starts[month] - starts[month - 1]
            if (
                (self.months and month not in self.months)
                or (weeks is not None and i not in weeks)
                or (self.weekdays and (jan1 + i) % 7 not in self.weekdays)
                or (nth is not None and i not in nth)
                or (
                    self.monthdays
                    and monthday not in self.monthdays
                    and monthday - monthlen - 1 not in self.monthdays
                )
                or (
                    self.yeardays
                    and i + 1 not in self.yeardays
                    and i - length not in self.yeardays
                )
            ):
                continue
            found.append(i)
        return found

    def _candidates(self, jan1: int, length: int, starts: list[int]) -> list[int]:
        """A superset of the selected days, from the most selective filter."""
        if self.yeardays:
            days = {d - 1 if d > 0 else length + d for d in self.yeardays}
        elif self.monthdays:
            days = set()
            for month in self.months or range(1, 13):
                first, monthlen = starts[month - 1], starts[month] - starts[month - 1]
                for d in self.monthdays:
                    day = d if d > 0 else monthlen + d + 1
                    if 1 <= day <= monthlen:
                        days.add(first + day - 1)
        elif self.months:
            days = {i for m in self.months for i in range(starts[m - 1], starts[m])}
        elif self.weekdays and not self.nweekdays:
            days = {i for w in self.weekdays for i in range((w - jan1) % 7, length, 7)}
        else:
            days = range(length)
        return sorted(i for i in days if 0 <= i < length)


def _ints(parts: dict[str, str], name: str) -> set[int]:
    return {int(v) for v in parts[name].split(",")} if name in parts else set()


def _month_of(starts: list[int], i: int) -> int:
    month = i // 31 + 1  # never past the right month; at most one short
    return month + 1 if i >= starts[month] else month


def _nth_mask(f: _Filters, jan1: int, length: int, starts: list[int]) -> set[int]:
    """Days that are the n-th given weekday of their month (MONTHLY, YEARLY with
    BYMONTH) or year (YEARLY)."""
    if f.freq == "YEARLY" and not f.months:
        ranges = [(0, length - 1)]
    else:
        months = f.months or range(1, 13)
        ranges = [(starts[m - 1], starts[m] - 1) for m in months]
    mask = set()
    for first, last in ranges:
        for weekday, n in f.nweekdays:
            if n < 0:
                i = last + (n + 1) * 7
                i -= ((jan1 + i) % 7 - weekday) % 7
            else:
                i = first + (n - 1) * 7
                i += (7 - (jan1 + i) % 7 + weekday) % 7
            if first <= i <= last:
                mask.add(i)
    return mask


def _week_mask(f: _Filters, year: int, jan1: int, length: int) -> set[int]:
    """Days in the BYWEEKNO weeks (RFC 5545: week 1 has at least 4 days of the
    year, weeks start on WKST), as dateutil counts them."""
    mask: set[int] = set()
    wkst = f.wkst
    no1wkst = firstwkst = (7 - jan1 + wkst) % 7
    if no1wkst >= 4:
        no1wkst = 0
        wyearlen = length + (jan1 - wkst) % 7
    else:
        wyearlen = length - no1wkst
    div, mod = divmod(wyearlen, 7)
    numweeks = div + mod // 4

    def week_from(i: int) -> None:
        for _ in range(7):
            mask.add(i)
            i += 1
            if (jan1 + i) % 7 == wkst:
                break

    for n in f.weeknos:
        if n < 0:
            n += numweeks + 1
        if not 0 < n <= numweeks:
            continue
        i = no1wkst + (n - 1) * 7 if n > 1 else no1wkst
        if n > 1 and no1wkst != firstwkst:
            i -= 7 - firstwkst
        week_from(i)
    if 1 in f.weeknos:  # week 1 of the next year, where it starts in this one
        i = no1wkst + numweeks * 7
        if no1wkst != firstwkst:
            i -= 7 - firstwkst
        if i < length:
            week_from(i)
    if no1wkst:  # the last week of the previous year, where it reaches this one
        if -1 in f.weeknos:
            lnumweeks = -1
        else:
            ljan1 = date(year - 1, 1, 1).weekday()
            lno1wkst = (7 - ljan1 + wkst) % 7
            llength = 365 + calendar.isleap(year - 1)
            if lno1wkst >= 4:
                lnumweeks = 52 + (llength + (ljan1 - wkst) % 7) % 7 // 4
            else:
                lnumweeks = 52 + (length - no1wkst) % 7 // 4
        if lnumweeks in f.weeknos:
            mask.update(range(no1wkst))
    return {i for i in mask if i < length}


def selects_a_day(parts: dict[str, str], start: datetime, last_year: int) -> bool:
    """Do the day filters select any day from ``start``'s date to the end of
    ``last_year`` (INTERVAL, BYSETPOS and the time of day aside)?"""
    return _search(parts, start, last_year, exact=False) is not False


def occurs_after_start(
    parts: dict[str, str], start: datetime, last_year: int
) -> bool | None:
    """Does the rule yield a wall time after ``start`` (naive, local) and no later
    than the end of ``last_year``? None when arithmetic does not decide it
    (BYSETPOS, sub-daily steps, a weekly rule's week numbers across New Year)
    and some day matches: the caller enumerates then.

    :raises ValueError: a BYDAY item dateutil would not accept either.
    """
    freq = parts["FREQ"]
    exact = (
        freq in _EXACT_FREQS
        and "BYSETPOS" not in parts
        and not (freq == "WEEKLY" and "BYWEEKNO" in parts)
    )
    return _search(parts, start, last_year, exact)


def _search(
    parts: dict[str, str], start: datetime, last_year: int, exact: bool
) -> bool | None:
    filters, freq = _Filters(parts, start), parts["FREQ"]
    interval = int(parts.get("INTERVAL", "1")) if exact else 1
    later_today = _later_time_in_day(parts, start) if exact else True
    if exact and freq == "DAILY" and filters.weekdays and interval % 7 == 0:
        if start.weekday() not in filters.weekdays:
            return False  # every step lands on DTSTART's weekday
    active = _Active(freq if exact else "DAILY", interval, start, filters.wkst)
    first, by_key = start.date(), {}
    year = start.year
    while year <= last_year:
        if not active.year(year):
            year += 1
            continue
        key = filters.key(year)
        if key not in by_key:
            by_key[key] = filters.days(year)
        jan1 = date(year, 1, 1).toordinal() - first.toordinal()
        for i in by_key[key]:
            offset = jan1 + i  # days after DTSTART's date
            if offset < 0 or (offset == 0 and not later_today):
                continue
            if active.day(offset, year, i):
                return True if exact else None
        year += 1
    return False


def _later_time_in_day(parts: dict[str, str], start: datetime) -> bool:
    """Does the rule's time of day (BYHOUR/BYMINUTE/BYSECOND, else DTSTART's)
    come later in a day than DTSTART's?"""

    def latest(name: str, default: int) -> int:
        return max(_ints(parts, name)) if name in parts else default

    moment = (
        latest("BYHOUR", start.hour),
        latest("BYMINUTE", start.minute),
        latest("BYSECOND", start.second),
    )
    return moment > (start.hour, start.minute, start.second)


class _Active:
    """Which days INTERVAL leaves active, counted from DTSTART's period."""

    def __init__(self, freq: str, interval: int, start: datetime, wkst: int) -> None:
        self.freq, self.interval, self.start = freq, interval, start
        self.lead = (start.weekday() - wkst) % 7  # DTSTART's day in its week

    def year(self, year: int) -> bool:
        if self.freq != "YEARLY":
            return True
        return (year - self.start.year) % self.interval == 0

    def day(self, offset: int, year: int, index: int) -> bool:
        """Is the day ``offset`` days after DTSTART's (day ``index`` of ``year``)
        in an active period?"""
        n = self.interval
        if n == 1 or self.freq == "YEARLY":
            return True
        if self.freq == "DAILY":
            return offset % n == 0
        if self.freq == "WEEKLY":
            return (offset + self.lead) // 7 % n == 0
        month = _month_of(_MONTH_STARTS[calendar.isleap(year)], index)
        return ((year - self.start.year) * 12 + month - self.start.month) % n == 0


__all__ = ["occurs_after_start", "selects_a_day"]
