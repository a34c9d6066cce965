"""The hourly purge of expired sign-in states, one-time login codes and the ID
tokens of ended sessions."""

from __future__ import annotations

import logging

from huey import crontab

from calapp import queue
from calapp.extensions import db
from calapp.oidc import service, sign_out
from calapp.queue import huey, with_app_context

log = logging.getLogger("calapp.oidc")


@huey.periodic_task(crontab(minute="17"), retries=0)
@huey.lock_task("oidc-purge")
@with_app_context
def purge_oidc_logins() -> dict[str, int]:
    """Hourly: delete the sign-in states (OIDC_STATE_SECONDS) and the one-time
    codes (OIDC_EXCHANGE_CODE_SECONDS) that have expired, used or not, and the
    ID tokens kept for sign-out of sessions that have ended."""
    now = queue.clock()
    counts = service.purge_expired(now)
    counts["ended_sessions"] = sign_out.purge_ended_sessions(now)
    db.session.commit()
    if any(counts.values()):
        log.info("purged expired OIDC sign-ins: %s", counts)
    return counts
