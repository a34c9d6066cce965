"""Reading the change log: the watermark, entries since a position, pruning."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from calapp.changes.models import Change, ChangeLogState
from calapp.extensions import db


def watermark() -> int:
    """The highest position committed and visible now.

    Safe as a resume point: positions are handed out in commit order (see
    ``changes.log``), so nothing can later commit at or below it.
    """
    return db.session.execute(
        sa.select(
            sa.func.greatest(
                sa.select(
                    sa.func.coalesce(sa.func.max(Change.position), 0)
                ).scalar_subquery(),
                pruned_through(),
            )
        )
    ).scalar_one()


def pruned_through() -> int:
    """Positions at or below this one may be gone (a token there is expired)."""
    value = db.session.execute(
        sa.select(ChangeLogState.pruned_through).where(ChangeLogState.id == 1)
    ).scalar()
    return value or 0


def is_expired(position: int) -> bool:
    return position < pruned_through()


def since(
    position: int,
    *,
    calendar_ids: Iterable[uuid.UUID] = (),
    user_id: uuid.UUID | None = None,
    kinds: Iterable[str] = (),
    up_to: int | None = None,
    limit: int | None = None,
) -> list[Change]:
    """Entries after ``position`` (and at most ``up_to``) in order, seen by the
    readers of ``calendar_ids`` or concerning ``user_id``."""
    audience = []
    calendar_ids = list(calendar_ids)
    if calendar_ids:
        audience.append(Change.calendar_id.in_(calendar_ids))
    if user_id is not None:
        audience.append(Change.user_id == user_id)
    if not audience:
        return []
    query = sa.select(Change).where(Change.position > position, sa.or_(*audience))
    if up_to is not None:
        query = query.where(Change.position <= up_to)
    kinds = list(kinds)
    if kinds:
        query = query.where(Change.resource_type.in_(kinds))
    query = query.order_by(Change.position)
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.execute(query).scalars())


def changed(
    since: int,
    up_to: int,
    *,
    audience: sa.ColumnElement,
    key: sa.ColumnElement | None = None,
    after: tuple[int, uuid.UUID] | None = None,
    limit: int,
) -> list[tuple[int, uuid.UUID]]:
    """The resources changed in ``(since, up_to]`` for ``audience`` (a condition on
    ``Change``), once each: ``(last position, id)`` in that order, after ``after``.

    ``key`` is the id column (``Change.resource_id`` unless given). With a fixed
    ``up_to`` the order is stable, so it pages without repeats or gaps.
    """
    key = Change.resource_id if key is None else key
    last = sa.func.max(Change.position)
    query = (
        sa.select(last, key)
        .where(Change.position > since, Change.position <= up_to, audience)
        .group_by(key)
    )
    if after is not None:
        query = query.having(
            sa.tuple_(last, key) > sa.tuple_(sa.literal(after[0]), sa.literal(after[1]))
        )
    query = query.order_by(last, key).limit(limit)
    return [(row[0], row[1]) for row in db.session.execute(query)]


def prune(now: datetime, retention_days: int) -> int:
    """Delete entries older than the retention, always keeping the newest one
    (the watermark survives). Returns how many were deleted.

    :raises ValueError: a retention below one day.
    """
    if retention_days < 1:
        raise ValueError("SYNC_RETENTION_DAYS must be at least 1")
    cutoff = now - timedelta(days=retention_days)
    newest = sa.select(sa.func.max(Change.position)).scalar_subquery()
    last = db.session.execute(
        sa.select(sa.func.max(Change.position)).where(
            Change.at < cutoff, Change.position < newest
        )
    ).scalar()
    if last is None:
        return 0
    deleted = db.session.execute(
        sa.delete(Change).where(Change.position <= last)
    ).rowcount
    upsert = insert(ChangeLogState).values(id=1, pruned_through=last)
    db.session.execute(
        upsert.on_conflict_do_update(
            index_elements=[ChangeLogState.id],
            set_={
                "pruned_through": sa.func.greatest(
                    ChangeLogState.pruned_through, upsert.excluded.pruned_through
                )
            },
        )
    )
    return deleted
