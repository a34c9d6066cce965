"""The periodic sync of calendar connections, in the job consumer."""

from __future__ import annotations

import logging
import uuid

from flask import current_app
from huey import crontab

from calapp import queue
from calapp.connections import service, sync
from calapp.extensions import db
from calapp.queue import huey, with_app_context

log = logging.getLogger("calapp.connections")

# Connections synced per run; the next minute's run takes the rest.
BATCH = 50
# Seconds a queued sync waits while another sync of its connection runs.
BUSY_RETRY = 5


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
        if _sync_one(connection_id, now, settings):
            tried += 1
    return tried


@huey.task(retries=0)
@with_app_context
def sync_connection(connection_id: str):
    """One connection's sync, asked for by ``POST /connections/{id}/sync?wait=false``.

    While another sync of it runs, this one waits its turn (``BUSY_RETRY``): a
    sync asked for meanwhile must see what changed since that one began."""
    settings = service.settings(current_app.config)
    if not _sync_one(uuid.UUID(connection_id), queue.clock(), settings):
        sync_connection.schedule((connection_id,), delay=BUSY_RETRY)


def enqueue(connection_id: uuid.UUID) -> None:
    """Queue a sync (after the commit that set ``sync_requested_at``). Should
    the queue be out of reach, the periodic sweep runs it: the request brought
    ``next_sync_at`` forward."""
    try:
        sync_connection(str(connection_id))
    except Exception:
        log.exception("connection %s: could not queue its sync", connection_id)


def _sync_one(connection_id: uuid.UUID, now, settings) -> bool:
    """Sync and commit; False when another sync of it is running."""
    try:
        sync.run(connection_id, now, settings)
    except sync.Busy:
        db.session.rollback()
        return False
    except Exception:  # one broken connection must not stop the others
        db.session.rollback()
        log.exception("connection %s: the sync failed unexpectedly", connection_id)
        sync.record_failure(
            connection_id, "internal error during the sync", now, settings
        )
    db.session.commit()
    return True
