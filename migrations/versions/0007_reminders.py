"""reminders: delivery of reminders, invitations and webhooks

- ``event_reminders.notify_attendees``; ``event_reminders.next_due_at``, when
  the sweep must look at the reminder again, with the partial index the sweep
  reads (``ix_event_reminders_next_due``: only rows that can still fire). Existing
  rows start at 1970-01-01, "work it out", like every new row.
- ``deliveries`` (one message, one recipient, one channel; unique per reminder
  occurrence or per ``dedupe_key``), ``delivery_attempts``, ``notifications``
  (in-app), ``webhooks`` and the sweep's one-row ``reminder_sweep_state``.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TSTZ = sa.DateTime(timezone=True)


def _uuid_fk(name, target, *, ondelete="CASCADE", nullable=True):
    return sa.Column(
        name,
        sa.UUID(),
        sa.ForeignKey(target, ondelete=ondelete),
        nullable=nullable,
    )


def upgrade():
    op.add_column(
        "event_reminders",
        sa.Column(
            "notify_attendees", sa.Boolean(), nullable=False, server_default=sa.false()
        ),
    )
    op.add_column(
        "event_reminders",
        sa.Column(
            "next_due_at",
            TSTZ,
            nullable=True,
            server_default=sa.text("'1970-01-01 00:00:00+00'"),
        ),
    )
    op.create_index(
        "ix_event_reminders_next_due",
        "event_reminders",
        ["next_due_at"],
        postgresql_where=sa.text("next_due_at IS NOT NULL"),
    )

    op.create_table(
        "webhooks",
        sa.Column("id", sa.UUID(), primary_key=True),
        _uuid_fk("user_id", "users.id", nullable=False),
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("secret", sa.String(200), nullable=False),
        sa.Column(
            "event_types",
            postgresql.ARRAY(sa.String(40)),
            nullable=False,
            server_default="{}",
        ),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", TSTZ, server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", TSTZ, server_default=sa.func.now(), nullable=False),
    )
    op.create_index("ix_webhooks_user", "webhooks", ["user_id", "created_at", "id"])

    op.create_table(
        "deliveries",
        sa.Column("id", sa.UUID(), primary_key=True),
        sa.Column("topic", sa.String(40), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        _uuid_fk("event_id", "events.id"),
        _uuid_fk("reminder_id", "event_reminders.id", ondelete="SET NULL"),
        _uuid_fk("webhook_id", "webhooks.id"),
        sa.Column("occurrence_start", TSTZ),
        sa.Column("due_at", TSTZ),
        sa.Column("is_late", sa.Boolean(), nullable=False),
        sa.Column("dedupe_key", sa.String(400)),
        sa.Column("payload", postgresql.JSONB(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", TSTZ, nullable=False),
        sa.Column("claimed_at", TSTZ),
        sa.Column("sent_at", TSTZ),
        sa.Column("last_error", sa.Text()),
        _uuid_fk("redelivery_of", "deliveries.id", ondelete="SET NULL"),
        sa.Column("created_at", TSTZ, nullable=False),
        sa.Column("updated_at", TSTZ, nullable=False),
        sa.CheckConstraint(
            "channel IN ('in_app', 'email', 'webhook')", name="ck_deliveries_channel"
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'revoked')",
            name="ck_deliveries_status",
        ),
    )
    op.create_index(
        "uq_deliveries_reminder",
        "deliveries",
        ["reminder_id", "occurrence_start", "channel", "recipient"],
        unique=True,
        postgresql_where=sa.text("reminder_id IS NOT NULL"),
    )
    op.create_index(
        "uq_deliveries_dedupe_key",
        "deliveries",
        ["dedupe_key"],
        unique=True,
        postgresql_where=sa.text("dedupe_key IS NOT NULL"),
    )
    op.create_index(
        "ix_deliveries_ready",
        "deliveries",
        ["channel", "next_attempt_at"],
        postgresql_where=sa.text("status IN ('pending', 'sending')"),
    )
    op.create_index("ix_deliveries_event_id", "deliveries", ["event_id"])
    op.create_index(
        "ix_deliveries_webhook",
        "deliveries",
        ["webhook_id", "created_at", "id"],
        postgresql_where=sa.text("webhook_id IS NOT NULL"),
    )

    op.create_table(
        "delivery_attempts",
        sa.Column("id", sa.UUID(), primary_key=True),
        _uuid_fk("delivery_id", "deliveries.id", nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("started_at", TSTZ, nullable=False),
        sa.Column("duration_ms", sa.Integer()),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("status_code", sa.Integer()),
        sa.Column("error", sa.Text()),
        sa.Column("response_excerpt", sa.Text()),
        sa.CheckConstraint(
            "outcome IN ('success', 'retry', 'failed')",
            name="ck_delivery_attempts_outcome",
        ),
    )
    op.create_index(
        "ix_delivery_attempts_delivery", "delivery_attempts", ["delivery_id", "number"]
    )

    op.create_table(
        "notifications",
        sa.Column("id", sa.UUID(), primary_key=True),
        _uuid_fk("user_id", "users.id", nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("data", postgresql.JSONB(), nullable=False),
        _uuid_fk("event_id", "events.id"),
        _uuid_fk("delivery_id", "deliveries.id", ondelete="SET NULL"),
        sa.Column("read_at", TSTZ),
        sa.Column("created_at", TSTZ, nullable=False),
        sa.CheckConstraint(
            "kind IN ('reminder', 'delivery_failed')", name="ck_notifications_kind"
        ),
    )
    op.create_index(
        "ix_notifications_user", "notifications", ["user_id", "created_at", "id"]
    )
    op.create_index(
        "ix_notifications_unread",
        "notifications",
        ["user_id"],
        postgresql_where=sa.text("read_at IS NULL"),
    )
    op.create_index(
        "uq_notifications_delivery",
        "notifications",
        ["delivery_id"],
        unique=True,
        postgresql_where=sa.text("delivery_id IS NOT NULL"),
    )

    op.create_table(
        "reminder_sweep_state",
        sa.Column("id", sa.SmallInteger(), primary_key=True),
        sa.Column("swept_until", TSTZ),
        sa.Column("last_started_at", TSTZ),
        sa.Column("last_fired", sa.Integer(), nullable=False),
        sa.Column("last_late", sa.Integer(), nullable=False),
        sa.Column("last_skipped", sa.Integer(), nullable=False),
        sa.Column("fired_total", sa.BigInteger(), nullable=False),
        sa.Column("late_total", sa.BigInteger(), nullable=False),
        sa.Column("skipped_total", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", TSTZ, nullable=False),
        sa.CheckConstraint("id = 1", name="ck_reminder_sweep_state_one"),
    )


def downgrade():
    op.drop_table("reminder_sweep_state")
    op.drop_table("notifications")
    op.drop_table("delivery_attempts")
    op.drop_table("deliveries")
    op.drop_table("webhooks")
    op.drop_index("ix_event_reminders_next_due", table_name="event_reminders")
    op.drop_column("event_reminders", "next_due_at")
    op.drop_column("event_reminders", "notify_attendees")
