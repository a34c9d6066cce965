"""The webhook outbox and drain.

The outbox (``webhook_outbox``, on the job queue ``queue.huey``) turns committed
change-log entries into webhook deliveries (``webhooks.outbox``). The drain:
signed POSTs of ready webhook deliveries, on the webhook queue
(``queue.webhook_huey``), which a consumer of its own runs: a receiver
that is slow or never answers holds a webhook worker for at most
``WEBHOOK_TIMEOUT_SECONDS``, and never a worker that sends reminders."""

from __future__ import annotations

import threading

from flask import current_app
from huey import crontab

from calapp import queue
from calapp.changes.wake import Waker
from calapp.delivery.drain import WEBHOOK_BATCH, drain
from calapp.extensions import db
from calapp.queue import huey, task_app, webhook_huey, with_app_context
from calapp.webhooks import outbox, service


@queue.drains("webhook")
@webhook_huey.task(retries=0)
@with_app_context
def deliver_webhooks():
    """POST up to WEBHOOK_BATCH ready webhook deliveries, one by one."""
    config = current_app.config
    drain(
        "webhook",
        lambda row, now: service.prepare(row),
        lambda request: service.transmit(
            request,
            timeout=config["WEBHOOK_TIMEOUT_SECONDS"],
            allow_private=config["WEBHOOK_ALLOW_PRIVATE"],
        ),
    )


# Entries read per transaction by the outbox.
OUTBOX_BATCH = 500


@huey.periodic_task(crontab(), retries=0)
@with_app_context
def webhook_outbox():
    """Turn committed change-log entries into webhook deliveries. Enqueued after
    every burst of commits that wrote the log (``listen_for_changes``), and every
    minute (catching up after a
    consumer was stopped); one reader at a time (the cursor row is locked)."""
    while True:
        created, more = outbox.process(queue.clock(), OUTBOX_BATCH)
        db.session.commit()
        if created:
            # One wake-up may cover many commits: enough drains to spread the
            # receivers over the webhook workers, as the sweep does.
            queue.enqueue_drains({"webhook": created}, WEBHOOK_BATCH)
        if not more:
            return


@huey.on_startup()
def catch_up_webhooks() -> None:
    """On consumer start: read what was committed while no consumer ran."""
    webhook_outbox()


# One listener per consumer process, shared by its worker threads.
_waker: Waker | None = None
_waker_lock = threading.Lock()


@huey.on_startup()
def listen_for_changes() -> None:
    """Enqueue the outbox when commits write the log: PostgreSQL notifications
    (``calapp.changes.wake``), so that writers do no queue round trip."""
    global _waker
    url = task_app().config["DATABASE_URL"]
    with _waker_lock:
        if _waker is None or (not _waker.running and _waker.database_url != url):
            _waker = Waker(url, webhook_outbox)
        waker = _waker
    waker.retain()


@huey.on_shutdown()
def stop_listening() -> None:
    if _waker is not None:
        _waker.release()
