"""Shared model pieces: UUID keys, UTC timestamps, soft delete, overlap predicate."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import orjson
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from calapp.clock import utcnow
from calapp.extensions import db


def read_json(text: str):
    """The driver's decoder of ``json``/``jsonb`` values: orjson, thousands of
    values a page of events (reminders, attendees, attachments); the standard
    library's for what orjson refuses (an integer beyond 64 bits)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


class UTCDateTime(sa.types.TypeDecorator):
    """``timestamptz`` that only accepts aware datetimes and always returns UTC."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value

    def process_result_value(self, value, dialect):
        return value.astimezone(UTC) if value is not None else None


def uuid_pk() -> Mapped[uuid.UUID]:
    return mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)


def uuid_fk(target: str, *, nullable: bool = False, ondelete: str = "CASCADE"):
    return mapped_column(
        UUID(as_uuid=True),
        sa.ForeignKey(target, ondelete=ondelete),
        nullable=nullable,
    )


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow, server_default=sa.func.now()
    )
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime,
        nullable=False,
        default=utcnow,
        onupdate=utcnow,
        server_default=sa.func.now(),
    )


class SoftDeleteMixin:
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def soft_delete(self, now: datetime | None = None) -> None:
        self.deleted_at = now or utcnow()


def overlaps(start_col, end_col, start: datetime, end: datetime):
    """Half-open interval overlap: ``[start_col, end_col)`` meets ``[start, end)``."""
    return sa.and_(start_col < end, end_col > start)


__all__ = [
    "db",
    "utcnow",
    "UTCDateTime",
    "uuid_pk",
    "uuid_fk",
    "TimestampMixin",
    "SoftDeleteMixin",
    "overlaps",
]
