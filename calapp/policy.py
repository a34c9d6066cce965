"""THE permission table: who may do what on which calendar, and what they can see.

Roles rank ``freebusy < viewer < editor < owner``; an action needs a minimum rank:

============  =========  ===========================================================
need          min role   used for
============  =========  ===========================================================
``freebusy``  freebusy   busy blocks only: free/busy, slot finding, their explanation
``read``      viewer     read the calendar, its members, its events (export, sync,
                         stream, webhooks, CalDAV)
``write``     editor     create, change, delete events (and their reminders/attendees)
``manage``    owner      change or delete the calendar, share it, booking links, feeds
============  =========  ===========================================================

A ``freebusy`` holder is a stranger to every need but ``freebusy``: the calendar
is a 404 to them (not a 403), and it is in none of their lists
(``calendar_ids(..., "read")``, ``readable_events``, ``member_reads``). The one
exception is leaving the share (``remove_member``).

An attendee of an event who is not a member of its calendar may read that event
(``get_event(..., need="read")`` returns role ``attendee``), and may answer its own
invitation (``may_rsvp``). Everything a principal cannot see is a 404; what it can
see but may not change is a 403. ``Principal.system()`` (background jobs) may do
anything, explicitly.

Every service asks here; nothing loads a calendar or event by raw id elsewhere.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from calapp.calendars.models import Calendar, CalendarMember
from calapp.errors import Forbidden, NotFound
from calapp.events.models import Event, EventAttendee
from calapp.extensions import db
from calapp.security import Principal

RANK = {"attendee": 0, "freebusy": 0, "viewer": 1, "editor": 2, "owner": 3}
NEED = {"freebusy": 0, "read": 1, "write": 2, "manage": 3}
NEED_TEXT = {
    "freebusy": "see when this calendar is busy",
    "read": "read this calendar",
    "write": "change events on this calendar (needs editor or owner)",
    "manage": "manage this calendar (owner only)",
}


def allows(role: str | None, need: str) -> bool:
    """May a holder of ``role`` do something that needs ``need``?"""
    if role is None:
        return False
    if role == "attendee":
        return need == "read"
    return RANK[role] >= NEED[need]


def read_only(principal: Principal, source: str | None, need: str) -> None:
    """Events of a connected calendar (its ``source``) are written by its
    sync alone (``Principal.system()``); everyone else gets a 403 on ``write``.

    :raises Forbidden: a write to a connected calendar's events.
    """
    if need == "write" and source is not None and not principal.is_system:
        raise Forbidden(
            f"This calendar mirrors an external {source} calendar: its events are "
            "read-only here; change them where they come from (the next sync "
            "brings the change)",
            details={"source": source, "read_only": True},
        )


def deny(role: str, need: str) -> Forbidden:
    return Forbidden(
        f"Your role ({role}) does not allow you to {NEED_TEXT[need]}",
        details={"role": role, "required": need},
    )


# --- calendars -----------------------------------------------------------------------


def roles_at_least(need: str) -> list[str]:
    return [r for r in ("freebusy", "viewer", "editor", "owner") if allows(r, need)]


def member_reads():
    """SQL condition on ``CalendarMember``: the membership lets its user read the
    calendar (every role but ``freebusy``)."""
    return CalendarMember.role.in_(roles_at_least("read"))


def visible(role: str | None, need: str) -> bool:
    """Does a holder of ``role`` know the calendar exists, for an action that
    needs ``need``? (Otherwise it is a 404, not a 403.) A ``freebusy`` holder
    knows it only for ``freebusy``."""
    return role is not None and (allows(role, "read") or allows(role, need))


def calendar_ids(principal: Principal, need: str = "read") -> sa.Select:
    """SQL: ids of the live calendars on which ``principal`` has at least ``need``."""
    if principal.is_system:
        return sa.select(Calendar.id).where(Calendar.deleted_at.is_(None))
    return (
        sa.select(CalendarMember.calendar_id)
        .join(Calendar, Calendar.id == CalendarMember.calendar_id)
        .where(
            CalendarMember.user_id == principal.user_id,
            CalendarMember.role.in_(roles_at_least(need)),
            Calendar.deleted_at.is_(None),
        )
    )


def role_column(principal: Principal):
    """A correlated subquery giving the principal's role on ``Calendar``."""
    if principal.is_system:
        return sa.literal("owner")
    return (
        sa.select(CalendarMember.role)
        .where(
            CalendarMember.calendar_id == Calendar.id,
            CalendarMember.user_id == principal.user_id,
        )
        .scalar_subquery()
    )


def get_calendar(
    principal: Principal,
    calendar_id: uuid.UUID,
    need: str = "read",
    *,
    lock: bool = False,
) -> tuple[Calendar, str]:
    """Load a live calendar with the principal's role.

    :raises NotFound: it does not exist, is deleted, or the principal has no role
        (or only ``freebusy``, for any other need).
    :raises Forbidden: the role is below ``need``.
    """
    stmt = sa.select(Calendar, role_column(principal)).where(
        Calendar.id == calendar_id, Calendar.deleted_at.is_(None)
    )
    if lock:
        stmt = stmt.with_for_update(of=Calendar)
    row = db.session.execute(stmt).first()
    if row is None or not visible(row[1], need):
        raise NotFound("Calendar not found")
    calendar, role = row
    if not allows(role, need):
        raise deny(role, need)
    read_only(principal, calendar.source, need)
    return calendar, role


def get_calendars(
    principal: Principal, calendar_ids: list[uuid.UUID], need: str = "read"
) -> list[Calendar]:
    """``get_calendar`` for several live calendars at once (one query), in the
    order given; the first that fails decides the error.

    :raises NotFound: as ``get_calendar``. :raises Forbidden: as ``get_calendar``.
    """
    if not calendar_ids:
        return []
    rows = db.session.execute(
        sa.select(Calendar, role_column(principal)).where(
            Calendar.id.in_(calendar_ids), Calendar.deleted_at.is_(None)
        )
    ).all()
    found = {calendar.id: (calendar, role) for calendar, role in rows}
    calendars = []
    for calendar_id in calendar_ids:
        calendar, role = found.get(calendar_id, (None, None))
        if calendar is None or not visible(role, need):
            raise NotFound("Calendar not found")
        if not allows(role, need):
            raise deny(role, need)
        read_only(principal, calendar.source, need)
        calendars.append(calendar)
    return calendars


# --- events --------------------------------------------------------------------------


def _attended_event_ids(principal: Principal) -> sa.Select:
    return sa.select(EventAttendee.event_id).where(
        EventAttendee.user_id == principal.user_id
    )


def _in_array(column, ids: sa.Select):
    """``column = ANY(ARRAY(ids))``: the same rows as ``column IN (ids)``.

    The array is computed once (an InitPlan) and PostgreSQL probes indexes with its
    values, e.g. the (calendar_id, span) GiST index once per readable calendar for
    a window. ``IN`` under an ``OR`` stays a filter the planner cannot estimate, so
    it walks an index on start_time through every earlier event instead.
    """
    return column == sa.any_(sa.func.array(ids.scalar_subquery()))


# For statements built once and run for any user (the read path of event lists):
# a principal whose user is the bind parameter ``principal_user_id``, so that
# ``readable_events(BOUND_USER)`` is the same SQL condition for every user.
BOUND_USER = Principal(user_id=sa.bindparam("principal_user_id", type_=sa.Uuid))


def bound_user_params(principal: Principal) -> dict:
    """The parameters of ``BOUND_USER`` for ``principal`` (not the system)."""
    return {"principal_user_id": principal.user_id}


def readable_events(principal: Principal):
    """SQL condition on ``Event``: live events the principal may read.

    Members read their calendars' events; attendees read the events they are
    invited to. Events of deleted calendars are hidden everywhere.
    """
    live = Event.deleted_at.is_(None)
    if principal.is_system:
        return sa.and_(live, Event.calendar_id.in_(calendar_ids(principal)))
    live_calendar = Event.calendar_id.in_(
        sa.select(Calendar.id).where(Calendar.deleted_at.is_(None))
    )
    return sa.and_(
        live,
        sa.or_(
            _in_array(Event.calendar_id, calendar_ids(principal)),
            sa.and_(_in_array(Event.id, _attended_event_ids(principal)), live_calendar),
        ),
    )


def event_role_column(principal: Principal):
    """The principal's role on an ``Event``'s calendar, or ``attendee``, or NULL.

    A ``freebusy`` membership reads no event: such a holder is an ``attendee``
    of the events it is invited to, like any stranger."""
    if principal.is_system:
        return sa.literal("owner")
    member = (
        sa.select(CalendarMember.role)
        .where(
            CalendarMember.calendar_id == Event.calendar_id,
            CalendarMember.user_id == principal.user_id,
            member_reads(),
        )
        .scalar_subquery()
    )
    attends = sa.exists(
        sa.select(EventAttendee.id).where(
            EventAttendee.event_id == Event.id,
            EventAttendee.user_id == principal.user_id,
        )
    )
    return sa.func.coalesce(member, sa.case((attends, "attendee"), else_=None))


def get_event(
    principal: Principal,
    event_id: uuid.UUID,
    need: str = "read",
    *,
    lock: bool = False,
    options=(),
) -> tuple[Event, str]:
    """Load a live event (of a live calendar) with the principal's role.

    :raises NotFound: invisible to the principal.
    :raises Forbidden: visible, but the role is below ``need``.
    """
    stmt = (
        sa.select(Event, event_role_column(principal), Calendar.source)
        .join(Calendar, Calendar.id == Event.calendar_id)
        .where(
            Event.id == event_id,
            Event.deleted_at.is_(None),
            Calendar.deleted_at.is_(None),
        )
        .options(*options)
    )
    if lock:
        stmt = stmt.with_for_update(of=Event)
    row = db.session.execute(stmt).first()
    if row is None or row[1] is None:
        raise NotFound("Event not found")
    event, role, source = row
    if not allows(role, need):
        raise deny(role, need)
    read_only(principal, source, need)
    return event, role


def may_rsvp(principal: Principal, role: str, attendee: EventAttendee) -> bool:
    """An attendee answers for itself; editors and owners answer for anyone."""
    return allows(role, "write") or (
        attendee.user_id is not None and attendee.user_id == principal.user_id
    )


# --- things a single user owns (schedules, time off) ---------------------------------


def owned(principal: Principal, model):
    """SQL condition on ``model``: its live rows owned by ``principal``.

    Only the owner sees such rows (a schedule, an absence); the system sees all.
    """
    live = model.deleted_at.is_(None)
    if principal.is_system:
        return live
    return sa.and_(live, model.owner_id == principal.user_id)


def get_owned(principal: Principal, model, row_id: uuid.UUID, what: str):
    """Load a live row of ``model`` owned by ``principal``.

    :raises NotFound: it does not exist, is deleted, or someone else owns it
        (never a 403: whether it exists is not said).
    """
    row = db.session.scalar(
        sa.select(model).where(model.id == row_id, owned(principal, model))
    )
    if row is None:
        raise NotFound(f"{what} not found")
    return row
