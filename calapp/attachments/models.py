import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from calapp.db import UTCDateTime, db, utcnow, uuid_fk, uuid_pk

STATUSES = ("pending", "ready")


class Attachment(db.Model):
    """One stored file of an event (of a series: shared by its exceptions).

    ``pending``: a presigned upload handed out but not completed yet; only
    ``ready`` files are shown, counted in full against the quota once complete.
    The row goes when the event is hard-deleted (the purge then removes the
    stored object, which no row names any more).
    """

    __tablename__ = "attachments"
    __table_args__ = (
        sa.CheckConstraint(
            "status IN ('pending', 'ready')", name="ck_attachments_status"
        ),
        sa.CheckConstraint("size >= 0", name="ck_attachments_size"),
        sa.UniqueConstraint("storage_key", name="uq_attachments_storage_key"),
        sa.Index("ix_attachments_event", "event_id", "created_at", "id"),
        sa.Index("ix_attachments_uploaded_by", "uploaded_by"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    event_id: Mapped[uuid.UUID] = uuid_fk("events.id")
    # Whose quota the file counts against.
    uploaded_by: Mapped[uuid.UUID | None] = uuid_fk(
        "users.id", nullable=True, ondelete="SET NULL"
    )
    storage_key: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    filename: Mapped[str] = mapped_column(sa.String(255), nullable=False)
    content_type: Mapped[str] = mapped_column(sa.String(255), nullable=False)
    size: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    sha256: Mapped[str | None] = mapped_column(sa.String(64))
    status: Mapped[str] = mapped_column(sa.String(8), nullable=False, default="ready")
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow, server_default=sa.func.now()
    )
