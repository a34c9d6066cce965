import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from calapp.db import SoftDeleteMixin, TimestampMixin, UTCDateTime, db, uuid_fk, uuid_pk

KINDS = ("caldav", "ics")
STATES = ("active", "failing")


class Connection(TimestampMixin, SoftDeleteMixin, db.Model):
    """A user's account on another calendar server, or an ICS feed they follow.

    The password is sealed (``calapp.connections.secrets``), never returned."""

    __tablename__ = "connections"
    __table_args__ = (
        sa.CheckConstraint("kind IN ('caldav', 'ics')", name="ck_connections_kind"),
        sa.CheckConstraint(
            "state IN ('active', 'failing')", name="ck_connections_state"
        ),
        sa.Index("ix_connections_owner", "owner_id", "created_at", "id"),
        sa.Index(
            "ix_connections_due",
            "next_sync_at",
            postgresql_where=sa.text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    owner_id: Mapped[uuid.UUID] = uuid_fk("users.id")
    kind: Mapped[str] = mapped_column(sa.String(10), nullable=False)
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    url: Mapped[str] = mapped_column(sa.String(2048), nullable=False)
    username: Mapped[str | None] = mapped_column(sa.String(320))
    sealed_password: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    state: Mapped[str] = mapped_column(sa.String(10), nullable=False, default="active")
    consecutive_failures: Mapped[int] = mapped_column(
        sa.Integer, nullable=False, default=0
    )
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    last_synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set by a sync asked for in the background; cleared by the first sync that
    # starts after it (``calapp.connections.sync.run``).
    sync_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_sync_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    sync_interval_minutes: Mapped[int] = mapped_column(
        sa.Integer, nullable=False, default=15
    )


class RemoteCalendar(TimestampMixin, db.Model):
    """One calendar of a connection (an ICS feed has one), and its mirror."""

    __tablename__ = "connection_calendars"
    __table_args__ = (
        sa.UniqueConstraint(
            "connection_id", "href", name="uq_connection_calendars_href"
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    connection_id: Mapped[uuid.UUID] = uuid_fk("connections.id")
    href: Mapped[str] = mapped_column(sa.String(2048), nullable=False)
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    color: Mapped[str | None] = mapped_column(sa.String(7))
    is_busy: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    is_shown: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    supports_sync: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False
    )
    # CalDAV: the sync-collection token; ICS: the validators of the last answer.
    sync_token: Mapped[str | None] = mapped_column(sa.Text)
    etag: Mapped[str | None] = mapped_column(sa.String(1024))
    last_modified: Mapped[str | None] = mapped_column(sa.String(100))
    is_gone: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    calendar_id: Mapped[uuid.UUID | None] = uuid_fk(
        "calendars.id", nullable=True, ondelete="SET NULL"
    )
