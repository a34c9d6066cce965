"""Bookings that wait for the owner's approval; invitation bounces

- ``booking_links.requires_confirmation`` and ``confirmation_timeout_hours``: a
  reservation through such a link is ``pending`` (its event tentative) until
  the owner approves or declines it, or the time to answer runs out.
- ``bookings``: statuses ``pending`` and ``declined``; a pending booking blocks
  its range like an active one (the exclusion constraint's WHERE), and its
  ``expires_at`` is the instant it is declined unless answered (indexed for the
  job that declines them). ``decided_at``, ``decided_by`` and ``reason`` record
  the answer.
- ``deliveries.bounced_at`` / ``bounce_reason``: a bounce reported by the mail
  provider after the message was accepted.

Revision ID: 0018_approval_invitations
Revises: 0017_freebusy
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0018_approval_invitations"
down_revision = "0017_freebusy"
branch_labels = None
depends_on = None

OLD_STATUSES = "status IN ('held', 'active', 'cancelled', 'expired')"
NEW_STATUSES = (
    "status IN ('held', 'pending', 'active', 'declined', 'cancelled', 'expired')"
)


def _exclusion(where: str) -> None:
    op.execute("ALTER TABLE bookings DROP CONSTRAINT ex_bookings_no_overlap")
    op.create_exclude_constraint(
        "ex_bookings_no_overlap",
        "bookings",
        ("calendar_id", "="),
        ("blocked", "&&"),
        using="gist",
        where=sa.text(where),
    )


def upgrade():
    op.add_column(
        "booking_links",
        sa.Column(
            "requires_confirmation",
            sa.Boolean(),
            nullable=False,
            server_default=sa.false(),
        ),
    )
    op.add_column(
        "booking_links",
        sa.Column(
            "confirmation_timeout_hours",
            sa.Integer(),
            nullable=False,
            server_default="24",
        ),
    )
    op.create_check_constraint(
        "ck_booking_links_confirmation_timeout",
        "booking_links",
        "confirmation_timeout_hours BETWEEN 1 AND 720",
    )
    op.add_column(
        "bookings", sa.Column("decided_at", postgresql.TIMESTAMP(timezone=True))
    )
    op.add_column(
        "bookings",
        sa.Column(
            "decided_by",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey("users.id", ondelete="SET NULL"),
        ),
    )
    op.add_column("bookings", sa.Column("reason", sa.Text()))
    op.add_column(
        "bookings",
        sa.Column(
            "requires_confirmation",
            sa.Boolean(),
            nullable=False,
            server_default=sa.false(),
        ),
    )
    op.drop_constraint("ck_bookings_status", "bookings", type_="check")
    op.create_check_constraint("ck_bookings_status", "bookings", NEW_STATUSES)
    op.drop_constraint("ck_bookings_active_complete", "bookings", type_="check")
    op.create_check_constraint(
        "ck_bookings_active_complete",
        "bookings",
        "status NOT IN ('active', 'pending') OR (event_id IS NOT NULL "
        "AND manage_token_hash IS NOT NULL)",
    )
    op.create_check_constraint(
        "ck_bookings_pending_deadline",
        "bookings",
        "status <> 'pending' OR expires_at IS NOT NULL",
    )
    _exclusion("status IN ('active', 'held', 'pending')")
    op.create_index(
        "ix_bookings_pending_due",
        "bookings",
        ["expires_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )
    # The owner's list: bookings of a calendar by slot.
    op.create_index(
        "ix_bookings_calendar_start", "bookings", ["calendar_id", "start_time", "id"]
    )
    op.add_column(
        "deliveries", sa.Column("bounced_at", postgresql.TIMESTAMP(timezone=True))
    )
    op.add_column("deliveries", sa.Column("bounce_reason", sa.Text()))
    # The latest invitation per recipient of an event.
    op.create_index(
        "ix_deliveries_event_recipient",
        "deliveries",
        ["event_id", "recipient", "created_at"],
        postgresql_where=sa.text("channel = 'email' AND topic LIKE 'invitation.%'"),
    )


def downgrade():
    op.drop_index("ix_deliveries_event_recipient", table_name="deliveries")
    op.drop_column("deliveries", "bounce_reason")
    op.drop_column("deliveries", "bounced_at")
    op.drop_index("ix_bookings_calendar_start", table_name="bookings")
    op.drop_index("ix_bookings_pending_due", table_name="bookings")
    op.execute(
        "UPDATE bookings SET status = 'cancelled' WHERE status IN "
        "('pending', 'declined')"
    )
    _exclusion("status IN ('active', 'held')")
    op.drop_constraint("ck_bookings_pending_deadline", "bookings", type_="check")
    op.drop_constraint("ck_bookings_active_complete", "bookings", type_="check")
    op.create_check_constraint(
        "ck_bookings_active_complete",
        "bookings",
        "status <> 'active' OR (event_id IS NOT NULL "
        "AND manage_token_hash IS NOT NULL)",
    )
    op.drop_constraint("ck_bookings_status", "bookings", type_="check")
    op.create_check_constraint("ck_bookings_status", "bookings", OLD_STATUSES)
    op.drop_column("bookings", "requires_confirmation")
    op.drop_column("bookings", "reason")
    op.drop_column("bookings", "decided_by")
    op.drop_column("bookings", "decided_at")
    op.drop_constraint(
        "ck_booking_links_confirmation_timeout", "booking_links", type_="check"
    )
    op.drop_column("booking_links", "confirmation_timeout_hours")
    op.drop_column("booking_links", "requires_confirmation")
