"""Reminders of an event: ``minutes_before`` its start, 0-40,320 (four weeks).

An event has at most 10. Adding a value it already has changes nothing (so a
retried request is harmless); both add and remove need write on the calendar.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from calapp import policy
from calapp.errors import NotFound, ValidationError
from calapp.events.models import Event, EventReminder
from calapp.events.schemas import MAX_REMINDERS
from calapp.events.service import touch
from calapp.extensions import db
from calapp.security import Principal


def _view(reminders) -> list[dict]:
    return [
        {
            "id": r.id,
            "minutes_before": r.minutes_before,
            "notify_attendees": r.notify_attendees,
        }
        for r in sorted(reminders, key=lambda r: r.minutes_before)
    ]


def add(
    principal: Principal,
    event_id: uuid.UUID,
    minutes: list[int],
    now: datetime,
    notify_attendees: bool | None = None,
) -> list[dict]:
    """Add reminders; return every reminder of the event by minutes_before.

    ``notify_attendees`` (when given) applies to every listed value, new or not.

    :raises ValidationError: the event would have more than 10.
    """
    event, _ = policy.get_event(
        principal,
        event_id,
        "write",
        lock=True,
        options=(selectinload(Event.reminders),),
    )
    have = {r.minutes_before for r in event.reminders}
    new = [m for m in dict.fromkeys(minutes) if m not in have]
    if len(have) + len(new) > MAX_REMINDERS:
        raise ValidationError(
            f"An event has at most {MAX_REMINDERS} reminders; this one has "
            f"{len(have)}, so at most {MAX_REMINDERS - len(have)} more can be added",
            details={"minutes_before": [f"at most {MAX_REMINDERS} per event"]},
        )
    for value in new:
        event.reminders.append(
            EventReminder(
                id=uuid.uuid4(),
                minutes_before=value,
                notify_attendees=bool(notify_attendees),
                created_at=now,
            )
        )
    changed = [
        r
        for r in event.reminders
        if notify_attendees is not None
        and r.minutes_before in minutes
        and r.notify_attendees != notify_attendees
    ]
    for reminder in changed:
        reminder.notify_attendees = notify_attendees
    if new or changed:
        touch(event, principal, now)
    db.session.flush()
    return _view(event.reminders)


def remove(
    principal: Principal, event_id: uuid.UUID, reminder_id: uuid.UUID, now: datetime
) -> None:
    """:raises NotFound: no such reminder on this event."""
    event, _ = policy.get_event(principal, event_id, "write", lock=True)
    reminder = db.session.scalar(
        sa.select(EventReminder).where(
            EventReminder.id == reminder_id, EventReminder.event_id == event.id
        )
    )
    if reminder is None:
        raise NotFound("Reminder not found")
    db.session.delete(reminder)
    touch(event, principal, now)
    db.session.flush()
