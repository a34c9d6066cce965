"""The change log's periodic pruning."""

from __future__ import annotations

import logging

from flask import current_app
from huey import crontab

from calapp import queue
from calapp.changes import service
from calapp.extensions import db
from calapp.queue import huey, with_app_context

log = logging.getLogger("calapp.changes")


@huey.periodic_task(crontab(minute="17"), retries=0)
@huey.lock_task("change-log-prune")
@with_app_context
def prune_change_log():
    """Hourly: drop entries older than ``SYNC_RETENTION_DAYS``."""
    deleted = service.prune(queue.clock(), current_app.config["SYNC_RETENTION_DAYS"])
    db.session.commit()
    if deleted:
        log.info("pruned %d change log entries", deleted)
