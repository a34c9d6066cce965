"""Emails: reminders, and invitations carrying an iCalendar object (iMIP).

Invitations follow RFC 6047 / RFC 5546: a ``text/calendar; method=REQUEST``
part for an invitation or an update (same UID, higher SEQUENCE), ``method=CANCEL``
when the event is cancelled or the attendee removed. A timed event is written in
its own zone (DTSTART;TZID=... plus the VTIMEZONE), so a calendar client expands
a weekly 09:00 Europe/Berlin series at 09:00 on both sides of a DST change.

This is a small builder of our own on ``icalendar``, not the ICS export.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import formataddr
from zoneinfo import ZoneInfo

import icalendar
import sqlalchemy as sa

from calapp.booking import notices
from calapp.calendars.models import Calendar
from calapp.delivery.models import Delivery
from calapp.events import periods
from calapp.events.models import Event, EventAttendee
from calapp.extensions import db
from calapp.reminders.stale import reminder_valid
from calapp.users.models import User

PRODID = "-//calapp//invitations 1.0//EN"
PARTSTAT = {
    "needs_action": "NEEDS-ACTION",
    "accepted": "ACCEPTED",
    "declined": "DECLINED",
    "tentative": "TENTATIVE",
}
STATUS = {"confirmed": "CONFIRMED", "tentative": "TENTATIVE", "cancelled": "CANCELLED"}


def prepare(delivery: Delivery, now: datetime) -> EmailMessage | None:
    """The message of an email delivery, or None when it must not be sent any
    more (the occurrence moved, the invitation is outdated...)."""
    if delivery.topic == "reminder.due":
        return reminder_message(delivery)
    if delivery.topic in ("invitation.request", "invitation.cancel"):
        return invitation_message(delivery, now)
    if delivery.topic in notices.TOPICS:
        return notices.message(delivery, now)
    if delivery.topic == "account.verify_email":
        from calapp.users import verification

        return verification.message(delivery, now)
    return None


def _when(event: Event, start: datetime) -> str:
    zone = ZoneInfo(event.timezone)
    local = start.astimezone(zone)
    if event.all_day:
        return local.strftime("%a %d %b %Y") + " (all day)"
    return local.strftime("%a %d %b %Y %H:%M") + f" ({event.timezone})"


def _base(delivery: Delivery, subject: str, lines: list[str]) -> EmailMessage:
    message = EmailMessage()
    message["To"] = delivery.recipient
    message["Subject"] = subject
    # One id per delivery: a retried send is recognisably the same message.
    message["Message-ID"] = f"<{delivery.id}@calapp>"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content("\n".join(lines) + "\n")
    return message


def reminder_message(delivery: Delivery) -> EmailMessage | None:
    valid = db.session.scalar(
        sa.select(reminder_valid()).where(Delivery.id == delivery.id)
    )
    if not valid:
        return None
    event = db.session.get(Event, delivery.event_id)
    start = delivery.occurrence_start
    lines = [event.title, "", f"When:  {_when(event, start)}"]
    if event.location:
        lines.append(f"Where: {event.location}")
    if delivery.is_late:
        lines += ["", "This reminder is late: it was due during an interruption."]
    if event.description:
        lines += ["", event.description[:4000]]
    return _base(delivery, f"Reminder: {event.title} - {_when(event, start)}", lines)


def invitation_message(delivery: Delivery, now: datetime) -> EmailMessage | None:
    method = delivery.payload.get("method", "REQUEST")
    event = db.session.get(Event, delivery.event_id)
    attendee = db.session.scalar(
        sa.select(EventAttendee).where(
            EventAttendee.event_id == event.id,
            EventAttendee.email == delivery.recipient,
        )
    )
    if method == "REQUEST" and (
        event.deleted_at is not None
        or event.status == "cancelled"
        or attendee is None
        or event.sequence != delivery.payload.get("sequence")
    ):
        return None  # outdated: a later update or a cancellation follows it
    organizer = db.session.execute(
        sa.select(User.email, User.name)
        .join(Calendar, Calendar.owner_id == User.id)
        .where(Calendar.id == event.calendar_id)
    ).first()
    ics = build_ics(
        event,
        method,
        attendee_email=delivery.recipient,
        attendee_name=attendee.name if attendee else None,
        partstat=PARTSTAT[attendee.status] if attendee else "NEEDS-ACTION",
        organizer=organizer,
        sequence=delivery.payload.get("sequence", event.sequence),
        now=now,
    )
    when = _when(event, event.start_time)
    if method == "CANCEL":
        subject = f"Cancelled: {event.title} - {when}"
        lines = [f"{event.title} on {when} is cancelled for you."]
    else:
        updated = delivery.payload.get("update")
        subject = f"{'Updated invitation' if updated else 'Invitation'}: "
        subject += f"{event.title} - {when}"
        lines = [event.title, "", f"When:  {when}"]
        if event.location:
            lines.append(f"Where: {event.location}")
        if organizer:
            name = formataddr((organizer.name or "", organizer.email))
            lines.append(f"Organizer: {name}")
    message = _base(delivery, subject, lines)
    message.add_attachment(
        ics,
        subtype="calendar",
        filename="cancel.ics" if method == "CANCEL" else "invite.ics",
        params={"method": method},
    )
    return message


def build_ics(
    event: Event,
    method: str,
    *,
    attendee_email: str,
    attendee_name: str | None,
    partstat: str,
    organizer,
    sequence: int,
    now: datetime,
) -> str:
    """A VCALENDAR with METHOD ``REQUEST`` or ``CANCEL`` and the event."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    vevent = icalendar.Event()
    vevent.add("uid", event.ical_uid)
    vevent.add("dtstamp", now)
    vevent.add("sequence", sequence)
    zone = ZoneInfo(event.timezone)
    if event.all_day:
        vevent.add("dtstart", event.start_date)
        vevent.add("dtend", event.end_date)
    else:
        vevent.add("dtstart", event.start_time.astimezone(zone))
        if event.recurrence_rule and getattr(event, "duration_days", 0):
            length = periods.nominal_length(
                event.start_time, event.end_time, zone, event.duration_days
            )
            vevent.add("duration", length)  # nominal days (RFC 5545 §3.3.6)
        elif event.end_time != event.start_time:  # zero length: no end (§3.6.1)
            vevent.add("dtend", event.end_time.astimezone(zone))
    if event.series_id is not None and event.original_start_time is not None:
        slot = event.original_start_time.astimezone(zone)
        vevent.add("recurrence-id", slot.date() if event.all_day else slot)
    if event.recurrence_rule:
        vevent.add("rrule", icalendar.vRecur.from_ical(event.recurrence_rule))
        own = dict(periods.lengths(getattr(event, "rdate_periods", None)))
        plain = [d for d in event.rdates if d not in own]
        for name, values in (("exdate", event.exdates), ("rdate", plain)):
            if values:
                vevent.add(name, [v.astimezone(zone) for v in values])
        if own:  # RDATEs with their own length (RFC 5545 §3.8.5.2), in UTC
            vevent.add("rdate", sorted(own.items()), parameters={"VALUE": "PERIOD"})
    vevent.add("summary", event.title)
    if event.location:
        vevent.add("location", event.location)
    if event.description:
        vevent.add("description", event.description)
    vevent.add("status", "CANCELLED" if method == "CANCEL" else STATUS[event.status])
    if organizer is not None:
        who = icalendar.vCalAddress(f"mailto:{organizer.email}")
        if organizer.name:
            who.params["CN"] = organizer.name
        vevent.add("organizer", who)
    guest = icalendar.vCalAddress(f"mailto:{attendee_email}")
    if attendee_name:
        guest.params["CN"] = attendee_name
    guest.params["ROLE"] = "REQ-PARTICIPANT"
    guest.params["PARTSTAT"] = partstat
    guest.params["RSVP"] = "TRUE" if method == "REQUEST" else "FALSE"
    vevent.add("attendee", guest)
    calendar.add_component(vevent)
    if not event.all_day:
        calendar.add_missing_timezones()
    return calendar.to_ical().decode()
