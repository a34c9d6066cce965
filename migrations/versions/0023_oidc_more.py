"""OpenID sign-out: the ID token of each session that came from a provider

- ``oidc_sessions``: for a calapp session (``auth_sessions``) opened by signing
  in with a provider, that provider and its ID token, the ``id_token_hint`` of
  the provider's logout URL (RP-Initiated Logout 1.0).
- ``oidc_exchange_codes.provider`` and ``.id_token``: a one-time code carries
  them to the session its exchange opens.

Revision ID: 0023_oidc_more
Revises: 0020_connections
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0023_oidc_more"
down_revision = "0020_connections"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "oidc_sessions",
        sa.Column(
            "session_id",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey("auth_sessions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("provider", sa.String(32), nullable=False),
        sa.Column("id_token", sa.Text(), nullable=False),
    )
    op.add_column("oidc_exchange_codes", sa.Column("provider", sa.String(32)))
    op.add_column("oidc_exchange_codes", sa.Column("id_token", sa.Text()))


def downgrade() -> None:
    op.drop_column("oidc_exchange_codes", "id_token")
    op.drop_column("oidc_exchange_codes", "provider")
    op.drop_table("oidc_sessions")
