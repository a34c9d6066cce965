import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from calapp.db import SoftDeleteMixin, TimestampMixin, db, uuid_fk, uuid_pk

# What ?search= matches (names, email, phone, company). Migration 0002 builds a
# trigram GIN index on exactly this expression (ix_contacts_search_trgm), so an
# ILIKE over it stays fast; keep the two in step.
SEARCH_SQL = (
    "(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || "
    "coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || "
    "coalesce(phone_e164, '') || ' ' || coalesce(company, ''))"
)


class Contact(TimestampMixin, SoftDeleteMixin, db.Model):
    __tablename__ = "contacts"
    __table_args__ = (
        sa.Index("ix_contacts_owner_id", "owner_id", "last_name", "first_name", "id"),
        sa.Index(
            "uq_contacts_owner_uid",
            "owner_id",
            "uid",
            unique=True,
            postgresql_where=sa.text("deleted_at IS NULL"),
        ),
        sa.Index(
            "uq_contacts_owner_dav_href",
            "owner_id",
            "dav_href",
            unique=True,
            postgresql_where=sa.text("dav_href IS NOT NULL AND deleted_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    owner_id: Mapped[uuid.UUID] = uuid_fk("users.id")
    # vCard UID: kept stable so import/export round-trips by UID.
    uid: Mapped[str] = mapped_column(sa.String(255), nullable=False)
    # The name a CardDAV client PUT the card under (NULL: derived from uid).
    dav_href: Mapped[str | None] = mapped_column(sa.String(255))
    first_name: Mapped[str | None] = mapped_column(sa.String(200))
    last_name: Mapped[str | None] = mapped_column(sa.String(200))
    email: Mapped[str | None] = mapped_column(sa.String(320))
    phone: Mapped[str | None] = mapped_column(sa.String(64))
    phone_e164: Mapped[str | None] = mapped_column(sa.String(20))
    company: Mapped[str | None] = mapped_column(sa.String(200))
    notes: Mapped[str | None] = mapped_column(sa.Text)
