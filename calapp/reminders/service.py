"""What event and attendee changes mean for reminders and invitations.

``events.service`` and ``events.attendees`` call these through
``calapp.events.hooks``, in the transaction of the change (the app factory
imports this module, which registers them):

- ``event_created``, ``event_updated``, ``event_deleted``: reminders
  rescheduled and stale pending deliveries revoked when the time, rule, zone or
  status changed; invitations (``REQUEST`` to every attendee when the event is
  created or its time, title, place or rule changed; ``CANCEL`` when it is
  cancelled or deleted).
- ``attendee_added`` / ``attendee_removed``: ``REQUEST`` / ``CANCEL`` to that
  attendee.

They stay in the writer's transaction (not a change-log consumer): a reminder
must not fire at an event's old time in the seconds a consumer would take, and
invitations need what the log does not keep (which attendees were added or
removed, which fields changed).

Invitations are email deliveries (only when ``SMTP_URL`` is set), unique per
(method, event, SEQUENCE, attendee): an invitation is sent once.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from calapp import mail, queue
from calapp.calendars.models import Calendar
from calapp.delivery import outbox
from calapp.events import hooks
from calapp.events.models import RESCHEDULE, Event, EventAttendee, EventReminder
from calapp.extensions import db
from calapp.reminders import stale
from calapp.users.models import User

# A change to one of these moves or removes occurrences: reminders are worked out
# again and pending deliveries checked.
RESCHEDULE_FIELDS = {
    "start_time", "recurrence_rule", "exdates", "rdates", "timezone", "all_day",
    "status", "calendar_id",
}  # fmt: skip
# A change to one of these is an updated invitation (iCalendar SEQUENCE fields).
INVITATION_FIELDS = {
    "start_time", "end_time", "all_day", "title", "location", "status",
    "recurrence_rule", "exdates", "rdates",
}  # fmt: skip


# --- reminders -----------------------------------------------------------------------


def schedule(event_ids: Iterable[uuid.UUID]) -> None:
    """Have the sweep work these events' reminders out again (their times moved)."""
    db.session.execute(
        sa.update(EventReminder)
        .where(
            EventReminder.event_id.in_(list(event_ids)),
            sa.or_(
                EventReminder.next_due_at.is_(None),
                EventReminder.next_due_at != RESCHEDULE,
            ),
        )
        .values(next_due_at=RESCHEDULE)
        .execution_options(synchronize_session=False)
    )


# --- what other packages call --------------------------------------------------------


@hooks.event_created.register
def event_created(event: Event, now: datetime) -> None:
    invite(event, _attendees(event), "REQUEST", now)


@hooks.event_updated.register
def event_updated(event: Event, before: dict, now: datetime) -> None:
    """``before``: the changed event's values of (some of) its fields."""
    changed = {name for name, value in before.items() if getattr(event, name) != value}
    if not changed:
        return
    if changed & RESCHEDULE_FIELDS:
        schedule([event.id])
        # An exception changes what its series delivers for its slot too.
        related = [event.id] + ([event.series_id] if event.series_id else [])
        stale.revoke_stale(related, now)
    if "status" in changed and event.status == "cancelled":
        invite(event, _attendees(event), "CANCEL", now)
    elif changed & INVITATION_FIELDS and event.status != "cancelled":
        invite(event, _attendees(event), "REQUEST", now, update=True)


@hooks.event_deleted.register
def event_deleted(event: Event, now: datetime) -> None:
    """A deleted series or single event; a "deleted" exception is a cancelled
    occurrence."""
    related = [event.id] + ([event.series_id] if event.series_id else [])
    stale.revoke_stale(related, now)
    invite(event, _attendees(event), "CANCEL", now)


@hooks.attendee_added.register
def attendee_added(event: Event, attendee: EventAttendee, now: datetime) -> None:
    if event.status != "cancelled":
        invite(event, [attendee], "REQUEST", now)


@hooks.attendee_removed.register
def attendee_removed(event: Event, attendee: EventAttendee, now: datetime) -> None:
    if event.status != "cancelled":
        invite(event, [attendee], "CANCEL", now)


# --- invitations ---------------------------------------------------------------------


def _attendees(event: Event) -> list[EventAttendee]:
    return list(
        db.session.scalars(
            sa.select(EventAttendee).where(EventAttendee.event_id == event.id)
        )
    )


def invite(
    event: Event,
    attendees: list[EventAttendee],
    method: str,
    now: datetime,
    *,
    update: bool = False,
) -> int:
    """Queue ``REQUEST`` or ``CANCEL`` emails to ``attendees`` (not the organizer),
    once per (method, event, SEQUENCE, attendee)."""
    if not attendees or not mail.is_enabled(current_app.config):
        return 0
    db.session.flush()  # the attendee rows and the event's new SEQUENCE
    organizer = db.session.scalar(
        sa.select(sa.func.lower(User.email))
        .join(Calendar, Calendar.owner_id == User.id)
        .where(Calendar.id == event.calendar_id)
    )
    rows = [
        {
            "id": uuid.uuid4(),
            "topic": f"invitation.{method.lower()}",
            "channel": "email",
            "recipient": attendee.email,
            "event_id": event.id,
            "dedupe_key": f"invitation:{method}:{event.id}:{event.sequence}:"
            f"{attendee.id}",
            "payload": {"method": method, "sequence": event.sequence, "update": update},
            "status": "pending",
            "attempts": 0,
            "is_late": False,
            "next_attempt_at": now,
            "created_at": now,
            "updated_at": now,
        }
        for attendee in attendees
        if attendee.email.lower() != organizer
    ]
    inserted = outbox.insert_new(rows)
    if inserted:
        queue.enqueue_on_commit("email")
    return inserted
