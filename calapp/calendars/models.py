import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from calapp.db import (
    SoftDeleteMixin,
    TimestampMixin,
    UTCDateTime,
    db,
    utcnow,
    uuid_fk,
    uuid_pk,
)

ROLES = ("owner", "editor", "viewer", "freebusy")


class Calendar(TimestampMixin, SoftDeleteMixin, db.Model):
    __tablename__ = "calendars"
    __table_args__ = (
        sa.Index("ix_calendars_owner_id", "owner_id"),
        sa.Index(
            "ix_calendars_owner_busy_source",
            "owner_id",
            postgresql_where=sa.text("is_busy_source AND deleted_at IS NULL"),
        ),
        sa.Index(
            "uq_calendars_public_token",
            "public_token",
            unique=True,
            postgresql_where=sa.text("public_token IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    owner_id: Mapped[uuid.UUID] = uuid_fk("users.id")
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(sa.Text)
    color: Mapped[str] = mapped_column(sa.String(7), nullable=False, default="#3366CC")
    timezone: Mapped[str] = mapped_column(sa.String(64), nullable=False, default="UTC")
    is_public: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    # Secret of the public ICS feed (/calendars/public/{token}.ics); rotatable.
    public_token: Mapped[str | None] = mapped_column(sa.String(64))
    # A mirror of an external calendar (``calapp.connections``): its events are
    # written by the sync only. ``source`` is ``caldav`` or ``ics``.
    connection_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("connections.id", ondelete="SET NULL")
    )
    source: Mapped[str | None] = mapped_column(sa.String(10))
    # Its events make its owner busy in all of the owner's calendars.
    is_busy_source: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )

    @property
    def is_read_only(self) -> bool:
        return self.source is not None


class CalendarMember(db.Model):
    """A user's role on a calendar. The owner has a row too (role ``owner``)."""

    __tablename__ = "calendar_members"
    __table_args__ = (
        sa.CheckConstraint(
            "role IN ('owner', 'editor', 'viewer', 'freebusy')",
            name="ck_calendar_members_role",
        ),
        sa.Index("ix_calendar_members_user_id", "user_id", "calendar_id"),
    )

    calendar_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("calendars.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(sa.String(10), nullable=False)
    created_at = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = mapped_column(
        UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow
    )
