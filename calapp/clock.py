"""The time: UTC, aware. Services and tasks read it through their own clocks
(``users.service.now``, ``queue.clock``) so tests can move it."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
