"""The webhook drain: signed POSTs of ready webhook deliveries."""

from __future__ import annotations

from flask import current_app

from calapp import queue
from calapp.notifications.tasks import drain
from calapp.queue import huey, with_app_context
from calapp.webhooks import service


@queue.drains("webhook")
@huey.task(retries=0)
@with_app_context
def deliver_webhooks():
    """POST up to 20 ready webhook deliveries, one by one."""
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
