"""Fixtures shared by tests/reminders and tests/webhooks.

- ``clock``: the time tasks read (``calapp.queue.clock``), set by the test.
- ``worker``: REAL huey consumers (thread workers, in this process) on the test
  Redis, one per queue (reminders; webhooks) as in production, under queue
  names of their own so parallel runs never share tasks; with
  ``committing_db``, since the consumers use their own connections.
- ``inbox``: a real SMTP server (aiosmtpd) on a free port; ``SMTP_URL`` points
  at it for the test.
- ``receiver``: a local HTTP server that records webhook requests and answers
  with the statuses the test queues.
- ``world``: a user, a calendar and helpers over the API.
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import socket
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from huey.consumer import Consumer
from huey.signals import (
    SIGNAL_CANCELED,
    SIGNAL_COMPLETE,
    SIGNAL_ERROR,
    SIGNAL_EXECUTING,
    SIGNAL_INTERRUPTED,
    SIGNAL_LOCKED,
)

from calapp import queue
from tests.conftest import TEST_REDIS_URL


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def eventually(check, timeout: float = 15.0, interval: float = 0.05):
    """Poll ``check()`` until it returns something truthy; return that."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting; last value {value!r}")
        time.sleep(interval)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the clock -----------------------------------------------------------------------


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, value: datetime) -> datetime:
        self.now = value
        return value

    def advance(self, **delta) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock(monkeypatch):
    # Never before the real time: rows the API writes are stamped with it.
    value = Clock(datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1))
    monkeypatch.setattr(queue, "clock", value)
    return value


# --- the queue and its consumer ------------------------------------------------------


class ThreadConsumer(Consumer):
    """A consumer started from a test: no signal handlers (pytest owns them)."""

    def _set_signal_handlers(self):
        pass


class Worker:
    def __init__(self, app, huey, webhook_huey) -> None:
        self.app = app
        self.huey = huey
        self.webhook_huey = webhook_huey
        self.consumers: list[ThreadConsumer] = []
        self.running = 0  # tasks executing now, in either consumer
        self._running_lock = threading.Lock()
        for h in (huey, webhook_huey):
            h.signal(SIGNAL_EXECUTING)(self._started)
            h.signal(
                SIGNAL_COMPLETE,
                SIGNAL_ERROR,
                SIGNAL_LOCKED,
                SIGNAL_CANCELED,
                SIGNAL_INTERRUPTED,
            )(self._ended)

    def _started(self, signal, task, *args, **kwargs) -> None:
        with self._running_lock:
            self.running += 1

    def _ended(self, signal, task, *args, **kwargs) -> None:
        with self._running_lock:
            self.running -= 1

    def start(self, workers: int = 2, webhook_workers: int = 2) -> None:
        """The reminder consumer and the webhook consumer, as ``make run``."""
        import calapp.worker  # noqa: F401 - as huey_consumer: every task and hook

        self.start_one(self.huey, workers)
        self.start_one(self.webhook_huey, webhook_workers)

    def start_one(self, huey, workers: int) -> ThreadConsumer:
        consumer = ThreadConsumer(
            huey,
            workers=workers,
            worker_type="thread",
            periodic=False,
            initial_delay=0.01,
            max_delay=0.1,
            check_worker_health=False,
        )
        consumer.start()
        self.consumers.append(consumer)
        return consumer

    def stop(self) -> None:
        for consumer in self.consumers:
            consumer.stop(graceful=True)
        self.consumers = []
        for h in (self.huey, self.webhook_huey):
            h.disconnect_signal(self._started)
            h.disconnect_signal(self._ended)

    def run(self, task_wrapper, *args, timeout: float = 30.0) -> str:
        """Enqueue a task for the consumer and wait until it ran; return the
        signal (complete, or locked). A task error fails the test."""
        task, huey = task_wrapper.s(*args), task_wrapper.huey
        done = threading.Event()
        seen = {}

        def on_signal(signal, finished, *extra, **kwargs):
            if finished.id == task.id:
                seen["signal"], seen["extra"] = signal, extra
                done.set()

        huey.signal(SIGNAL_COMPLETE, SIGNAL_ERROR, SIGNAL_LOCKED)(on_signal)
        try:
            huey.enqueue(task)
            assert done.wait(timeout), f"{task.name} did not run in {timeout}s"
        finally:
            huey.disconnect_signal(on_signal)
        assert seen["signal"] != SIGNAL_ERROR, f"{task.name} failed: {seen['extra']}"
        return seen["signal"]

    def sweep(self) -> str:
        from calapp.notifications.tasks import reminder_sweep

        return self.run(reminder_sweep)

    def idle(self, timeout: float = 30.0) -> None:
        """Wait until no delivery is ready, no task runs and the queues are empty
        (twice in a row: a task just taken from a queue has not started yet)."""
        from calapp.delivery.models import Delivery

        def quiet():
            open_rows = self.query(
                lambda db: (
                    db.session.query(Delivery)
                    .filter(
                        Delivery.status.in_(("pending", "sending")),
                        Delivery.next_attempt_at <= queue.clock(),
                    )
                    .count()
                )
            )
            return (
                open_rows == 0
                and self.running == 0
                and not any(h.pending_count() for h in (self.huey, self.webhook_huey))
            )

        def twice():
            if not quiet():
                return False
            time.sleep(0.1)
            return quiet()

        eventually(twice, timeout)

    def query(self, fn):
        from calapp.extensions import db

        with self.app.app_context():
            try:
                return fn(db)
            finally:
                db.session.remove()


@pytest.fixture
def bound_queue(app):
    """The app's queues on the test Redis under names of their own; the main
    one (``queue.huey``) is returned."""
    hueys = queue.huey, queue.webhook_huey
    saved = [(h.name, h.storage) for h in hueys], queue._app, queue._app_pid
    name = f"calapp-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    queue.bind(redis_url=TEST_REDIS_URL, name=name)
    queue.set_app(app)
    yield queue.huey
    for huey, (old_name, old_storage) in zip(hueys, saved[0], strict=True):
        huey.storage.flush_all()
        huey.name, huey.storage = old_name, old_storage
    queue._app, queue._app_pid = saved[1:]


@pytest.fixture
def worker(app, committing_db, bound_queue, clock):
    running = Worker(app, bound_queue, queue.webhook_huey)
    running.start()
    yield running
    running.stop()


def run_outbox(app) -> int:
    """Turn the committed change log into webhook deliveries, in this process and
    on the test's session (what the consumer's ``webhook_outbox`` task does)."""
    from calapp.extensions import db
    from calapp.webhooks import outbox

    with app.app_context():
        created, _ = outbox.process(queue.clock(), 500)
        db.session.commit()
        db.session.remove()
    return created


# --- SMTP ----------------------------------------------------------------------------


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.refuse = False

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "451 Try again later"
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def inbox(app, monkeypatch):
    from aiosmtpd.controller import Controller

    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setitem(app.config, "SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setitem(app.config, "SMTP_FROM", "calapp <calapp@example.com>")
    yield handler
    controller.stop()


def calendar_part(message) -> tuple[str, str]:
    """(method parameter, text) of a message's text/calendar part."""
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return part.get_param("method"), part.get_content()
    raise AssertionError("no text/calendar part")


# --- webhook receiver ----------------------------------------------------------------


class Receiver:
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.statuses: list[int] = []  # answered in order; then 200
        self.lock = threading.Lock()
        self.server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/hook"

    def bodies(self) -> list[dict]:
        return [json.loads(r["body"]) for r in self.requests]


@pytest.fixture
def receiver(app, monkeypatch):
    monkeypatch.setitem(app.config, "WEBHOOK_ALLOW_PRIVATE", True)
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            with state.lock:
                status = state.statuses.pop(0) if state.statuses else 200
                state.requests.append(
                    {"headers": dict(self.headers), "body": body, "status": status}
                )
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.server = server
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


# --- a user, a calendar, events ------------------------------------------------------


class World:
    def __init__(self, app, client, auth, make_user) -> None:
        self.app = app
        self.client = client
        self.auth = auth
        self.make_user = make_user
        self.user = make_user()
        self.headers = auth.jwt(self.user)
        self.calendar = self.post("/calendars", {"name": "Work"})

    def post(self, path, body=None, headers=None, status=201):
        r = self.client.post(path, json=body, headers=headers or self.headers)
        assert r.status_code == status, r.get_json()
        return r.get_json()

    def put(self, path, body, status=200):
        r = self.client.put(path, json=body, headers=self.headers)
        assert r.status_code == status, r.get_json()
        return r.get_json()

    def get(self, path, headers=None, **params):
        r = self.client.get(path, query_string=params, headers=headers or self.headers)
        assert r.status_code == 200, r.get_json()
        return r.get_json()

    def event(self, start: datetime, minutes: int = 30, **fields) -> dict:
        body = {
            "calendar_id": self.calendar["id"],
            "title": fields.pop("title", "Standup"),
            "start_time": iso(start),
            "end_time": iso(start + timedelta(minutes=minutes)),
            **fields,
        }
        return self.post("/events", body)

    def notifications(self, headers=None, **params) -> list[dict]:
        return self.get("/notifications", headers=headers, **params)["items"]


@pytest.fixture
def world(app, client, auth, make_user):
    return World(app, client, auth, make_user)
