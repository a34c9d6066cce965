"""Writing the change log, in the transaction that makes the change.

What changed is gathered from every ORM flush (calendars, memberships, events
with their reminders and attendees, contacts, bookings), and from explicit
``record`` / ``record_events`` calls where a service writes with bulk SQL (COPY,
``UPDATE ... WHERE``). The entries are written when the transaction commits.

**Positions are safe under concurrency.** An entry's position is drawn from a
sequence at commit time, under a transaction-scoped advisory lock that is held
until the commit completes. So positions are handed out in commit order: when a
reader sees position N committed, every transaction that will ever commit with a
position ≤ N has already committed, and none is missed by a reader that
continues from N. (A sequence value taken at insert time would not do: a slow
transaction holding N-1 could commit after a reader saw N.) The cost is that
writers of the log serialise for the few statements between their insert and
their commit. ``pg_notify`` wakes the log's readers once the commit is visible
(``calapp.changes.wake``): the stream processes and the webhook outbox. The log
stays the source of truth.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import g, has_request_context
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event as sa_event
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Session

from calapp.changes.wake import NOTIFY_CHANNEL
from calapp.db import utcnow

# Any constant works; the same in every process.
POSITION_LOCK_KEY = 3019_0011
_PENDING = "calapp.changes"


@dataclass
class _Pending:
    """What one transaction changed, merged per resource."""

    ops: dict[tuple[str, uuid.UUID], str] = field(default_factory=dict)
    calendars: dict[tuple[str, uuid.UUID], set] = field(default_factory=dict)
    users: dict[tuple[str, uuid.UUID], set] = field(default_factory=dict)
    events_to_place: set = field(default_factory=set)  # calendar looked up at commit
    placed: set = field(default_factory=set)  # events flushed: calendar known

    def add(self, kind, resource_id, op, calendar_id=None, user_id=None) -> None:
        key = (kind, resource_id)
        before = self.ops.get(key)
        self.ops[key] = op if before is None else _merge(before, op)
        if calendar_id is not None:
            self.calendars.setdefault(key, set()).add(calendar_id)
        if user_id is not None:
            self.users.setdefault(key, set()).add(user_id)

    def __bool__(self) -> bool:
        return bool(self.ops)


def _merge(before: str, after: str) -> str:
    """created then updated is created; anything then deleted is deleted."""
    if "deleted" in (before, after):
        return "deleted"
    return "created" if "created" in (before, after) else "updated"


def _pending(session: Session) -> _Pending:
    pending = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = _Pending()
    return pending


# --- explicit entries, for writes the ORM does not see ------------------------------


def record(
    session: Session,
    kind: str,
    resource_id: uuid.UUID,
    op: str,
    *,
    calendar_id: uuid.UUID | None = None,
    user_id: uuid.UUID | None = None,
) -> None:
    """Log a change made with bulk SQL (written at commit)."""
    _pending(session).add(kind, resource_id, op, calendar_id, user_id)


def record_events(
    session: Session, event_ids: Iterable[uuid.UUID], op: str = "updated"
) -> None:
    """Log changed events by id; their calendars are looked up at commit."""
    pending = _pending(session)
    for event_id in event_ids:
        pending.add("event", event_id, op)
        pending.events_to_place.add(event_id)


# --- what the ORM flushed ------------------------------------------------------------


def _op(session: Session, obj, *, new: bool, gone: bool) -> str | None:
    if new:
        return "created"
    if gone:
        return "deleted"
    if not session.is_modified(obj, include_collections=False):
        return None
    state = sa.inspect(obj)
    if "deleted_at" in state.attrs:
        history = state.attrs.deleted_at.history
        if history.added and history.added[0] is not None:
            return "deleted"
    return "updated"


def _old_value(obj, name: str):
    history = sa.inspect(obj).attrs[name].history
    return history.deleted[0] if history.deleted else None


# The tables whose rows are logged. Matched by table name, so that the log
# imports no resource package (the import contract in pyproject.toml).
_LOGGED_TABLES = frozenset(
    (
        "calendars",
        "calendar_members",
        "events",
        "event_reminders",
        "event_attendees",
        "contacts",
        "bookings",
    )
)
_EVENTS = sa.table(
    "events",
    sa.column("id", UUID(as_uuid=True)),
    sa.column("calendar_id", UUID(as_uuid=True)),
)


def _capture(session: Session, obj, *, new: bool = False, gone: bool = False) -> None:
    table = getattr(obj, "__tablename__", None)
    if table not in _LOGGED_TABLES:
        return
    op = _op(session, obj, new=new, gone=gone)
    if op is None:
        return
    pending = _pending(session)
    if table == "calendars":
        pending.add("calendar", obj.id, op, obj.id)
    elif table == "calendar_members":
        pending.add("membership", obj.user_id, op, obj.calendar_id, obj.user_id)
    elif table == "events":
        pending.add("event", obj.id, op, obj.calendar_id)
        pending.placed.add(obj.id)
        moved_from = _old_value(obj, "calendar_id") if not new else None
        if moved_from is not None and moved_from != obj.calendar_id:
            pending.add("event", obj.id, op, moved_from)
    elif table == "event_reminders":
        record_events(session, [obj.event_id])
    elif table == "event_attendees":
        record_events(session, [obj.event_id])
        for user_id in {obj.user_id, _old_value(obj, "user_id")} - {None}:
            pending.add("event", obj.event_id, "updated", user_id=user_id)
    elif table == "contacts":
        pending.add("contact", obj.id, op, user_id=obj.owner_id)
    elif table == "bookings":
        pending.add("booking", obj.id, op, obj.calendar_id)


def _after_flush(session: Session, flush_context) -> None:
    for obj in session.new:
        _capture(session, obj, new=True)
    for obj in session.dirty:
        _capture(session, obj)
    for obj in session.deleted:
        _capture(session, obj, gone=True)


# --- written at commit ---------------------------------------------------------


def _actor() -> uuid.UUID | None:
    """Who made the change: the request's authenticated user (None for public
    booking calls and background tasks)."""
    if not has_request_context():
        return None
    principal = g.get("principal")
    return getattr(principal, "user_id", None)


def _rows(session: Session, pending: _Pending) -> list[dict]:
    places: dict = {}
    # Only events the flushes did not place already (a reminder added to an event
    # created or touched in the same transaction needs no lookup).
    unplaced = pending.events_to_place - pending.placed
    if unplaced:
        places = dict(
            session.execute(
                sa.select(_EVENTS.c.id, _EVENTS.c.calendar_id).where(
                    _EVENTS.c.id.in_(unplaced)
                )
            ).all()
        )
    actor = _actor()
    rows = []
    for (kind, resource_id), op in pending.ops.items():
        calendars = set(pending.calendars.get((kind, resource_id), ()))
        if kind == "event" and resource_id in places:
            calendars.add(places[resource_id])
        users = pending.users.get((kind, resource_id), set())
        # One row per audience: each calendar whose readers see it, and each user
        # it concerns. A contact has only its owner; a membership, both.
        first_calendar = next(iter(calendars), None)
        targets = [(c, None) for c in calendars] + [(first_calendar, u) for u in users]
        if kind == "membership":
            targets = [(c, u) for c in calendars for u in users] or targets
        for calendar_id, user_id in targets or [(None, None)]:
            rows.append(
                {
                    "calendar_id": calendar_id,
                    "user_id": user_id,
                    "resource_type": kind,
                    "resource_id": resource_id,
                    "op": op,
                    "actor_id": actor,
                }
            )
    return rows


def _before_commit(session: Session) -> None:
    # Also called when a savepoint is released: the transaction goes on, and its
    # entries are written once, at its commit.
    if session.in_nested_transaction() or not session.info.get(_PENDING):
        return
    session.flush()  # what is still unflushed is captured by _after_flush
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    rows = _rows(session, pending)
    session.execute(
        _WRITE,
        {
            "key": POSITION_LOCK_KEY,
            "channel": NOTIFY_CHANNEL,
            "at": utcnow(),
            **{
                column: [_text(row[column]) for row in rows]
                for column in ("calendar_id", "user_id", "resource_id", "actor_id")
            },
            "resource_type": [row["resource_type"] for row in rows],
            "op": [row["op"] for row in rows],
        },
    )


def _text(value) -> str | None:
    return None if value is None else str(value)


# The lock that orders positions as commits, the entries, and the notification
# of the last position (delivered to the listeners when the commit is visible:
# the stream processes and the job consumer that enqueues the webhook outbox,
# ``wake``), in one round trip and one statement text whatever the number of
# entries (arrays, not a VALUES list that is compiled anew each time). Every
# entry's position is drawn after the lock: the lock's row joins each of them.
_WRITE = sa.text(
    """
    WITH locked AS MATERIALIZED (
        SELECT pg_advisory_xact_lock(CAST(:key AS bigint)) AS done
    ), inserted AS (
        INSERT INTO changes
            (position, calendar_id, user_id, resource_type, resource_id, op, at,
             actor_id)
        SELECT nextval('changes_position_seq'), e.calendar_id, e.user_id,
               e.resource_type, e.resource_id, e.op, :at, e.actor_id
        FROM locked, unnest(
            CAST(:calendar_id AS uuid[]), CAST(:user_id AS uuid[]),
            CAST(:resource_type AS text[]), CAST(:resource_id AS uuid[]),
            CAST(:op AS text[]), CAST(:actor_id AS uuid[])
        ) AS e(calendar_id, user_id, resource_type, resource_id, op, actor_id)
        RETURNING position
    )
    SELECT pg_notify(:channel, CAST(max(position) AS text)) FROM inserted
    """
)


def _after_transaction_end(session: Session, transaction) -> None:
    # The outermost transaction ended (committed above, or rolled back): nothing
    # it recorded survives. A savepoint's end keeps what the transaction holds.
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


def install() -> None:
    """Listen on the app's session class (idempotent)."""
    for name, fn in (
        ("after_flush", _after_flush),
        ("before_commit", _before_commit),
        ("after_transaction_end", _after_transaction_end),
    ):
        if not sa_event.contains(FlaskSession, name, fn):
            sa_event.listen(FlaskSession, name, fn)
