"""events: a GiST span index of the live series alone

``GET /events?start&end`` (and free/busy) look up the series that can reach the
window with ``recurrence_rule IS NOT NULL AND series_id IS NULL AND
tstzrange(start_time, last_end) && window`` (calapp/events/occurrences.py
``_series_in``). Through ix_events_calendar_span that condition walks every live
event overlapping the window, single events included, then drops them on the heap
(~24 ms a request on the 200,000-event benchmark database, bench/RESULTS.md). This
partial index holds the series only, so the lookup costs about nothing while
series are few among events.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "CREATE INDEX ix_events_series_span ON events USING gist "
        "(tstzrange(start_time, last_end)) "
        "WHERE deleted_at IS NULL AND recurrence_rule IS NOT NULL AND series_id IS NULL"
    )


def downgrade():
    op.execute("DROP INDEX IF EXISTS ix_events_series_span")
