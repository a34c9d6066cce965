import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from calapp.db import (
    SoftDeleteMixin,
    TimestampMixin,
    UTCDateTime,
    db,
    utcnow,
    uuid_fk,
    uuid_pk,
)


class User(TimestampMixin, SoftDeleteMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        # An email is taken only while its account lives: a deleted account frees it.
        sa.Index(
            "uq_users_email_live",
            "email",
            unique=True,
            postgresql_where=sa.text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    email: Mapped[str] = mapped_column(sa.String(320), nullable=False)
    # NULL: no password yet (an account made by signing in with an OpenID provider).
    password_hash: Mapped[str | None] = mapped_column(sa.String(100))
    name: Mapped[str | None] = mapped_column(sa.String(200))
    timezone: Mapped[str] = mapped_column(sa.String(64), nullable=False, default="UTC")
    is_active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    # When the owner of the mailbox ``email`` proved it (a link sent to it); NULL:
    # not yet, so no invitation sent to that address is linked to the account.
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A requested new address: it replaces ``email`` once its link is followed.
    pending_email: Mapped[str | None] = mapped_column(sa.String(320))
    # Availability (calapp.schedules): the schedule used when none is named, and
    # the public holidays of a country (ISO 3166-1 alpha-2, + subdivision).
    # use_alter: schedules refer to their owner too (a cycle of foreign keys).
    default_schedule_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True),
        sa.ForeignKey(
            "schedules.id",
            ondelete="SET NULL",
            use_alter=True,
            name="users_default_schedule_id_fkey",
        ),
    )
    holiday_country: Mapped[str | None] = mapped_column(sa.String(8))
    holiday_subdivision: Mapped[str | None] = mapped_column(sa.String(64))
    # Do the public holidays of holiday_country block the user's availability?
    holidays_block: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )

    @property
    def can_sign_in(self) -> bool:
        return self.is_active and self.deleted_at is None

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None

    @property
    def is_email_verified(self) -> bool:
        return self.email_verified_at is not None


class EmailVerification(db.Model):
    """One emailed link proving that ``user_id`` reads the mailbox ``email``.

    The link's token is an HMAC over this row (see ``users.verification``), so
    no secret is stored; ``used_at`` makes it single-use, and issuing a new link
    deletes the user's unused ones.
    """

    __tablename__ = "email_verifications"
    __table_args__ = (sa.Index("ix_email_verifications_user_id", "user_id"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID] = uuid_fk("users.id")
    email: Mapped[str] = mapped_column(sa.String(320), nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow
    )
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
