import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from calapp.db import TimestampMixin, UTCDateTime, db, utcnow, uuid_fk, uuid_pk

# The types a webhook can subscribe to (README, GET /webhooks/event-types).
EVENT_TYPES = (
    "event.created",
    "event.updated",
    "event.deleted",
    "booking.created",
    "booking.cancelled",
    "booking.requested",
    "booking.approved",
    "booking.declined",
    "reminder.due",
    "connection.failing",
)


class Webhook(TimestampMixin, db.Model):
    """A user's endpoint: calapp POSTs signed JSON events to ``url``."""

    __tablename__ = "webhooks"
    __table_args__ = (sa.Index("ix_webhooks_user", "user_id", "created_at", "id"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID] = uuid_fk("users.id")
    url: Mapped[str] = mapped_column(sa.String(2048), nullable=False)
    # Kept as given: it signs every request (HMAC), so it cannot be hashed.
    secret: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    # Empty: every type.
    event_types: Mapped[list[str]] = mapped_column(
        ARRAY(sa.String(40)), nullable=False, default=list, server_default="{}"
    )
    is_active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)

    @property
    def secret_hint(self) -> str:
        return self.secret[:10] + "…"


def subscribed(event_type: str):
    """SQL: webhooks that receive ``event_type``."""
    return sa.and_(
        Webhook.is_active.is_(True),
        sa.or_(
            sa.func.cardinality(Webhook.event_types) == 0,
            sa.literal(event_type) == sa.any_(Webhook.event_types),
        ),
    )


class WebhookOutboxState(db.Model):
    """One row: webhook deliveries exist for every change-log entry up to
    ``position`` (advanced in the transaction that creates them)."""

    __tablename__ = "webhook_outbox_state"
    __table_args__ = (sa.CheckConstraint("id = 1", name="ck_webhook_outbox_state_one"),)

    id: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True, default=1)
    position: Mapped[int] = mapped_column(
        sa.BigInteger, nullable=False, default=0, server_default="0"
    )
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow, server_default=sa.func.now()
    )
