"""In-app delivery through a real consumer: sweep task, drain task, the API."""

from __future__ import annotations

from datetime import timedelta

from tests.reminders.harness import iso


def _start(clock):
    return clock.now.replace(second=0) + timedelta(hours=1)


def test_a_due_reminder_reaches_the_notification_list_once(world, worker, clock):
    start = _start(clock)
    event = world.event(start, reminders=[15])
    clock.set(start - timedelta(minutes=20))
    worker.sweep()
    assert world.notifications() == []

    clock.set(start - timedelta(minutes=15, seconds=-5))
    worker.sweep()
    worker.idle()
    clock.advance(minutes=1)
    worker.sweep()
    worker.idle()

    [item] = world.notifications()
    assert item["kind"] == "reminder"
    assert item["title"] == "Standup"
    assert item["event_id"] == event["id"]
    assert item["read_at"] is None
    assert item["data"]["occurrence_start"] == iso(start)
    assert item["data"]["due_at"] == iso(start - timedelta(minutes=15))
    assert item["data"]["is_late"] is False


def test_notifications_are_marked_read_one_by_one_or_all(world, worker, clock):
    start = _start(clock)
    world.event(start, reminders=[10, 30])
    clock.set(start - timedelta(hours=1))
    worker.sweep()
    clock.set(start)
    worker.sweep()
    worker.idle()
    first, second = world.notifications()
    read = world.post(f"/notifications/{first['id']}/read", status=200)
    assert read["read_at"] is not None
    assert [n["id"] for n in world.notifications(unread="true")] == [second["id"]]
    assert world.post("/notifications/read-all", status=200) == {"updated": 1}
    assert world.notifications(unread="true") == []
