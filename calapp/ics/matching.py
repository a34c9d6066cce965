"""Matching a file's VEVENTs with a calendar's events, and the plan of writes.

A VEVENT without RECURRENCE-ID is matched by ``ical_uid``, one with it by its
series and slot (``original_start_time``). Then:

- no match: created;
- a match whose SEQUENCE is higher than the file's, or whose content is the
  same, or with the same SEQUENCE and a ``LAST-MODIFIED`` in the file not after
  the stored ``updated_at``: skipped (what is stored is as new or newer);
- otherwise: updated.
- ``mode=replace`` also deletes the calendar's events (and exceptions) the file
  no longer has; an event of the file that failed keeps its stored version.

An updated series whose rule, start, zone or all-day flag changed loses the
stored exceptions (not in the file) whose slot it no longer has, as ``PUT
/events`` does. A RECURRENCE-ID whose series is neither in the file nor in the
calendar, or that is not an occurrence of its series, is imported as a single
event with the UID ``<uid>_R<slot>`` (stable, so a re-import finds it).

Nothing here writes: ``plan`` returns what ``calapp.ics.import_.apply`` does,
and a dry run stops there.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from calapp.events import periods, recurrence
from calapp.events.models import Event
from calapp.extensions import db
from calapp.fields import format_instant
from calapp.ics.export import child_columns
from calapp.ics.mapping import Mapped
from calapp.ics.times import EventError, moment, slot_instant

MODES = ("merge", "replace")
# The columns an import writes and compares (with reminders and attendees).
COMPARED = (
    "title", "description", "location", "start_time", "end_time", "timezone",
    "all_day", "start_date", "end_date", "recurrence_rule", "exdates", "rdates",
    "rdate_periods", "duration_days", "status", "transparency", "tags",
    "attachments",
)  # fmt: skip
# Errors and repairs listed in one import's response (the rest counted).
MAX_LISTED = 1_000
SERIES_SHAPE = ("recurrence_rule", "start_time", "timezone", "all_day")


@dataclass
class Report:
    dry_run: bool
    mode: str
    calendar_id: uuid.UUID | None = None
    created: int = 0
    updated: int = 0
    skipped: int = 0
    deleted: int = 0
    errors: list[dict] = field(default_factory=list)
    repaired: list[dict] = field(default_factory=list)
    skipped_components: Counter = field(
        default_factory=lambda: Counter({"VTODO": 0, "VJOURNAL": 0})
    )
    omitted: Counter = field(default_factory=Counter)  # entries not listed

    def error(self, uid: str | None, message: str) -> None:
        self._add(self.errors, uid, "error", message)

    def repair(self, uid: str | None, what: str) -> None:
        self._add(self.repaired, uid, "what", what)

    def _add(self, entries: list[dict], uid: str | None, key: str, text: str) -> None:
        """Up to ``MAX_LISTED`` entries, then one that counts the rest: a file
        of tiny broken components must not make a response (and a memory
        footprint) many times its size."""
        if len(entries) < MAX_LISTED:
            entries.append({"uid": uid, key: text})
            return
        self.omitted[key] += 1
        note = {"uid": None, key: f"{self.omitted[key]} more not listed"}
        if len(entries) == MAX_LISTED:
            entries.append(note)
        else:
            entries[-1] = note


@dataclass
class Write:
    """One event row to insert (``existing`` None) or update."""

    id: uuid.UUID
    uid: str
    mapped: Mapped
    series_id: uuid.UUID | None = None
    slot: datetime | None = None
    existing: object | None = None


@dataclass
class Plan:
    writes: list[Write] = field(default_factory=list)
    deletes: set[uuid.UUID] = field(default_factory=set)
    # uid -> (series id, its columns after the import) for RECURRENCE-IDs
    series: dict[str, tuple[uuid.UUID, dict]] = field(default_factory=dict)


class Stored:
    """The calendar's live events: series and single events by UID, exceptions
    by (series, slot). ``uids``: load only those (and lazily any other asked
    for); None: everything (``mode=replace`` needs to see what the file lacks).
    """

    def __init__(self, calendar_id: uuid.UUID | None, uids=None) -> None:
        self.calendar_id = calendar_id
        self.complete = uids is None or calendar_id is None
        self.masters: dict[str, object] = {}
        self.exceptions: dict[tuple[uuid.UUID, datetime], object] = {}
        self.by_series: dict[uuid.UUID, list] = defaultdict(list)
        self._asked: set[str] = set()
        if calendar_id is not None:
            self._load(None if uids is None else sorted(uids))

    def master(self, uid: str):
        if uid not in self.masters and not self.complete and uid not in self._asked:
            self._load([uid])
        return self.masters.get(uid)

    def _select(self, *conditions) -> list:
        columns = [
            getattr(Event, n)
            for n in (
                "id", "ical_uid", "series_id", "original_start_time", "sequence",
                "updated_at", *COMPARED,
            )
        ]  # fmt: skip
        return db.session.execute(
            sa.select(*columns, *child_columns()).where(
                Event.calendar_id == self.calendar_id,
                Event.deleted_at.is_(None),
                *conditions,
            )
        ).all()

    def _load(self, uids: list[str] | None) -> None:
        if uids is None:
            rows = self._select()
        else:
            self._asked.update(uids)
            rows = self._select(Event.series_id.is_(None), Event.ical_uid.in_(uids))
            ids = [row.id for row in rows]
            rows += self._select(Event.series_id.in_(ids)) if ids else []
        for row in rows:
            if row.series_id is None:
                self.masters[row.ical_uid] = row
            else:
                self.exceptions[(row.series_id, row.original_start_time)] = row
                self.by_series[row.series_id].append(row)


def _same(row, item: Mapped) -> bool:
    if any(getattr(row, name) != item.fields[name] for name in COMPARED):
        return False
    attendees = [tuple(a) for a in row.attendees or ()]
    return list(row.reminders or ()) == item.reminders and attendees == item.attendees


def _is_newer(row, item: Mapped) -> bool:
    """Should the file's version replace the stored one?"""
    if item.sequence < row.sequence or _same(row, item):
        return False
    return not (
        item.sequence == row.sequence
        and item.last_modified is not None
        and item.last_modified <= row.updated_at
    )


def _newest(a: Mapped, b: Mapped) -> Mapped:
    key = lambda m: (m.sequence, m.last_modified or datetime.min.replace(tzinfo=UTC))  # noqa: E731
    return b if key(b) > key(a) else a


def _series_of(columns: dict) -> recurrence.Series:
    return recurrence.Series(
        rule=columns["recurrence_rule"],
        start=columns["start_time"],
        end=columns["end_time"],
        timezone=columns["timezone"],
        all_day=columns["all_day"],
        exdates=tuple(columns["exdates"] or ()),
        rdates=tuple(columns["rdates"] or ()),
        rdate_lengths=periods.lengths(columns["rdate_periods"]),
        duration_days=columns["duration_days"],
    )


class Planner:
    def __init__(self, stored: Stored, ctx, report: Report, mode: str) -> None:
        self.stored, self.ctx, self.report, self.mode = stored, ctx, report, mode
        self.plan = Plan()
        self.present: set[str] = set()  # UIDs the file keeps (replace mode)
        self.slots: set[tuple[uuid.UUID, datetime]] = set()  # the file's exceptions
        # series whose slots may change: id -> (uid, columns)
        self.reshaped: dict[uuid.UUID, tuple[str, dict]] = {}

    def single(self, uid: str, item: Mapped) -> tuple[uuid.UUID, dict] | None:
        """Plan a series or single event; its id and columns after the import."""
        self.present.add(uid)
        row = self.stored.master(uid)
        if row is None:
            write = Write(uuid.uuid4(), uid, item)
            self.plan.writes.append(write)
            self.report.created += 1
            return write.id, item.fields
        if not _is_newer(row, item):
            self.report.skipped += 1
            return row.id, {name: getattr(row, name) for name in COMPARED}
        self.plan.writes.append(Write(row.id, uid, item, existing=row))
        self.report.updated += 1
        if any(getattr(row, n) != item.fields[n] for n in SERIES_SHAPE):
            self.reshaped[row.id] = (uid, item.fields)
        return row.id, item.fields

    def reconcile(self, keep: set[str]) -> None:
        """Stored exceptions (not in the file) whose slot a changed series no
        longer has are deleted; without a rule, all of them."""
        for series_id, (uid, columns) in self.reshaped.items():
            if uid in keep:  # an exception of it failed: its slot is unknown
                continue
            series = _series_of(columns) if columns["recurrence_rule"] else None
            for row in self.stored.by_series.get(series_id, ()):
                slot = row.original_start_time
                if (series_id, slot) in self.slots:
                    continue
                if series is None or not recurrence.is_occurrence(series, slot):
                    self._delete(row.id)

    def _delete(self, event_id: uuid.UUID) -> None:
        if event_id not in self.plan.deletes:
            self.plan.deletes.add(event_id)
            self.report.deleted += 1

    def override(self, uid: str, item: Mapped, series) -> None:
        """Plan a RECURRENCE-ID VEVENT of the series ``(id, columns)`` (or None)."""
        try:
            slot = self._slot(item, series[1] if series else item.fields)
        except EventError as exc:
            self.report.error(uid, f"VEVENT at line {item.line}: {exc}")
            return
        if (
            series is None
            or not series[1]["recurrence_rule"]
            or not recurrence.is_occurrence(_series_of(series[1]), slot)
        ):
            suffix = slot.strftime("_R%Y%m%dT%H%M%SZ")
            single_uid = uid[: 255 - len(suffix)] + suffix
            why = (
                "has no recurring event in the file or the calendar"
                if series is None
                else "is not an occurrence of its series"
            )
            self.report.repair(
                uid,
                f"RECURRENCE-ID {format_instant(slot)} {why}: imported as the "
                f"single event {single_uid}",
            )
            self.single(single_uid, item)
            return
        series_id = series[0]
        self.slots.add((series_id, slot))
        row = self.stored.exceptions.get((series_id, slot))
        if row is None:
            self.plan.writes.append(Write(uuid.uuid4(), uid, item, series_id, slot))
            self.report.created += 1
        elif _is_newer(row, item):
            self.plan.writes.append(
                Write(row.id, uid, item, series_id, slot, existing=row)
            )
            self.report.updated += 1
        else:
            self.report.skipped += 1

    def _slot(self, item: Mapped, series: dict) -> datetime:
        zone, all_day = series["timezone"], series["all_day"]
        wall = series["start_time"].astimezone(ZoneInfo(zone)).time()
        value = moment(item.recurrence_id, self.ctx)
        return slot_instant(value, zone, all_day, wall)

    def prune(self, masters: set[str], keep: set[str]) -> None:
        """replace mode: delete what the file no longer has."""
        for uid, row in self.stored.masters.items():
            if uid not in self.present and uid not in keep:
                self._delete(row.id)
                for exception in self.stored.by_series.get(row.id, ()):
                    self._delete(exception.id)
            elif uid in masters and uid not in keep:
                for exception in self.stored.by_series.get(row.id, ()):
                    key = (row.id, exception.original_start_time)
                    if key not in self.slots:
                        self._delete(exception.id)


def plan(mapped, failed_masters, failed_overrides, stored, ctx, report, mode) -> Plan:
    masters: dict[str, Mapped] = {}
    overrides: dict[str, dict] = defaultdict(dict)
    for item in mapped:
        if item.recurrence_id is None:
            if item.uid in masters:
                report.repair(item.uid, "the UID appears twice: the newest copy kept")
                report.skipped += 1
                item = _newest(masters[item.uid], item)
            masters[item.uid] = item
        else:
            key = item.recurrence_id.value.strip()
            if key in overrides[item.uid]:
                report.repair(
                    item.uid, f"RECURRENCE-ID {key} appears twice: newest kept"
                )
                report.skipped += 1
                item = _newest(overrides[item.uid][key], item)
            overrides[item.uid][key] = item
    planner = Planner(stored, ctx, report, mode)
    for uid, item in masters.items():
        planner.plan.series[uid] = planner.single(uid, item)
    for uid, items in overrides.items():
        for item in items.values():
            if uid in failed_masters:
                report.error(
                    uid,
                    f"VEVENT at line {item.line}: its recurring event (the VEVENT "
                    "without RECURRENCE-ID) could not be imported",
                )
                continue
            series = planner.plan.series.get(uid)
            row = stored.master(uid) if series is None else None
            if row is not None:
                series = (row.id, {n: getattr(row, n) for n in COMPARED})
            planner.override(uid, item, series)
    planner.reconcile(failed_overrides)
    if mode == "replace":
        planner.prune(set(masters), failed_masters | failed_overrides)
    return planner.plan
