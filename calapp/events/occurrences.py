"""Lazy expansion of recurring events inside a window, merged with single events.

Occurrences are never stored. A window ``[start, end)`` holds

- stored rows that overlap it: single events and *exceptions* (one changed
  occurrence of a series, listed where it now is, even when its original slot is
  outside the window); cancelled exceptions are not listed;
- occurrences of the series that can reach the window (``last_end`` > window
  start, through the GiST index on ``[start_time, last_end)``), minus EXDATEs and
  minus the slots an exception replaces.

An occurrence has the series' ``id`` and fields, its own ``start_time`` and
``end_time``, and ``series_id`` + ``original_start_time`` set.

Paged lists (``GET /events?start&end``, ``/instances``) are in
``calapp.events.pages``; here are the window's conditions and ``all_in_window``
for answers that are not paged (free/busy, booking), which keep the protective
limit of ``MAX_OCCURRENCES``.
"""

from __future__ import annotations

import heapq
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import islice

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from calapp.errors import ValidationError
from calapp.events import periods, recurrence
from calapp.events.models import Event
from calapp.extensions import db

MAX_WINDOW = timedelta(days=366)
MAX_OCCURRENCES = 10_000
UUID_ARRAY = postgresql.ARRAY(sa.Uuid)


class Occurrence:
    """One occurrence of a series, shaped like an ``Event`` for the schemas."""

    def __init__(self, series: Event, start: datetime, end: datetime) -> None:
        self._series = series
        self.start_time = start
        self.end_time = end
        self.series_id = series.id
        self.original_start_time = start
        if series.all_day:
            zone = recurrence.Series(
                rule="FREQ=DAILY", start=start, end=end, timezone=series.timezone
            ).zone
            self.start_date = start.astimezone(zone).date()
            self.end_date = end.astimezone(zone).date()
        else:
            self.start_date = self.end_date = None

    def __getattr__(self, name):
        return getattr(self._series, name)


# What expanding a series needs: window pages load these for every series that
# can reach the window, and whole rows (with children) only for those on the page.
EXPANSION_COLUMNS = (
    Event.id,
    Event.recurrence_rule,
    Event.start_time,
    Event.end_time,
    Event.timezone,
    Event.all_day,
    Event.exdates,
    Event.rdates,
    Event.rdate_periods,
    Event.duration_days,
)


def series_of(event) -> recurrence.Series:
    """The recurrence of an ``Event`` (or of a row of ``EXPANSION_COLUMNS``)."""
    return _series(
        event.recurrence_rule,
        event.start_time,
        event.end_time,
        event.timezone,
        event.all_day,
        tuple(event.exdates or ()),
        tuple(event.rdates or ()),
        periods.lengths(event.rdate_periods),
        event.duration_days or 0,
    )


@lru_cache(maxsize=8192)  # every page reads every live series: keep their zones,
def _series(  # local starts
    rule, start, end, timezone, all_day, exdates, rdates, rdate_lengths, duration_days
):
    return recurrence.Series(
        rule=recurrence.normalize_rule(rule),
        start=start,
        end=end,
        timezone=timezone,
        all_day=all_day,
        exdates=exdates,
        rdates=rdates,
        rdate_lengths=rdate_lengths,
        duration_days=duration_days,
    )


def check_window(start: datetime, end: datetime) -> None:
    """:raises ValidationError: an empty or too long window."""
    if end <= start:
        raise ValidationError.field("end", "must be after start")
    if end - start > MAX_WINDOW:
        raise ValidationError.field(
            "end",
            f"the window may span at most {MAX_WINDOW.days} days when recurring "
            "events are expanded; page through shorter windows",
        )


def _longest(row) -> timedelta:
    """The longest occurrence of a series: its first's, or an RDATE period's."""
    own = (row.rdate_periods or {}).values()
    return max([row.end_time - row.start_time, *(timedelta(seconds=s) for s in own)])


def _longest_sql():
    """``_longest`` of the series row, in SQL."""
    value = sa.cast(sa.column("value"), sa.BigInteger)
    seconds = (
        sa.select(sa.func.max(value))
        .select_from(sa.func.jsonb_each_text(Event.rdate_periods))
        .scalar_subquery()
    )
    period = sa.func.make_interval(0, 0, 0, 0, 0, 0, sa.func.coalesce(seconds, 0))
    return sa.func.greatest(Event.end_time - Event.start_time, period)


def _overridden_slots(
    rows, start: datetime, end: datetime
) -> set[tuple[uuid.UUID, datetime]]:
    """(series, original start) pairs that an exception row replaces in the window.

    Only slots that can overlap it: before ``end`` and no earlier than the longest
    occurrence (plus a day for an all-day one across DST) before ``start``.
    """
    if not rows:
        return set()
    longest = max(_longest(row) for row in rows) + timedelta(days=1)
    # One array parameter, not an IN list of a bound parameter per series: a
    # group's or a busy calendar's window reaches a thousand series and more.
    series_ids = sa.bindparam("series_ids", [row.id for row in rows], type_=UUID_ARRAY)
    found = db.session.execute(
        sa.select(Event.series_id, Event.original_start_time).where(
            Event.series_id == sa.any_(series_ids),
            Event.deleted_at.is_(None),
            Event.original_start_time < end,
            Event.original_start_time > start - longest,
        )
    )
    return {(sid, slot) for sid, slot in found}


def _series_starts(
    rows,
    start: datetime,
    end: datetime,
    after: tuple[datetime, uuid.UUID] | None,
    overridden: set[tuple[uuid.UUID, datetime]] | None = None,
    limit: int = MAX_OCCURRENCES,
) -> list[Iterator[tuple[datetime, uuid.UUID, recurrence.Series]]]:
    """For each series, ``(start, series id, Series)`` of its occurrences in the
    window after the cursor, ascending: listed, for answers that are not paged
    and use every one of them.

    :raises ValidationError: more than ``limit`` in all.
    """
    if overridden is None:
        overridden = _overridden_slots(rows, start, end)
    slots: dict[uuid.UUID, list[datetime]] = {}
    for series_id, slot in overridden:
        slots.setdefault(series_id, []).append(slot)
    streams, total = [], 0
    for row in rows:
        series = series_of(row)
        replaced = set(slots.get(row.id, ()))
        listed = list(_occurrences_of(row.id, series, start, end, after, replaced))
        total += len(listed)
        if total > limit:
            raise _too_many(limit)
        streams.append(iter(listed))
    return streams


def _occurrences_of(series_id, series, start, end, after, replaced):
    """One series' part of ``_series_starts`` (the whole window: one expansion
    of a rule, where a page reads it span by span)."""
    for occ_start in recurrence.starts_between(series, start, end):
        if occ_start not in replaced and (
            after is None or (occ_start, series_id) > after
        ):
            yield occ_start, series_id, series


def _expand(
    series_rows: list[Event],
    start: datetime,
    end: datetime,
    after: tuple[datetime, uuid.UUID] | None,
):
    """Occurrences of every series in the window after the cursor, sorted."""
    by_id = {event.id: event for event in series_rows}
    streams = _series_starts(series_rows, start, end, after)
    for occ_start, series_id, series in heapq.merge(*streams):
        yield Occurrence(by_id[series_id], occ_start, series.occurrence_end(occ_start))


def _stored_in(base: sa.Select, start: datetime, end: datetime) -> sa.Select:
    """Stored rows (singles, exceptions) overlapping the window; cancelled
    exceptions stand for removed occurrences and are left out.

    ``last_end`` is ``end_time`` for these rows (just after the start for one of
    zero length, ``calapp.events.periods``), so the span condition says the same
    as the two comparisons; it is there for the GiST span index, which finds the
    window's rows of each calendar instead of every earlier event.
    """
    return base.where(
        Event.recurrence_rule.is_(None),
        Event.start_time < end,
        Event.last_end > start,  # = end_time, or just after a zero-length start
        sa.func.tstzrange(Event.start_time, Event.last_end).op("&&")(
            sa.func.tstzrange(start, end)
        ),
        sa.not_(sa.and_(Event.series_id.is_not(None), Event.status == "cancelled")),
    )


def _series_in(base: sa.Select, start: datetime, end: datetime) -> sa.Select:
    """Series that can reach the window: [start_time, last_end) && [start, end),
    served by the GiST span index."""
    return base.where(
        Event.recurrence_rule.is_not(None),
        Event.series_id.is_(None),
        sa.func.tstzrange(Event.start_time, Event.last_end).op("&&")(
            sa.func.tstzrange(start, end)
        ),
    )


def _too_many(limit: int = MAX_OCCURRENCES) -> ValidationError:
    return ValidationError.field(
        "end", f"more than {limit} occurrences in this window; narrow it"
    )


def all_in_window(base: sa.Select, start: datetime, end: datetime, *, options=()):
    """Every stored event and occurrence of ``base`` in the window, unordered.

    :raises ValidationError: bad window, more than ``MAX_OCCURRENCES``.
    """
    check_window(start, end)
    stored = list(db.session.scalars(_stored_in(base, start, end).options(*options)))
    series_rows = list(
        db.session.scalars(_series_in(base, start, end).options(*options))
    )
    expanded = list(islice(_expand(series_rows, start, end, None), MAX_OCCURRENCES + 1))
    if len(expanded) > MAX_OCCURRENCES:
        raise _too_many()
    return stored + expanded
