"""The periodic sync of calendar connections, in the job consumer."""

from __future__ import annotations

import logging

from flask import current_app
from huey import crontab

from calapp import queue
from calapp.connections import service, sync
from calapp.extensions import db
from calapp.queue import huey, with_app_context

log = logging.getLogger("calapp.connections")

# Connections synced per run; the next minute's run takes the rest.
BATCH = 50


@huey.periodic_task(crontab(), retries=0)
@huey.lock_task("connections-sync")
@with_app_context
def sync_connections():
    """Every minute: sync the connections whose time has come."""
    run(queue.clock())


def run(now) -> int:
    """Sync each due connection in its own transaction; how many were tried.
    One being synced elsewhere (a manual sync) is left to it."""
    tried = 0
    settings = service.settings(current_app.config)
    for connection_id in sync.due(now, BATCH):
        try:
            sync.run(connection_id, now, settings)
        except sync.Busy:
            db.session.rollback()
            continue
        except Exception:  # one broken connection must not stop the others
            db.session.rollback()
            log.exception("connection %s: the sync failed unexpectedly", connection_id)
            sync.record_failure(
                connection_id, "internal error during the sync", now, settings
            )
        db.session.commit()
        tried += 1
    return tried
