"""Positions are safe under concurrency: a reader that saw position N never
misses a change that commits later (real transactions on real connections)."""

from __future__ import annotations

import random
import threading
import time

import pytest
from flask_sqlalchemy.session import Session as FlaskSession

from calapp.changes import service
from calapp.changes.models import Change
from calapp.contacts.models import Contact
from calapp.extensions import db

pytestmark = pytest.mark.usefixtures("committing_db")


def _session(app) -> FlaskSession:
    with app.app_context():
        return FlaskSession(db, bind=db.engine)


def _contact(session: FlaskSession, owner_id, name: str) -> Contact:
    contact = Contact(owner_id=owner_id, first_name=name, uid=f"{name}@test")
    session.add(contact)
    session.flush()
    return contact


def _read(app, after: int, up_to: int | None = None, *, user_id) -> list[Change]:
    with app.app_context():
        rows = service.since(after, user_id=user_id, up_to=up_to)
        db.session.remove()
        return rows


def _watermark(app) -> int:
    with app.app_context():
        value = service.watermark()
        db.session.remove()
        return value


def test_a_slow_transaction_commits_after_a_reader_saw_a_faster_one(app, make_user):
    owner = make_user()
    slow, fast = _session(app), _session(app)
    try:
        with app.app_context():
            slow_id = _contact(slow, owner.id, "slow").id  # written, not committed
            fast_id = _contact(fast, owner.id, "fast").id
            fast.commit()
        seen = _watermark(app)
        first = _read(app, 0, seen, user_id=owner.id)
        assert [c.resource_id for c in first] == [fast_id]

        with app.app_context():
            slow.commit()
        later = _read(app, seen, user_id=owner.id)
        assert [c.resource_id for c in later] == [slow_id]
        assert later[0].position > seen
    finally:
        with app.app_context():
            slow.close()
            fast.close()


def test_concurrent_writers_and_a_polling_reader_lose_and_repeat_nothing(
    app, make_user
):
    owner = make_user()
    writers, per_writer = 6, 15
    done = threading.Event()
    read: list[Change] = []
    errors: list[BaseException] = []

    def write(n: int) -> None:
        rng = random.Random(n)
        session = _session(app)
        try:
            with app.app_context():
                for i in range(per_writer):
                    _contact(session, owner.id, f"w{n}-{i}")
                    time.sleep(rng.random() / 200)  # commit in a different order
                    session.commit()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            with app.app_context():
                session.close()

    def poll() -> None:
        last = 0
        while True:
            finished = done.is_set()
            mark = _watermark(app)
            read.extend(_read(app, last, mark, user_id=owner.id))
            last = mark
            if finished:
                return

    reader = threading.Thread(target=poll)
    reader.start()
    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    reader.join()

    assert not errors
    positions = [c.position for c in read]
    assert len(positions) == writers * per_writer
    assert len(set(positions)) == len(positions)
    assert positions == sorted(positions)
    assert len({c.resource_id for c in read}) == writers * per_writer
