"""What editing a series asks of its rule: is an instant one of its starts, the
rule ended before an occurrence ("this and following"), the COUNT left after a
split; and instants from API input.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from calapp.events.recurrence import starts_between
from calapp.events.series import Series, _parts, _zone


def _rule_only(series: Series) -> Series:
    """The series' rule from its DTSTART, without EXDATEs, RDATEs or lengths."""
    return Series(
        rule=series.rule,
        start=series.start,
        end=series.end,
        timezone=series.timezone,
        all_day=series.all_day,
    )


def is_occurrence(series: Series, start: datetime) -> bool:
    """Is ``start`` (UTC) an original start of the series (EXDATEs included)?"""
    if start == series.start or start in series.rdates:
        return True
    window_end = start + timedelta(seconds=1)
    probe = _rule_only(series)
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
    probe = _rule_only(series)
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
