"""One row per ``Idempotency-Key`` a principal sent: its claim, then its answer."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from calapp.db import UTCDateTime, db


class IdempotencyKey(db.Model):
    """A write request run once under ``(scope, key)``.

    ``scope`` is a SHA-256 of who sent it (user and API key or session, or a
    booking link and the visitor's network), so one key of two principals never
    meets. While the first request runs, ``locked_at`` is set and ``status`` is
    NULL; once it has committed, ``status``, ``headers`` and ``body`` (encrypted
    with a key derived from the server secret and the Idempotency-Key) hold what
    a retry gets back. No foreign keys: a row outlives nothing it must follow,
    and the hourly prune removes it after 24 hours.
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (sa.Index("ix_idempotency_keys_created_at", "created_at"),)

    scope: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    claim_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    method: Mapped[str] = mapped_column(sa.String(10), nullable=False)
    path: Mapped[str] = mapped_column(sa.Text, nullable=False)
    body_sha256: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, server_default=sa.func.now()
    )
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[int | None] = mapped_column(sa.SmallInteger)
    headers: Mapped[list | None] = mapped_column(JSONB)
    body: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
