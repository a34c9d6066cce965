"""occurrence lengths: zero-length events, RDATE periods, nominal DURATION days

- ``ck_events_time_order`` becomes ``end_time >= start_time``: a DTSTART
  without DTEND/DURATION is an event of zero length, stored as it is rather
  than one second long. All-day events still end at least a day later (the API
  and the import check their dates).
- ``events.rdate_periods``: the RDATEs given as ``VALUE=PERIOD``, each with its
  own length, ``{"<RDATE, UTC, RFC 3339>": <seconds>}``; an RDATE not listed
  lasts as long as the series' first occurrence.
- ``events.duration_days``: the nominal days of a series' DURATION (RFC 5545
  §3.3.6, §3.8.5.3): ``DURATION:P1D`` ends each occurrence at the same wall time
  the next day (23 or 25 hours across a DST change), where a DTEND gives every
  occurrence the same exact length. 0 for everything else.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_constraint("ck_events_time_order", "events", type_="check")
    op.create_check_constraint(
        "ck_events_time_order", "events", "end_time >= start_time"
    )
    op.add_column(
        "events",
        sa.Column(
            "rdate_periods", JSONB, nullable=False, server_default=sa.text("'{}'")
        ),
    )
    op.add_column(
        "events",
        sa.Column("duration_days", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_check_constraint(
        "ck_events_duration_days", "events", "duration_days >= 0"
    )


def downgrade():
    op.drop_column("events", "duration_days")
    op.drop_column("events", "rdate_periods")
    # The old constraint needs a length: zero-length events get one second.
    op.execute(
        "UPDATE events SET end_time = start_time + interval '1 second', "
        "last_end = greatest(last_end, start_time + interval '1 second') "
        "WHERE end_time = start_time"
    )
    op.drop_constraint("ck_events_time_order", "events", type_="check")
    op.create_check_constraint(
        "ck_events_time_order", "events", "end_time > start_time"
    )
