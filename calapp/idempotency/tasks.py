"""The idempotency keys' periodic pruning."""

from __future__ import annotations

import logging

from huey import crontab

from calapp import queue
from calapp.extensions import db
from calapp.idempotency import service
from calapp.queue import huey, with_app_context

log = logging.getLogger("calapp.idempotency")


@huey.periodic_task(crontab(minute="23"), retries=0)
@huey.lock_task("idempotency-keys-prune")
@with_app_context
def prune_idempotency_keys():
    """Hourly: drop the keys (and their answers) older than 24 hours."""
    deleted = service.prune(queue.clock())
    db.session.commit()
    if deleted:
        log.info("pruned %d idempotency keys", deleted)
