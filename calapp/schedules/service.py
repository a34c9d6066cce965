"""Schedules, time off and public holidays: a person's own availability.

- A schedule is owned by one user and seen by that user only (404 otherwise):
  a name, an IANA zone, weekly windows (local wall times, several a day, no
  overlaps) and date overrides (a local date whose windows replace the
  weekday's; no windows: unavailable that day). The first schedule a user
  creates becomes the default; ``PUT /users/me`` ``default_schedule_id`` picks
  another. Deleting the default leaves the user without one; deleting a
  schedule a booking link uses is a 409.
- Time off ``[start_time, end_time)`` is busy everywhere its owner's
  availability is read. An all-day absence is given as local dates (inclusive)
  in a zone (default: the owner's home zone, ``home_zone``).
- With ``holidays_block`` and a ``holiday_country``, each public holiday of the
  owner blocks the whole local day in the zone of the question (a schedule's or
  a booking link's zone, else the home zone).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from calapp import policy
from calapp.errors import ValidationError
from calapp.extensions import db
from calapp.pagination import keyset_page
from calapp.schedules import holidays, windows
from calapp.schedules.hooks import schedule_deleting
from calapp.schedules.models import Schedule, TimeOff
from calapp.security import Principal
from calapp.users import hooks as user_hooks
from calapp.users.models import User

MAX_OVERRIDES = 366
MAX_TIME_OFF = timedelta(days=3 * 366)
TIME_OFF_CODE = "time_off"
HOLIDAY_CODE = "holiday"


# --- weekly windows and overrides -----------------------------------------------------


def normalize_weekly(value: dict) -> dict:
    """All seven days, windows sorted, "HH:MM" with 24:00 for the ending midnight.

    :raises ValidationError: the windows break a rule of ``windows``.
    """
    try:
        parsed = windows.parse_working_hours(value, "weekly")
    except ValueError as exc:
        raise ValidationError.field("weekly", str(exc)) from exc
    return windows.format_working_hours(parsed)


def normalize_overrides(items: list[dict]) -> list[dict]:
    """``[{"date", "windows"}]`` sorted by date, one entry a date.

    :raises ValidationError: a date twice, too many, bad windows.
    """
    if len(items) > MAX_OVERRIDES:
        raise ValidationError.field(
            "date_overrides", f"at most {MAX_OVERRIDES} date overrides"
        )
    seen: dict[date, list[dict]] = {}
    for item in items:
        day = item["date"]
        if day in seen:
            raise ValidationError.field(
                "date_overrides", f"{day.isoformat()} is given twice"
            )
        try:
            parsed = windows.parse_windows(
                f"date_overrides.{day.isoformat()}", item["windows"]
            )
        except ValueError as exc:
            raise ValidationError.field("date_overrides", str(exc)) from exc
        seen[day] = windows.format_windows(parsed)
    return [{"date": d.isoformat(), "windows": seen[d]} for d in sorted(seen)]


def weekly_windows(schedule: Schedule) -> dict[int, tuple[windows.Window, ...]]:
    return windows.parse_working_hours(schedule.weekly, "weekly")


def override_windows(schedule: Schedule) -> dict[date, tuple[windows.Window, ...]]:
    return {
        date.fromisoformat(item["date"]): windows.parse_windows(
            f"date_overrides.{item['date']}", item["windows"]
        )
        for item in schedule.date_overrides
    }


# --- schedules ------------------------------------------------------------------------


def create_schedule(principal: Principal, data: dict, now: datetime) -> Schedule:
    """A new schedule of the principal; its first becomes the default."""
    schedule = Schedule(
        id=uuid.uuid4(),
        owner_id=principal.user_id,
        name=data["name"],
        timezone=data["timezone"],
        weekly=normalize_weekly(data["weekly"]),
        date_overrides=normalize_overrides(data.get("date_overrides", [])),
        created_at=now,
        updated_at=now,
    )
    db.session.add(schedule)
    db.session.flush()
    user = _user(principal.user_id, lock=True)
    if user.default_schedule_id is None or data.get("is_default"):
        user.default_schedule_id = schedule.id
        db.session.flush()
    return schedule


def schedules_page(principal: Principal, limit: int, cursor: str | None):
    """The principal's schedules, oldest first."""
    return keyset_page(
        sa.select(Schedule).where(policy.owned(principal, Schedule)),
        keys=[Schedule.created_at, Schedule.id],
        key_of=lambda s: (s.created_at, s.id),
        limit=limit,
        cursor=cursor,
    )


def get_schedule(principal: Principal, schedule_id: uuid.UUID) -> Schedule:
    """:raises NotFound: not a live schedule of the principal."""
    return policy.get_owned(principal, Schedule, schedule_id, "Schedule")


def update_schedule(
    principal: Principal, schedule_id: uuid.UUID, changes: dict, now: datetime
) -> Schedule:
    """Partial update; ``weekly`` and ``date_overrides`` are replaced whole."""
    schedule = get_schedule(principal, schedule_id)
    for name in ("name", "timezone"):
        if name in changes:
            setattr(schedule, name, changes[name])
    if "weekly" in changes:
        schedule.weekly = normalize_weekly(changes["weekly"])
    if "date_overrides" in changes:
        schedule.date_overrides = normalize_overrides(changes["date_overrides"])
    if changes.get("is_default"):
        _user(principal.user_id, lock=True).default_schedule_id = schedule.id
    schedule.updated_at = now
    db.session.flush()
    return schedule


def delete_schedule(principal: Principal, schedule_id: uuid.UUID, now: datetime):
    """Soft delete; the owner has no default any more if it was the default.

    :raises Conflict: a booking link uses it.
    """
    schedule = get_schedule(principal, schedule_id)
    schedule_deleting(schedule.owner_id, schedule.id)
    schedule.deleted_at = now
    db.session.execute(
        sa.update(User)
        .where(User.id == schedule.owner_id, User.default_schedule_id == schedule.id)
        .values(default_schedule_id=None)
    )
    db.session.flush()


def default_ids(owner_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """The default schedule ids of these users (one query)."""
    ids = list(set(owner_ids))
    if not ids:
        return set()
    return set(
        db.session.scalars(
            sa.select(User.default_schedule_id).where(
                User.id.in_(ids), User.default_schedule_id.is_not(None)
            )
        )
    )


def _user(user_id: uuid.UUID, *, lock: bool = False) -> User:
    stmt = sa.select(User).where(User.id == user_id)
    if lock:
        stmt = stmt.with_for_update()
    return db.session.scalar(stmt)


# --- the user's settings --------------------------------------------------------------


@user_hooks.availability_settings.register
def apply_settings(user: User, changes: dict) -> None:
    """``default_schedule_id``, ``holiday_country``, ``holiday_subdivision`` and
    ``holidays_block`` of ``PUT /users/me``.

    :raises ValidationError: a schedule that is not the user's, an unknown
        country or subdivision, a subdivision without a country.
    """
    if "default_schedule_id" in changes:
        schedule_id = changes["default_schedule_id"]
        if schedule_id is not None:
            owner = Principal(user_id=user.id)
            found = db.session.scalar(
                sa.select(Schedule.id).where(
                    Schedule.id == schedule_id, policy.owned(owner, Schedule)
                )
            )
            if found is None:
                raise ValidationError.field(
                    "default_schedule_id", "is not one of your schedules"
                )
        user.default_schedule_id = schedule_id
    if "holiday_country" in changes or "holiday_subdivision" in changes:
        country = changes.get("holiday_country", user.holiday_country)
        subdivision = changes.get("holiday_subdivision", user.holiday_subdivision)
        if "holiday_country" in changes and "holiday_subdivision" not in changes:
            subdivision = None  # a new country: the old subdivision is not its
        if country is None:
            if subdivision is not None:
                raise ValidationError.field(
                    "holiday_subdivision", "needs a holiday_country"
                )
            user.holiday_country = user.holiday_subdivision = None
        else:
            user.holiday_country, user.holiday_subdivision = holidays.region(
                country, subdivision, field_prefix="holiday_"
            )
    if "holidays_block" in changes:
        user.holidays_block = changes["holidays_block"]


def home_zone(user: User) -> str:
    """The zone a user's days are counted in when no schedule or link says:
    the default schedule's, else the profile's."""
    if user.default_schedule_id is not None:
        zone = db.session.scalar(
            sa.select(Schedule.timezone).where(
                Schedule.id == user.default_schedule_id, Schedule.deleted_at.is_(None)
            )
        )
        if zone:
            return zone
    return user.timezone or "UTC"


# --- time off -------------------------------------------------------------------------


def _all_day_span(first: date, last: date, zone: str) -> tuple[datetime, datetime]:
    tz = ZoneInfo(zone)
    start = datetime.combine(first, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz)
    return start, end.astimezone(UTC)


def _apply_time_off(entry: TimeOff, data: dict, user: User) -> None:
    """Set the span of ``entry`` from ``data`` (timed or all-day, whole).

    :raises ValidationError: an end not after the start, longer than 3 years.
    """
    if data["all_day"]:
        first, last = data["start_date"], data["end_date"]
        if last < first:
            raise ValidationError.field("end_date", "must not be before start_date")
        zone = data.get("timezone") or home_zone(user)
        entry.start_time, entry.end_time = _all_day_span(first, last, zone)
        entry.all_day, entry.start_date, entry.end_date = True, first, last
        entry.timezone = zone
    else:
        if data["end_time"] <= data["start_time"]:
            raise ValidationError.field("end_time", "must be after start_time")
        entry.start_time, entry.end_time = data["start_time"], data["end_time"]
        entry.all_day, entry.start_date, entry.end_date = False, None, None
        entry.timezone = None
    if entry.end_time - entry.start_time > MAX_TIME_OFF:
        raise ValidationError.field("end_time", "time off may last at most 3 years")


def create_time_off(principal: Principal, data: dict, now: datetime) -> TimeOff:
    entry = TimeOff(
        id=uuid.uuid4(),
        owner_id=principal.user_id,
        reason=data.get("reason"),
        created_at=now,
        updated_at=now,
    )
    _apply_time_off(entry, data, _user(principal.user_id))
    db.session.add(entry)
    db.session.flush()
    return entry


def time_off_page(
    principal: Principal,
    limit: int,
    cursor: str | None,
    start: datetime | None = None,
    end: datetime | None = None,
):
    """The principal's time off by start, optionally only what overlaps
    ``[start, end)``."""
    stmt = sa.select(TimeOff).where(policy.owned(principal, TimeOff))
    if start is not None:
        stmt = stmt.where(TimeOff.end_time > start)
    if end is not None:
        stmt = stmt.where(TimeOff.start_time < end)
    return keyset_page(
        stmt,
        keys=[TimeOff.start_time, TimeOff.id],
        key_of=lambda t: (t.start_time, t.id),
        limit=limit,
        cursor=cursor,
    )


def get_time_off(principal: Principal, time_off_id: uuid.UUID) -> TimeOff:
    """:raises NotFound: not a live absence of the principal."""
    return policy.get_owned(principal, TimeOff, time_off_id, "Time off")


def update_time_off(
    principal: Principal, time_off_id: uuid.UUID, changes: dict, now: datetime
) -> TimeOff:
    """Partial update: the span is recomputed from the old fields and the new.

    :raises ValidationError: as create, or timed fields on an all-day absence
        (and the other way round) without switching ``all_day``.
    """
    entry = get_time_off(principal, time_off_id)
    all_day = changes.get("all_day", entry.all_day)
    if all_day:
        merged = {
            "all_day": True,
            "start_date": changes.get("start_date", entry.start_date),
            "end_date": changes.get("end_date", entry.end_date),
            "timezone": changes.get("timezone", entry.timezone),
        }
        missing = [k for k in ("start_date", "end_date") if merged[k] is None]
    else:
        merged = {
            "all_day": False,
            "start_time": changes.get(
                "start_time", None if entry.all_day else entry.start_time
            ),
            "end_time": changes.get(
                "end_time", None if entry.all_day else entry.end_time
            ),
        }
        missing = [k for k in ("start_time", "end_time") if merged[k] is None]
    if missing:
        raise ValidationError(
            f"{', '.join(missing)} required",
            details={name: ["is required"] for name in missing},
        )
    _apply_time_off(entry, merged, _user(principal.user_id))
    if "reason" in changes:
        entry.reason = changes["reason"]
    entry.updated_at = now
    db.session.flush()
    return entry


def delete_time_off(principal: Principal, time_off_id: uuid.UUID, now: datetime):
    entry = get_time_off(principal, time_off_id)
    entry.deleted_at = now
    db.session.flush()


# --- absences: what the availability readers use --------------------------------------


@dataclass(frozen=True)
class Absence:
    """A span its owner is away: ``code`` ``time_off`` or ``holiday``."""

    owner_id: uuid.UUID
    start: datetime
    end: datetime
    code: str
    name: str | None = None


def absences(
    owners: dict[uuid.UUID, str | None], start: datetime, end: datetime
) -> list[Absence]:
    """Time off and blocking public holidays of the users overlapping
    ``[start, end)``, unclipped. ``owners``: user id → the zone its holidays'
    days are counted in (None: its ``home_zone``). Two queries.
    """
    if not owners:
        return []
    rows = db.session.execute(
        sa.select(TimeOff.owner_id, TimeOff.start_time, TimeOff.end_time).where(
            TimeOff.owner_id.in_(list(owners)),
            TimeOff.deleted_at.is_(None),
            TimeOff.start_time < end,
            TimeOff.end_time > start,
        )
    ).all()
    found = [Absence(o, s, e, TIME_OFF_CODE) for o, s, e in rows]
    # With each user the zone of its default schedule (its home zone): one query.
    blocking = db.session.execute(
        sa.select(User, Schedule.timezone)
        .outerjoin(
            Schedule,
            sa.and_(
                Schedule.id == User.default_schedule_id, Schedule.deleted_at.is_(None)
            ),
        )
        .where(
            User.id.in_(list(owners)),
            User.holidays_block.is_(True),
            User.holiday_country.is_not(None),
        )
    ).all()
    for user, schedule_zone in blocking:
        zone = owners[user.id] or schedule_zone or user.timezone or "UTC"
        found += holiday_absences(user, start, end, zone)
    return found


def holiday_absences(
    user: User, start: datetime, end: datetime, zone: str
) -> list[Absence]:
    """Each public holiday of ``user`` as its whole local day in ``zone``."""
    tz = ZoneInfo(zone)
    first = start.astimezone(tz).date()
    last = end.astimezone(tz).date()
    days = holidays.between(user.holiday_country, user.holiday_subdivision, first, last)
    return [
        Absence(user.id, *_all_day_span(day, day, zone), HOLIDAY_CODE, name)
        for day, name in sorted(days.items())
    ]
