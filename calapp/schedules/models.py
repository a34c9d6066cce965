import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from calapp.db import SoftDeleteMixin, TimestampMixin, UTCDateTime, db, uuid_fk, uuid_pk


class Schedule(TimestampMixin, SoftDeleteMixin, db.Model):
    """Someone's availability: weekly windows and date overrides in one zone."""

    __tablename__ = "schedules"
    __table_args__ = (
        # The list order of an owner's live schedules.
        sa.Index(
            "ix_schedules_owner_created",
            "owner_id",
            "created_at",
            "id",
            postgresql_where=sa.text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    owner_id: Mapped[uuid.UUID] = uuid_fk("users.id")
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    timezone: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    # {"mon": [{"start": "09:00", "end": "17:00"}], ..., "sun": []}, all seven days.
    weekly: Mapped[dict] = mapped_column(JSONB, nullable=False)
    # [{"date": "2027-03-28", "windows": [...]}] sorted by date; [] windows: off.
    date_overrides: Mapped[list] = mapped_column(JSONB, nullable=False, default=list)


class TimeOff(TimestampMixin, SoftDeleteMixin, db.Model):
    """An absence of its owner, ``[start_time, end_time)``: busy everywhere.

    An all-day absence keeps its local dates (``start_date`` to ``end_date``
    inclusive, in ``timezone``); its instants are the midnights around them.
    """

    __tablename__ = "time_off"
    __table_args__ = (
        sa.CheckConstraint("end_time > start_time", name="ck_time_off_time_order"),
        sa.CheckConstraint(
            "NOT all_day OR (start_date IS NOT NULL AND end_date IS NOT NULL "
            "AND end_date >= start_date)",
            name="ck_time_off_all_day_dates",
        ),
        # The list order, and the absences overlapping a window.
        sa.Index(
            "ix_time_off_owner_start",
            "owner_id",
            "start_time",
            "id",
            postgresql_where=sa.text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    owner_id: Mapped[uuid.UUID] = uuid_fk("users.id")
    start_time: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    end_time: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    all_day: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    start_date: Mapped[date | None] = mapped_column(sa.Date)
    end_date: Mapped[date | None] = mapped_column(sa.Date)
    timezone: Mapped[str | None] = mapped_column(sa.String(64))
    reason: Mapped[str | None] = mapped_column(sa.String(500))
