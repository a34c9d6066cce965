import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from calapp.db import SoftDeleteMixin, TimestampMixin, db, uuid_pk


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
    password_hash: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    name: Mapped[str | None] = mapped_column(sa.String(200))
    timezone: Mapped[str] = mapped_column(sa.String(64), nullable=False, default="UTC")
    is_active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)

    @property
    def can_sign_in(self) -> bool:
        return self.is_active and self.deleted_at is None
