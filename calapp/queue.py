"""The one ``huey`` object, the task clock and the app context every task runs in.

- Storage: ``RedisHuey`` when ``REDIS_URL`` is set; otherwise a ``SqliteHuey`` file
  under ``instance/`` (the web processes and the consumer find the same file), so
  reminders still fire on a laptop without Redis. Under ``CALAPP_ENV=testing``
  without ``REDIS_URL``, an in-memory queue: tests that run a consumer bind a
  Redis queue of their own (``bind``).
- Two queues, two consumers (``worker`` builds its app with ``create_app``,
  which imports every tasks module: each registers its tasks and drains, in web
  processes too, which enqueue them):
  ``huey`` (the reminder sweep, in-app and email deliveries) and
  ``webhook_huey`` (webhook deliveries only), consumed apart:
  ``huey_consumer calapp.worker.huey -w 2 -k thread -f`` and
  ``huey_consumer calapp.worker.webhook_huey -w 4 -k thread``. Webhook requests
  wait on other people's servers; on a queue of their own, receivers that are
  slow or never answer can hold only the webhook workers, never a reminder.
- ``with_app_context``: each task runs in a fresh app context of the process'
  app, built once per consumer process (a shared context would share one
  SQLAlchemy session between thread workers).
- ``clock()``: the only place tasks read the time (tests replace it).
- ``enqueue_on_commit(channel)``: wake the drain task of a delivery channel once
  the transaction that created the deliveries has committed (a task enqueued
  before the commit could run before its rows are visible). The change log's
  consumers are woken by PostgreSQL notifications instead (``changes.wake``).
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey
from huey.storage import RedisStorage, SqliteStorage
from sqlalchemy import event as sa_event

from calapp.clock import utcnow

log = logging.getLogger("calapp.queue")

INSTANCE_PATH = Path(__file__).resolve().parent.parent / "instance"


WEBHOOK_QUEUE_SUFFIX = "_webhooks"


def build_huey(
    env: Mapping[str, str] | None = None,
    instance_path: Path = INSTANCE_PATH,
    *,
    suffix: str = "",
) -> Huey:
    """The queue the environment describes (the same in web and consumer);
    ``suffix`` names a second queue beside it."""
    env = os.environ if env is None else env
    name = (env.get("HUEY_NAME", "").strip() or "calapp") + suffix
    url = env.get("REDIS_URL", "").strip()
    if url:
        return RedisHuey(name, url=url, utc=True)
    if env.get("CALAPP_ENV", "").strip().lower() == "testing":
        return MemoryHuey(name, utc=True)
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=str(Path(instance_path) / "huey.db"), utc=True)


huey = build_huey()
webhook_huey = build_huey(suffix=WEBHOOK_QUEUE_SUFFIX)


def bind(*, redis_url: str | None, name: str, filename: str | None = None) -> None:
    """Point the existing queues (tasks hold a reference to them) at other storage.

    For tests and benchmarks: Redis queues with a name of their own, so parallel
    runs never take each other's tasks.
    """
    for target, target_name in (
        (huey, name),
        (webhook_huey, name + WEBHOOK_QUEUE_SUFFIX),
    ):
        target.name = target_name
        if redis_url:
            target.storage = RedisStorage(target_name, url=redis_url)
        else:
            target.storage = SqliteStorage(target_name, filename=filename)


# --- the clock -------------------------------------------------------------------


def clock() -> datetime:
    """The time as tasks see it (tests monkeypatch ``calapp.queue.clock``)."""
    return utcnow()


# --- the app tasks run in ----------------------------------------------------------

_app = None
_app_pid = None
_app_factory: Callable | None = None
_app_lock = threading.Lock()


def set_app(app) -> None:
    """Run tasks in ``app`` (tests: the test app; default: the factory's)."""
    global _app, _app_pid
    _app, _app_pid = app, os.getpid()


def set_app_factory(factory: Callable) -> None:
    """Build the tasks' app with ``factory`` (``calapp.worker``: ``create_app``)."""
    global _app_factory
    _app_factory = factory


def task_app():
    """The app of this process, created on first use (once per consumer process:
    a forked process worker builds its own, never its parent's connections)."""
    global _app, _app_pid
    with _app_lock:
        if _app is None or _app_pid != os.getpid():
            if _app_factory is None:
                raise RuntimeError(
                    "no app to run tasks in: call set_app() or set_app_factory() "
                    "(the consumers run calapp.worker, which does)"
                )
            _app, _app_pid = _app_factory(), os.getpid()
        return _app


def with_app_context(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with task_app().app_context():
            return fn(*args, **kwargs)

    return wrapper


# --- drains: one task per delivery channel -------------------------------------------

_DRAINS: dict[str, Callable] = {}


def drains(channel: str):
    """Register a huey task as the drain of ``channel`` (each tasks module does,
    when the app factory imports it)."""

    def decorator(task):
        _DRAINS[channel] = task
        return task

    return decorator


def drain_task(channel: str):
    try:
        return _DRAINS[channel]
    except KeyError:
        raise RuntimeError(
            f"no drain registered for {channel!r}: was the process built by "
            "create_app()?"
        ) from None


def enqueue_drains(counts: Mapping[str, int], chunk: int, limit: int = 50) -> None:
    """Enqueue enough drain tasks for ``counts`` ready deliveries per channel.

    A channel with a queue of its own (webhooks) is topped up to that many, not
    added to: while its receivers are slow, or its consumer is down, the sweep's
    re-enqueueing every minute does not pile up."""
    for channel, count in counts.items():
        task = drain_task(channel)
        wanted = min(limit, -(-count // chunk))
        if task.huey is not huey:
            wanted -= task.huey.pending_count()
        for _ in range(wanted):
            task()


def enqueue_on_commit(channel: str, session=None) -> None:
    """Wake ``channel``'s drain after the current transaction (of ``session``,
    default the app's) commits."""
    if session is None:
        from calapp.extensions import db

        session = db.session
    session.info.setdefault("calapp_drains", set()).add(channel)


def _after_commit(session) -> None:
    if session.get_nested_transaction() is not None:
        return  # a savepoint was released: the transaction goes on
    channels = session.info.pop("calapp_drains", None)
    for channel in sorted(channels or ()):
        try:
            drain_task(channel)()
        except Exception:  # the rows are committed: the next sweep requeues them
            log.exception("could not enqueue the %s drain", channel)


def _after_rollback(session) -> None:
    session.info.pop("calapp_drains", None)


def _listen() -> None:
    from flask_sqlalchemy.session import Session

    if not sa_event.contains(Session, "after_commit", _after_commit):
        sa_event.listen(Session, "after_commit", _after_commit)
        sa_event.listen(Session, "after_soft_rollback", _after_soft_rollback)


def _after_soft_rollback(session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the outermost transaction
        _after_rollback(session)


_listen()
