"""The webhook drain: signed POSTs of ready webhook deliveries, on the webhook
queue (``queue.webhook_huey``), which a consumer of its own runs: a receiver
that is slow or never answers holds a webhook worker for at most
``WEBHOOK_TIMEOUT_SECONDS``, and never a worker that sends reminders."""

from __future__ import annotations

from flask import current_app

from calapp import queue
from calapp.notifications.tasks import drain
from calapp.queue import webhook_huey, with_app_context
from calapp.webhooks import service


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
