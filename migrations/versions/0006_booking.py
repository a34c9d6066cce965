"""booking: public booking links, bookings and holds with an exclusion constraint

``ex_bookings_no_overlap`` (btree_gist, installed by 0001) is the last line of
defence against double bookings: no two active bookings or live holds of one
calendar may have overlapping ``blocked`` ranges (the slot widened by the link's
buffer), whichever code path writes them.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TSTZ = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        "booking_links",
        sa.Column("id", sa.UUID(), primary_key=True),
        sa.Column(
            "calendar_id",
            sa.UUID(),
            sa.ForeignKey("calendars.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("buffer_minutes", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("working_hours", postgresql.JSONB(), nullable=False),
        sa.Column("min_notice_minutes", sa.Integer(), nullable=False),
        sa.Column("max_days_ahead", sa.Integer(), nullable=False),
        sa.Column("slot_interval_minutes", sa.Integer()),
        sa.Column("max_bookings_per_day", sa.Integer()),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column(
            "created_by",
            sa.UUID(),
            sa.ForeignKey("users.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("created_at", TSTZ, server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", TSTZ, server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint(
            "duration_minutes >= 5", name="ck_booking_links_duration_minutes"
        ),
        sa.CheckConstraint(
            "buffer_minutes >= 0 AND min_notice_minutes >= 0 AND max_days_ahead >= 0",
            name="ck_booking_links_non_negative",
        ),
        sa.CheckConstraint(
            "slot_interval_minutes IS NULL OR slot_interval_minutes >= 5",
            name="ck_booking_links_slot_interval",
        ),
        sa.CheckConstraint(
            "max_bookings_per_day IS NULL OR max_bookings_per_day >= 1",
            name="ck_booking_links_max_per_day",
        ),
    )
    op.create_index("uq_booking_links_token", "booking_links", ["token"], unique=True)
    op.create_index(
        "ix_booking_links_calendar",
        "booking_links",
        ["calendar_id", "created_at", "id"],
    )

    op.create_table(
        "bookings",
        sa.Column("id", sa.UUID(), primary_key=True),
        sa.Column(
            "link_id",
            sa.UUID(),
            sa.ForeignKey("booking_links.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "calendar_id",
            sa.UUID(),
            sa.ForeignKey("calendars.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "event_id",
            sa.UUID(),
            sa.ForeignKey("events.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("name", sa.String(200)),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("notes", sa.Text()),
        sa.Column("start_time", TSTZ, nullable=False),
        sa.Column("end_time", TSTZ, nullable=False),
        sa.Column("blocked", postgresql.TSTZRANGE(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("expires_at", TSTZ),
        sa.Column("manage_token_hash", sa.String(64)),
        sa.Column("created_at", TSTZ, nullable=False),
        sa.Column("updated_at", TSTZ, nullable=False),
        sa.Column("cancelled_at", TSTZ),
        sa.CheckConstraint(
            "status IN ('held', 'active', 'cancelled', 'expired')",
            name="ck_bookings_status",
        ),
        sa.CheckConstraint("end_time > start_time", name="ck_bookings_time_order"),
        sa.CheckConstraint(
            "blocked @> tstzrange(start_time, end_time)",
            name="ck_bookings_blocked_covers_slot",
        ),
        sa.CheckConstraint(
            "status <> 'held' OR expires_at IS NOT NULL",
            name="ck_bookings_hold_expiry",
        ),
        sa.CheckConstraint(
            "status <> 'active' OR (event_id IS NOT NULL "
            "AND manage_token_hash IS NOT NULL)",
            name="ck_bookings_active_complete",
        ),
        postgresql.ExcludeConstraint(
            ("calendar_id", "="),
            ("blocked", "&&"),
            using="gist",
            where=sa.text("status IN ('active', 'held')"),
            name="ex_bookings_no_overlap",
        ),
    )
    op.create_index("ix_bookings_link_start", "bookings", ["link_id", "start_time"])
    op.create_index("ix_bookings_event_id", "bookings", ["event_id"])


def downgrade():
    op.drop_table("bookings")
    op.drop_table("booking_links")
