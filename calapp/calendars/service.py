"""Calendars and sharing. Every access decision goes through ``calapp.policy``."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime

import sqlalchemy as sa

from calapp import policy
from calapp.calendars.models import Calendar, CalendarMember
from calapp.changes import log as changes
from calapp.changes import sync
from calapp.changes.models import Change
from calapp.errors import Conflict, NotFound
from calapp.etags import etag_of
from calapp.extensions import db
from calapp.pagination import keyset_page
from calapp.security import Principal
from calapp.users import hooks as user_hooks
from calapp.users import service as users_service
from calapp.users.models import User


def etag(calendar: Calendar, role: str) -> str:
    # The owner's representation carries the feed address (calendars.feed),
    # which a token rotation changes without touching updated_at.
    token = calendar.public_token if role == "owner" else None
    return etag_of(
        "calendar", calendar.id, calendar.updated_at.isoformat(), role, token
    )


def _feed_token(calendar: Calendar) -> None:
    """A public calendar has a feed address from the start (shown to its owner)."""
    if calendar.is_public and calendar.public_token is None:
        calendar.public_token = secrets.token_urlsafe(24)


def _with_role(calendar: Calendar, role: str) -> Calendar:
    calendar.role = role  # the caller's role, part of the representation
    return calendar


def create(
    principal: Principal,
    data: dict,
    now: datetime,
    *,
    calendar_id: uuid.UUID | None = None,
) -> Calendar:
    """The creator becomes the owner (a member row with role ``owner``).
    ``calendar_id``: an id the caller chose (a CalDAV MKCALENDAR's URL)."""
    calendar = Calendar(
        id=calendar_id or uuid.uuid4(),
        owner_id=principal.user_id,
        created_at=now,
        updated_at=now,
        **data,
    )
    _feed_token(calendar)
    db.session.add(calendar)
    db.session.add(
        CalendarMember(
            calendar_id=calendar.id,
            user_id=principal.user_id,
            role="owner",
            created_at=now,
            updated_at=now,
        )
    )
    db.session.flush()
    return _with_role(calendar, "owner")


def list_page(principal: Principal, limit: int, cursor: str | None):
    """Every live calendar the principal owns or is a member of, oldest first
    (not those shared with it at ``freebusy``: it may not read them)."""
    stmt = (
        sa.select(Calendar, CalendarMember.role)
        .join(
            CalendarMember,
            sa.and_(
                CalendarMember.calendar_id == Calendar.id,
                CalendarMember.user_id == principal.user_id,
                policy.member_reads(),
            ),
        )
        .where(Calendar.deleted_at.is_(None))
    )
    rows, next_cursor = keyset_page(
        stmt,
        keys=[Calendar.created_at, Calendar.id],
        key_of=lambda row: (row[0].created_at, row[0].id),
        limit=limit,
        cursor=cursor,
        scalars=False,
    )
    return [_with_role(cal, role) for cal, role in rows], next_cursor


def listing(principal: Principal, args: dict) -> dict:
    """One page of ``GET /calendars``: every calendar in full with a sync token on
    the last page, or (``sync_token``) those changed since. A calendar that became
    readable arrives in full; one that stopped being readable (unshared, deleted)
    as ``{"id", "status": "deleted"}``. This sync never expires for that reason.
    """
    cursor = args.get("cursor")
    if args.get("sync_token") or sync.is_sync_cursor(cursor):
        context = sync.begin(
            "calendars",
            principal.user_id,
            sync_token=args.get("sync_token"),
            cursor=cursor if sync.is_sync_cursor(cursor) else None,
        )
        items, cursor, token = sync.page(
            context,
            audience=_calendar_changes(principal),
            key=Change.calendar_id,
            limit=args["limit"],
            load=lambda ids: _load_for_sync(principal, ids),
        )
        return {"items": items, "next_cursor": cursor, "next_sync_token": token}
    cursor, position = sync.full_listing_start(cursor, 2)
    items, cursor = list_page(principal, args["limit"], cursor)
    context = sync.Context("calendars", principal.user_id, 0, 0)
    cursor, token = sync.full_listing_end(cursor, position, 2, context)
    return {"items": items, "next_cursor": cursor, "next_sync_token": token}


def _calendar_changes(principal: Principal):
    """Changes of the calendars the principal reads as a member (deleted ones
    too), and of the principal's own memberships (shared with, unshared, new role:
    one now at ``freebusy`` arrives as deleted)."""
    mine = sa.select(CalendarMember.calendar_id).where(
        CalendarMember.user_id == principal.user_id, policy.member_reads()
    )
    return sa.or_(
        sa.and_(
            Change.resource_type == "calendar",
            Change.calendar_id == sa.any_(sa.func.array(mine.scalar_subquery())),
        ),
        sa.and_(
            Change.resource_type == "membership", Change.user_id == principal.user_id
        ),
    )


def _load_for_sync(principal: Principal, ids: list[uuid.UUID]) -> dict:
    rows = db.session.execute(
        sa.select(Calendar, CalendarMember.role)
        .join(
            CalendarMember,
            sa.and_(
                CalendarMember.calendar_id == Calendar.id,
                CalendarMember.user_id == principal.user_id,
                policy.member_reads(),
            ),
        )
        .where(Calendar.id.in_(ids), Calendar.deleted_at.is_(None))
    )
    found: dict = {cal.id: _with_role(cal, role) for cal, role in rows}
    for calendar_id in ids:
        found.setdefault(calendar_id, {"id": calendar_id, "status": "deleted"})
    return found


def get(principal: Principal, calendar_id: uuid.UUID) -> Calendar:
    return _with_role(*policy.get_calendar(principal, calendar_id, "read"))


def update(
    principal: Principal,
    calendar_id: uuid.UUID,
    changes: dict,
    now: datetime,
    if_match=None,
) -> Calendar:
    """Owner only. ``if_match(etag)`` may raise to refuse a stale write."""
    calendar, role = policy.get_calendar(principal, calendar_id, "manage", lock=True)
    if if_match:
        if_match(etag(calendar, role))
    for name, value in changes.items():
        setattr(calendar, name, value)
    _feed_token(calendar)
    calendar.updated_at = now
    db.session.flush()
    return _with_role(calendar, role)


def delete(
    principal: Principal, calendar_id: uuid.UUID, now: datetime, if_match=None
) -> None:
    """Owner only. Soft: the calendar and its events disappear from every read.

    :raises Conflict: a connected calendar's mirror (its connection decides)."""
    calendar, role = policy.get_calendar(principal, calendar_id, "manage", lock=True)
    if calendar.source is not None and not principal.is_system:
        raise Conflict(
            "This calendar mirrors a connected calendar: stop it with PUT "
            f"/connections/{calendar.connection_id} (is_busy and is_shown false) "
            "or delete the connection",
            details={"connection_id": str(calendar.connection_id)},
        )
    if if_match:
        if_match(etag(calendar, role))
    calendar.deleted_at = now
    calendar.updated_at = now
    _log_uninvited(calendar.id)
    db.session.flush()


def _log_uninvited(calendar_id: uuid.UUID) -> None:
    """Invited users who are not members lose the calendar's events with it: their
    readable calendars do not change, so each event is logged for them."""
    from calapp.events.models import Event, EventAttendee

    rows = db.session.execute(
        sa.select(EventAttendee.event_id, EventAttendee.user_id)
        .join(Event, Event.id == EventAttendee.event_id)
        .where(
            Event.calendar_id == calendar_id,
            Event.deleted_at.is_(None),
            EventAttendee.user_id.is_not(None),
        )
    )
    for event_id, user_id in rows:
        changes.record(db.session, "event", event_id, "deleted", user_id=user_id)


@user_hooks.account_deleted.register
def _leave_every_calendar(user_id: uuid.UUID, when: datetime) -> None:
    """A deleted account leaves every member list, which the change log records
    as deleted memberships."""
    for calendar_id in db.session.scalars(
        sa.select(CalendarMember.calendar_id).where(CalendarMember.user_id == user_id)
    ):
        changes.record(
            db.session,
            "membership",
            user_id,
            "deleted",
            calendar_id=calendar_id,
            user_id=user_id,
        )


# --- sharing -------------------------------------------------------------------------


def _member_view(member: CalendarMember, user: User) -> dict:
    return {
        "calendar_id": member.calendar_id,
        "user_id": member.user_id,
        "email": user.email,
        "name": user.name,
        "role": member.role,
        "created_at": member.created_at,
        "updated_at": member.updated_at,
    }


def share(
    principal: Principal,
    calendar_id: uuid.UUID,
    role: str,
    now: datetime,
    *,
    email: str | None = None,
    user_id: uuid.UUID | None = None,
) -> dict:
    """Give a registered user ``role`` (editor, viewer or freebusy); sharing again
    changes it.

    An email finds only an account that verified it: anyone may register with
    an address, and the calendar is meant for whoever reads that mailbox.

    :raises NotFound: no account with that email / id (share after they register).
    :raises Conflict: the target is the owner (the owner cannot be demoted).
    """
    calendar, _ = policy.get_calendar(principal, calendar_id, "manage", lock=True)
    target = (
        users_service.find_by_email(email)
        if email is not None
        else db.session.get(User, user_id)
    )
    if email is not None and target is not None and not target.is_email_verified:
        target = None
    if target is None or target.deleted_at is not None:
        raise NotFound(
            "No account with this email or id: calendars are shared with registered "
            "users who confirmed their email, so ask them to register first"
        )
    if target.id == calendar.owner_id:
        raise Conflict("The owner's role cannot be changed")
    member = db.session.get(CalendarMember, (calendar.id, target.id))
    if member is None:
        member = CalendarMember(
            calendar_id=calendar.id,
            user_id=target.id,
            role=role,
            created_at=now,
            updated_at=now,
        )
        db.session.add(member)
    else:
        member.role = role
        member.updated_at = now
    db.session.flush()
    return _member_view(member, target)


def members_page(
    principal: Principal, calendar_id: uuid.UUID, limit: int, cursor: str | None
):
    """Members (owner included) of a calendar the principal can read."""
    policy.get_calendar(principal, calendar_id, "read")
    stmt = (
        sa.select(CalendarMember, User)
        .join(User, User.id == CalendarMember.user_id)
        .where(CalendarMember.calendar_id == calendar_id, User.deleted_at.is_(None))
    )
    rows, next_cursor = keyset_page(
        stmt,
        keys=[CalendarMember.created_at, CalendarMember.user_id],
        key_of=lambda row: (row[0].created_at, row[0].user_id),
        limit=limit,
        cursor=cursor,
        scalars=False,
    )
    return [_member_view(m, u) for m, u in rows], next_cursor


def remove_member(
    principal: Principal, calendar_id: uuid.UUID, user_id: uuid.UUID
) -> None:
    """The owner removes anyone but itself; any member may remove itself.

    A ``freebusy`` holder may leave too, but is a stranger for anything else.

    :raises Conflict: removing the owner. :raises Forbidden: a non-owner removing
        someone else. :raises NotFound: not a member.
    """
    calendar, role = policy.get_calendar(principal, calendar_id, "freebusy", lock=True)
    if user_id != principal.user_id and not policy.visible(role, "read"):
        raise NotFound("Calendar not found")
    if user_id == calendar.owner_id:
        raise Conflict("The owner cannot be removed from the calendar")
    if user_id != principal.user_id and not policy.allows(role, "manage"):
        raise policy.deny(role, "manage")
    member = db.session.get(CalendarMember, (calendar.id, user_id))
    if member is None:
        raise NotFound("Member not found")
    db.session.delete(member)
    db.session.flush()
