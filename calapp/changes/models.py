"""The change log: one row per changed resource, in commit order."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from calapp.db import UTCDateTime, db, utcnow

POSITION_SEQUENCE = sa.Sequence("changes_position_seq")

RESOURCE_TYPES = ("calendar", "membership", "event", "contact", "booking")
OPERATIONS = ("created", "updated", "deleted")


class Change(db.Model):
    """A resource that changed, at a position that only grows in commit order.

    ``calendar_id`` is the calendar whose readers may see the change (calendars,
    memberships, events, bookings); ``user_id`` is a user the change concerns
    beyond those readers: the member added or removed, the attendee invited or
    uninvited, the owner of a contact. No foreign keys: an entry outlives
    what it describes (a hard-deleted row, a pruned calendar).
    """

    __tablename__ = "changes"
    __table_args__ = (
        sa.Index("ix_changes_calendar_position", "calendar_id", "position"),
        sa.Index("ix_changes_user_position", "user_id", "position"),
        sa.Index("ix_changes_at", "at"),
        sa.CheckConstraint(
            "resource_type IN ('calendar', 'membership', 'event', 'contact', "
            "'booking')",
            name="ck_changes_resource_type",
        ),
        sa.CheckConstraint(
            "op IN ('created', 'updated', 'deleted')", name="ck_changes_op"
        ),
    )

    position: Mapped[int] = mapped_column(
        sa.BigInteger, primary_key=True, autoincrement=False
    )
    calendar_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    user_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    resource_type: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    resource_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    op: Mapped[str] = mapped_column(sa.String(8), nullable=False)
    at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow, server_default=sa.func.now()
    )
    actor_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))


class ChangeLogState(db.Model):
    """One row: the highest position pruned (a sync token at or below it is 410)."""

    __tablename__ = "change_log_state"

    id: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True, default=1)
    pruned_through: Mapped[int] = mapped_column(
        sa.BigInteger, nullable=False, default=0, server_default="0"
    )
