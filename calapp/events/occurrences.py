"""Lazy expansion of recurring events inside a window, merged with single events.

Occurrences are never stored. For ``GET /events?start&end`` (and a series'
``/instances``) the page is the merge, ordered by ``(start_time, id)``, of

- stored rows that overlap the window: single events and *exceptions* (one
  changed occurrence of a series, listed where it now is, even when its original
  slot is outside the window); cancelled exceptions are not listed;
- occurrences of the series that can reach the window (``last_end`` > window
  start, through the GiST index on ``[start_time, last_end)``), minus EXDATEs and
  minus the slots an exception replaces.

An occurrence has the series' ``id`` and fields, its own ``start_time`` and
``end_time``, and ``series_id`` + ``original_start_time`` set. The keyset cursor
is the ``(start_time, id)`` of the last item, so a page may end inside a series.
"""

from __future__ import annotations

import heapq
import uuid
from datetime import datetime, timedelta
from itertools import islice

import sqlalchemy as sa

from calapp.errors import ValidationError
from calapp.events import recurrence
from calapp.events.models import Event
from calapp.extensions import db
from calapp.pagination import decode_cursor, encode_cursor

MAX_WINDOW = timedelta(days=366)
MAX_OCCURRENCES = 10_000


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


def series_of(event: Event) -> recurrence.Series:
    return recurrence.Series(
        rule=recurrence.normalize_rule(event.recurrence_rule),
        start=event.start_time,
        end=event.end_time,
        timezone=event.timezone,
        all_day=event.all_day,
        exdates=tuple(event.exdates or ()),
        rdates=tuple(event.rdates or ()),
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


def _overridden_slots(series_ids: list[uuid.UUID]) -> set[tuple[uuid.UUID, datetime]]:
    """(series, original start) pairs that an exception row replaces."""
    if not series_ids:
        return set()
    rows = db.session.execute(
        sa.select(Event.series_id, Event.original_start_time).where(
            Event.series_id.in_(series_ids), Event.deleted_at.is_(None)
        )
    )
    return {(sid, start) for sid, start in rows}


def _expand(
    series_rows: list[Event],
    start: datetime,
    end: datetime,
    after: tuple[datetime, uuid.UUID] | None,
):
    """Occurrences of every series in the window after the cursor, sorted."""
    overridden = _overridden_slots([s.id for s in series_rows])

    def stream(event: Event, series: recurrence.Series):
        for occ_start in recurrence.starts_between(series, start, end):
            if (event.id, occ_start) in overridden:
                continue
            if after is None or (occ_start, event.id) > after:
                yield occ_start, event.id, event, series

    streams = [stream(event, series_of(event)) for event in series_rows]
    for occ_start, _, event, series in heapq.merge(*streams, key=lambda t: t[:2]):
        yield Occurrence(event, occ_start, series.occurrence_end(occ_start))


def _stored_in(base: sa.Select, start: datetime, end: datetime) -> sa.Select:
    """Stored rows (singles, exceptions) overlapping the window; cancelled
    exceptions stand for removed occurrences and are left out."""
    return base.where(
        Event.recurrence_rule.is_(None),
        Event.start_time < end,
        Event.end_time > start,
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


def _too_many() -> ValidationError:
    return ValidationError.field(
        "end", f"more than {MAX_OCCURRENCES} occurrences in this window; narrow it"
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


def window_page(
    base: sa.Select,
    start: datetime,
    end: datetime,
    *,
    limit: int,
    cursor: str | None,
    options=(),
):
    """One page of the window ``[start, end)`` over the events ``base`` selects.

    :raises ValidationError: bad window, bad cursor, or more than
        ``MAX_OCCURRENCES`` occurrences left in the window.
    """
    check_window(start, end)
    after = tuple(decode_cursor(cursor, 2)) if cursor else None
    stored = _stored_in(base, start, end)
    if after is not None:
        stored = stored.where(
            sa.tuple_(Event.start_time, Event.id)
            > sa.tuple_(sa.literal(after[0], Event.start_time.type),
                        sa.literal(after[1], Event.id.type))
        )  # fmt: skip
    singles = list(
        db.session.scalars(
            stored.options(*options)
            .order_by(Event.start_time, Event.id)
            .limit(limit + 1)
        )
    )
    series_rows = list(
        db.session.scalars(_series_in(base, start, end).options(*options))
    )
    occurrences = _expand(series_rows, start, end, after)
    # Enough occurrences to fill the page; counting the rest bounds the work.
    head = list(islice(occurrences, limit + 1))
    if sum(1 for _ in islice(occurrences, MAX_OCCURRENCES)) >= MAX_OCCURRENCES:
        raise _too_many()
    merged = list(
        heapq.merge(singles, head, key=lambda item: (item.start_time, item.id))
    )
    page = merged[:limit]
    next_cursor = (
        encode_cursor((page[-1].start_time, page[-1].id))
        if len(merged) > limit
        else None
    )
    return page, next_cursor
