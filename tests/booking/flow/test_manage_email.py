"""The visitor's confirmation email carries the private manage link (a real
SMTP server); the link's secret opens the booking."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.reminders.harness import eventually, iso

EVERY_DAY = {
    day: [{"start": "00:00", "end": "24:00"}]
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}


def _link(world, **fields):
    body = {
        "duration_minutes": 30,
        "timezone": "UTC",
        "working_hours": EVERY_DAY,
        "min_notice_minutes": 0,
        "title": "Coaching session",
        **fields,
    }
    return world.post(
        f"/calendars/{world.calendar['id']}/booking-link", body, status=200
    )


def _reserve(world, link, start):
    return world.post(
        f"/booking/{link['token']}/reserve",
        {
            "name": "Vera Visitor",
            "email": "vera@example.com",
            "slot_start": iso(start),
            "slot_end": iso(start + timedelta(minutes=30)),
        },
        headers={},
        status=200,
    )


def _mail(inbox, prefix):
    found = [
        m
        for m in inbox.to("vera@example.com")
        if m["Subject"].strip().startswith(prefix)
    ]
    return found[0] if found else None


def test_the_confirmation_email_has_the_manage_link(
    world, worker, inbox, clock, app, monkeypatch
):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://cal.example.com")
    link = _link(world)
    start = clock.now.replace(minute=0, second=0, microsecond=0) + timedelta(days=2)
    body = _reserve(world, link, start)
    eventually(lambda: _mail(inbox, "Booked: Coaching session") is not None)
    text = _mail(inbox, "Booked: Coaching session").get_content()
    booking = body["booking"]
    url = (
        f"https://cal.example.com/book/{link['token']}"
        f"#manage={booking['id']}.{booking['manage_token']}"
    )
    assert url in text
    secret = re.search(r"#manage=[0-9a-f-]{36}\.(\S+)", text).group(1)
    shown = world.get(
        f"/booking/{link['token']}/bookings/{booking['id']}",
        headers={"Manage-Token": secret},
    )
    assert shown["booking"]["status"] == "active"
    worker.idle()


def test_a_request_and_its_approval_carry_the_link_too(
    world, worker, inbox, clock, app, monkeypatch
):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://cal.example.com")
    link = _link(world, requires_confirmation=True)
    start = clock.now.replace(minute=0, second=0, microsecond=0) + timedelta(days=2)
    body = _reserve(world, link, start)
    secret = body["booking"]["manage_token"]
    eventually(lambda: _mail(inbox, "Booking requested") is not None)
    assert f".{secret}" in _mail(inbox, "Booking requested").get_content()
    world.post(f"/bookings/{body['booking']['id']}/approve", status=200)
    eventually(lambda: _mail(inbox, "Booking confirmed") is not None)
    assert f".{secret}" in _mail(inbox, "Booking confirmed").get_content()
    assert _mail(inbox, "Booked:") is None  # one confirmation, not two
    worker.idle()


def test_without_a_public_base_url_the_email_has_no_link(world, worker, inbox, clock):
    link = _link(world)
    start = clock.now.replace(minute=0, second=0, microsecond=0) + timedelta(days=2)
    body = _reserve(world, link, start)
    eventually(lambda: _mail(inbox, "Booked: Coaching session") is not None)
    text = _mail(inbox, "Booked: Coaching session").get_content()
    assert "is confirmed" in text
    assert body["booking"]["manage_token"] not in text
    worker.idle()
