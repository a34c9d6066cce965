"""The reminder sweep through a real consumer: DST, catch-up, cancel, move, races."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from calapp.delivery.models import Delivery
from calapp.notifications.models import Notification, ReminderSweepState
from tests.reminders.harness import iso, utc

BERLIN = ZoneInfo("Europe/Berlin")


def _deliveries(worker, **filters):
    def run(db):
        stmt = sa.select(Delivery).filter_by(**filters).order_by(Delivery.due_at)
        return list(db.session.scalars(stmt))

    return worker.query(run)


def test_dst_a_weekly_0900_berlin_reminder_fires_at_0845_local_both_sides(
    world, worker, clock
):
    # Thursdays 09:00 Europe/Berlin; the clocks go forward on Sunday 2027-03-28.
    world.post(
        "/events",
        {
            "calendar_id": world.calendar["id"],
            "title": "Weekly",
            "start_time": "2027-03-18T09:00:00+01:00",
            "end_time": "2027-03-18T10:00:00+01:00",
            "timezone": "Europe/Berlin",
            "recurrence_rule": "FREQ=WEEKLY",
            "reminders": [15],
        },
    )
    clock.set(utc(2027, 3, 25, 7, 40))
    worker.sweep()
    clock.set(utc(2027, 3, 25, 7, 46))  # 08:46 CET
    worker.sweep()
    clock.set(utc(2027, 4, 1, 6, 44))  # 08:44 CEST: not yet
    worker.sweep()
    worker.idle()
    assert len(world.notifications()) == 1
    clock.set(utc(2027, 4, 1, 6, 46))  # 08:46 CEST
    worker.sweep()
    clock.set(utc(2027, 4, 1, 7, 46))  # 08:45 CET would have been 07:45Z
    worker.sweep()
    worker.idle()

    items = sorted(world.notifications(), key=lambda n: n["data"]["due_at"])
    dues = [n["data"]["due_at"] for n in items]
    assert dues == ["2027-03-25T07:45:00Z", "2027-04-01T06:45:00Z"]
    local = [
        datetime.fromisoformat(d).astimezone(BERLIN).strftime("%H:%M") for d in dues
    ]
    assert local == ["08:45", "08:45"]
    assert [n["data"]["is_late"] for n in items] == [False, False]


def test_after_an_outage_due_reminders_fire_once_late_and_older_ones_are_skipped(
    world, worker, clock
):
    t = clock.now.replace(second=0)
    world.event(t + timedelta(minutes=30), reminders=[15], title="Skipped")
    world.event(t + timedelta(minutes=100), reminders=[10], title="Late")
    world.event(
        t + timedelta(minutes=10),
        title="Hourly",
        recurrence_rule="FREQ=HOURLY;COUNT=5",
        reminders=[0],
    )
    worker.sweep()  # the watermark: t
    clock.set(t + timedelta(minutes=120))  # down for two hours; horizon 60 min
    worker.sweep()
    worker.idle()
    clock.advance(minutes=1)
    worker.sweep()
    worker.idle()

    items = world.notifications()
    assert sorted((n["title"], n["data"]["occurrence_start"]) for n in items) == [
        ("Hourly", iso(t + timedelta(minutes=70))),
        ("Late", iso(t + timedelta(minutes=100))),
    ]
    assert all(n["data"]["is_late"] for n in items)
    assert all("late" in n["body"] for n in items)
    state = worker.query(lambda db: db.session.get(ReminderSweepState, 1))
    assert state.skipped_total == 2  # "Skipped" and the first hourly occurrence
    assert state.late_total == 2
    assert state.last_skipped == 0  # the sweep after caught up found nothing


def test_cancelling_an_event_before_its_reminder_means_no_reminder(
    world, worker, clock
):
    t = clock.now.replace(second=0)
    single = world.event(t + timedelta(minutes=30), reminders=[10], title="Single")
    series = world.event(
        t + timedelta(minutes=30),
        reminders=[10],
        title="Daily",
        recurrence_rule="FREQ=DAILY;COUNT=3",
    )
    worker.sweep()
    world.put(f"/events/{single['id']}", {"status": "cancelled"})
    slot = iso(t + timedelta(minutes=30))
    r = world.client.delete(
        f"/events/{series['id']}/instances/{slot}", headers=world.headers
    )
    assert r.status_code == 204
    clock.set(t + timedelta(minutes=25))
    worker.sweep()
    worker.idle()
    assert world.notifications() == []

    clock.set(t + timedelta(days=1, minutes=25))  # the next occurrence: kept
    worker.sweep()
    worker.idle()
    [item] = world.notifications()
    assert item["data"]["occurrence_start"] == iso(t + timedelta(days=1, minutes=30))


def test_moving_an_event_revokes_its_pending_delivery_and_the_new_time_fires(
    world, worker, clock
):
    from calapp.notifications.tasks import run_sweep

    worker.stop()  # deliveries stay pending until the consumer starts again
    t = clock.now.replace(second=0)
    event = world.event(t + timedelta(minutes=60), reminders=[15])
    worker.query(lambda db: run_sweep(t))
    clock.set(t + timedelta(minutes=46))
    worker.query(lambda db: run_sweep(clock.now))
    [pending] = _deliveries(worker)
    assert pending.status == "pending"

    new_start = t + timedelta(minutes=120)
    world.put(
        f"/events/{event['id']}",
        {"start_time": iso(new_start), "end_time": iso(new_start + timedelta(hours=1))},
    )
    assert [d.status for d in _deliveries(worker)] == ["revoked"]
    worker.start()
    worker.idle()
    assert world.notifications() == []

    clock.set(new_start - timedelta(minutes=14))
    worker.sweep()
    worker.idle()
    [item] = world.notifications()
    assert item["data"]["occurrence_start"] == iso(new_start)
    assert [d.status for d in _deliveries(worker)] == ["revoked", "sent"]


def test_two_consumers_and_overlapping_sweeps_deliver_each_reminder_once(
    world, worker, clock
):
    from calapp.notifications.tasks import reminder_sweep, run_sweep

    t = clock.now.replace(second=0)
    for i in range(25):
        world.event(t + timedelta(minutes=30, seconds=i), reminders=[5, 10])
    worker.sweep()
    worker.start()  # a second consumer, two more workers
    clock.set(t + timedelta(minutes=26))
    for _ in range(4):  # the periodic task fired by several schedulers at once
        reminder_sweep()
    threads = [
        threading.Thread(target=lambda: worker.query(lambda db: run_sweep(clock.now)))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    worker.idle()

    def counts(db):
        deliveries = db.session.scalar(sa.select(sa.func.count()).select_from(Delivery))
        notes = db.session.scalar(sa.select(sa.func.count()).select_from(Notification))
        distinct = db.session.scalar(
            sa.select(sa.func.count(sa.distinct(Notification.delivery_id)))
        )
        return deliveries, notes, distinct

    assert worker.query(counts) == (50, 50, 50)
    assert len(world.get("/notifications", limit=200)["items"]) == 50
