"""Sign in with OpenID Connect

- ``user_identities``: an account at an OpenID provider linked to a user by
  ``(provider, subject)`` (unique while live; unlinking soft-deletes).
- ``oidc_login_states``: a sign-in waiting for the provider's callback (state as
  its SHA-256, nonce, PKCE verifier, the client app's redirect_uri, the user
  who links a provider to their account); single use.
- ``oidc_exchange_codes``: one-time codes a client app exchanges for tokens.
- ``users.password_hash`` may be NULL: an account made by signing in with a
  provider has no password until its owner sets one.

Revision ID: 0019_oidc_identities
Revises: 0018_approval_invitations
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0019_oidc_identities"
down_revision = "0018_approval_invitations"
branch_labels = None
depends_on = None

UUID = postgresql.UUID(as_uuid=True)
TS = sa.DateTime(timezone=True)


def _user_fk(name: str) -> sa.Column:
    return sa.Column(
        name, UUID, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.alter_column("users", "password_hash", nullable=True)
    op.create_table(
        "user_identities",
        sa.Column("id", UUID, primary_key=True),
        _user_fk("owner_id"),
        sa.Column("provider", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("email", sa.String(320)),
        sa.Column("linked_at", TS, nullable=False),
        sa.Column("last_sign_in_at", TS),
        sa.Column("deleted_at", TS),
    )
    op.create_index(
        "uq_user_identities_provider_subject_live",
        "user_identities",
        ["provider", "subject"],
        unique=True,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_index("ix_user_identities_owner_id", "user_identities", ["owner_id"])
    op.create_table(
        "oidc_login_states",
        sa.Column("state_hash", sa.String(64), primary_key=True),
        sa.Column("provider", sa.String(32), nullable=False),
        sa.Column("nonce", sa.String(128), nullable=False),
        sa.Column("code_verifier", sa.String(128), nullable=False),
        sa.Column("redirect_uri", sa.String(2048)),
        sa.Column("client_state", sa.String(512)),
        sa.Column(
            "link_user_id", UUID, sa.ForeignKey("users.id", ondelete="CASCADE")
        ),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
    )
    op.create_index(
        "ix_oidc_login_states_expires_at", "oidc_login_states", ["expires_at"]
    )
    op.create_table(
        "oidc_exchange_codes",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        _user_fk("user_id"),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("used_at", TS),
    )
    op.create_index(
        "ix_oidc_exchange_codes_expires_at", "oidc_exchange_codes", ["expires_at"]
    )


def downgrade() -> None:
    op.drop_table("oidc_exchange_codes")
    op.drop_table("oidc_login_states")
    op.drop_table("user_identities")
    # Accounts without a password cannot survive the old schema.
    op.execute("DELETE FROM users WHERE password_hash IS NULL")
    op.alter_column("users", "password_hash", nullable=False)
