"""email verification: invitations link only to addresses their owner proved

- ``users.email_verified_at`` (NULL: not verified) and ``users.pending_email``
  (a requested new address, applied when its link is followed).
- ``email_verifications``: one row per emailed link (the token is an HMAC over
  the row; ``used_at`` makes it single-use).
- Existing accounts start unverified, and the invitations that were linked to
  them by email are unlinked (the attendee rows stay): anyone could have
  registered an address they do not own. Verifying the address links them again.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TSTZ = sa.DateTime(timezone=True)


def upgrade():
    op.add_column("users", sa.Column("email_verified_at", TSTZ, nullable=True))
    op.add_column("users", sa.Column("pending_email", sa.String(320), nullable=True))
    op.create_table(
        "email_verifications",
        sa.Column("id", sa.UUID(), primary_key=True),
        sa.Column(
            "user_id",
            sa.UUID(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("created_at", TSTZ, nullable=False),
        sa.Column("expires_at", TSTZ, nullable=False),
        sa.Column("used_at", TSTZ, nullable=True),
    )
    op.create_index(
        "ix_email_verifications_user_id", "email_verifications", ["user_id"]
    )
    op.execute("UPDATE event_attendees SET user_id = NULL WHERE user_id IS NOT NULL")


def downgrade():
    op.drop_index("ix_email_verifications_user_id", table_name="email_verifications")
    op.drop_table("email_verifications")
    op.drop_column("users", "pending_email")
    op.drop_column("users", "email_verified_at")
