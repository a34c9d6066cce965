"""The attachments' periodic purge."""

from __future__ import annotations

import logging

from flask import current_app
from huey import crontab

from calapp import queue
from calapp.attachments import purge, service
from calapp.extensions import db
from calapp.queue import huey, with_app_context

log = logging.getLogger("calapp.attachments")


@huey.periodic_task(crontab(minute="41"), retries=0)
@huey.lock_task("attachments-purge")
@with_app_context
def purge_attachments() -> dict[str, int]:
    """Hourly: remove the files of events deleted longer than
    ATTACHMENT_RETENTION_DAYS, stale presigned uploads and orphaned objects."""
    now = queue.clock()
    counts, keys = purge.purge_rows(
        now, current_app.config["ATTACHMENT_RETENTION_DAYS"]
    )
    db.session.commit()
    for key in keys:
        service.remove_object(key)
    counts["orphans"] = purge.purge_orphans(now)
    if any(counts.values()):
        log.info("purged attachments: %s", counts)
    return counts
