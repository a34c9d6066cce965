"""Email through a real SMTP server (aiosmtpd) and a real consumer: invitations
with iCalendar attachments, reminder emails, retries, the failed state."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import sqlalchemy as sa

from calapp.delivery.models import Delivery, DeliveryAttempt
from tests.reminders.harness import calendar_part, eventually, iso

WEEK = {
    day: [{"start": "00:00", "end": "23:30"}]
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}


def _vevent(message) -> tuple[str, icalendar.Event]:
    method, text = calendar_part(message)
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["METHOD"] == method
    [vevent] = calendar.walk("VEVENT")
    return method, vevent


def _with_calendar(messages) -> list:
    """The messages that carry an iCalendar part (invitations, cancellations)."""
    return [
        m
        for m in messages
        if any(part.get_content_type() == "text/calendar" for part in m.walk())
    ]


def test_inviting_an_attendee_sends_a_request_and_removing_a_cancel(
    world, worker, inbox, clock
):
    start = clock.now.replace(second=0) + timedelta(days=2)
    event = world.event(start, title="Planning", location="Room 4")
    guest = world.post(
        f"/events/{event['id']}/attendees", {"email": "guest@example.com"}
    )
    [invite] = eventually(lambda: inbox.to("guest@example.com"))
    assert invite["Subject"].startswith("Invitation: Planning")
    assert invite["From"] == "calapp <calapp@example.com>"
    method, vevent = _vevent(invite)
    assert method == "REQUEST"
    assert str(vevent["UID"]) == event["ical_uid"]
    assert str(vevent["ATTENDEE"]) == "mailto:guest@example.com"
    assert str(vevent["ORGANIZER"]) == f"mailto:{world.user.email}"
    assert vevent.decoded("DTSTART") == start
    assert str(vevent["LOCATION"]) == "Room 4"

    r = world.client.delete(
        f"/events/{event['id']}/attendees/{guest['id']}", headers=world.headers
    )
    assert r.status_code == 204
    eventually(lambda: len(inbox.to("guest@example.com")) == 2)
    method, vevent = _vevent(inbox.to("guest@example.com")[1])
    assert method == "CANCEL"
    assert str(vevent["STATUS"]) == "CANCELLED"
    worker.idle()
    assert len(inbox.messages) == 2  # each sent once


def test_a_series_invitation_is_written_in_its_zone(world, worker, inbox):
    world.post(
        "/events",
        {
            "calendar_id": world.calendar["id"],
            "title": "Weekly",
            "start_time": "2027-03-18T09:00:00+01:00",
            "end_time": "2027-03-18T10:00:00+01:00",
            "timezone": "Europe/Berlin",
            "recurrence_rule": "FREQ=WEEKLY",
            "attendees": [{"email": "team@example.com", "name": "Team"}],
        },
    )
    [invite] = eventually(lambda: inbox.to("team@example.com"))
    method, text = calendar_part(invite)
    assert "DTSTART;TZID=Europe/Berlin:20270318T090000" in text
    assert "RRULE:FREQ=WEEKLY" in text
    assert "BEGIN:VTIMEZONE" in text


def test_a_booking_sends_a_request_and_its_cancellation_a_cancel(
    world, worker, inbox, clock
):
    link = world.post(
        f"/calendars/{world.calendar['id']}/booking-link",
        {
            "duration_minutes": 30,
            "timezone": "UTC",
            "working_hours": WEEK,
            "min_notice_minutes": 0,
            "max_days_ahead": 30,
        },
        status=200,
    )
    day = clock.now.replace(hour=0, minute=0, second=0) + timedelta(days=2)
    slots = world.get(
        f"/booking/{link['token']}/availability",
        start=iso(day),
        end=iso(day + timedelta(days=1)),
    )["slots"]
    reserved = world.post(
        f"/booking/{link['token']}/reserve",
        {
            "name": "Vera Visitor",
            "email": "vera@example.com",
            "slot_start": slots[0]["start"],
            "slot_end": slots[0]["end"],
        },
        headers={},
        status=200,
    )
    # The invitation, and the booking's confirmation (its manage link).
    eventually(lambda: len(inbox.to("vera@example.com")) == 2)
    [invite] = _with_calendar(inbox.to("vera@example.com"))
    assert _vevent(invite)[0] == "REQUEST"
    booking = reserved["booking"]
    world.post(
        f"/booking/{link['token']}/bookings/{booking['id']}/cancel",
        {"manage_token": booking["manage_token"]},
        headers={},
        status=200,
    )
    eventually(lambda: len(_with_calendar(inbox.to("vera@example.com"))) == 2)
    assert _vevent(_with_calendar(inbox.to("vera@example.com"))[1])[0] == "CANCEL"


def test_a_reminder_with_notify_attendees_emails_the_owner_and_the_attendees(
    world, worker, inbox, clock, make_user, auth
):
    colleague = make_user()
    start = clock.now.replace(second=0) + timedelta(hours=1)
    event = world.event(
        start,
        title="Review",
        attendees=[{"email": colleague.email}, {"email": "outside@example.com"}],
    )
    world.post(
        f"/events/{event['id']}/reminders",
        {"minutes_before": 10, "notify_attendees": True},
    )
    worker.sweep()
    eventually(lambda: len(inbox.messages) == 2)  # the two invitations
    clock.set(start - timedelta(minutes=9))
    worker.sweep()
    worker.idle()

    reminders = [m for m in inbox.messages if m["Subject"].startswith("Reminder:")]
    assert sorted(m["To"] for m in reminders) == sorted(
        [world.user.email, colleague.email, "outside@example.com"]
    )
    assert "Review" in reminders[0].get_content()
    # In-app too, for the owner and the attendee who has an account.
    assert len(world.notifications()) == 1
    assert len(world.notifications(headers=auth.jwt(colleague))) == 1


def test_an_smtp_failure_is_retried_with_backoff_until_it_is_accepted(
    world, worker, inbox, clock
):
    inbox.refuse = True  # 451: try again later
    event = world.event(clock.now + timedelta(days=1))
    world.post(f"/events/{event['id']}/attendees", {"email": "late@example.com"})
    eventually(lambda: _attempts(worker) == ["retry"])
    [row] = _rows(worker)
    assert row.status == "pending"
    assert row.next_attempt_at == clock.now + timedelta(minutes=1)

    inbox.refuse = False
    clock.advance(seconds=30)
    worker.sweep()  # not yet due
    worker.idle()
    assert inbox.messages == []
    clock.advance(seconds=31)
    worker.sweep()
    eventually(lambda: inbox.to("late@example.com"))
    worker.idle()
    assert _attempts(worker) == ["retry", "success"]
    assert _rows(worker)[0].status == "sent"


def test_after_the_last_try_an_email_is_failed_and_the_owner_is_told(
    world, worker, inbox, clock, app, monkeypatch
):
    monkeypatch.setitem(app.config, "DELIVERY_RETRY_SCHEDULE", [60, 300])
    inbox.refuse = True
    event = world.event(clock.now + timedelta(days=1), title="Offsite")
    world.post(f"/events/{event['id']}/attendees", {"email": "gone@example.com"})
    eventually(lambda: _attempts(worker) == ["retry"])
    for minutes in (1, 5):
        clock.advance(minutes=minutes, seconds=1)
        worker.sweep()
        worker.idle()
    assert _attempts(worker) == ["retry", "retry", "failed"]
    [row] = _rows(worker)
    assert row.status == "failed"
    assert "451" in row.last_error

    [told] = world.notifications(kind="delivery_failed")
    assert told["title"] == "Email not delivered: invitation for Offsite"
    assert told["data"]["recipient"] == "gone@example.com"
    clock.advance(hours=6)
    worker.sweep()
    worker.idle()
    assert len(_attempts(worker)) == 3  # never tried again


def test_a_worker_dying_between_claim_and_send_is_covered_by_the_lease(
    world, worker, inbox, clock, app
):
    from calapp.delivery import outbox

    worker.stop()
    event = world.event(clock.now + timedelta(days=1))
    world.post(f"/events/{event['id']}/attendees", {"email": "once@example.com"})

    def claim_and_die(db):  # claims, commits, never sends
        claims = outbox.claim(
            "email", clock.now, 10, timedelta(seconds=300), max_attempts=6
        )
        db.session.commit()
        return claims

    assert len(worker.query(claim_and_die)) == 1
    worker.start()
    worker.sweep()
    worker.idle()
    assert inbox.messages == []  # the lease still holds
    clock.advance(seconds=301)
    worker.sweep()
    eventually(lambda: inbox.to("once@example.com"))
    worker.idle()
    assert len(inbox.messages) == 1
    assert _attempts(worker) == ["retry", "success"]


def _rows(worker) -> list[Delivery]:
    return worker.query(
        lambda db: list(
            db.session.scalars(sa.select(Delivery).where(Delivery.channel == "email"))
        )
    )


def _attempts(worker) -> list[str]:
    return worker.query(
        lambda db: list(
            db.session.scalars(
                sa.select(DeliveryAttempt.outcome).order_by(DeliveryAttempt.number)
            )
        )
    )
