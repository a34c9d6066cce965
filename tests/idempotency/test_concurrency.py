"""A retry while the first request still runs, on real connections.

The first request is genuinely in progress: it has claimed its key (in its
own transaction, which is still open) and waits on a row lock this test holds
(the booking link's, which every reservation takes), so its retry arrives while
it runs. Data is committed for real (``committing_db``) and truncated
afterwards.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.booking.helpers import MONDAY, Booker, Clock, at, iso

KEY = "reserve-3f1c"


@pytest.fixture
def booker(committing_db, client, make_user, auth, monkeypatch):
    from calapp.users import service

    monkeypatch.setattr(service, "now", Clock(MONDAY))
    return Booker(client, auth.jwt(make_user()))


@pytest.fixture
def link(booker):
    return booker.link(booker.calendar()["id"])["token"]


@pytest.fixture
def locked(app):
    """``lock(token)`` holds the link's row lock until ``unlock()``."""
    from calapp.extensions import db

    with app.app_context():
        engine = db.engine
    connection = engine.connect()
    transaction = None

    class Lock:
        def lock(self, token):
            nonlocal transaction
            transaction = connection.begin()
            connection.execute(
                sa.text("SELECT 1 FROM booking_links WHERE token = :t FOR UPDATE"),
                {"t": token},
            )

        def unlock(self):
            transaction.rollback()

    yield Lock()
    if transaction is not None and transaction.is_active:
        transaction.rollback()
    connection.close()


def _count(app, statement: str) -> int:
    from calapp.extensions import db

    with app.app_context():
        value = db.session.execute(sa.text(statement)).scalar_one()
        db.session.remove()
        return value


WAITING_ON_A_LOCK = (
    "SELECT count(*) FROM pg_stat_activity "
    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
)


def _wait_for_claim(app) -> None:
    """Until the first request waits on the link's lock: it has claimed its key
    (the claim comes before the view) and is still running."""
    done = threading.Event()
    for _ in range(2000):
        if _count(app, WAITING_ON_A_LOCK) == 1:
            return
        done.wait(0.01)
    raise AssertionError("the first request never claimed its key")


def _reserve_body() -> dict:
    start = at(MONDAY + timedelta(days=1), "10:00")
    return {
        "name": "Vera Visitor",
        "email": "vera@example.com",
        "slot_start": iso(start),
        "slot_end": iso(start + timedelta(minutes=30)),
    }


def test_a_reserve_retried_after_a_timeout_books_once(app, link, locked):
    body = _reserve_body()
    headers = {"Idempotency-Key": KEY}
    answers = {}

    def first():
        answers["first"] = app.test_client().post(
            f"/booking/{link}/reserve", json=body, headers=headers
        )

    locked.lock(link)
    thread = threading.Thread(target=first)
    thread.start()
    try:
        _wait_for_claim(app)
        # The client gave up waiting and retries while the first still runs.
        retry = app.test_client().post(
            f"/booking/{link}/reserve", json=body, headers=headers
        )
        assert retry.status_code == 409
        assert retry.get_json()["code"] == "idempotency_in_progress"
    finally:
        locked.unlock()
        thread.join(timeout=60)

    first_answer = answers["first"]
    assert first_answer.status_code == 200, first_answer.get_json()
    again = app.test_client().post(
        f"/booking/{link}/reserve", json=body, headers=headers
    )
    assert again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first_answer.get_json()
    assert again.headers["Cache-Control"] == first_answer.headers["Cache-Control"]
    assert _count(app, "SELECT count(*) FROM bookings WHERE status = 'active'") == 1


def test_concurrent_duplicates_run_once(app, link, locked):
    """Four copies of one request at once: one runs, the others are 409."""
    body = _reserve_body()
    headers = {"Idempotency-Key": KEY}
    statuses = []
    barrier = threading.Barrier(4)

    def send():
        barrier.wait()
        r = app.test_client().post(
            f"/booking/{link}/reserve", json=body, headers=headers
        )
        statuses.append(
            (r.status_code, r.get_json()["code"] if r.status_code >= 400 else None)
        )

    locked.lock(link)
    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        _wait_for_claim(app)
    finally:
        # Every loser answers without touching the lock; the winner waits on it.
        for _ in range(2000):
            if len(statuses) == 3:
                break
            threading.Event().wait(0.01)
        locked.unlock()
        for thread in threads:
            thread.join(timeout=60)
    assert sorted(statuses, key=str) == sorted(
        [(200, None)] + [(409, "idempotency_in_progress")] * 3, key=str
    )
    assert _count(app, "SELECT count(*) FROM bookings WHERE status = 'active'") == 1


def test_public_keys_are_per_link(app, booker, link):
    """One visitor's key on two links: two bookings, neither a replay."""
    other = booker.link(booker.calendar(name="Other")["id"])["token"]
    body = _reserve_body()
    headers = {"Idempotency-Key": KEY}
    for token in (link, other):
        r = app.test_client().post(
            f"/booking/{token}/reserve", json=body, headers=headers
        )
        assert r.status_code == 200, r.get_json()
        assert "Idempotent-Replayed" not in r.headers
    assert _count(app, "SELECT count(*) FROM bookings WHERE status = 'active'") == 2
