"""change log: one entry per changed resource, positions in commit order

- ``changes``: position (from ``changes_position_seq``, drawn at commit under an
  advisory lock: see calapp/changes/log.py), the calendar whose readers see the
  change and/or the user it concerns, resource type and id, operation, time and
  actor. Indexed by (calendar_id, position), (user_id, position) and time.
- ``change_log_state``: one row, the highest position pruned.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("CREATE SEQUENCE changes_position_seq")
    op.create_table(
        "changes",
        sa.Column("position", sa.BigInteger, primary_key=True),
        sa.Column("calendar_id", UUID(as_uuid=True), nullable=True),
        sa.Column("user_id", UUID(as_uuid=True), nullable=True),
        sa.Column("resource_type", sa.String(16), nullable=False),
        sa.Column("resource_id", UUID(as_uuid=True), nullable=False),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column(
            "at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.now(),
        ),
        sa.Column("actor_id", UUID(as_uuid=True), nullable=True),
        sa.CheckConstraint(
            "resource_type IN ('calendar', 'membership', 'event', 'contact', "
            "'booking')",
            name="ck_changes_resource_type",
        ),
        sa.CheckConstraint(
            "op IN ('created', 'updated', 'deleted')", name="ck_changes_op"
        ),
    )
    op.create_index(
        "ix_changes_calendar_position", "changes", ["calendar_id", "position"]
    )
    op.create_index("ix_changes_user_position", "changes", ["user_id", "position"])
    op.create_index("ix_changes_at", "changes", ["at"])
    op.create_table(
        "change_log_state",
        sa.Column("id", sa.SmallInteger, primary_key=True),
        sa.Column("pruned_through", sa.BigInteger, nullable=False, server_default="0"),
    )
    op.execute("INSERT INTO change_log_state (id, pruned_through) VALUES (1, 0)")


def downgrade():
    op.drop_table("change_log_state")
    op.drop_table("changes")
    op.execute("DROP SEQUENCE changes_position_seq")
