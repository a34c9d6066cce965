"""Waking the log's readers from PostgreSQL notifications.

Every commit that writes the log sends ``pg_notify('calapp_changes', position)``
inside its own transaction (``calapp.changes.log``); PostgreSQL delivers it to
listeners once the commit is visible. Readers LISTEN on that channel:

- the stream process, one connection under gevent (``calapp.stream.hub``);
- a job consumer, one thread (``Waker``) that runs a callback once per burst of
  notifications: the webhook outbox is enqueued from there.

So a write request does nothing for the log's consumers beyond that notify: no
job-queue round trip per commit. A notification only wakes a reader; the log is
the source of truth. One lost while a listener reconnects delays a change and
never loses it: the reader continues from its own cursor, and the webhook outbox
also runs every minute.
"""

from __future__ import annotations

import logging
import select
import threading
from collections.abc import Callable

import psycopg2
from psycopg2 import extensions
from sqlalchemy.engine import make_url

log = logging.getLogger("calapp.changes")

NOTIFY_CHANNEL = "calapp_changes"


def listen(database_url: str, channel: str = NOTIFY_CHANNEL):
    """A dedicated autocommit connection that LISTENs on ``channel``."""
    url = make_url(database_url)
    conn = psycopg2.connect(
        **url.translate_connect_args(username="user", database="dbname"),
        **dict(url.query),
    )
    conn.set_isolation_level(extensions.ISOLATION_LEVEL_AUTOCOMMIT)
    with conn.cursor() as cursor:
        cursor.execute(f'LISTEN "{channel}"')  # a constant, never user input
    return conn


class Waker:
    """A thread that calls ``on_wake`` after commits that wrote the log.

    Notifications that arrive within ``coalesce`` seconds of each other make one
    call: under 50 writes/s that is at most 1/``coalesce`` calls per second, and
    the callback (enqueueing the outbox, which reads every entry after its cursor)
    covers them all, since it runs after those commits. After every (re)connect
    it calls ``on_wake`` once, for what committed while nobody listened.

    Shared by the threads of one process: ``retain`` starts it on first use,
    ``release`` stops it when the last user is gone (each huey worker thread
    retains it on startup and releases it on shutdown).
    """

    def __init__(
        self,
        database_url: str,
        on_wake: Callable[[], object],
        *,
        coalesce: float = 0.05,
        retry: float = 1.0,
    ) -> None:
        self.database_url = database_url
        self.on_wake = on_wake
        self.coalesce = coalesce
        self.retry = retry
        self._users = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def retain(self) -> None:
        with self._lock:
            self._users += 1
            if self._thread is None:
                self._stopping = threading.Event()
                self._thread = threading.Thread(
                    target=self._run,
                    args=(self._stopping,),
                    name="calapp-changes-waker",
                    daemon=True,
                )
                self._thread.start()

    def release(self) -> None:
        with self._lock:
            self._users = max(0, self._users - 1)
            if self._users or self._thread is None:
                return
            thread, self._thread = self._thread, None
            self._stopping.set()
        thread.join(timeout=5)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def _wake(self) -> None:
        try:
            self.on_wake()
        except Exception:  # the minute's run catches up; keep listening
            log.exception("waking the change log's consumers failed")

    def _run(self, stopping: threading.Event) -> None:
        while not stopping.is_set():
            try:
                conn = listen(self.database_url)
            except psycopg2.Error:
                log.warning("cannot LISTEN for changes; retrying", exc_info=True)
                stopping.wait(self.retry)
                continue
            try:
                self._wake()
                self._listen(conn, stopping)
            except (psycopg2.Error, OSError):
                log.warning("lost the LISTEN connection; reconnecting", exc_info=True)
                stopping.wait(self.retry)
            finally:
                conn.close()

    def _listen(self, conn, stopping: threading.Event) -> None:
        while not stopping.is_set():
            readable, _, _ = select.select([conn], [], [], 0.5)
            if not readable:
                continue
            conn.poll()
            if not conn.notifies:
                continue
            # Let the rest of a burst arrive, then wake once for all of it.
            stopping.wait(self.coalesce)
            conn.poll()
            conn.notifies.clear()
            self._wake()
