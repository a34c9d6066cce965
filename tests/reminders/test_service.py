"""The sweep and delivery services, called directly (no consumer, no commits):
the rules about which occurrence is due, recipients, revocation, the index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from calapp.delivery.models import Delivery
from calapp.events.models import EventReminder
from calapp.extensions import db
from calapp.notifications import delivery, sweep
from calapp.notifications.models import Notification
from tests.reminders.harness import iso

T = datetime(2027, 5, 3, 8, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def settings(app):
    return sweep.Settings.from_config(app.config)


def _run(app, now, settings=None):
    """One sweep at ``now`` and the in-app delivery, as the tasks do them (the
    commits release savepoints of the test's transaction)."""
    with app.app_context():
        settings = settings or sweep.Settings.from_config(app.config)
        since = sweep.begin(now)
        totals = sweep.Totals()
        while sweep.sweep_batch(since, now, settings, totals):
            pass
        sweep.finish(now, totals)
        delivery.deliver_in_app(now, 10_000)
        db.session.commit()
        return totals


def _sweep_only(app, now):
    """Deliveries created, not yet delivered."""
    with app.app_context():
        since = sweep.begin(now)
        settings = sweep.Settings.from_config(app.config)
        sweep.sweep_batch(since, now, settings, sweep.Totals())
        db.session.commit()


def _occurrences(app) -> list[str]:
    with app.app_context():
        rows = db.session.scalars(
            sa.select(Delivery.occurrence_start)
            .where(Delivery.channel == "in_app")
            .order_by(Delivery.occurrence_start)
        )
        return [iso(r) for r in rows]


def test_a_single_event_fires_once_at_its_due_time(app, world):
    world.event(T, reminders=[30])
    _run(app, T - timedelta(hours=1))
    assert _run(app, T - timedelta(minutes=31)).fired == 0
    assert _run(app, T - timedelta(minutes=29)).fired == 1
    assert _run(app, T).fired == 0
    assert _occurrences(app) == [iso(T)]


def test_a_reminder_whose_time_passed_before_it_existed_does_not_fire(app, world):
    _run(app, T - timedelta(minutes=5))  # the watermark
    world.event(T, reminders=[30])  # due 07:30, already past
    assert _run(app, T - timedelta(minutes=4)).fired == 0


def test_a_series_skips_exdates_and_the_slot_of_a_moved_exception(app, world):
    series = world.event(
        T,
        reminders=[10],
        recurrence_rule="FREQ=DAILY;COUNT=4",
        exdates=[iso(T + timedelta(days=1))],
    )
    moved_to = T + timedelta(days=2, hours=3)
    world.put(
        f"/events/{series['id']}/instances/{iso(T + timedelta(days=2))}",
        {"start_time": iso(moved_to), "end_time": iso(moved_to + timedelta(hours=1))},
    )
    _run(app, T - timedelta(hours=1))
    for day in range(4):
        _run(app, T + timedelta(days=day, minutes=-5))
        _run(app, T + timedelta(days=day, hours=3, minutes=-5))
    assert _occurrences(app) == [iso(T), iso(moved_to), iso(T + timedelta(days=3))]


def test_recipients_are_the_owner_and_with_notify_attendees_the_attendees(
    app, world, make_user, monkeypatch
):
    monkeypatch.setitem(app.config, "SMTP_URL", "smtp://127.0.0.1:1")
    colleague = make_user()
    event = world.event(
        T,
        attendees=[
            {"email": colleague.email},
            {"email": "guest@example.com"},
            {"email": world.user.email},  # the owner invited itself: once
        ],
    )
    world.post(f"/events/{event['id']}/reminders", {"minutes_before": 15})
    reminders = world.post(
        f"/events/{event['id']}/reminders",
        {"minutes_before": 5, "notify_attendees": True},
    )["items"]
    assert [(r["minutes_before"], r["notify_attendees"]) for r in reminders] == [
        (5, True),
        (15, False),
    ]
    _run(app, T - timedelta(hours=1))
    _run(app, T)
    with app.app_context():
        rows = db.session.execute(
            sa.select(
                Delivery.channel, Delivery.recipient, EventReminder.minutes_before
            )
            .join(EventReminder, EventReminder.id == Delivery.reminder_id)
            .where(Delivery.topic == "reminder.due")
        ).all()
    owner, mate = str(world.user.id), str(colleague.id)
    assert sorted(rows) == sorted(
        [
            ("in_app", owner, 15),
            ("email", world.user.email, 15),
            ("in_app", owner, 5),
            ("in_app", mate, 5),
            ("email", world.user.email, 5),
            ("email", colleague.email, 5),
            ("email", "guest@example.com", 5),
        ]
    )


def test_a_removed_reminder_is_never_delivered(app, world):
    event = world.event(T, reminders=[10])
    _run(app, T - timedelta(hours=1))
    _sweep_only(app, T)
    with app.app_context():
        reminder_id = db.session.scalar(sa.select(EventReminder.id))
    r = world.client.delete(
        f"/events/{event['id']}/reminders/{reminder_id}", headers=world.headers
    )
    assert r.status_code == 204
    with app.app_context():
        delivery.deliver_in_app(T, 100)
        assert db.session.scalar(sa.select(Delivery.status)) == "revoked"
        assert db.session.scalar(sa.select(sa.func.count(Notification.id))) == 0


def test_changing_a_series_rule_revokes_deliveries_of_lost_occurrences(app, world):
    series = world.event(T, reminders=[10], recurrence_rule="FREQ=DAILY;COUNT=5")
    _run(app, T - timedelta(hours=1))
    _sweep_only(app, T + timedelta(days=1))
    world.put(f"/events/{series['id']}", {"recurrence_rule": "FREQ=WEEKLY;COUNT=2"})
    with app.app_context():
        assert list(db.session.scalars(sa.select(Delivery.status))) == ["revoked"]


def test_an_idle_sweep_reads_only_the_partial_index(app, world):
    with app.app_context():
        db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))
        plan = db.session.execute(
            sa.text(
                "EXPLAIN SELECT id FROM event_reminders "
                "WHERE next_due_at IS NOT NULL AND next_due_at < now() "
                "ORDER BY next_due_at LIMIT 2000 FOR UPDATE"
            )
        ).scalars()
        assert "ix_event_reminders_next_due" in "\n".join(plan)
