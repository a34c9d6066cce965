"""Attendees of an event: invite, answer (RSVP), remove, link on registration.

- Emails are trimmed and lower-cased, and unique per event (409).
- The email of an account that verified it links ``user_id`` at once; any other
  email is linked when an account verifies it (``link_registered_user``, called
  by ``users.verification``). Registering with an address proves nothing, so an
  unverified account is never linked: it would read events meant for someone else.
- Editors and owners invite, rename and remove attendees, and may answer for
  anyone; an attendee answers (``status``) only for itself. A linked attendee who
  is not a member of the calendar reads the event (``policy.get_event`` role
  ``attendee``) and finds it in ``GET /events``.
- Every change (an answer included) gives the event a new ``updated_at`` and
  ETag, and ``updated_by`` becomes whoever made it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from calapp import policy
from calapp.changes import log as changes
from calapp.errors import Conflict, Forbidden, NotFound
from calapp.events import hooks
from calapp.events.models import Event, EventAttendee
from calapp.events.service import touch
from calapp.extensions import db
from calapp.security import Principal
from calapp.users import hooks as user_hooks
from calapp.users.models import User


def normalize_email(email: str) -> str:
    return email.strip().lower()


def _user_ids(emails: Iterable[str]) -> dict[str, uuid.UUID]:
    emails = list(emails)
    if not emails:
        return {}
    rows = db.session.execute(
        sa.select(User.email, User.id).where(
            User.email.in_(emails),
            User.deleted_at.is_(None),
            User.email_verified_at.is_not(None),
        )
    )
    return {email: user_id for email, user_id in rows}


def new_attendees(items: list[dict], now: datetime) -> list[EventAttendee]:
    """Attendee rows for a new event (one query links registered emails)."""
    emails = [normalize_email(item["email"]) for item in items]
    users = _user_ids(emails)
    return [
        EventAttendee(
            email=email,
            name=item.get("name"),
            user_id=users.get(email),
            status="needs_action",
            created_at=now,
            updated_at=now,
        )
        for email, item in zip(emails, items, strict=True)
    ]


def _already_invited(email: str, attendee_id: uuid.UUID | None = None) -> Conflict:
    details: dict = {"email": ["is already an attendee of this event"]}
    if attendee_id is not None:
        details["attendee_id"] = str(attendee_id)
    return Conflict(f"{email} is already an attendee of this event", details=details)


def add(
    principal: Principal,
    event_id: uuid.UUID,
    email: str,
    name: str | None,
    now: datetime,
) -> EventAttendee:
    """Invite ``email`` (editor or owner).

    :raises Conflict: already invited.
    """
    event, _ = policy.get_event(principal, event_id, "write", lock=True)
    email = normalize_email(email)
    existing = db.session.scalar(
        sa.select(EventAttendee.id).where(
            EventAttendee.event_id == event.id, EventAttendee.email == email
        )
    )
    if existing is not None:
        raise _already_invited(email, existing)
    attendee = EventAttendee(
        id=uuid.uuid4(),
        event_id=event.id,
        email=email,
        name=name,
        user_id=_user_ids([email]).get(email),
        status="needs_action",
        created_at=now,
        updated_at=now,
    )
    db.session.add(attendee)
    touch(event, principal, now)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:
        if "uq_event_attendees_email" in str(exc.orig):
            raise _already_invited(email) from exc
        raise
    hooks.attendee_added(event, attendee, now)  # the invitation email
    return attendee


def _find(event: Event, attendee_id: uuid.UUID) -> EventAttendee:
    attendee = db.session.scalar(
        sa.select(EventAttendee).where(
            EventAttendee.id == attendee_id, EventAttendee.event_id == event.id
        )
    )
    if attendee is None:
        raise NotFound("Attendee not found")
    return attendee


def update(
    principal: Principal,
    event_id: uuid.UUID,
    attendee_id: uuid.UUID,
    changes: dict,
    now: datetime,
) -> EventAttendee:
    """Answer an invitation (``status``) or rename an attendee (``name``).

    ``status``: the attendee's own account, or an editor/owner (``policy.may_rsvp``);
    ``name``: editors and owners only.

    :raises Forbidden: anyone else who can read the event.
    """
    event, role = policy.get_event(principal, event_id, "read", lock=True)
    attendee = _find(event, attendee_id)
    if "name" in changes and not policy.allows(role, "write"):
        raise policy.deny(role, "write")
    if ("status" in changes or not changes) and not policy.may_rsvp(
        principal, role, attendee
    ):
        raise Forbidden(
            "You may answer only your own invitation (editors and owners answer "
            "for anyone)",
            details={"role": role, "required": "the attendee or write"},
        )
    changed = False
    for name, value in changes.items():
        if getattr(attendee, name) != value:
            setattr(attendee, name, value)
            changed = True
    if changed:
        attendee.updated_at = now
        touch(event, principal, now)
    db.session.flush()
    return attendee


def remove(
    principal: Principal, event_id: uuid.UUID, attendee_id: uuid.UUID, now: datetime
) -> None:
    """Remove an attendee (editor or owner)."""
    event, _ = policy.get_event(principal, event_id, "write", lock=True)
    attendee = _find(event, attendee_id)
    # The CANCEL invitation, before the row goes.
    hooks.attendee_removed(event, attendee, now)
    db.session.delete(attendee)
    touch(event, principal, now)
    db.session.flush()


@user_hooks.email_verified.register
def link_registered_user(user_id: uuid.UUID, email: str, now: datetime) -> int:
    """Link the attendee rows of ``email`` that have no account to ``user_id``.

    Called when an account proves it owns ``email`` (never on registration alone);
    the events concerned get a new ETag.
    Returns how many invitations were linked.
    """
    event_ids = list(
        db.session.scalars(
            sa.update(EventAttendee)
            .where(
                EventAttendee.email == normalize_email(email),
                EventAttendee.user_id.is_(None),
            )
            .values(user_id=user_id, updated_at=now)
            .returning(EventAttendee.event_id)
            .execution_options(synchronize_session=False)
        )
    )
    if event_ids:
        db.session.execute(
            sa.update(Event)
            .where(Event.id.in_(event_ids))
            .values(updated_at=now)
            .execution_options(synchronize_session=False)
        )
        changes.record_events(db.session, event_ids)
        for event_id in set(event_ids):  # the invitee now reads these events
            changes.record(db.session, "event", event_id, "updated", user_id=user_id)
    return len(event_ids)
