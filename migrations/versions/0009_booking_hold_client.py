"""booking holds: the client that made each hold, for per-client hold limits

- ``bookings.client_key``: a keyed hash (HMAC-SHA-256) of the client's network
  (an IPv4 address, or the /64 of an IPv6 one), never the address itself. Holds
  count per link and per client against ``BOOKING_MAX_HOLDS_PER_CLIENT``.
  Existing rows keep NULL (counted as no client).
- ``ix_bookings_link_client_held``: the live holds of one client on one link,
  counted inside the calendar lock on every new hold.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("bookings", sa.Column("client_key", sa.String(64), nullable=True))
    op.create_index(
        "ix_bookings_link_client_held",
        "bookings",
        ["link_id", "client_key", "expires_at"],
        postgresql_where=sa.text("status = 'held'"),
    )


def downgrade():
    op.drop_index("ix_bookings_link_client_held", table_name="bookings")
    op.drop_column("bookings", "client_key")
