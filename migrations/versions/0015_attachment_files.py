"""Attachment files: the files uploaded to events, kept on disk or S3

``attachments`` holds one row per stored object (``storage_key``); an event's
link attachments stay in ``events.attachments`` (JSONB). Rows go with their
event (ON DELETE CASCADE); the purge task removes the objects no row names.

Revision ID: 0015_attachment_files
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0015_attachment_files"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "attachments",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "event_id",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey("events.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "uploaded_by",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey("users.id", ondelete="SET NULL"),
        ),
        sa.Column("storage_key", sa.String(200), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(255), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.now(),
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'ready')", name="ck_attachments_status"
        ),
        sa.CheckConstraint("size >= 0", name="ck_attachments_size"),
        sa.UniqueConstraint("storage_key", name="uq_attachments_storage_key"),
    )
    op.create_index(
        "ix_attachments_event", "attachments", ["event_id", "created_at", "id"]
    )
    op.create_index("ix_attachments_uploaded_by", "attachments", ["uploaded_by"])


def downgrade():
    op.drop_index("ix_attachments_uploaded_by", table_name="attachments")
    op.drop_index("ix_attachments_event", table_name="attachments")
    op.drop_table("attachments")
