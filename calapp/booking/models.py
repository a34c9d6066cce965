import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, TSTZRANGE, ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calapp.db import TimestampMixin, UTCDateTime, db, utcnow, uuid_fk, uuid_pk

# held: a short reservation of a slot (expires_at); pending: a booking waiting
# for the owner's approval until expires_at (its event tentative); active: a
# confirmed booking; declined: refused by the owner or not answered in time;
# cancelled: released by the visitor (or its event was cancelled or deleted);
# expired: a hold that ran out or was never turned into a booking.
BOOKING_STATUSES = ("held", "pending", "active", "declined", "cancelled", "expired")
# The rows that occupy their ``blocked`` range (the exclusion constraint's WHERE).
BLOCKING_STATUSES = ("active", "held", "pending")


class BookingLink(TimestampMixin, db.Model):
    """A public booking page of a calendar: who may book what, and when."""

    __tablename__ = "booking_links"
    __table_args__ = (
        # The token is the public URL: looked up on every public request.
        sa.Index("uq_booking_links_token", "token", unique=True),
        sa.Index("ix_booking_links_calendar", "calendar_id", "created_at", "id"),
        sa.CheckConstraint(
            "duration_minutes >= 5", name="ck_booking_links_duration_minutes"
        ),
        sa.CheckConstraint(
            "buffer_minutes >= 0 AND min_notice_minutes >= 0 AND max_days_ahead >= 0",
            name="ck_booking_links_non_negative",
        ),
        sa.CheckConstraint(
            "slot_interval_minutes IS NULL OR slot_interval_minutes >= 5",
            name="ck_booking_links_slot_interval",
        ),
        sa.CheckConstraint(
            "max_bookings_per_day IS NULL OR max_bookings_per_day >= 1",
            name="ck_booking_links_max_per_day",
        ),
        sa.CheckConstraint(
            "confirmation_timeout_hours BETWEEN 1 AND 720",
            name="ck_booking_links_confirmation_timeout",
        ),
        # Inline working hours in a zone, or a schedule: exactly one.
        sa.CheckConstraint(
            "(schedule_id IS NULL) = (working_hours IS NOT NULL "
            "AND timezone IS NOT NULL)",
            name="ck_booking_links_hours_or_schedule",
        ),
        sa.Index("ix_booking_links_schedule", "schedule_id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    calendar_id: Mapped[uuid.UUID] = uuid_fk("calendars.id")
    token: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    title: Mapped[str] = mapped_column(sa.String(500), nullable=False)
    description: Mapped[str | None] = mapped_column(sa.Text)
    duration_minutes: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    buffer_minutes: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    # Inline working hours: {"mon": [{"start": "09:00", "end": "17:00"}], ...,
    # "sun": []}, all seven days, in ``timezone``; NULL both with a schedule.
    timezone: Mapped[str | None] = mapped_column(sa.String(64))
    working_hours: Mapped[dict | None] = mapped_column(JSONB)
    schedule_id: Mapped[uuid.UUID | None] = uuid_fk(
        "schedules.id", nullable=True, ondelete="RESTRICT"
    )
    min_notice_minutes: Mapped[int] = mapped_column(
        sa.Integer, nullable=False, default=60
    )
    max_days_ahead: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=60)
    # NULL: step by the duration (follows a later change of the duration).
    slot_interval_minutes: Mapped[int | None] = mapped_column(sa.Integer)
    # NULL: unlimited.
    max_bookings_per_day: Mapped[int | None] = mapped_column(sa.Integer)
    active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    # Reservations wait for the owner's approval, declined after the timeout.
    requires_confirmation: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )
    confirmation_timeout_hours: Mapped[int] = mapped_column(
        sa.Integer, nullable=False, default=24, server_default="24"
    )
    created_by: Mapped[uuid.UUID | None] = uuid_fk(
        "users.id", nullable=True, ondelete="SET NULL"
    )
    # Loaded with the link: every answer of the link reads its hours.
    schedule = relationship("Schedule", lazy="joined")

    @property
    def zone_name(self) -> str:
        """The zone of the link's hours: its schedule's, or its own."""
        return self.schedule.timezone if self.schedule_id else self.timezone

    @property
    def weekly_hours(self) -> dict:
        """The weekly windows offered: its schedule's, or its own."""
        return self.schedule.weekly if self.schedule_id else self.working_hours


class Booking(db.Model):
    """A reservation (or a hold) of one slot of a booking link.

    ``blocked`` is the slot widened by the link's buffer on both sides. The
    exclusion constraint ``ex_bookings_no_overlap`` makes two overlapping
    blocking rows of one calendar impossible, whatever code path writes them.
    """

    __tablename__ = "bookings"
    __table_args__ = (
        ExcludeConstraint(
            ("calendar_id", "="),
            ("blocked", "&&"),
            using="gist",
            where=sa.text("status IN ('active', 'held', 'pending')"),
            name="ex_bookings_no_overlap",
        ),
        sa.CheckConstraint(
            "status IN ('held', 'pending', 'active', 'declined', 'cancelled', "
            "'expired')",
            name="ck_bookings_status",
        ),
        sa.CheckConstraint("end_time > start_time", name="ck_bookings_time_order"),
        sa.CheckConstraint(
            "blocked @> tstzrange(start_time, end_time)",
            name="ck_bookings_blocked_covers_slot",
        ),
        sa.CheckConstraint(
            "status <> 'held' OR expires_at IS NOT NULL", name="ck_bookings_hold_expiry"
        ),
        sa.CheckConstraint(
            "status NOT IN ('active', 'pending') OR (event_id IS NOT NULL "
            "AND manage_token_hash IS NOT NULL)",
            name="ck_bookings_active_complete",
        ),
        sa.CheckConstraint(
            "status <> 'pending' OR expires_at IS NOT NULL",
            name="ck_bookings_pending_deadline",
        ),
        # Pending bookings by deadline: the job that declines unanswered ones.
        sa.Index(
            "ix_bookings_pending_due",
            "expires_at",
            postgresql_where=sa.text("status = 'pending'"),
        ),
        # The owner's list of bookings, by slot.
        sa.Index("ix_bookings_calendar_start", "calendar_id", "start_time", "id"),
        # Identical retries and the daily limit look bookings up by link and time.
        sa.Index("ix_bookings_link_start", "link_id", "start_time"),
        sa.Index("ix_bookings_event_id", "event_id"),
        # A client's live holds on a link (the per-client hold limit).
        sa.Index(
            "ix_bookings_link_client_held",
            "link_id",
            "client_key",
            "expires_at",
            postgresql_where=sa.text("status = 'held'"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    link_id: Mapped[uuid.UUID] = uuid_fk("booking_links.id")
    calendar_id: Mapped[uuid.UUID] = uuid_fk("calendars.id")
    event_id: Mapped[uuid.UUID | None] = uuid_fk("events.id", nullable=True)
    name: Mapped[str | None] = mapped_column(sa.String(200))
    email: Mapped[str] = mapped_column(sa.String(320), nullable=False)
    notes: Mapped[str | None] = mapped_column(sa.Text)
    start_time: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    end_time: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    blocked = mapped_column(TSTZRANGE, nullable=False)
    status: Mapped[str] = mapped_column(sa.String(10), nullable=False)
    # A hold's end; a pending booking's deadline for the owner's answer.
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Keyed hash of the client network that made the hold (never the address).
    client_key: Mapped[str | None] = mapped_column(sa.String(64))
    # SHA-256 of the secret the visitor cancels or reschedules with.
    manage_token_hash: Mapped[str | None] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow
    )
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow
    )
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Made through a link that requires confirmation (pending first).
    requires_confirmation: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )
    # The owner's answer (or the timeout's: decided_by NULL) and its reason.
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[uuid.UUID | None] = uuid_fk(
        "users.id", nullable=True, ondelete="SET NULL"
    )
    reason: Mapped[str | None] = mapped_column(sa.Text)
