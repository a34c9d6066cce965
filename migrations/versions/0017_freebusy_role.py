"""The freebusy sharing role: a member who sees only when the calendar is busy

Revision ID: 0017_freebusy
Revises: 0016_schedules
"""

from alembic import op

revision = "0017_freebusy"
down_revision = "0016_schedules"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_constraint("ck_calendar_members_role", "calendar_members", type_="check")
    op.create_check_constraint(
        "ck_calendar_members_role",
        "calendar_members",
        "role IN ('owner', 'editor', 'viewer', 'freebusy')",
    )


def downgrade():
    op.execute("DELETE FROM calendar_members WHERE role = 'freebusy'")
    op.drop_constraint("ck_calendar_members_role", "calendar_members", type_="check")
    op.create_check_constraint(
        "ck_calendar_members_role",
        "calendar_members",
        "role IN ('owner', 'editor', 'viewer')",
    )
