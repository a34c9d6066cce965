"""Connections: a sync asked for and not yet run (POST /connections/{id}/sync?wait=false)

Revision ID: 0024_conn_more
Revises: 0023_oidc_more
"""

import sqlalchemy as sa
from alembic import op

revision = "0024_conn_more"
down_revision = "0023_oidc_more"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "connections",
        sa.Column("sync_requested_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade():
    op.drop_column("connections", "sync_requested_at")
