"""Webhooks made from the change log: only committed changes, each once, even
when the consumer dies between the commit and its work."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from datetime import timedelta

import sqlalchemy as sa

from calapp import queue
from calapp.changes.models import Change
from calapp.delivery.models import Delivery
from calapp.events import service as events_service
from calapp.security import Principal
from calapp.webhooks.models import WebhookOutboxState
from tests.conftest import TEST_REDIS_URL
from tests.reminders.harness import eventually, iso, run_outbox


def _hook(world, receiver, **fields) -> dict:
    return world.post("/webhooks", {"url": receiver.url, **fields})


def _deliveries(world, hook) -> list[dict]:
    return world.get(f"/webhooks/{hook['id']}/deliveries")["items"]


def _event_data(world, start, title: str) -> dict:
    """What ``events.service.create`` takes (validated input)."""
    return {
        "calendar_id": uuid.UUID(world.calendar["id"]),
        "title": title,
        "start_time": start,
        "end_time": start + timedelta(minutes=30),
    }


def test_a_rolled_back_change_sends_no_webhook(world, worker, receiver, clock, app):
    from calapp.extensions import db

    _hook(world, receiver, events=["event.created"])
    start = clock.now + timedelta(days=1)
    with app.app_context():
        principal = Principal(user_id=world.user.id)
        events_service.create(principal, _event_data(world, start, "Undone"), start)
        db.session.flush()
        db.session.rollback()
        db.session.remove()
    world.event(start, title="Kept")
    eventually(lambda: receiver.requests)
    worker.idle()
    assert [b["data"]["event"]["title"] for b in receiver.bodies()] == ["Kept"]


def test_each_payload_carries_its_log_position_and_a_stable_id(
    world, receiver, clock, app
):
    hook = _hook(world, receiver)
    event = world.event(clock.now + timedelta(days=1))
    world.put(f"/events/{event['id']}", {"title": "Moved on"})
    assert run_outbox(app) == 2
    deliveries = _deliveries(world, hook)
    with app.app_context():
        positions = [
            c.position
            for c in Change.query.filter_by(
                resource_type="event", resource_id=uuid.UUID(event["id"])
            ).order_by(Change.position)
        ]
    payloads = sorted((d["payload"] for d in deliveries), key=lambda p: p["position"])
    assert [(p["type"], p["position"]) for p in payloads] == [
        ("event.created", positions[0]),
        ("event.updated", positions[1]),
    ]
    # Built from the event as it is when the entry is read.
    assert payloads[0]["data"]["event"]["title"] == "Moved on"
    assert len({p["id"] for p in payloads}) == 2


def test_entries_read_again_make_no_second_delivery(world, receiver, clock, app):
    from calapp.extensions import db

    hook = _hook(world, receiver)
    world.event(clock.now + timedelta(days=1))
    assert run_outbox(app) == 1
    [first] = _deliveries(world, hook)
    with app.app_context():  # as if the cursor's update had been lost
        db.session.execute(sa.update(WebhookOutboxState).values(position=0))
        db.session.commit()
        db.session.remove()
    assert run_outbox(app) == 0
    assert _deliveries(world, hook) == [first]


def test_a_member_gets_the_events_of_a_shared_calendar_and_an_outsider_none(
    world, receiver, clock, app
):
    viewer, outsider = world.make_user(), world.make_user()
    world.post(
        f"/calendars/{world.calendar['id']}/share",
        {"user_id": str(viewer.id), "role": "viewer"},
    )
    viewer_hook = world.post(
        "/webhooks", {"url": receiver.url}, headers=world.auth.jwt(viewer)
    )
    outsider_hook = world.post(
        "/webhooks", {"url": receiver.url}, headers=world.auth.jwt(outsider)
    )
    world.event(clock.now + timedelta(days=1))
    run_outbox(app)

    def types(user, hook):
        items = world.get(
            f"/webhooks/{hook['id']}/deliveries", headers=world.auth.jwt(user)
        )["items"]
        return [d["type"] for d in items]

    assert types(viewer, viewer_hook) == ["event.created"]
    assert types(outsider, outsider_hook) == []


def _booking_link(world) -> dict:
    return world.post(
        f"/calendars/{world.calendar['id']}/booking-link",
        {
            "duration_minutes": 30,
            "timezone": "UTC",
            "working_hours": {
                day: [{"start": "00:00", "end": "23:30"}]
                for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            },
            "min_notice_minutes": 0,
            "max_days_ahead": 30,
        },
        status=200,
    )


def test_a_booking_is_announced_created_once_then_cancelled_once(
    world, receiver, clock, app
):
    hook = _hook(world, receiver, events=["booking.created", "booking.cancelled"])
    link = _booking_link(world)
    day = clock.now.replace(hour=0, minute=0, second=0) + timedelta(days=3)
    first, second = world.get(
        f"/booking/{link['token']}/availability",
        start=iso(day),
        end=iso(day + timedelta(days=1)),
    )["slots"][:2]
    booking = world.post(
        f"/booking/{link['token']}/reserve",
        {"name": "V", "email": "v@example.com", "slot_start": first["start"]}
        | {"slot_end": first["end"]},
        headers={},
        status=200,
    )["booking"]
    assert run_outbox(app) == 1
    manage = f"/booking/{link['token']}/bookings/{booking['id']}"
    token = booking["manage_token"]
    world.post(
        f"{manage}/reschedule",
        {"manage_token": token, "slot_start": second["start"]}
        | {"slot_end": second["end"]},
        headers={},
        status=200,
    )
    world.post(f"{manage}/cancel", {"manage_token": token}, headers={}, status=200)
    assert run_outbox(app) == 1
    payloads = [d["payload"] for d in reversed(_deliveries(world, hook))]
    assert [p["type"] for p in payloads] == ["booking.created", "booking.cancelled"]
    assert payloads[1]["data"]["booking"]["start_time"] == second["start"]
    assert payloads[0]["position"] < payloads[1]["position"]


def test_the_event_types_document_position(client, headers):
    items = client.get("/webhooks/event-types", headers=headers).get_json()["items"]
    schemas = {i["type"]: i["schema"] for i in items}
    for event_type in ("event.created", "booking.cancelled"):
        assert schemas[event_type]["properties"]["position"]["type"] == "integer"
        assert "position" in schemas[event_type]["required"]
    assert "position" not in schemas["reminder.due"]["properties"]


# --- a consumer killed after the commit ----------------------------------------------


def _consumer(database_url: str) -> subprocess.Popen:
    """A real job consumer process (``huey_consumer calapp.worker.huey``) on the
    test database and the test's queue."""
    env = {
        **os.environ,
        "CALAPP_ENV": "testing",
        "DATABASE_URL": database_url,
        "REDIS_URL": TEST_REDIS_URL,
        "HUEY_NAME": queue.huey.name,
        "WEBHOOK_ALLOW_PRIVATE": "true",
        "AUTO_MIGRATE": "false",
    }
    return subprocess.Popen(  # noqa: S603 - the test's own interpreter
        [sys.executable, "-m", "huey.bin.huey_consumer", "calapp.worker.huey"]
        + ["-w", "1", "-k", "thread", "-d", "0.05", "-m", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _waiting_on_cursor(engine) -> bool:
    with engine.connect() as conn:
        return bool(
            conn.execute(
                sa.text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    " AND query ILIKE '%webhook_outbox_state%'"
                )
            ).scalar()
        )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def test_a_consumer_killed_after_the_commit_still_delivers_once(
    world, worker, receiver, clock, app, database_url
):
    from calapp.extensions import db

    for consumer in list(worker.consumers):  # only the webhook consumer runs here
        if consumer.huey is worker.huey:
            consumer.stop(graceful=True)
            worker.consumers.remove(consumer)
    hook = _hook(world, receiver, events=["event.created"])
    with app.app_context():
        engine = db.engine
    blocker = engine.connect()
    blocker.execute(
        sa.text(
            "INSERT INTO webhook_outbox_state (id, position) VALUES (1, 0) "
            "ON CONFLICT DO NOTHING"
        )
    )
    blocker.commit()
    # Hold the outbox's cursor, so that the first consumer is caught between the
    # commit below and its own.
    blocker.execute(sa.text("SELECT * FROM webhook_outbox_state FOR UPDATE"))
    world.event(clock.now + timedelta(days=1), title="Committed")
    first = _consumer(database_url)
    try:
        eventually(lambda: _waiting_on_cursor(engine), timeout=60)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
    finally:
        blocker.rollback()
        blocker.close()
        _stop(first)
    assert worker.query(lambda db: db.session.query(Delivery).count()) == 0

    second = _consumer(database_url)
    try:
        eventually(lambda: receiver.requests, timeout=60)
        worker.idle()
        assert run_outbox(app) == 0  # read again: nothing new
    finally:
        _stop(second)
    assert [b["data"]["event"]["title"] for b in receiver.bodies()] == ["Committed"]
    [delivery] = _deliveries(world, hook)
    assert delivery["status"] == "sent"
