"""Tasks of reminders and deliveries. Thin: the rules are in ``sweep``,
``delivery`` (in-app) and ``calapp.delivery`` (the outbox); task bodies only
commit, and read the time from ``queue.clock``."""

from __future__ import annotations

import logging
import smtplib
import time
from collections import Counter
from contextlib import nullcontext
from datetime import timedelta

from flask import current_app
from huey import crontab

from calapp import mail, queue
from calapp.delivery import outbox
from calapp.delivery.drain import drain, enqueue
from calapp.extensions import db
from calapp.notifications import delivery, invitations, sweep
from calapp.queue import huey, with_app_context

log = logging.getLogger("calapp.reminders")

WEBHOOK_WAIT_WARNING = timedelta(minutes=5)


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
        enqueue(totals.deliveries - before)
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
    enqueue(outbox.ready_counts(now, before=now))
    _warn_if_webhooks_wait(now)
    return totals


def _warn_if_webhooks_wait(now) -> None:
    """Webhooks go out from a consumer of their own: say so when it is missing
    or cannot keep up."""
    waiting = outbox.ready_counts(now, before=now - WEBHOOK_WAIT_WARNING)
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


def send_email(mailer, message) -> outbox.Outcome:
    if mailer is None:
        return outbox.Outcome(False, True, error="email is off (SMTP_URL unset)")
    started = time.monotonic()
    try:
        mailer.send(message)
    except (smtplib.SMTPException, OSError) as exc:
        return outbox.Outcome(
            ok=False,
            retryable=mail.is_retryable(exc),
            error=f"{type(exc).__name__}: {exc}",
            duration_ms=int((time.monotonic() - started) * 1000),
        )
    return outbox.Outcome(
        True, False, duration_ms=int((time.monotonic() - started) * 1000)
    )
