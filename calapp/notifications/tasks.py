"""Tasks of reminders and deliveries. Thin: the rules are in ``sweep`` and
``delivery``; task bodies only commit, and read the time from ``queue.clock``."""

from __future__ import annotations

import logging
import smtplib
import time
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from datetime import timedelta

from flask import current_app
from huey import crontab

from calapp import mail, queue
from calapp.extensions import db
from calapp.notifications import delivery, invitations, sweep
from calapp.queue import huey, with_app_context

log = logging.getLogger("calapp.reminders")

# Email and webhook deliveries claimed by one drain task (sent one by one).
# Webhook batches are small: each request may take WEBHOOK_TIMEOUT_SECONDS, and
# smaller batches spread the receivers over the webhook consumer's workers.
EXTERNAL_BATCH = 20
WEBHOOK_BATCH = 5
CHUNKS = {"email": EXTERNAL_BATCH, "webhook": WEBHOOK_BATCH}
WEBHOOK_WAIT_WARNING = timedelta(minutes=5)


def _chunk(channel: str) -> int:
    return CHUNKS.get(channel) or current_app.config["DELIVERY_BATCH"]


def _enqueue(counts) -> None:
    for channel, count in counts.items():
        if count > 0:
            queue.enqueue_drains({channel: count}, _chunk(channel))


@huey.periodic_task(crontab(), retries=0)
@huey.lock_task("reminder-sweep")
@with_app_context
def reminder_sweep():
    """Every minute: the deliveries of every reminder due since the last sweep."""
    run_sweep(queue.clock())


def run_sweep(now) -> sweep.Totals:
    """One sweep at ``now``, batch by batch (each committed, its deliveries
    enqueued at once, so delivery starts while the sweep goes on)."""
    settings = sweep.Settings.from_config(current_app.config)
    since = sweep.begin(now)
    db.session.commit()
    totals = sweep.Totals()
    while True:
        before = Counter(totals.deliveries)
        handled = sweep.sweep_batch(since, now, settings, totals)
        db.session.commit()
        _enqueue(totals.deliveries - before)
        if not handled:
            break
    sweep.finish(now, totals)
    db.session.commit()
    if totals.skipped:
        log.warning(
            "reminder sweep: %d reminder(s) due more than %s ago skipped "
            "(after an interruption); counted in reminder_sweep_state",
            totals.skipped,
            settings.horizon,
        )
    if totals.fired:
        log.info(
            "reminder sweep at %s: %d due (%d late), deliveries %s",
            now.isoformat(),
            totals.fired,
            totals.late,
            dict(totals.deliveries),
        )
    # Retries whose time has come and deliveries whose worker died (lease over).
    _enqueue(delivery.ready_counts(now, before=now))
    _warn_if_webhooks_wait(now)
    return totals


def _warn_if_webhooks_wait(now) -> None:
    """Webhooks go out from a consumer of their own: say so when it is missing
    or cannot keep up."""
    waiting = delivery.ready_counts(now, before=now - WEBHOOK_WAIT_WARNING)
    if waiting.get("webhook"):
        log.warning(
            "%d webhook deliveries have been ready for over %s: is the webhook "
            "consumer running (huey_consumer calapp.worker.webhook_huey), with "
            "enough workers?",
            waiting["webhook"],
            WEBHOOK_WAIT_WARNING,
        )


@queue.drains("in_app")
@huey.task(retries=0)
@with_app_context
def deliver_in_app():
    """Insert the notifications of up to DELIVERY_BATCH ready deliveries."""
    limit = current_app.config["DELIVERY_BATCH"]
    claimed = delivery.deliver_in_app(queue.clock(), limit)
    db.session.commit()
    if claimed == limit:  # more may be waiting
        deliver_in_app()


@queue.drains("email")
@huey.task(retries=0)
@with_app_context
def deliver_email():
    """Send up to EXTERNAL_BATCH ready emails over one SMTP connection."""
    settings = mail.SmtpSettings.from_config(current_app.config)
    with mail.Mailer(settings) if settings else nullcontext() as mailer:
        drain(
            "email",
            invitations.prepare,
            lambda message: send_email(mailer, message),
        )


def send_email(mailer, message) -> delivery.Outcome:
    if mailer is None:
        return delivery.Outcome(False, True, error="email is off (SMTP_URL unset)")
    started = time.monotonic()
    try:
        mailer.send(message)
    except (smtplib.SMTPException, OSError) as exc:
        return delivery.Outcome(
            ok=False,
            retryable=mail.is_retryable(exc),
            error=f"{type(exc).__name__}: {exc}",
            duration_ms=int((time.monotonic() - started) * 1000),
        )
    return delivery.Outcome(
        True, False, duration_ms=int((time.monotonic() - started) * 1000)
    )


def drain(channel: str, prepare: Callable, transmit: Callable) -> int:
    """Claim ready deliveries of ``channel``, then send them one by one, outside
    any transaction; each result is committed before the next send."""
    config = current_app.config
    schedule = config["DELIVERY_RETRY_SCHEDULE"]
    claims = delivery.claim(
        channel,
        queue.clock(),
        _chunk(channel),
        lease=timedelta(seconds=config["DELIVERY_LEASE_SECONDS"]),
        max_attempts=len(schedule) + 1,
    )
    db.session.commit()
    for claim in claims:
        row = delivery.load(claim)
        job = prepare(row, queue.clock()) if row is not None else None
        if row is not None and job is None:
            delivery.revoke(claim, queue.clock(), "no longer applies")
        db.session.commit()
        if job is None:
            continue
        outcome = transmit(job)
        delivery.record(claim, outcome, queue.clock(), schedule)
        db.session.commit()
    if len(claims) == _chunk(channel):
        queue.drain_task(channel)()
    return len(claims)
