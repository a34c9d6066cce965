"""Emails about bookings (only when ``SMTP_URL`` is set).

Each is an email delivery of the outbox (``calapp.delivery``), sent once per
(topic, booking, recipient role) and retried like every email:

- ``booking.confirmed``: to the visitor of a link without approval;
- ``booking.requested``: to the owner (approve or decline it, by when) and to
  the visitor (the request waits for the owner's answer);
- ``booking.approved``: to the visitor;
- ``booking.declined``: to the visitor, with the owner's reason; to the owner
  too when nobody answered in time (the job declined it).

The message is written when it is sent, from the booking as it is then. The
visitor's emails carry the private manage link (the booking page with
``#manage=<id>.<secret>``; the secret is derived again, see
``service.manage_secret``), from which they cancel or reschedule. The
visitor also receives the event's iCalendar invitations (a tentative REQUEST,
then the confirmed update or the CANCEL) like every attendee.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from calapp import mail, queue
from calapp.booking import service
from calapp.booking.models import Booking, BookingLink
from calapp.calendars.models import Calendar
from calapp.delivery import outbox
from calapp.delivery.models import Delivery
from calapp.extensions import db
from calapp.security import hash_token, tokens_equal
from calapp.users.models import User

TOPICS = (
    "booking.confirmed",
    "booking.requested",
    "booking.approved",
    "booking.declined",
)


def _owner(calendar_id: uuid.UUID):
    return db.session.execute(
        sa.select(User.email, User.name)
        .join(Calendar, Calendar.owner_id == User.id)
        .where(Calendar.id == calendar_id)
    ).first()


def queue_notice(
    booking: Booking, topic: str, now: datetime, *, timed_out: bool = False
) -> int:
    """Queue ``topic``'s emails of ``booking``; how many were new."""
    if not mail.is_enabled(current_app.config):
        return 0
    roles = {
        "booking.confirmed": ("visitor",),
        "booking.requested": ("owner", "visitor"),
        "booking.approved": ("visitor",),
        "booking.declined": ("visitor", "owner") if timed_out else ("visitor",),
    }[topic]
    owner = _owner(booking.calendar_id)
    recipients = {"visitor": booking.email, "owner": owner.email if owner else None}
    rows = [
        {
            "id": uuid.uuid4(),
            "topic": topic,
            "channel": "email",
            "recipient": recipients[role],
            "event_id": booking.event_id,
            "dedupe_key": f"{topic}:{booking.id}:{role}",
            "payload": {"booking_id": str(booking.id), "role": role},
            "status": "pending",
            "attempts": 0,
            "is_late": False,
            "next_attempt_at": now,
            "created_at": now,
            "updated_at": now,
        }
        for role in roles
        if recipients[role]
    ]
    inserted = outbox.insert_new(rows)
    if inserted:
        queue.enqueue_on_commit("email")
    return inserted


def _when(value: datetime, zone: str) -> str:
    return value.astimezone(ZoneInfo(zone)).strftime("%a %d %b %Y %H:%M") + f" ({zone})"


def manage_url(booking: Booking, link: BookingLink) -> str | None:
    """The visitor's private manage link; None when it cannot be written again
    (SECRET_KEY changed since the booking, or no PUBLIC_BASE_URL)."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    secret = service.manage_secret(booking.id)
    if (
        not base
        or not booking.manage_token_hash
        or not tokens_equal(hash_token(secret), booking.manage_token_hash)
    ):
        return None
    return f"{base.rstrip('/')}/book/{link.token}#manage={booking.id}.{secret}"


def _manage_lines(booking: Booking, link: BookingLink) -> list[str]:
    url = manage_url(booking, link)
    if url is None:
        return []
    return ["", "To cancel or reschedule, use your private link:", url]


def _lines(booking: Booking, link: BookingLink, role: str, topic: str, owner):
    when = _when(booking.start_time, link.zone_name)
    who = f"{booking.name} <{booking.email}>" if booking.name else booking.email
    host = (owner.name or owner.email) if owner else "the organizer"
    if topic == "booking.requested" and role == "owner":
        deadline = _when(booking.expires_at or booking.created_at, link.zone_name)
        lines = [
            f"{who} asks to book {link.title} on {when}.",
            "",
            "The slot is held for them until you answer. Approve or decline it "
            f"before {deadline} (POST /bookings/{booking.id}/approve or /decline; "
            "GET /bookings?status=pending lists what waits for you); without an "
            "answer by then it is declined.",
        ]
        if booking.notes:
            lines += ["", f"Notes from {booking.name or booking.email}:", booking.notes]
        return f"Booking request: {link.title} - {when}", lines
    if topic == "booking.confirmed":
        return f"Booked: {link.title} - {when}", [
            f"Your booking of {link.title} with {host} on {when} is confirmed.",
            *_manage_lines(booking, link),
        ]
    if topic == "booking.requested":
        return f"Booking requested: {link.title} - {when}", [
            f"Your booking of {link.title} on {when} waits for {host}'s confirmation.",
            "",
            "You will get an email when it is confirmed or declined.",
            *_manage_lines(booking, link),
        ]
    if topic == "booking.approved":
        return f"Booking confirmed: {link.title} - {when}", [
            f"{host} confirmed your booking of {link.title} on {when}.",
            *(["", booking.reason] if booking.reason else []),
            *_manage_lines(booking, link),
        ]
    timed_out = booking.decided_by is None
    if role == "owner":
        return f"Booking request expired: {link.title} - {when}", [
            f"The booking request of {who} for {link.title} on {when} was not "
            "answered in time: it is declined and the slot is free again.",
        ]
    why = (
        "it was not confirmed in time"
        if timed_out
        else f"{host} declined it" + (f": {booking.reason}" if booking.reason else "")
    )
    return f"Booking declined: {link.title} - {when}", [
        f"Your booking of {link.title} on {when} is declined: {why}.",
        "",
        "You are welcome to choose another time on the booking page.",
    ]


def message(delivery: Delivery, now: datetime) -> EmailMessage | None:
    """The email of a ``booking.*`` delivery; None when the booking is gone."""
    booking = db.session.get(Booking, uuid.UUID(delivery.payload["booking_id"]))
    if booking is None:
        return None
    link = db.session.get(BookingLink, booking.link_id)
    owner = _owner(booking.calendar_id)
    subject, lines = _lines(
        booking, link, delivery.payload["role"], delivery.topic, owner
    )
    email = EmailMessage()
    email["To"] = delivery.recipient
    email["Subject"] = subject
    email["Message-ID"] = f"<{delivery.id}@calapp>"
    email["Auto-Submitted"] = "auto-generated"
    email.set_content("\n".join(lines) + "\n")
    return email
