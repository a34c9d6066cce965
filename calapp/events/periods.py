"""Lengths of occurrences that differ from the series' first one.

- An RDATE given as a PERIOD (RFC 5545 §3.8.5.2) keeps its own length. Stored
  in ``events.rdate_periods`` as ``{"<rdate, UTC, RFC 3339>": seconds}``; an
  RDATE not listed lasts as long as DTSTART's occurrence.
- A series imported with a DURATION of days or weeks keeps them nominal
  (§3.3.6, ``events.duration_days``): an occurrence ends that many calendar
  days later at the same wall time, plus the exact rest of the first one.
- An event of zero length (a DTSTART without DTEND or DURATION, §3.6.1) is in
  a window ``[s, e)`` when ``s <= start < e``: its *reach* (what window and
  span tests compare with the window's start) is one microsecond, the
  resolution of instants, after its start.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta, tzinfo

TICK = timedelta(microseconds=1)


def reach(start: datetime, end: datetime) -> datetime:
    """``end``, or just after ``start`` for a zero-length occurrence."""
    return end if end > start else start + TICK


def key(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


def lengths(stored: Mapping[str, int] | None) -> tuple[tuple[datetime, timedelta], ...]:
    """``rdate_periods`` as ``(rdate, length)`` pairs, ascending."""
    return tuple(
        sorted(
            (datetime.fromisoformat(k.replace("Z", "+00:00")), timedelta(seconds=v))
            for k, v in (stored or {}).items()
        )
    )


def stored(pairs: Iterable[tuple[datetime, timedelta]]) -> dict[str, int]:
    """``(rdate, length)`` pairs as the ``rdate_periods`` column stores them."""
    return {key(start): int(length.total_seconds()) for start, length in pairs}


def kept(stored_periods: Mapping[str, int] | None, rdates: Iterable[datetime]) -> dict:
    """The periods of the RDATEs still in ``rdates`` (after an edit or a split)."""
    keys = {key(d) for d in rdates}
    return {k: v for k, v in (stored_periods or {}).items() if k in keys}


def nominal_length(
    start: datetime, end: datetime, zone: tzinfo, days: int
) -> timedelta:
    """``days`` plus the exact rest of ``[start, end)`` after ``days`` wall-clock
    days in ``zone``: one timedelta whose days are meant as nominal (a DURATION)."""
    local = start.astimezone(zone).replace(tzinfo=None) + timedelta(days=days)
    later = local.replace(tzinfo=zone, fold=0).astimezone(UTC)
    return timedelta(days=days) + (end - later)
