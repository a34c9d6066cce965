"""One page of a window: a k-way merge of stored rows and lazily expanded series.

``GET /events?start&end`` and a series' ``/instances`` page through a window
ordered by ``(start_time, id)``; the cursor is that key of the last item. A page
reads

- the keys ``(start_time, id)`` of the next ``limit + 1`` stored rows after the
  cursor (keyset, one statement);
- what expansion needs of every live series that can still reach the window
  after the cursor, with the slots its exceptions replace (one statement);
- each series' starts *from the cursor's instant*, merged and cut after
  ``limit + 1`` occurrences. Starts are expanded in fixed spans of time and kept
  per process (``_span_starts``), so the pages of a window share them;
- whole items (with reminders and attendees) of the stored rows and series that
  made the page, and of those alone (one statement).

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
from sqlalchemy.dialects.postgresql import ARRAY, UUID
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
_IDS = sa.cast(sa.bindparam("page_ids", type_=ARRAY(sa.Text)), ARRAY(UUID()))
# How far after the cursor a page first looks for series that start; widened
# (x4) until the page is full of items before it or it reaches the window's end.
_REACH = timedelta(days=7)
# What a page reads of a stored row before it knows whether the row is on it.
_KEYS = (reads.text_id(Event.id), reads.instant(Event.start_time))
# What expansion reads of a series (``occurrences.series_of``).
_EXPANSION = (
    reads.text_id(Event.id),
    Event.recurrence_rule,
    reads.instant(Event.start_time),
    reads.instant(Event.end_time),
    Event.timezone,
    Event.all_day,
    reads.instants(Event.exdates),
    reads.instants(Event.rdates),
    Event.rdate_periods,
    Event.duration_days,
)


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

    first: sa.Select  # keys of the stored rows of the first page
    after: sa.Select  # keys of the stored rows after a cursor
    series: sa.Select  # series reaching the window after the cursor, started
    # before the horizon (or with RDATEs, which may precede their start)
    more: sa.Select  # those started between a horizon and a wider one
    whole: sa.Select  # the items of the rows on the page

    @classmethod
    def over(cls, base: sa.Select) -> WindowQuery:
        """Built once per shape of ``base``; its own parameters are bound when
        a page runs (``window_page(params=...)``)."""
        stored = (
            _stored_in(base, _START, _END)
            .with_only_columns(*_KEYS)
            .order_by(Event.start_time, Event.id)
            .limit(_LIMIT)
        )
        cursor = sa.tuple_(Event.start_time, Event.id) > sa.tuple_(
            _AFTER_START, _AFTER_ID
        )
        # Only what expansion needs: most series that can reach a page have no
        # occurrence on it, and whole items (children aggregated to JSON) were
        # most of a page's cost when every series and stored row was read whole.
        series = _series_in(base, _RESUME, _END).with_only_columns(
            *_EXPANSION, _overridden_column()
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
            # Rows the page's own statements just selected through ``base``.
            sa.select(*reads.COLUMNS).where(Event.id == sa.any_(_IDS)),
        )


def _page_streams(
    rows: dict,
    start: datetime,
    end: datetime,
    after: tuple[datetime, str] | None,
    reach: bool,
) -> list[Iterator[tuple[datetime, str, recurrence.Series]]]:
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


def starts_in(
    series: recurrence.Series, start: datetime, end: datetime
) -> Iterator[datetime]:
    """``recurrence.starts_between(series, start, end)``, ascending, from the
    spans kept per process: for answers that are not paged (the DAV face's
    expand and free/busy) the windows of one month share them too."""
    return _starts_from(series, start, end, reach=True)


def _expansion_start(start: datetime, after) -> datetime:
    """Where expansion resumes for a cursor: what starts before its instant is on
    earlier pages (one microsecond earlier keeps an occurrence starting at that
    very instant, with a larger id, in reach)."""
    if after is None:
        return start
    return max(start, after[0] - timedelta(microseconds=1))


def _run(stmt: sa.Select, bound: dict):
    """A statement of plain columns on the session's connection: rows, without
    the ORM's result machinery (a tenth of a page's CPU)."""
    return db.session.connection().execute(stmt, bound).fetchall()


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
    rows: dict[str, object] = {}
    stmt, reach = query.series, _REACH
    horizon = end if end - resume <= reach else resume + reach
    while True:
        bound["horizon"] = horizon
        rows.update((row.id, row) for row in _run(stmt, bound))
        streams = _page_streams(rows, resume, end, after, reach=resume == start)
        head = list(islice(heapq.merge(*streams), limit + 1))
        starts = [s for s, _, _ in singles] + [s for s, _, _ in head]
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
    singles = [(row.start_time, row.id, None) for row in _run(stored, bound)]
    # Ids as text, as rows carry them: text UUIDs of one width sort as UUIDs do.
    after_key = None if after is None else (after[0], str(after[1]))
    _, head = _series_head(query, bound, singles, resume, start, end, after_key)
    merged = list(islice(heapq.merge(singles, head, key=_entry_key), limit + 1))
    on_page = merged[:limit]
    ids = list({entry_id: None for _, entry_id, _ in on_page})
    whole = {row.id: reads.item(row) for row in _run(query.whole, {"page_ids": ids})}
    page = []
    for occ_start, entry_id, series in on_page:
        item = whole.get(entry_id)
        if item is None:  # deleted since the page's first statement
            continue
        if series is None:
            page.append(item)
        else:
            end_ = series.occurrence_end(occ_start)
            page.append(reads.occurrence(item, occ_start, end_))
    next_cursor = (
        encode_cursor((on_page[-1][0], uuid.UUID(on_page[-1][1])))
        if len(merged) > limit
        else None
    )
    return page, next_cursor


def _entry_key(entry: tuple) -> tuple:
    """``(start_time, id)`` of a stored row's or an occurrence's entry."""
    return entry[0], entry[1]
