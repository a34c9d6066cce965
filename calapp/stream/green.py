"""PostgreSQL under gevent: cooperative waits.

psycopg2 blocks in C unless told how to wait; ``make_psycopg_green`` installs the
wait callback from psycopg2's documentation, using gevent's ``wait_read`` /
``wait_write``, so a query in one greenlet never stalls the thousand others
(the LISTEN connection of ``calapp.changes.wake`` included).
"""

from __future__ import annotations

import psycopg2
from gevent.socket import wait_read, wait_write
from psycopg2 import extensions


def _gevent_wait(conn, timeout=None) -> None:
    while True:
        state = conn.poll()
        if state == extensions.POLL_OK:
            return
        if state == extensions.POLL_READ:
            wait_read(conn.fileno(), timeout=timeout)
        elif state == extensions.POLL_WRITE:
            wait_write(conn.fileno(), timeout=timeout)
        else:
            raise psycopg2.OperationalError(f"bad state from poll: {state}")


def make_psycopg_green() -> None:
    extensions.set_wait_callback(_gevent_wait)
