"""Availability schedules, time off and public-holiday settings

``schedules``: a user's weekly windows and date overrides in one zone (JSONB,
validated by the app). ``time_off``: absences, indexed by owner and start for
the list and for the overlap queries of availability. ``users`` gains the
default schedule and the holiday settings; a booking link names a schedule or
keeps inline working hours and a zone (exactly one of the two).

Revision ID: 0016_schedules
Revises: 0015_attachment_files
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0016_schedules"
down_revision = "0015_attachment_files"
branch_labels = None
depends_on = None


def _timestamps():
    return [
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.now(),
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.now(),
        ),
        sa.Column("deleted_at", sa.DateTime(timezone=True)),
    ]


def upgrade():
    op.create_table(
        "schedules",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "owner_id",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("weekly", postgresql.JSONB(), nullable=False),
        sa.Column(
            "date_overrides",
            postgresql.JSONB(),
            nullable=False,
            server_default=sa.text("'[]'::jsonb"),
        ),
        *_timestamps(),
    )
    op.create_index(
        "ix_schedules_owner_created",
        "schedules",
        ["owner_id", "created_at", "id"],
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "time_off",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "owner_id",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("start_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("all_day", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
        sa.Column("timezone", sa.String(64)),
        sa.Column("reason", sa.String(500)),
        *_timestamps(),
        sa.CheckConstraint("end_time > start_time", name="ck_time_off_time_order"),
        sa.CheckConstraint(
            "NOT all_day OR (start_date IS NOT NULL AND end_date IS NOT NULL "
            "AND end_date >= start_date)",
            name="ck_time_off_all_day_dates",
        ),
    )
    op.create_index(
        "ix_time_off_owner_start",
        "time_off",
        ["owner_id", "start_time", "id"],
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.add_column(
        "users",
        sa.Column(
            "default_schedule_id",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey(
                "schedules.id",
                ondelete="SET NULL",
                name="users_default_schedule_id_fkey",
            ),
        ),
    )
    op.add_column("users", sa.Column("holiday_country", sa.String(8)))
    op.add_column("users", sa.Column("holiday_subdivision", sa.String(64)))
    op.add_column(
        "users",
        sa.Column(
            "holidays_block", sa.Boolean(), nullable=False, server_default=sa.false()
        ),
    )
    op.add_column(
        "booking_links",
        sa.Column(
            "schedule_id",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey("schedules.id", ondelete="RESTRICT"),
        ),
    )
    op.alter_column("booking_links", "timezone", nullable=True)
    op.alter_column("booking_links", "working_hours", nullable=True)
    op.create_check_constraint(
        "ck_booking_links_hours_or_schedule",
        "booking_links",
        "(schedule_id IS NULL) = (working_hours IS NOT NULL AND timezone IS NOT NULL)",
    )
    op.create_index("ix_booking_links_schedule", "booking_links", ["schedule_id"])


def downgrade():
    op.drop_index("ix_booking_links_schedule", table_name="booking_links")
    op.drop_constraint(
        "ck_booking_links_hours_or_schedule", "booking_links", type_="check"
    )
    # Links on a schedule get its weekly windows and zone back inline.
    op.execute(
        "UPDATE booking_links l SET working_hours = s.weekly, timezone = s.timezone "
        "FROM schedules s WHERE l.schedule_id = s.id"
    )
    op.alter_column("booking_links", "working_hours", nullable=False)
    op.alter_column("booking_links", "timezone", nullable=False)
    op.drop_column("booking_links", "schedule_id")
    for name in (
        "holidays_block",
        "holiday_subdivision",
        "holiday_country",
        "default_schedule_id",
    ):
        op.drop_column("users", name)
    op.drop_index("ix_time_off_owner_start", table_name="time_off")
    op.drop_table("time_off")
    op.drop_index("ix_schedules_owner_created", table_name="schedules")
    op.drop_table("schedules")
