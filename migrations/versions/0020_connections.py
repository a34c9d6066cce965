"""External calendar connections: CalDAV accounts and ICS subscriptions

Revision ID: 0020_connections
Revises: 0019_oidc_identities
"""

import sqlalchemy as sa
from alembic import op

revision = "0020_connections"
down_revision = "0019_oidc_identities"
branch_labels = None
depends_on = None


def _times():
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
    ]


def upgrade():
    op.create_table(
        "connections",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "owner_id",
            sa.Uuid(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("username", sa.String(320)),
        sa.Column("sealed_password", sa.LargeBinary()),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("last_synced_at", sa.DateTime(timezone=True)),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True)),
        sa.Column("next_sync_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sync_interval_minutes", sa.Integer(), nullable=False),
        *_times(),
        sa.Column("deleted_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("kind IN ('caldav', 'ics')", name="ck_connections_kind"),
        sa.CheckConstraint(
            "state IN ('active', 'failing')", name="ck_connections_state"
        ),
    )
    op.create_index(
        "ix_connections_owner", "connections", ["owner_id", "created_at", "id"]
    )
    op.create_index(
        "ix_connections_due",
        "connections",
        ["next_sync_at"],
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "connection_calendars",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "connection_id",
            sa.Uuid(),
            sa.ForeignKey("connections.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("href", sa.String(2048), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("color", sa.String(7)),
        sa.Column("is_busy", sa.Boolean(), nullable=False),
        sa.Column("is_shown", sa.Boolean(), nullable=False),
        sa.Column("supports_sync", sa.Boolean(), nullable=False),
        sa.Column("sync_token", sa.Text()),
        sa.Column("etag", sa.String(1024)),
        sa.Column("last_modified", sa.String(100)),
        sa.Column("is_gone", sa.Boolean(), nullable=False),
        sa.Column(
            "calendar_id",
            sa.Uuid(),
            sa.ForeignKey("calendars.id", ondelete="SET NULL"),
        ),
        *_times(),
        sa.UniqueConstraint(
            "connection_id", "href", name="uq_connection_calendars_href"
        ),
    )
    op.add_column(
        "calendars",
        sa.Column(
            "connection_id",
            sa.Uuid(),
            sa.ForeignKey("connections.id", ondelete="SET NULL"),
        ),
    )
    op.add_column("calendars", sa.Column("source", sa.String(10)))
    op.add_column("events", sa.Column("source", sa.String(10)))
    op.add_column(
        "calendars",
        sa.Column(
            "is_busy_source",
            sa.Boolean(),
            nullable=False,
            server_default=sa.false(),
        ),
    )
    # The connected calendars that make their owner busy, per owner (availability).
    op.create_index(
        "ix_calendars_owner_busy_source",
        "calendars",
        ["owner_id"],
        postgresql_where=sa.text("is_busy_source AND deleted_at IS NULL"),
    )


def downgrade():
    op.drop_index("ix_calendars_owner_busy_source", table_name="calendars")
    op.drop_column("calendars", "is_busy_source")
    op.drop_column("events", "source")
    op.drop_column("calendars", "source")
    op.drop_column("calendars", "connection_id")
    op.drop_table("connection_calendars")
    op.drop_table("connections")
