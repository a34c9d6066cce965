"""DAV hrefs: the resource names CalDAV and CardDAV clients chose

``events.dav_href`` and ``contacts.dav_href``: the last path segment a client
PUT an object to (``abc-123.ics``), served back as the object's href so that
the client finds it under the name it gave. NULL for what the REST API created
(the href is then derived from the UID). Unique among the live objects of one
calendar (series and single events only: exceptions live in their series'
object) or of one owner's address book.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("events", sa.Column("dav_href", sa.String(255)))
    op.add_column("contacts", sa.Column("dav_href", sa.String(255)))
    op.create_index(
        "uq_events_calendar_dav_href",
        "events",
        ["calendar_id", "dav_href"],
        unique=True,
        postgresql_where=sa.text(
            "dav_href IS NOT NULL AND deleted_at IS NULL AND series_id IS NULL"
        ),
    )
    op.create_index(
        "uq_contacts_owner_dav_href",
        "contacts",
        ["owner_id", "dav_href"],
        unique=True,
        postgresql_where=sa.text("dav_href IS NOT NULL AND deleted_at IS NULL"),
    )


def downgrade():
    op.drop_index("uq_contacts_owner_dav_href", table_name="contacts")
    op.drop_index("uq_events_calendar_dav_href", table_name="events")
    op.drop_column("contacts", "dav_href")
    op.drop_column("events", "dav_href")
