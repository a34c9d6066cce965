"""Webhook delivery to a local HTTP server through a real consumer: signature,
every event type, retries with backoff, the failed state, redelivery."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from calapp.webhooks import signing
from tests.reminders.harness import eventually, iso, run_outbox

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _hook(world, receiver, **fields) -> dict:
    return world.post("/webhooks", {"url": receiver.url, **fields})


def _deliveries(world, hook, **params) -> list[dict]:
    return world.get(f"/webhooks/{hook['id']}/deliveries", **params)["items"]


def test_an_event_is_posted_signed_to_the_webhook(world, worker, receiver, clock):
    hook = _hook(world, receiver, events=["event.created"])
    event = world.event(clock.now + timedelta(days=1), title="Launch")
    [request] = eventually(lambda: receiver.requests)
    headers, body = request["headers"], request["body"]
    assert signing.verify(hook["secret"], headers["Calapp-Signature"], body)
    assert not signing.verify("whsec_wrong", headers["Calapp-Signature"], body)
    assert not signing.verify(hook["secret"], headers["Calapp-Signature"], body + b" ")
    assert headers["Content-Type"] == "application/json"
    assert headers["Calapp-Event"] == "event.created"
    payload = receiver.bodies()[0]
    assert payload["type"] == "event.created"
    assert payload["data"]["event"]["id"] == event["id"]
    assert payload["data"]["event"]["title"] == "Launch"
    worker.idle()
    [delivery] = _deliveries(world, hook)
    assert delivery["id"] == headers["Calapp-Delivery"]
    assert delivery["status"] == "sent"
    assert [a["outcome"] for a in delivery["attempts"]] == ["success"]
    assert delivery["attempts"][0]["status_code"] == 200


def test_the_signature_is_an_hmac_of_timestamp_and_body():
    header = signing.header("secret-123", b'{"a":1}', timestamp=1_700_000_000)
    t, v1 = header.split(",")
    assert t == "t=1700000000"
    expected = hmac.new(b"secret-123", b'1700000000.{"a":1}', hashlib.sha256)
    assert v1 == "v1=" + expected.hexdigest()
    assert signing.verify("secret-123", header, b'{"a":1}', now=1_700_000_100)
    # A replay: the right signature, an old timestamp.
    assert not signing.verify("secret-123", header, b'{"a":1}', now=1_700_001_000)


def test_a_500_is_retried_with_backoff_then_succeeds(world, worker, receiver, clock):
    hook = _hook(world, receiver)
    receiver.statuses = [500]
    world.event(clock.now + timedelta(days=1))
    eventually(lambda: len(receiver.requests) == 1)
    worker.idle()
    [delivery] = _deliveries(world, hook)
    assert delivery["status"] == "pending"
    assert delivery["next_attempt_at"] == iso(clock.now + timedelta(minutes=1))
    assert delivery["attempts"][0]["outcome"] == "retry"
    assert delivery["attempts"][0]["status_code"] == 500

    clock.advance(seconds=61)
    worker.sweep()
    eventually(lambda: len(receiver.requests) == 2)
    worker.idle()
    [delivery] = _deliveries(world, hook)
    assert delivery["status"] == "sent"
    assert [a["outcome"] for a in delivery["attempts"]] == ["retry", "success"]
    first, second = receiver.bodies()
    assert first == second  # the same event, the same id


def test_after_the_last_try_the_delivery_is_failed_and_can_be_redelivered(
    world, worker, receiver, clock, app, monkeypatch
):
    monkeypatch.setitem(app.config, "DELIVERY_RETRY_SCHEDULE", [60, 300])
    hook = _hook(world, receiver)
    receiver.statuses = [503, 502, 500]
    world.event(clock.now + timedelta(days=1))
    eventually(lambda: len(receiver.requests) == 1)
    worker.idle()  # the first try is recorded before the clock moves on
    for minutes in (1, 5):
        clock.advance(minutes=minutes, seconds=1)
        worker.sweep()
        worker.idle()
    [failed] = _deliveries(world, hook)
    assert failed["status"] == "failed"
    assert [a["status_code"] for a in failed["attempts"]] == [503, 502, 500]
    assert failed["last_error"] == "HTTP 500"
    assert _deliveries(world, hook, status="failed") == [failed]

    again = world.post(
        f"/webhooks/{hook['id']}/deliveries/{failed['id']}/redeliver", status=202
    )
    assert again["redelivery_of"] == failed["id"]
    eventually(lambda: len(receiver.requests) == 4)
    worker.idle()
    newest, oldest = _deliveries(world, hook)
    assert (newest["id"], newest["status"]) == (again["id"], "sent")
    assert receiver.bodies()[-1]["id"] == receiver.bodies()[0]["id"]


def test_a_client_error_is_not_retried(world, worker, receiver, clock):
    hook = _hook(world, receiver)
    receiver.statuses = [404]
    world.event(clock.now + timedelta(days=1))
    eventually(lambda: receiver.requests)
    worker.idle()
    [delivery] = _deliveries(world, hook)
    assert delivery["status"] == "failed"
    assert [a["outcome"] for a in delivery["attempts"]] == ["failed"]


def test_a_pending_delivery_cannot_be_redelivered(world, receiver, clock):
    hook = _hook(world, receiver)
    world.event(clock.now + timedelta(days=1))
    run_outbox(world.app)  # no consumer sends it: it stays pending
    [delivery] = _deliveries(world, hook)
    r = world.client.post(
        f"/webhooks/{hook['id']}/deliveries/{delivery['id']}/redeliver",
        headers=world.headers,
    )
    assert r.status_code == 409


def test_event_booking_and_reminder_types_reach_subscribers(
    world, worker, receiver, clock
):
    _hook(world, receiver)
    start = clock.now.replace(second=0) + timedelta(hours=1)
    event = world.event(start, reminders=[10])
    world.put(f"/events/{event['id']}", {"title": "Renamed"})
    worker.sweep()
    clock.set(start - timedelta(minutes=9))
    worker.sweep()
    link = world.post(
        f"/calendars/{world.calendar['id']}/booking-link",
        {
            "duration_minutes": 30,
            "timezone": "UTC",
            "working_hours": {
                day: [{"start": "00:00", "end": "23:30"}] for day in DAYS
            },
            "min_notice_minutes": 0,
            "max_days_ahead": 30,
        },
        status=200,
    )
    day = clock.now.replace(hour=0, minute=0, second=0) + timedelta(days=3)
    slot = world.get(
        f"/booking/{link['token']}/availability",
        start=iso(day),
        end=iso(day + timedelta(days=1)),
    )["slots"][0]
    visitor = {"name": "V", "email": "v@example.com"}
    booking = world.post(
        f"/booking/{link['token']}/reserve",
        {**visitor, "slot_start": slot["start"], "slot_end": slot["end"]},
        headers={},
        status=200,
    )["booking"]
    world.post(
        f"/booking/{link['token']}/bookings/{booking['id']}/cancel",
        {"manage_token": booking["manage_token"]},
        headers={},
        status=200,
    )
    r = world.client.delete(f"/events/{event['id']}", headers=world.headers)
    assert r.status_code == 204
    expected = [
        "event.created",
        "event.updated",  # renamed
        "reminder.due",
        "event.created",  # the booking's event
        "booking.created",
        "event.updated",  # the booking's event, cancelled
        "booking.cancelled",
        "event.deleted",
    ]
    eventually(lambda: len(receiver.requests) >= len(expected))
    worker.idle()
    # Delivery is at least once (a retry after a slow answer on a loaded
    # machine repeats a payload): receivers deduplicate on the payload id.
    once = {b["id"]: b["type"] for b in receiver.bodies()}
    assert sorted(once.values()) == sorted(expected)
    due = next(b for b in receiver.bodies() if b["type"] == "reminder.due")
    assert due["data"]["occurrence_start"] == iso(start)
    assert due["data"]["reminder"]["minutes_before"] == 10
    cancelled = next(b for b in receiver.bodies() if b["type"] == "booking.cancelled")
    assert cancelled["data"]["booking"]["status"] == "cancelled"


def test_a_name_resolving_to_a_private_address_at_delivery_is_refused(
    world, worker, receiver, clock, app, monkeypatch, dns
):
    """Registered while the name was public (names are not resolved then); when
    it resolves to this machine at delivery, nothing is sent."""
    monkeypatch.setitem(app.config, "WEBHOOK_ALLOW_PRIVATE", False)
    port = receiver.server.server_port
    dns("hooks.example.com", ["93.184.216.34"])
    hook = world.post("/webhooks", {"url": f"http://hooks.example.com:{port}/hook"})
    dns("hooks.example.com", ["::ffff:127.0.0.1"])
    world.event(clock.now + timedelta(days=1))
    worker.idle()
    [delivery] = _deliveries(world, hook)
    assert delivery["status"] == "failed"
    assert "non-public" in delivery["last_error"]
    assert [a["outcome"] for a in delivery["attempts"]] == ["failed"]
    assert receiver.requests == []


def test_the_sweep_warns_when_webhooks_wait_for_their_consumer(
    world, receiver, bound_queue, clock, app, caplog
):
    from calapp.notifications.tasks import run_sweep

    _hook(world, receiver)
    world.event(clock.now + timedelta(days=1))
    run_outbox(app)  # no webhook consumer runs
    with app.app_context():
        run_sweep(clock.now + timedelta(minutes=1))
        assert "webhook consumer" not in caplog.text
        run_sweep(clock.now + timedelta(minutes=6))
    assert "1 webhook deliveries have been ready for over 0:05:00" in caplog.text
    assert "calapp.worker.webhook_huey" in caplog.text
