"""The approval flow end to end: real job consumers, a real SMTP server
(aiosmtpd) and a real webhook receiver; the timeout decline run by the job."""

from __future__ import annotations

from datetime import timedelta

from tests.reminders.harness import calendar_part, eventually, iso, run_outbox

EVERY_DAY = {
    day: [{"start": "00:00", "end": "24:00"}]
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}
BOOKING_TYPES = [
    "booking.requested",
    "booking.approved",
    "booking.declined",
    "booking.created",
    "booking.cancelled",
]


def _link(world):
    return world.post(
        f"/calendars/{world.calendar['id']}/booking-link",
        {
            "duration_minutes": 30,
            "timezone": "UTC",
            "working_hours": EVERY_DAY,
            "min_notice_minutes": 0,
            "requires_confirmation": True,
            "confirmation_timeout_hours": 12,
            "title": "Coaching session",
        },
        status=200,
    )


def _reserve(world, link, start, email) -> dict:
    return world.post(
        f"/booking/{link['token']}/reserve",
        {
            "name": "Vera Visitor",
            "email": email,
            "slot_start": iso(start),
            "slot_end": iso(start + timedelta(minutes=30)),
        },
        headers={},
        status=200,
    )


def _subjects(inbox, address) -> list[str]:
    # A long subject is folded: unfolded, it may start with a space.
    return [m["Subject"].strip() for m in inbox.to(address)]


def _types(receiver) -> list[str]:
    return [b["type"] for b in receiver.bodies()]


def test_approval_and_timeout_end_to_end(world, worker, inbox, receiver, clock, app):
    from calapp.booking.tasks import decline_unanswered_bookings

    world.post("/webhooks", {"url": receiver.url, "events": BOOKING_TYPES})
    link = _link(world)
    day = clock.now.replace(minute=0, second=0, microsecond=0) + timedelta(days=2)
    owner = world.user.email

    # A request: both are told by email, the webhook says booking.requested.
    first = _reserve(world, link, day, "vera@example.com")
    assert first["status"] == "pending"
    eventually(lambda: len(inbox.to("vera@example.com")) == 2)
    eventually(lambda: inbox.to(owner))
    [request] = inbox.to(owner)
    assert request["Subject"].strip().startswith("Booking request: Coaching session")
    text = request.get_content()
    assert "Vera Visitor <vera@example.com>" in text
    assert f"/bookings/{first['booking']['id']}/approve" in text
    subjects = _subjects(inbox, "vera@example.com")
    assert any(s.startswith("Booking requested: Coaching session") for s in subjects)
    # The calendar invitation carries the tentative status.
    [invite] = [m for m in inbox.to("vera@example.com") if "Invitation" in m["Subject"]]
    assert "STATUS:TENTATIVE" in calendar_part(invite)[1]
    run_outbox(app)
    eventually(lambda: _types(receiver) == ["booking.requested"])
    requested = receiver.bodies()[0]["data"]["booking"]
    assert requested["status"] == "pending"
    assert requested["requires_confirmation"] is True

    # The owner approves: the visitor is told, booking.approved and created.
    approved = world.post(
        f"/bookings/{first['booking']['id']}/approve",
        {"reason": "Looking forward to it"},
        status=200,
    )
    assert approved["status"] == "confirmed"
    eventually(
        lambda: any(
            s.startswith("Booking confirmed: Coaching session")
            for s in _subjects(inbox, "vera@example.com")
        )
    )
    [confirmed] = [
        m
        for m in inbox.to("vera@example.com")
        if m["Subject"].strip().startswith("Booking confirmed")
    ]
    assert "Looking forward to it" in confirmed.get_content()
    run_outbox(app)
    eventually(lambda: len(receiver.requests) == 3)
    assert _types(receiver) == [
        "booking.requested",
        "booking.approved",
        "booking.created",
    ]

    # A second request nobody answers: the job declines it after 12 hours.
    later = day + timedelta(hours=2)
    second = _reserve(world, link, later, "walt@example.com")
    assert second["status"] == "pending"
    worker.idle()
    clock.advance(hours=11, minutes=59)
    worker.run(decline_unanswered_bookings)
    assert (
        world.get("/bookings", status="pending")["items"][0]["id"]
        == (second["booking"]["id"])
    )
    clock.advance(minutes=1)
    worker.run(decline_unanswered_bookings)
    [declined] = world.get("/bookings", status="declined")["items"]
    assert declined["id"] == second["booking"]["id"]
    assert declined["reason"] is None
    eventually(
        lambda: any(
            s.startswith("Booking declined: Coaching session")
            for s in _subjects(inbox, "walt@example.com")
        )
    )
    [notice] = [
        m
        for m in inbox.to("walt@example.com")
        if m["Subject"].strip().startswith("Booking declined")
    ]
    assert "not confirmed in time" in notice.get_content()
    eventually(
        lambda: any(
            s.startswith("Booking request expired") for s in _subjects(inbox, owner)
        )
    )
    # The slot is offered again.
    slots = world.get(
        f"/booking/{link['token']}/availability",
        headers={},
        start=iso(later),
        end=iso(later + timedelta(minutes=30)),
    )["slots"]
    assert [s["start"] for s in slots] == [iso(later)]
    run_outbox(app)
    eventually(lambda: len(receiver.requests) == 5)
    assert _types(receiver)[3:] == ["booking.requested", "booking.declined"]
    body = receiver.bodies()[4]["data"]["booking"]
    assert body["status"] == "declined"
    assert body["decided_by_owner"] is False
    worker.idle()
