"""The webhook outbox and drain.

The outbox (``webhook_outbox``, on the job queue ``queue.huey``) turns committed
change-log entries into webhook deliveries (``webhooks.outbox``). The drain:
signed POSTs of ready webhook deliveries, on the webhook queue
(``queue.webhook_huey``), which a consumer of its own runs: a receiver
that is slow or never answers holds a webhook worker for at most
``WEBHOOK_TIMEOUT_SECONDS``, and never a worker that sends reminders."""

from __future__ import annotations

from flask import current_app
from huey import crontab

from calapp import queue
from calapp.extensions import db
from calapp.notifications.tasks import drain
from calapp.queue import huey, webhook_huey, with_app_context
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


@queue.drains("changes")
@huey.periodic_task(crontab(), retries=0)
@with_app_context
def webhook_outbox():
    """Turn committed change-log entries into webhook deliveries. Woken after
    every commit that wrote the log, and every minute (catching up after a
    consumer was stopped); one reader at a time (the cursor row is locked)."""
    while True:
        created, more = outbox.process(queue.clock(), OUTBOX_BATCH)
        if created:
            queue.enqueue_on_commit("webhook")
        db.session.commit()
        if not more:
            return


@huey.on_startup()
def catch_up_webhooks() -> None:
    """On consumer start: read what was committed while no consumer ran."""
    webhook_outbox()
