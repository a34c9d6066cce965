"""Bookings nobody answered: declined by the job consumer once their time runs out."""

from __future__ import annotations

import logging

from huey import crontab

from calapp import queue
from calapp.booking import approvals
from calapp.extensions import db
from calapp.queue import huey, with_app_context

log = logging.getLogger("calapp.booking")

# Bookings declined per run; the next minute's run takes the rest.
BATCH = 200


@huey.periodic_task(crontab(), retries=0)
@huey.lock_task("booking-decline-unanswered")
@with_app_context
def decline_unanswered_bookings():
    """Every minute: decline the pending bookings whose time to answer ran out."""
    run(queue.clock())


def run(now) -> int:
    """Decline the overdue pending bookings at ``now``, each in its own
    transaction (one calendar lock at a time); how many were declined."""
    declined = 0
    for booking_id in approvals.overdue(now, BATCH):
        declined += approvals.decline_unanswered(booking_id, now)
        db.session.commit()
    if declined:
        log.info("declined %d booking(s) not answered in time", declined)
    return declined
