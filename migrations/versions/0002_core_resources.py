"""calendars, members, events, reminders, attendees, contacts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 06:56:01.685461

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendars',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('owner_id', sa.UUID(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('color', sa.String(length=7), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('is_public', sa.Boolean(), nullable=False),
    sa.Column('public_token', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('calendars', schema=None) as batch_op:
        batch_op.create_index('ix_calendars_owner_id', ['owner_id'], unique=False)
        batch_op.create_index('uq_calendars_public_token', ['public_token'], unique=True, postgresql_where=sa.text('public_token IS NOT NULL'))

    op.create_table('contacts',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('owner_id', sa.UUID(), nullable=False),
    sa.Column('uid', sa.String(length=255), nullable=False),
    sa.Column('first_name', sa.String(length=200), nullable=True),
    sa.Column('last_name', sa.String(length=200), nullable=True),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('phone', sa.String(length=64), nullable=True),
    sa.Column('phone_e164', sa.String(length=20), nullable=True),
    sa.Column('company', sa.String(length=200), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index('ix_contacts_owner_id', ['owner_id', 'last_name', 'first_name', 'id'], unique=False)
        batch_op.create_index('uq_contacts_owner_uid', ['owner_id', 'uid'], unique=True, postgresql_where=sa.text('deleted_at IS NULL'))

    op.create_table('calendar_members',
    sa.Column('calendar_id', sa.UUID(), nullable=False),
    sa.Column('user_id', sa.UUID(), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('owner', 'editor', 'viewer')", name='ck_calendar_members_role'),
    sa.ForeignKeyConstraint(['calendar_id'], ['calendars.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('calendar_id', 'user_id')
    )
    with op.batch_alter_table('calendar_members', schema=None) as batch_op:
        batch_op.create_index('ix_calendar_members_user_id', ['user_id', 'calendar_id'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('calendar_id', sa.UUID(), nullable=False),
    sa.Column('ical_uid', sa.String(length=255), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('location', sa.String(length=1000), nullable=True),
    sa.Column('start_time', sa.DateTime(timezone=True), nullable=False),
    sa.Column('end_time', sa.DateTime(timezone=True), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('all_day', sa.Boolean(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('recurrence_rule', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('transparency', sa.String(length=4), nullable=False),
    sa.Column('tags', postgresql.ARRAY(sa.String(length=64)), server_default='{}', nullable=False),
    sa.Column('attachments', postgresql.JSONB(astext_type=sa.Text()), server_default='[]', nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.UUID(), nullable=True),
    sa.Column('updated_by', sa.UUID(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('confirmed', 'tentative', 'cancelled')", name='ck_events_status'),
    sa.CheckConstraint("transparency IN ('busy', 'free')", name='ck_events_transparency'),
    sa.CheckConstraint('end_time > start_time', name='ck_events_time_order'),
    sa.ForeignKeyConstraint(['calendar_id'], ['calendars.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['updated_by'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_calendar_start', ['calendar_id', 'start_time', 'id'], unique=False)
        batch_op.create_index('ix_events_start_time', ['start_time'], unique=False)
        batch_op.create_index('ix_events_tags', ['tags'], unique=False, postgresql_using='gin')
        batch_op.create_index('uq_events_calendar_ical_uid', ['calendar_id', 'ical_uid'], unique=True, postgresql_where=sa.text('deleted_at IS NULL'))

    op.create_table('event_attendees',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('event_id', sa.UUID(), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('user_id', sa.UUID(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('needs_action', 'accepted', 'declined', 'tentative')", name='ck_event_attendees_status'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_id', 'email', name='uq_event_attendees_email')
    )
    with op.batch_alter_table('event_attendees', schema=None) as batch_op:
        batch_op.create_index('ix_event_attendees_email', ['email'], unique=False)
        batch_op.create_index('ix_event_attendees_user_id', ['user_id'], unique=False)

    op.create_table('event_reminders',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('event_id', sa.UUID(), nullable=False),
    sa.Column('minutes_before', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('minutes_before BETWEEN 0 AND 40320', name='ck_event_reminders_minutes'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_id', 'minutes_before', name='uq_event_reminders')
    )

    # Case-insensitive ?search= (ILIKE) on large tables: trigram GIN indexes on the
    # exact expressions the queries use (calapp/events/models.py SEARCH_SQL,
    # calapp/contacts/models.py SEARCH_SQL).
    op.execute(
        "CREATE INDEX ix_events_search_trgm ON events USING gin ("
        "(coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || "
        "coalesce(location, '')) gin_trgm_ops)"
    )
    op.execute(
        "CREATE INDEX ix_contacts_search_trgm ON contacts USING gin ("
        "(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || "
        "coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || "
        "coalesce(phone_e164, '') || ' ' || coalesce(company, '')) gin_trgm_ops)"
    )


def downgrade():
    op.execute("DROP INDEX IF EXISTS ix_contacts_search_trgm")
    op.execute("DROP INDEX IF EXISTS ix_events_search_trgm")
    op.drop_table('event_reminders')
    with op.batch_alter_table('event_attendees', schema=None) as batch_op:
        batch_op.drop_index('ix_event_attendees_user_id')
        batch_op.drop_index('ix_event_attendees_email')

    op.drop_table('event_attendees')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('uq_events_calendar_ical_uid', postgresql_where=sa.text('deleted_at IS NULL'))
        batch_op.drop_index('ix_events_tags', postgresql_using='gin')
        batch_op.drop_index('ix_events_start_time')
        batch_op.drop_index('ix_events_calendar_start')

    op.drop_table('events')
    with op.batch_alter_table('calendar_members', schema=None) as batch_op:
        batch_op.drop_index('ix_calendar_members_user_id')

    op.drop_table('calendar_members')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index('uq_contacts_owner_uid', postgresql_where=sa.text('deleted_at IS NULL'))
        batch_op.drop_index('ix_contacts_owner_id')

    op.drop_table('contacts')
    with op.batch_alter_table('calendars', schema=None) as batch_op:
        batch_op.drop_index('uq_calendars_public_token', postgresql_where=sa.text('public_token IS NOT NULL'))
        batch_op.drop_index('ix_calendars_owner_id')

    op.drop_table('calendars')
