"""Receivers that are slow or never finish: each request ends at its total
deadline, reads a bounded answer, and never holds up a reminder."""

from __future__ import annotations

import itertools
import select
import socket
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa

from calapp.webhooks import transport
from tests.reminders.harness import eventually


class SlowServer:
    """A TCP server whose every connection gets ``chunks()`` sent one at a time,
    ``interval`` seconds apart, until the chunks run out (never, for an endless
    iterator) or the client hangs up."""

    def __init__(self, chunks: Callable[[], Iterator[bytes]], interval: float):
        self.chunks, self.interval = chunks, interval
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.connected = 0
        self.open = 0
        self.hung_up = 0  # connections the client closed
        self.threads = [threading.Thread(target=self._accept, daemon=True)]
        self.threads[0].start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/hook"

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            with self.lock:
                self.connected += 1
                self.open += 1
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self.threads.append(thread)
            thread.start()

    def _client_left(self, conn) -> bool:
        readable, _, _ = select.select([conn], [], [], 0)
        return bool(readable) and conn.recv(65536) == b""  # else: request bytes

    def _serve(self, conn) -> None:
        left = False
        with conn:
            for chunk in self.chunks():
                if self.stopping.is_set():
                    break
                try:
                    if self._client_left(conn):
                        left = True
                        break
                    conn.sendall(chunk)
                except OSError:
                    left = True
                    break
                self.stopping.wait(self.interval)
            else:  # the whole answer was sent: wait for the client to hang up
                while not self.stopping.wait(0.05):
                    if self._client_left(conn):
                        left = True
                        break
        with self.lock:
            self.open -= 1
            self.hung_up += left

    def close(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(5)
        self.listener.close()


def drip() -> Iterator[bytes]:
    """A status line, then a header that never ends: one byte at a time."""
    status = b"HTTP/1.1 200 OK\r\nX-Slow: "
    return itertools.chain(
        (status[i : i + 1] for i in range(len(status))), itertools.repeat(b"a")
    )


@pytest.fixture
def slow_server():
    servers: list[SlowServer] = []

    def start(chunks, interval: float) -> SlowServer:
        servers.append(SlowServer(chunks, interval))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def _post_in_background(url: str, timeout: float) -> tuple[threading.Thread, dict]:
    result: dict = {}

    def run():
        result["outcome"] = transport.post(
            url, b"{}", {}, timeout=timeout, allow_private=True
        )

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, result


def test_a_receiver_dripping_one_byte_a_second_is_cut_off_at_the_deadline(
    slow_server,
):
    server = slow_server(drip, interval=1.0)
    thread, result = _post_in_background(server.url, timeout=2)
    # Without a total deadline each byte restarts the socket timeout: this
    # request would never end.
    thread.join(60)
    assert not thread.is_alive(), "the request did not end"
    outcome = result["outcome"]
    assert not outcome.ok and outcome.retryable
    assert outcome.error.startswith("timeout")
    assert outcome.status_code is None
    eventually(lambda: server.hung_up == 1)


def test_a_200_whose_body_drips_counts_as_delivered_at_the_deadline(slow_server):
    def answer():
        yield b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"
        yield from itertools.repeat(b"x")

    server = slow_server(answer, interval=1.0)
    thread, result = _post_in_background(server.url, timeout=2)
    thread.join(60)
    assert not thread.is_alive(), "the request did not end"
    outcome = result["outcome"]
    assert outcome.ok and outcome.status_code == 200
    eventually(lambda: server.hung_up == 1)


def test_an_endless_answer_is_read_only_up_to_the_cap(slow_server):
    """A 200 followed by endless headers, sent as fast as possible: the status
    line counts, reading stops after MAX_RESPONSE_BYTES and the client hangs up
    (http.client alone would read 100 headers, then fail the delivery)."""
    line = b"X-Pad: " + b"a" * 10_000 + b"\r\n"

    def answer():
        yield b"HTTP/1.1 200 OK\r\n"
        yield from itertools.repeat(line)

    server = slow_server(answer, interval=0)
    outcome = transport.post(server.url, b"{}", {}, timeout=10, allow_private=True)
    assert outcome.ok and outcome.status_code == 200
    eventually(lambda: server.hung_up == 1)


def test_reminders_go_out_while_every_webhook_worker_is_held_by_a_dripping_receiver(
    world, worker, clock, inbox, slow_server, app, monkeypatch
):
    """Two consumers as in production: webhook receivers that drip forever hold
    every webhook worker, and another user's reminder still goes out, in-app and
    by email, at the sweep that finds it due."""
    from calapp.delivery.models import Delivery

    monkeypatch.setitem(app.config, "WEBHOOK_ALLOW_PRIVATE", True)
    monkeypatch.setitem(app.config, "WEBHOOK_TIMEOUT_SECONDS", 600)
    servers = [slow_server(drip, interval=1.0) for _ in range(4)]
    for server in servers:
        world.post("/webhooks", {"url": server.url})

    other = world.make_user()
    other_headers = world.auth.jwt(other)
    calendar = world.post("/calendars", {"name": "Home"}, headers=other_headers)
    start = clock.now.replace(second=0) + timedelta(hours=1)
    world.post(
        "/events",
        {
            "calendar_id": calendar["id"],
            "title": "Dentist",
            "start_time": start.isoformat(),
            "end_time": (start + timedelta(minutes=30)).isoformat(),
            "reminders": [10],
        },
        headers=other_headers,
    )
    worker.sweep()  # schedules the reminder

    for i in range(3):  # 12 webhook deliveries, more than the webhook workers
        world.event(clock.now + timedelta(days=1, hours=i))
    eventually(lambda: sum(s.open for s in servers) >= 2)  # both webhook workers

    clock.set(start - timedelta(minutes=10, seconds=-5))  # due 5 s ago
    worker.sweep()
    [note] = eventually(lambda: world.notifications(headers=other_headers))
    assert note["title"] == "Dentist"
    [message] = eventually(lambda: inbox.to(other.email))
    assert message["Subject"].startswith("Reminder: Dentist")

    # ... while the receivers still hold the webhook workers: nothing had to
    # wait for them to finish or time out.
    assert sum(s.open for s in servers) >= 2
    assert sum(s.hung_up for s in servers) == 0
    webhooks = worker.query(
        lambda db: db.session.scalars(
            sa.select(Delivery.status).where(Delivery.channel == "webhook")
        ).all()
    )
    assert len(webhooks) == 12 and "sent" not in webhooks
