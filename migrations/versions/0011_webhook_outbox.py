"""webhook outbox: webhooks produced from the change log

- ``webhook_outbox_state``: one row, the change-log position up to which
  webhook deliveries have been created. It starts at the log's current end, so
  an upgrade does not replay the history as webhooks.

Deliveries made from the log are unique per (webhook, position) through
``deliveries.dedupe_key`` (unique index ``uq_deliveries_dedupe_key``).

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "webhook_outbox_state",
        sa.Column("id", sa.SmallInteger, primary_key=True),
        sa.Column("position", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.now(),
        ),
        sa.CheckConstraint("id = 1", name="ck_webhook_outbox_state_one"),
    )
    op.execute(
        "INSERT INTO webhook_outbox_state (id, position) "
        "SELECT 1, coalesce(max(position), 0) FROM changes"
    )


def downgrade():
    op.drop_table("webhook_outbox_state")
