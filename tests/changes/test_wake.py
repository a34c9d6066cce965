"""The log's readers are woken by PostgreSQL notifications (``changes.wake``):
a commit that writes the log wakes a listener in another thread, a rolled-back
one does not, and a listener whose connection is cut reconnects and catches up."""

from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa
from flask_sqlalchemy.session import Session as FlaskSession

from calapp.changes.wake import Waker
from calapp.contacts.models import Contact
from calapp.extensions import db

pytestmark = pytest.mark.usefixtures("committing_db")


class Wakes:
    def __init__(self) -> None:
        self.count = 0
        self.cond = threading.Condition()

    def __call__(self) -> None:
        with self.cond:
            self.count += 1
            self.cond.notify_all()

    def wait_for(self, count: int, timeout: float = 10.0) -> int:
        with self.cond:
            self.cond.wait_for(lambda: self.count >= count, timeout)
            return self.count


def _write_contact(app, owner_id, name: str, *, commit: bool = True) -> None:
    with app.app_context():
        session = FlaskSession(db, bind=db.engine)
        try:
            session.add(Contact(owner_id=owner_id, first_name=name, uid=f"{name}@t"))
            session.flush()
            if commit:
                session.commit()
            else:
                session.rollback()
        finally:
            session.close()


@pytest.fixture
def waker(app):
    wakes = Wakes()
    with app.app_context():
        url = app.config["DATABASE_URL"]
    waker = Waker(url, wakes, coalesce=0.01, retry=0.05)
    waker.retain()
    assert wakes.wait_for(1) == 1  # the catch-up call on connect
    yield waker, wakes
    waker.release()


def _listeners(app) -> list[int]:
    with app.app_context():
        pids = db.session.scalars(
            sa.text(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                " AND query ILIKE 'LISTEN%'"
            )
        ).all()
        db.session.remove()
        return pids


def test_a_commit_that_writes_the_log_wakes_the_listener(app, make_user, waker):
    _, wakes = waker
    owner = make_user()
    _write_contact(app, owner.id, "ada")
    assert wakes.wait_for(2) >= 2


def test_a_rolled_back_write_wakes_nobody(app, make_user, waker):
    _, wakes = waker
    owner = make_user()
    before = wakes.count
    _write_contact(app, owner.id, "gone", commit=False)
    # A commit after it is the marker: its wake-up is the only one.
    _write_contact(app, owner.id, "kept")
    assert wakes.wait_for(before + 1) == before + 1
    time.sleep(0.3)
    assert wakes.count == before + 1


def test_a_cut_connection_is_reopened_and_catches_up(app, make_user, waker):
    running, wakes = waker
    owner = make_user()
    [pid] = _listeners(app)
    before = wakes.count
    with app.app_context():
        db.session.execute(sa.select(sa.func.pg_terminate_backend(pid)))
        db.session.remove()
    # Reconnected: one call for what may have committed meanwhile ...
    assert wakes.wait_for(before + 1) >= before + 1
    deadline = time.monotonic() + 10
    while _listeners(app) in ([], [pid]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _listeners(app) not in ([], [pid])
    # ... and later commits wake it again.
    after = wakes.count
    _write_contact(app, owner.id, "later")
    assert wakes.wait_for(after + 1) >= after + 1
    assert running.running


def test_the_listener_stops_with_its_last_user(app, waker):
    running, _ = waker
    running.retain()  # a second worker thread
    running.release()
    assert running.running and len(_listeners(app)) == 1
    running.release()
    assert not running.running
    deadline = time.monotonic() + 10
    while _listeners(app) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _listeners(app) == []
    running.retain()  # the fixture releases it again
