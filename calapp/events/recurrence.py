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

The rule text and ``Series`` are in ``calapp.events.series``, the wall times a
rule yields in ``calapp.events.walltimes``, write-time validation and stored
bounds in ``calapp.events.rules``, what editing a series asks of its rule in
``calapp.events.ruleedits``; their public names are re-exported here.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator
from datetime import datetime, timedelta

from calapp.events.rules import last_end, validate
from calapp.events.series import (
    FAR_FUTURE,
    MAX_COUNT,
    MAX_PER_YEAR,
    MAX_SUBDAILY_PER_YEAR,
    Series,
    _until_instant,
    normalize_rule,
)
from calapp.events.walltimes import _local_starts, is_simple_rule

# Wider than any jump of a zone's UTC offset (tzdb: about 31 hours, local mean
# times included), so a wall time this far inside a window's local bounds
# resolves inside the window.
_MARGIN = timedelta(days=2)
# From this long a window, a simple rule is better expanded lazily (``countable``).
COUNT_FROM = timedelta(days=10)


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


# --- pages of a window: computed only as far as consumed ---------------------------


def countable(series: Series, window_start: datetime, window_end: datetime) -> bool:
    """Is ``iter_starts`` worth it over listing the window?

    The rule must be simple: DAILY or WEEKLY with at most INTERVAL, weekdays in
    BYDAY, WKST and a bound (one occurrence a day at most, at one wall time);
    and the window at least ``COUNT_FROM`` long.
    """
    return (
        window_end - window_start >= COUNT_FROM
        and not series.rdate_lengths  # RDATE periods: each its own length, listed
        and is_simple_rule(series.rule)
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


# Re-exported; imported last as they expand through ``starts_between``.
from calapp.events.ruleedits import (  # noqa: E402
    count_before,
    ensure_utc_list,
    is_occurrence,
    remaining_count,
    until_before,
    utc,
)

__all__ = [
    "COUNT_FROM",
    "FAR_FUTURE",
    "MAX_COUNT",
    "MAX_PER_YEAR",
    "MAX_SUBDAILY_PER_YEAR",
    "Series",
    "count_before",
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
