"""The huey object: which storage, the app context of tasks, enqueue on commit."""

from __future__ import annotations

import sqlalchemy as sa
from huey import MemoryHuey, RedisHuey, SqliteHuey

from calapp import queue


def test_redis_url_gives_a_redis_huey(tmp_path):
    huey = queue.build_huey(
        {"REDIS_URL": "redis://127.0.0.1:6379/15", "HUEY_NAME": "x"}, tmp_path
    )
    assert isinstance(huey, RedisHuey)
    assert huey.name == "x"


def test_without_redis_a_sqlite_file_under_instance_keeps_reminders_firing(tmp_path):
    huey = queue.build_huey({"CALAPP_ENV": "production"}, tmp_path / "instance")
    assert isinstance(huey, SqliteHuey)
    assert huey.storage.filename == str(tmp_path / "instance" / "huey.db")
    huey.enqueue(huey.task()(lambda: None).s())  # the file works as a queue
    assert huey.pending_count() == 1
    assert (tmp_path / "instance" / "huey.db").exists()


def test_tests_without_redis_get_a_queue_in_memory(tmp_path):
    huey = queue.build_huey({"CALAPP_ENV": "testing"}, tmp_path)
    assert isinstance(huey, MemoryHuey)
    assert not (tmp_path / "huey.db").exists()


def test_a_task_runs_in_a_fresh_app_context(app, bound_queue):
    from flask import current_app, g

    seen = []

    @queue.with_app_context
    def body():
        seen.append((current_app._get_current_object(), "marker" in g))
        g.marker = True  # would leak into the next task if the context were shared

    body()
    body()
    assert seen == [(app, False), (app, False)]


def test_drains_are_enqueued_after_the_outer_commit_only(app, bound_queue):
    from calapp.extensions import db

    with app.app_context():
        queue.enqueue_on_commit("in_app")
        with db.session.begin_nested():
            pass  # releasing a savepoint is not the commit
        assert bound_queue.pending_count() == 0
        db.session.commit()
        assert bound_queue.pending_count() == 1
        db.session.execute(sa.text("SELECT 1"))  # a transaction that fails
        queue.enqueue_on_commit("in_app")
        db.session.rollback()
        db.session.commit()
        assert bound_queue.pending_count() == 1


def test_webhook_requests_wait_on_a_queue_of_their_own(app, bound_queue):
    from calapp.extensions import db

    with app.app_context():
        queue.enqueue_on_commit("webhook")
        queue.enqueue_on_commit("in_app")
        queue.enqueue_on_commit("email")
        db.session.commit()
    assert queue.webhook_huey.pending_count() == 1
    assert bound_queue.pending_count() == 2  # the reminder consumer's queue
    assert queue.webhook_huey.name == bound_queue.name + "_webhooks"


def test_sweeps_top_up_the_webhook_queue_instead_of_piling_up(app, bound_queue):
    # 12 ready webhook deliveries, batches of 5: 3 drains, however many sweeps
    # re-enqueue them while the webhook consumer is busy or down.
    for _ in range(4):
        queue.enqueue_drains({"webhook": 12}, chunk=5)
    assert queue.webhook_huey.pending_count() == 3
    queue.enqueue_drains({"email": 12}, chunk=5)
    queue.enqueue_drains({"email": 12}, chunk=5)
    assert bound_queue.pending_count() == 6
