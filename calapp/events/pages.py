"""One page of a window: a k-way merge of stored rows and lazily expanded series.

``GET /events?start&end`` and a series' ``/instances`` page through a window
ordered by ``(start_time, id)``; the cursor is that key of the last item. A page
reads

- the next ``limit + 1`` stored rows after the cursor (keyset, one statement);
- every live series that can still reach the window after the cursor, with the
  slots its exceptions replace (one statement);
- each series' starts *from the cursor's instant*, merged and cut after
  ``limit + 1`` occurrences. Starts are expanded in fixed spans of time and kept
  per process (``_span_starts``), so the pages of a window share them.

No total is counted, so any window up to ``occurrences.MAX_WINDOW`` pages to its
end, and a page costs what its size and the number of live series ask, not the
window's length or the cursor's depth. The statements are built once per shape
of query (``WindowQuery``) and run with bind parameters, since building them
cost more CPU than running them.
"""

from __future__ import annotations

import heapq
import uuid
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from itertools import islice

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import aliased

from calapp.db import UTCDateTime
from calapp.events import reads, recurrence
from calapp.events.models import Event
from calapp.events.occurrences import (
    _longest_sql,
    _series_in,
    _stored_in,
    check_window,
    series_of,
)
from calapp.extensions import db
from calapp.pagination import decode_cursor, encode_cursor

_START = sa.bindparam("window_start", type_=UTCDateTime)
_END = sa.bindparam("window_end", type_=UTCDateTime)
_RESUME = sa.bindparam("resume_at", type_=UTCDateTime)
_OVERRIDDEN_FROM = sa.bindparam("overridden_from", type_=UTCDateTime)
_AFTER_START = sa.bindparam("after_start", type_=UTCDateTime)
_AFTER_ID = sa.bindparam("after_id", type_=sa.Uuid)
_LIMIT = sa.bindparam("page_limit", type_=sa.Integer)
_HORIZON = sa.bindparam("horizon", type_=UTCDateTime)
_HORIZON_FROM = sa.bindparam("horizon_from", type_=UTCDateTime)
# How far after the cursor a page first looks for series that start; widened
# (x4) until the page is full of items before it or it reaches the window's end.
_REACH = timedelta(days=7)
# What expansion reads of a series beyond its item (not part of the response).
EXPANSION_ONLY = (Event.rdate_periods, Event.duration_days)
EXPANSION_ONLY_NAMES = ("rdate_periods", "duration_days")


def _overridden_column():
    """The slots exceptions replace near the window, as an array column of the
    series query: one index probe per series inside the same statement. Only
    slots that can overlap the window after the cursor: before its end and no
    earlier than the occurrence's length (plus a day for an all-day one across
    DST) before ``resume_at``."""
    exception = aliased(Event)
    slot = exception.original_start_time
    slots = sa.select(slot).where(
        exception.series_id == Event.id,
        exception.deleted_at.is_(None),
        slot < _END,
        slot > _OVERRIDDEN_FROM - _longest_sql(),  # RDATE periods may be longer
    )
    return sa.func.array(
        slots.scalar_subquery(), type_=ARRAY(sa.DateTime(timezone=True))
    ).label("overridden")


@dataclass(frozen=True)
class WindowQuery:
    """The statements of a window's pages over the events a ``base`` selects."""

    first: sa.Select  # stored rows of the first page
    after: sa.Select  # stored rows after a cursor
    series: sa.Select  # series reaching the window after the cursor, started
    # before the horizon (or with RDATEs, which may precede their start)
    more: sa.Select  # those started between a horizon and a wider one

    @classmethod
    def over(cls, base: sa.Select) -> WindowQuery:
        """Built once per shape of ``base``; its own parameters are bound when
        a page runs (``window_page(params=...)``)."""
        stored = (
            _stored_in(base, _START, _END)
            .with_only_columns(*reads.COLUMNS)
            .order_by(Event.start_time, Event.id)
            .limit(_LIMIT)
        )
        cursor = sa.tuple_(Event.start_time, Event.id) > sa.tuple_(
            _AFTER_START, _AFTER_ID
        )
        # Whole items of every series that can reach the page, not only what
        # expansion needs: a second statement for the series on the page cost
        # more than the extra rows.
        series = _series_in(base, _RESUME, _END).with_only_columns(
            *reads.COLUMNS,
            *EXPANSION_ONLY,
            _overridden_column(),
        )
        has_rdates = sa.func.cardinality(Event.rdates) > 0
        return cls(
            stored,
            stored.where(cursor),
            series.where(sa.or_(Event.start_time < _HORIZON, has_rdates)),
            series.where(
                Event.start_time >= _HORIZON_FROM,
                Event.start_time < _HORIZON,
                sa.not_(has_rdates),
            ),
        )


def _page_streams(
    rows: dict,
    start: datetime,
    end: datetime,
    after: tuple[datetime, uuid.UUID] | None,
    reach: bool,
) -> list[Iterator[tuple[datetime, uuid.UUID, recurrence.Series]]]:
    """For each series row (with its ``overridden`` slots), its occurrences after
    the cursor, ascending and read only as far as the page consumes them.

    ``start`` is where the page resumes (``_expansion_start``); ``reach``:
    it is the window's start, so occurrences that began before it and reach
    into it count too (on later pages they are before the cursor).
    """
    return [
        _after(sid, series_of(row), start, end, after, set(row.overridden), reach)
        for sid, row in rows.items()
    ]


def _after(series_id, series, start, end, after, replaced, reach):
    """One series' part of ``_page_streams``."""
    for occ_start in _starts_from(series, start, end, reach):
        if occ_start not in replaced and (
            after is None or (occ_start, series_id) > after
        ):
            yield occ_start, series_id, series


# A series' starts are expanded in fixed spans of time and kept per process, so
# each page of a window (and of every window that shares a span) reads them
# instead of expanding every live series again. The key is the whole
# ``Series`` (rule, times, zone, EXDATEs, RDATEs): an edit is a new key.
_SPAN = timedelta(days=28)
_EPOCH = datetime(2000, 1, 3, tzinfo=UTC)
_TICK = timedelta(microseconds=1)


_FIRST = datetime.min.replace(tzinfo=UTC)
_LAST = datetime.max.replace(tzinfo=UTC)


def _span_low(index: int) -> datetime:
    """Where the ``index``-th span begins (clamped to the datetime range)."""
    try:
        return _EPOCH + index * _SPAN
    except OverflowError:
        return _FIRST if index < 0 else _LAST


@lru_cache(maxsize=65536)
def _span_starts(series: recurrence.Series, index: int) -> tuple[datetime, ...]:
    """Starts in the ``index``-th span ``[low, high)`` (EXDATEs out, RDATEs in)."""
    low, high = _span_low(index), _span_low(index + 1)
    before = low - _TICK if low > _FIRST else low
    return tuple(s for s in recurrence.starts_between(series, before, high) if s >= low)


@lru_cache(maxsize=8192)
def _reaching(series: recurrence.Series, at: datetime) -> tuple[datetime, ...]:
    """Starts before ``at`` whose occurrences last past it."""
    return tuple(s for s in recurrence.starts_between(series, at, at + _TICK) if s < at)


def _starts_from(
    series: recurrence.Series, start: datetime, end: datetime, reach: bool
) -> Iterator[datetime]:
    """``starts_between(series, start, end)``, ascending, span by span; without
    ``reach``, only the starts from ``start`` on."""
    if reach:
        yield from _reaching(series, start)
    index = (start - _EPOCH) // _SPAN
    while _span_low(index) < end:
        try:
            starts = _span_starts(series, index)
        except OverflowError:  # a span reaching out of the datetime range
            low, high = max(_span_low(index), start), min(_span_low(index + 1), end)
            starts = tuple(
                s for s in recurrence.starts_between(series, low, high) if s >= low
            )
        for occ_start in starts[bisect_left(starts, start) :]:
            if occ_start >= end:
                return
            yield occ_start
        index += 1


def _expansion_start(start: datetime, after) -> datetime:
    """Where expansion resumes for a cursor: what starts before its instant is on
    earlier pages (one microsecond earlier keeps an occurrence starting at that
    very instant, with a larger id, in reach)."""
    if after is None:
        return start
    return max(start, after[0] - timedelta(microseconds=1))


def _series_head(query: WindowQuery, bound: dict, singles, resume, start, end, after):
    """The series that can reach the page and the page's first ``limit + 1``
    occurrences of them.

    A series starts with its first occurrence, so one that starts after the
    horizon has nothing before it: once the page's ``limit + 1``-th item (stored
    or occurrence) is before the horizon, later series cannot change the page.
    Until then the horizon widens; a page reads the series of its own weeks, not
    those of the rest of a year.
    """
    limit = bound["page_limit"] - 1
    rows: dict[uuid.UUID, object] = {}
    stmt, reach = query.series, _REACH
    horizon = end if end - resume <= reach else resume + reach
    while True:
        bound["horizon"] = horizon
        rows.update((uuid.UUID(row.id), row) for row in db.session.execute(stmt, bound))
        streams = _page_streams(rows, resume, end, after, reach=resume == start)
        head = list(islice(heapq.merge(*streams), limit + 1))
        starts = [item["start_time"] for item in singles] + [s for s, _, _ in head]
        full = len(starts) > limit and sorted(starts)[limit] < horizon
        if full or horizon >= end:
            return rows, head
        stmt, bound["horizon_from"], reach = query.more, horizon, reach * 4
        horizon = end if end - resume <= reach else resume + reach


def window_page(
    query: WindowQuery,
    params: dict,
    start: datetime,
    end: datetime,
    *,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict], str | None]:
    """One page of the window ``[start, end)`` as items of ``calapp.events.reads``;
    ``params`` bind the parameters of the query's base.

    :raises ValidationError: bad window, bad cursor.
    """
    check_window(start, end)
    after = tuple(decode_cursor(cursor, 2)) if cursor else None
    resume = _expansion_start(start, after)
    bound = {
        **params,
        "window_start": start,
        "window_end": end,
        "resume_at": resume,
        "overridden_from": resume - timedelta(days=1),
        "page_limit": limit + 1,
    }
    if after is not None:
        bound.update(after_start=after[0], after_id=after[1])
    stored = query.first if after is None else query.after
    singles = [reads.item(row) for row in db.session.execute(stored, bound)]
    rows, head = _series_head(query, bound, singles, resume, start, end, after)
    items: dict[uuid.UUID, dict] = {}
    occurrences = []
    for occ_start, sid, series in head:
        if sid not in items:
            items[sid] = reads.item(rows[sid])
            for name in ("overridden", *EXPANSION_ONLY_NAMES):
                del items[sid][name]
        end_ = series.occurrence_end(occ_start)
        occurrences.append(reads.occurrence(items[sid], occ_start, end_))
    merged = list(heapq.merge(singles, occurrences, key=reads.key))
    page = merged[:limit]
    next_cursor = (
        encode_cursor(reads.cursor_key(page[-1])) if len(merged) > limit else None
    )
    return page, next_cursor
