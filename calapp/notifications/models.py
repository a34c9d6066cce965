import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from calapp.db import UTCDateTime, db, utcnow, uuid_fk, uuid_pk

NOTIFICATION_KINDS = ("reminder", "delivery_failed")


class Notification(db.Model):
    """An in-app notification: a reminder, or an email that could not be sent."""

    __tablename__ = "notifications"
    __table_args__ = (
        sa.CheckConstraint(
            "kind IN ('reminder', 'delivery_failed')", name="ck_notifications_kind"
        ),
        sa.Index("ix_notifications_user", "user_id", "created_at", "id"),
        sa.Index(
            "ix_notifications_unread",
            "user_id",
            postgresql_where=sa.text("read_at IS NULL"),
        ),
        # One notification per delivery, whoever delivers it.
        sa.Index(
            "uq_notifications_delivery",
            "delivery_id",
            unique=True,
            postgresql_where=sa.text("delivery_id IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID] = uuid_fk("users.id")
    kind: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    title: Mapped[str] = mapped_column(sa.String(500), nullable=False)
    body: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    data: Mapped[dict] = mapped_column(JSONB, nullable=False, default=dict)
    event_id: Mapped[uuid.UUID | None] = uuid_fk("events.id", nullable=True)
    delivery_id: Mapped[uuid.UUID | None] = uuid_fk(
        "deliveries.id", nullable=True, ondelete="SET NULL"
    )
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow
    )


class ReminderSweepState(db.Model):
    """The sweep's watermark and counters: one row (id 1)."""

    __tablename__ = "reminder_sweep_state"
    __table_args__ = (sa.CheckConstraint("id = 1", name="ck_reminder_sweep_state_one"),)

    id: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True, default=1)
    # Every reminder due before this instant has been looked at.
    swept_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_fired: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    last_late: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    last_skipped: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    fired_total: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)
    late_total: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)
    # Reminders older than the catch-up horizon when finally swept: never sent.
    skipped_total: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow
    )
