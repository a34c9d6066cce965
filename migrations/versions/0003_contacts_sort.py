"""contacts: index the list order (last name, first name, id) of live contacts

GET /contacts orders by lower(coalesce(last_name, '')), lower(coalesce(first_name,
'')), id (calapp/contacts/service.py SORT_LAST/SORT_FIRST): case-insensitive, and
NULL-safe for keyset comparisons. ix_contacts_owner_id on the raw columns cannot
serve that order, so this expression index does; keep the two in step.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 09:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "CREATE INDEX ix_contacts_owner_sort ON contacts ("
        "owner_id, lower(coalesce(last_name, '')), lower(coalesce(first_name, '')), id"
        ") WHERE deleted_at IS NULL"
    )


def downgrade():
    op.execute("DROP INDEX IF EXISTS ix_contacts_owner_sort")
