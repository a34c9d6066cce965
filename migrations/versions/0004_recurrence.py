"""recurrence: exdates, rdates, exceptions (series_id + original_start_time), last_end

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TSTZ = sa.DateTime(timezone=True)


def upgrade():
    op.add_column(
        "events",
        sa.Column("exdates", postgresql.ARRAY(TSTZ), server_default="{}", nullable=False),
    )
    op.add_column(
        "events",
        sa.Column("rdates", postgresql.ARRAY(TSTZ), server_default="{}", nullable=False),
    )
    op.add_column("events", sa.Column("series_id", sa.UUID(), nullable=True))
    op.add_column("events", sa.Column("original_start_time", TSTZ, nullable=True))
    op.add_column("events", sa.Column("last_end", TSTZ, nullable=True))
    op.execute(
        "UPDATE events SET last_end = CASE WHEN recurrence_rule IS NULL THEN end_time "
        "ELSE '9999-12-31 00:00:00+00' END"
    )
    op.alter_column("events", "last_end", nullable=False)
    op.create_foreign_key(
        "events_series_id_fkey", "events", "events", ["series_id"], ["id"],
        ondelete="CASCADE",
    )
    op.create_check_constraint(
        "ck_events_exception_slot",
        "events",
        "(series_id IS NULL) = (original_start_time IS NULL)",
    )
    op.drop_index("uq_events_calendar_ical_uid", table_name="events")
    op.create_index(
        "uq_events_calendar_ical_uid",
        "events",
        ["calendar_id", "ical_uid"],
        unique=True,
        postgresql_where=sa.text("deleted_at IS NULL AND series_id IS NULL"),
    )
    op.create_index(
        "uq_events_series_slot",
        "events",
        ["series_id", "original_start_time"],
        unique=True,
        postgresql_where=sa.text("series_id IS NOT NULL AND deleted_at IS NULL"),
    )
    # Window queries: "calendar in (...) and [start_time, last_end) overlaps the
    # window" — a finished series or a past event is never read again.
    op.execute(
        "CREATE INDEX ix_events_calendar_span ON events USING gist "
        "(calendar_id, tstzrange(start_time, last_end)) WHERE deleted_at IS NULL"
    )


def downgrade():
    op.execute("DROP INDEX IF EXISTS ix_events_calendar_span")
    op.drop_index("uq_events_series_slot", table_name="events")
    op.drop_index("uq_events_calendar_ical_uid", table_name="events")
    op.create_index(
        "uq_events_calendar_ical_uid",
        "events",
        ["calendar_id", "ical_uid"],
        unique=True,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.drop_constraint("ck_events_exception_slot", "events", type_="check")
    op.drop_constraint("events_series_id_fkey", "events", type_="foreignkey")
    for column in ("last_end", "original_start_time", "series_id", "rdates", "exdates"):
        op.drop_column("events", column)
