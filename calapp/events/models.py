import uuid
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
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

STATUSES = ("confirmed", "tentative", "cancelled")
TRANSPARENCIES = ("busy", "free")
RSVP_STATUSES = ("needs_action", "accepted", "declined", "tentative")
# ``event_reminders.next_due_at`` of a row the reminder sweep must work out afresh.
RESCHEDULE = datetime(1970, 1, 1, tzinfo=UTC)

# What ?search= matches. Migration 0002 builds a trigram GIN index on exactly this
# expression (ix_events_search_trgm); keep the two in step.
SEARCH_SQL = (
    "(coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || "
    "coalesce(location, ''))"
)


class Event(TimestampMixin, SoftDeleteMixin, db.Model):
    __tablename__ = "events"
    __table_args__ = (
        # Equal for a zero-length event (RFC 5545 §3.6.1; migration 0012).
        sa.CheckConstraint("end_time >= start_time", name="ck_events_time_order"),
        sa.CheckConstraint(
            "status IN ('confirmed', 'tentative', 'cancelled')", name="ck_events_status"
        ),
        sa.CheckConstraint("duration_days >= 0", name="ck_events_duration_days"),
        sa.CheckConstraint(
            "transparency IN ('busy', 'free')", name="ck_events_transparency"
        ),
        sa.Index("ix_events_calendar_start", "calendar_id", "start_time", "id"),
        sa.Index("ix_events_start_time", "start_time"),
        sa.Index("ix_events_tags", "tags", postgresql_using="gin"),
        # An exception shares its series' UID (iCalendar RECURRENCE-ID semantics).
        sa.Index(
            "uq_events_calendar_ical_uid",
            "calendar_id",
            "ical_uid",
            unique=True,
            postgresql_where=sa.text("deleted_at IS NULL AND series_id IS NULL"),
        ),
        sa.Index(
            "uq_events_series_slot",
            "series_id",
            "original_start_time",
            unique=True,
            postgresql_where=sa.text("series_id IS NOT NULL AND deleted_at IS NULL"),
        ),
        sa.Index(
            "uq_events_calendar_dav_href",
            "calendar_id",
            "dav_href",
            unique=True,
            postgresql_where=sa.text(
                "dav_href IS NOT NULL AND deleted_at IS NULL AND series_id IS NULL"
            ),
        ),
        sa.CheckConstraint(
            "(series_id IS NULL) = (original_start_time IS NULL)",
            name="ck_events_exception_slot",
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    calendar_id: Mapped[uuid.UUID] = uuid_fk("calendars.id")
    ical_uid: Mapped[str] = mapped_column(sa.String(255), nullable=False)
    # The name a CalDAV client PUT the object under (NULL: derived from ical_uid).
    dav_href: Mapped[str | None] = mapped_column(sa.String(255))
    title: Mapped[str] = mapped_column(sa.String(500), nullable=False)
    description: Mapped[str | None] = mapped_column(sa.Text)
    location: Mapped[str | None] = mapped_column(sa.String(1000))
    # Always UTC instants. For all-day events: midnight of start_date / end_date in
    # ``timezone``, so overlap queries treat every event alike.
    start_time: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    end_time: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    timezone: Mapped[str] = mapped_column(sa.String(64), nullable=False, default="UTC")
    all_day: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    # The calendar dates of an all-day event (end exclusive, as in iCalendar).
    start_date: Mapped[date | None] = mapped_column(sa.Date)
    end_date: Mapped[date | None] = mapped_column(sa.Date)
    recurrence_rule: Mapped[str | None] = mapped_column(sa.Text)
    # Original starts removed from / added to the rule (UTC instants; for all-day
    # series, local midnight of the date).
    exdates: Mapped[list[datetime]] = mapped_column(
        ARRAY(UTCDateTime), nullable=False, default=list, server_default="{}"
    )
    rdates: Mapped[list[datetime]] = mapped_column(
        ARRAY(UTCDateTime), nullable=False, default=list, server_default="{}"
    )
    # RDATEs given as periods (RFC 5545 §3.8.5.2) keep their own length:
    # {"<rdate, UTC>": seconds} (calapp.events.periods); the others last as long
    # as the first occurrence.
    rdate_periods: Mapped[dict] = mapped_column(
        JSONB, nullable=False, default=dict, server_default="{}"
    )
    # Nominal days of a series' DURATION (RFC 5545 §3.3.6): each occurrence ends
    # that many calendar days later at the same wall time, plus the rest of its
    # first occurrence's length (``Series.occurrence_end``). 0: exact lengths.
    duration_days: Mapped[int] = mapped_column(
        sa.Integer, nullable=False, default=0, server_default="0"
    )
    # An exception (one changed or cancelled occurrence) points at its series and
    # at the slot it replaces (RECURRENCE-ID).
    series_id: Mapped[uuid.UUID | None] = uuid_fk("events.id", nullable=True)
    original_start_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # End of the last occurrence (= end_time for a single event, a far-future
    # instant for an unbounded series): lets window queries skip finished series
    # through the GiST index ix_events_calendar_span (migration 0003).
    last_end: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    status: Mapped[str] = mapped_column(
        sa.String(10), nullable=False, default="confirmed"
    )
    transparency: Mapped[str] = mapped_column(
        sa.String(4), nullable=False, default="busy"
    )
    # Copied from a connected calendar by its sync (``calendar.source``): the
    # event is read-only here. NULL: an event of calapp.
    source: Mapped[str | None] = mapped_column(sa.String(10))
    tags: Mapped[list[str]] = mapped_column(
        ARRAY(sa.String(64)), nullable=False, default=list, server_default="{}"
    )
    attachments: Mapped[list[dict]] = mapped_column(
        JSONB, nullable=False, default=list, server_default="[]"
    )
    sequence: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    created_by: Mapped[uuid.UUID | None] = uuid_fk(
        "users.id", nullable=True, ondelete="SET NULL"
    )
    updated_by: Mapped[uuid.UUID | None] = uuid_fk(
        "users.id", nullable=True, ondelete="SET NULL"
    )

    reminders = db.relationship(
        "EventReminder",
        order_by="EventReminder.minutes_before",
        cascade="all, delete-orphan",
        lazy="raise",
    )
    attendees = db.relationship(
        "EventAttendee",
        order_by="EventAttendee.email",
        cascade="all, delete-orphan",
        lazy="raise",
    )


class EventReminder(db.Model):
    __tablename__ = "event_reminders"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "minutes_before", name="uq_event_reminders"),
        sa.CheckConstraint(
            "minutes_before BETWEEN 0 AND 40320", name="ck_event_reminders_minutes"
        ),
        # What can be due: the reminder sweep's only index (migration 0007).
        sa.Index(
            "ix_event_reminders_next_due",
            "next_due_at",
            postgresql_where=sa.text("next_due_at IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    event_id: Mapped[uuid.UUID] = uuid_fk("events.id")
    minutes_before: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    # Delivered to the attendees too (in-app to those with an account, email).
    notify_attendees: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )
    # When the reminder sweep must look at this row again (calapp.notifications
    # .sweep): the due time of its next occurrence, NULL when nothing is left to
    # fire. New rows get 1970-01-01 from the database: "work it out".
    next_due_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, server_default=sa.text("'1970-01-01 00:00:00+00'")
    )
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow
    )


class EventAttendee(db.Model):
    __tablename__ = "event_attendees"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "email", name="uq_event_attendees_email"),
        sa.CheckConstraint(
            "status IN ('needs_action', 'accepted', 'declined', 'tentative')",
            name="ck_event_attendees_status",
        ),
        sa.Index("ix_event_attendees_user_id", "user_id"),
        sa.Index("ix_event_attendees_email", "email"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    event_id: Mapped[uuid.UUID] = uuid_fk("events.id")
    email: Mapped[str] = mapped_column(sa.String(320), nullable=False)
    name: Mapped[str | None] = mapped_column(sa.String(200))
    user_id: Mapped[uuid.UUID | None] = uuid_fk(
        "users.id", nullable=True, ondelete="SET NULL"
    )
    status: Mapped[str] = mapped_column(
        sa.String(12), nullable=False, default="needs_action"
    )
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow
    )
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow
    )


@sa.event.listens_for(Event, "before_insert")
@sa.event.listens_for(Event, "before_update")
def _keep_last_end(mapper, connection, event: Event) -> None:
    """``last_end`` always follows the event's times and rule, whoever writes it."""
    from calapp.events import periods, recurrence

    if not event.recurrence_rule:
        event.last_end = periods.reach(event.start_time, event.end_time)
        return
    event.last_end = recurrence.last_end(
        recurrence.Series(
            rule=recurrence.normalize_rule(event.recurrence_rule),
            start=event.start_time,
            end=event.end_time,
            timezone=event.timezone,
            all_day=event.all_day,
            rdates=tuple(event.rdates or ()),
            rdate_lengths=periods.lengths(event.rdate_periods),
            duration_days=event.duration_days or 0,
        )
    )
