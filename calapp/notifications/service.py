"""In-app notifications: the list, marking read.

What event changes mean for reminders and invitations is in
``calapp.reminders.service``; webhooks are made from the change log
(``webhooks.outbox``).
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa

from calapp.errors import NotFound
from calapp.extensions import db
from calapp.notifications.models import Notification
from calapp.pagination import keyset_page
from calapp.security import Principal

# --- the in-app list -----------------------------------------------------------------


def list_page(
    principal: Principal,
    *,
    limit: int,
    cursor: str | None,
    kind: str | None = None,
    unread: bool | None = None,
) -> tuple[list[Notification], str | None]:
    """The principal's notifications, newest first."""
    stmt = sa.select(Notification).where(Notification.user_id == principal.user_id)
    if kind:
        stmt = stmt.where(Notification.kind == kind)
    if unread is not None:
        read = Notification.read_at.is_(None)
        stmt = stmt.where(read if unread else sa.not_(read))
    return keyset_page(
        stmt,
        keys=[Notification.created_at, Notification.id],
        key_of=lambda n: (n.created_at, n.id),
        limit=limit,
        cursor=cursor,
        descending=True,
    )


def mark_read(
    principal: Principal, notification_id: uuid.UUID, now: datetime
) -> Notification:
    """:raises NotFound: not one of the principal's notifications."""
    found = db.session.scalar(
        sa.select(Notification).where(
            Notification.id == notification_id,
            Notification.user_id == principal.user_id,
        )
    )
    if found is None:
        raise NotFound("Notification not found")
    if found.read_at is None:
        found.read_at = now
        db.session.flush()
    return found


def mark_all_read(principal: Principal, now: datetime) -> int:
    return db.session.execute(
        sa.update(Notification)
        .where(
            Notification.user_id == principal.user_id, Notification.read_at.is_(None)
        )
        .values(read_at=now)
    ).rowcount
