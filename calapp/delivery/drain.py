"""Draining a channel: claim its ready deliveries, send them one by one.

Each channel's drain task (``queue.drains``) calls ``drain`` with how to prepare
a row (``None``: no longer applies) and how to send it (an ``Outcome``). Task
bodies read the time from ``queue.clock``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask import current_app

from calapp import queue
from calapp.delivery import outbox
from calapp.extensions import db

# Email and webhook deliveries claimed by one drain task (sent one by one).
# Webhook batches are small: each request may take WEBHOOK_TIMEOUT_SECONDS, and
# smaller batches spread the receivers over the webhook consumer's workers.
EXTERNAL_BATCH = 20
WEBHOOK_BATCH = 5
CHUNKS = {"email": EXTERNAL_BATCH, "webhook": WEBHOOK_BATCH}


def chunk(channel: str) -> int:
    return CHUNKS.get(channel) or current_app.config["DELIVERY_BATCH"]


def enqueue(counts) -> None:
    for channel, count in counts.items():
        if count > 0:
            queue.enqueue_drains({channel: count}, chunk(channel))


def drain(channel: str, prepare: Callable, transmit: Callable) -> int:
    """Claim ready deliveries of ``channel``, then send them one by one, outside
    any transaction; each result is committed before the next send."""
    config = current_app.config
    schedule = config["DELIVERY_RETRY_SCHEDULE"]
    claims = outbox.claim(
        channel,
        queue.clock(),
        chunk(channel),
        lease=timedelta(seconds=config["DELIVERY_LEASE_SECONDS"]),
        max_attempts=len(schedule) + 1,
    )
    db.session.commit()
    for claim in claims:
        row = outbox.load(claim)
        job = prepare(row, queue.clock()) if row is not None else None
        if row is not None and job is None:
            outbox.revoke(claim, queue.clock(), "no longer applies")
        db.session.commit()
        if job is None:
            continue
        outcome = transmit(job)
        outbox.record(claim, outcome, queue.clock(), schedule)
        db.session.commit()
    if len(claims) == chunk(channel):
        queue.drain_task(channel)()
    return len(claims)
