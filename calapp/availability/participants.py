"""Participants of free/busy and slot finding: people, by user id or email.

A participant's busy time is read from the calendars they own and have shared
with the caller at ``freebusy`` or above (``policy.calendar_ids(..., "freebusy")``);
when the participant is the caller, from the caller's own calendars. Nothing
else of theirs is read, and nothing but busy blocks comes back.

Every participant of a request is resolved in one query. One who does not
exist, whose account is deleted, or who shares nothing with the caller is the
same 404, naming the participant as the caller gave it: whether an account
exists is never told. An email finds an account that verified it (as sharing
does), or the caller's own.

A participant is judged by ``rules_for`` (the windows they work in) and
``busy_of`` (when they are busy), and ``Availability`` adds their absences:

- their working hours are their own default schedule (its weekly windows,
  date overrides and zone) when they have one, on top of the request's working
  hours; without one, the request's alone. Sharing free/busy with the caller
  shares when one works, as Google's and Cal.com's team scheduling do;
- their time off and blocking public holidays keep the slot itself out (no
  buffer), for optional participants too: a coach on leave is not counted
  among those free.

Schedules and absences of every participant of a request are read in one
query each (``own_schedules``, ``absences_of``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from calapp import policy
from calapp.availability import reasons, slots
from calapp.calendars.models import Calendar
from calapp.errors import NotFound
from calapp.extensions import db
from calapp.schedules import service as schedules
from calapp.schedules.models import Schedule
from calapp.security import Principal
from calapp.users.models import User
from calapp.users.service import normalize_email

Slot = reasons.Slot


@dataclass(frozen=True)
class Participant:
    """A person as the caller named them (``given``), and their shared calendars
    in creation order."""

    given: str
    user_id: uuid.UUID
    calendars: tuple[Calendar, ...]


def as_user_id(given: str) -> uuid.UUID | None:
    """The user id ``given`` spells, or None when it is an email."""
    try:
        return uuid.UUID(given)
    except ValueError:
        return None


def resolve(principal: Principal, *groups: Iterable[str]) -> list[list[Participant]]:
    """The participants of each group of identifiers, in the order given
    (duplicates within a group kept once), in one query.

    :raises NotFound: a participant unknown or sharing nothing with the caller
        (``details.participants``: every such identifier, as given).
    """
    groups = [list(dict.fromkeys(group)) for group in groups]
    found = _shared(principal, [given for group in groups for given in group])
    missing = list(
        dict.fromkeys(
            given for group in groups for given in group if given not in found
        )
    )
    if missing:
        names = ", ".join(missing)
        raise NotFound(
            f"No calendar of {names} is shared with you: they may share one with "
            "you (role freebusy or above) for you to see when they are busy",
            details={"participants": missing},
        )
    return [[found[given] for given in group] for group in groups]


def _shared(principal: Principal, given: list[str]) -> dict[str, Participant]:
    """The participants among ``given`` who share at least one calendar with the
    principal (one query)."""
    if not given:
        return {}
    ids = {as_user_id(g) for g in given} - {None}
    emails = {normalize_email(g) for g in given if as_user_id(g) is None}
    by_email = User.email.in_(emails) & sa.or_(
        User.email_verified_at.is_not(None), User.id == principal.user_id
    )
    rows = db.session.execute(
        sa.select(User.id, User.email, Calendar)
        .join(Calendar, Calendar.owner_id == User.id)
        .where(
            User.deleted_at.is_(None),
            sa.or_(User.id.in_(ids), by_email) if emails else User.id.in_(ids),
            Calendar.id.in_(policy.calendar_ids(principal, "freebusy")),
        )
        .order_by(Calendar.created_at, Calendar.id)
    ).all()
    calendars: dict[uuid.UUID, list[Calendar]] = {}
    email_of: dict[str, uuid.UUID] = {}
    for user_id, email, calendar in rows:
        calendars.setdefault(user_id, []).append(calendar)
        email_of[email] = user_id
    found = {}
    for g in given:
        user_id = as_user_id(g)
        if user_id is None:
            user_id = email_of.get(normalize_email(g))
        if user_id in calendars:
            found[g] = Participant(g, user_id, tuple(calendars[user_id]))
    return found


def calendars_of(participants: Iterable[Participant]) -> list[Calendar]:
    """Every calendar of the participants, once each."""
    unique = {c.id: c for p in participants for c in p.calendars}
    return list(unique.values())


def busy_of(
    participant: Participant, per_calendar: Mapping[uuid.UUID, list[Slot]]
) -> list[Slot]:
    """When the participant is busy: the merged busy blocks of their calendars
    (``per_calendar``: ``service.busy_by_calendar`` over at least those)."""
    return slots.merge_busy(
        block for c in participant.calendars for block in per_calendar[c.id]
    )


def own_schedules(
    participants: Iterable[Participant],
) -> dict[uuid.UUID, Schedule]:
    """Each participant's default schedule, by user id (one query)."""
    ids = list({p.user_id for p in participants})
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(User.id, Schedule)
        .join(Schedule, Schedule.id == User.default_schedule_id)
        .where(User.id.in_(ids), Schedule.deleted_at.is_(None))
    ).all()
    return {user_id: schedule for user_id, schedule in rows}


def absences_of(
    participants: Iterable[Participant], start, end
) -> dict[uuid.UUID, list[Slot]]:
    """Time off and blocking holidays of each participant, by user id (holidays'
    days in their default schedule's zone, else their home zone)."""
    owners = {p.user_id: None for p in participants}
    found: dict[uuid.UUID, list[Slot]] = {}
    for absence in schedules.absences(owners, start, end):
        found.setdefault(absence.owner_id, []).append((absence.start, absence.end))
    return found


def availabilities(
    group: list[Participant],
    asked: slots.Rules,
    per_calendar: Mapping[uuid.UUID, list[Slot]],
    start,
    end,
) -> list[Availability]:
    """Each participant's ``Availability`` in ``[start, end)``, in order: their
    own schedule and absences read in one query each for the whole group."""
    own = own_schedules(group)
    away = absences_of(group, start, end)
    return [
        Availability.of(
            p, asked, per_calendar, own.get(p.user_id), away.get(p.user_id, ())
        )
        for p in group
    ]


def rules_for(
    participant: Participant, asked: slots.Rules, schedule: Schedule | None = None
) -> slots.Rules:
    """The rules the participant's free time is judged by: their own default
    ``schedule`` (with the request's duration, buffer and grid), else the
    request's working hours."""
    if schedule is None:
        return asked
    return slots.open_rules(
        asked.duration,
        schedule.timezone,
        schedules.weekly_windows(schedule),
        buffer=asked.buffer,
        slot_interval=asked.slot_interval,
        date_overrides=schedules.override_windows(schedule),
    )


@dataclass
class Availability:
    """One participant's availability: a slot is free when one of their windows
    holds it and no busy block (widened by the buffer) is in the way, the
    predicates of ``reasons``."""

    participant: Participant
    rules: slots.Rules
    busy: reasons.BusyIndex
    asked: slots.Rules
    away: reasons.BusyIndex

    @classmethod
    def of(
        cls,
        participant: Participant,
        asked: slots.Rules,
        per_calendar: Mapping[uuid.UUID, list[Slot]],
        schedule: Schedule | None = None,
        away: Iterable[Slot] = (),
    ) -> Availability:
        return cls(
            participant,
            rules_for(participant, asked, schedule),
            reasons.BusyIndex(busy_of(participant, per_calendar), asked.buffer),
            asked,
            reasons.BusyIndex(away, timedelta(0)),
        )

    def is_free(self, start, end) -> bool:
        # The listing already walks the request's windows: another's are checked.
        if self.rules is not self.asked and not reasons.windows_holding(
            self.rules, start, end
        ):
            return False
        if self.away.conflict_end(start, end) is not None:
            return False
        return self.busy.conflict_end(start, end) is None
