"""The delivery outbox's rows: one message to one recipient over one channel."""

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from calapp.db import UTCDateTime, db, utcnow, uuid_fk, uuid_pk

CHANNELS = ("in_app", "email", "webhook")
# pending: waiting for next_attempt_at; sending: claimed by a worker until
# next_attempt_at (its lease); sent / failed / revoked are final.
STATUSES = ("pending", "sending", "sent", "failed", "revoked")
OPEN_STATUSES = ("pending", "sending")


class Delivery(db.Model):
    """One message to one recipient over one channel, sent at most once.

    Reminders are unique per (reminder, occurrence, channel, recipient) and
    invitations per ``dedupe_key``: rows are inserted with ON CONFLICT DO NOTHING,
    so whoever inserts second inserts nothing. Workers claim rows with
    ``FOR UPDATE SKIP LOCKED``.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        sa.CheckConstraint(
            "channel IN ('in_app', 'email', 'webhook')", name="ck_deliveries_channel"
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'revoked')",
            name="ck_deliveries_status",
        ),
        sa.Index(
            "uq_deliveries_reminder",
            "reminder_id",
            "occurrence_start",
            "channel",
            "recipient",
            unique=True,
            postgresql_where=sa.text("reminder_id IS NOT NULL"),
        ),
        sa.Index(
            "uq_deliveries_dedupe_key",
            "dedupe_key",
            unique=True,
            postgresql_where=sa.text("dedupe_key IS NOT NULL"),
        ),
        # The work queue: what a drain may claim (and what the sweep requeues).
        sa.Index(
            "ix_deliveries_ready",
            "channel",
            "next_attempt_at",
            postgresql_where=sa.text("status IN ('pending', 'sending')"),
        ),
        sa.Index("ix_deliveries_event_id", "event_id"),
        # The latest invitation per recipient of an event.
        sa.Index(
            "ix_deliveries_event_recipient",
            "event_id",
            "recipient",
            "created_at",
            postgresql_where=sa.text("channel = 'email' AND topic LIKE 'invitation.%'"),
        ),
        sa.Index(
            "ix_deliveries_webhook",
            "webhook_id",
            "created_at",
            "id",
            postgresql_where=sa.text("webhook_id IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    # reminder.due, invitation.request, invitation.cancel, event.created, ...
    topic: Mapped[str] = mapped_column(sa.String(40), nullable=False)
    channel: Mapped[str] = mapped_column(sa.String(10), nullable=False)
    # A user id (in_app), an email address, or a webhook id.
    recipient: Mapped[str] = mapped_column(sa.String(320), nullable=False)
    event_id: Mapped[uuid.UUID | None] = uuid_fk("events.id", nullable=True)
    reminder_id: Mapped[uuid.UUID | None] = uuid_fk(
        "event_reminders.id", nullable=True, ondelete="SET NULL"
    )
    webhook_id: Mapped[uuid.UUID | None] = uuid_fk("webhooks.id", nullable=True)
    occurrence_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_late: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    dedupe_key: Mapped[str | None] = mapped_column(sa.String(400))
    # Webhooks: the body, fixed when the event happened. Invitations: method and
    # sequence.
    payload: Mapped[dict] = mapped_column(JSONB, nullable=False, default=dict)
    status: Mapped[str] = mapped_column(
        sa.String(10), nullable=False, default="pending"
    )
    attempts: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    # Reported by the mail provider after the message was accepted.
    bounced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    bounce_reason: Mapped[str | None] = mapped_column(sa.Text)
    redelivery_of: Mapped[uuid.UUID | None] = uuid_fk(
        "deliveries.id", nullable=True, ondelete="SET NULL"
    )
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow
    )
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow
    )


class DeliveryAttempt(db.Model):
    """One try of an email or webhook delivery, whatever its outcome."""

    __tablename__ = "delivery_attempts"
    __table_args__ = (
        sa.CheckConstraint(
            "outcome IN ('success', 'retry', 'failed')",
            name="ck_delivery_attempts_outcome",
        ),
        sa.Index("ix_delivery_attempts_delivery", "delivery_id", "number"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    delivery_id: Mapped[uuid.UUID] = uuid_fk("deliveries.id")
    number: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    duration_ms: Mapped[int | None] = mapped_column(sa.Integer)
    outcome: Mapped[str] = mapped_column(sa.String(10), nullable=False)
    status_code: Mapped[int | None] = mapped_column(sa.Integer)
    error: Mapped[str | None] = mapped_column(sa.Text)
    response_excerpt: Mapped[str | None] = mapped_column(sa.Text)
