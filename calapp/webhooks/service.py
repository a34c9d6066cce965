"""Webhooks: a user's endpoints, the events queued for them, and their delivery.

- ``POST /webhooks`` ``{url, secret?, events?}``: http(s) URLs only; private,
  loopback and reserved targets are refused unless ``WEBHOOK_ALLOW_PRIVATE``
  (literal addresses and ``localhost`` at once, names when resolved before each
  request). Without ``secret`` one is generated. The secret is returned once.
- ``event.*`` and ``booking.*`` are made from the change log by the outbox
  (``webhooks.outbox``), for every member of the calendar who reads it (owner,
  editors, viewers; not ``freebusy`` holders); ``reminder.due`` here, for the calendar
  owner's. Each is a delivery of its own with its payload fixed when made.
- Manual redelivery makes a new delivery with the same payload (same event
  ``id``, so receivers can tell it is the same event).
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert

from calapp import queue
from calapp.delivery.models import OPEN_STATUSES, Delivery, DeliveryAttempt
from calapp.delivery.outbox import Outcome
from calapp.errors import Conflict, NotFound, ValidationError
from calapp.extensions import db
from calapp.fields import format_instant
from calapp.pagination import keyset_page
from calapp.reminders import hooks as reminder_hooks
from calapp.security import Principal
from calapp.webhooks import schemas, signing, transport
from calapp.webhooks.models import Webhook, subscribed

MAX_WEBHOOKS_PER_USER = 20


# --- the user's webhooks -------------------------------------------------------------


def create(
    principal: Principal, data: dict, now: datetime, *, allow_private: bool
) -> tuple[Webhook, str]:
    """Register an endpoint; return it and its secret (shown this once).

    :raises ValidationError: a URL that is not a public http(s) target, or the
        limit of webhooks reached.
    """
    problem = transport.registration_problem(data["url"], allow_private)
    if problem:
        raise ValidationError.field("url", problem)
    count = db.session.scalar(
        sa.select(sa.func.count()).where(Webhook.user_id == principal.user_id)
    )
    if count >= MAX_WEBHOOKS_PER_USER:
        raise ValidationError(
            f"You have {count} webhooks: at most {MAX_WEBHOOKS_PER_USER}; delete one",
            details={"url": [f"at most {MAX_WEBHOOKS_PER_USER} webhooks per user"]},
        )
    secret = data.get("secret") or signing.new_secret()
    hook = Webhook(
        id=uuid.uuid4(),
        user_id=principal.user_id,
        url=data["url"],
        secret=secret,
        event_types=sorted(set(data.get("events") or ())),
        is_active=True,
        created_at=now,
        updated_at=now,
    )
    db.session.add(hook)
    db.session.flush()
    return hook, secret


def list_page(principal: Principal, *, limit: int, cursor: str | None):
    return keyset_page(
        sa.select(Webhook).where(Webhook.user_id == principal.user_id),
        keys=[Webhook.created_at, Webhook.id],
        key_of=lambda w: (w.created_at, w.id),
        limit=limit,
        cursor=cursor,
    )


def get(principal: Principal, webhook_id: uuid.UUID) -> Webhook:
    """:raises NotFound: not one of the principal's webhooks."""
    hook = db.session.scalar(
        sa.select(Webhook).where(
            Webhook.id == webhook_id, Webhook.user_id == principal.user_id
        )
    )
    if hook is None:
        raise NotFound("Webhook not found")
    return hook


def delete(principal: Principal, webhook_id: uuid.UUID) -> None:
    """Remove the endpoint with its deliveries (pending ones are never sent)."""
    db.session.delete(get(principal, webhook_id))
    db.session.flush()


def deliveries_page(
    principal: Principal,
    webhook_id: uuid.UUID,
    *,
    limit: int,
    cursor: str | None,
    status: str | None = None,
):
    """The webhook's deliveries, newest first, each with every attempt."""
    hook = get(principal, webhook_id)
    stmt = sa.select(Delivery).where(Delivery.webhook_id == hook.id)
    if status:
        stmt = stmt.where(Delivery.status == status)
    items, next_cursor = keyset_page(
        stmt,
        keys=[Delivery.created_at, Delivery.id],
        key_of=lambda d: (d.created_at, d.id),
        limit=limit,
        cursor=cursor,
        descending=True,
    )
    _attach_attempts(items)
    return items, next_cursor


def _attach_attempts(items: list[Delivery]) -> None:
    attempts: dict[uuid.UUID, list] = {d.id: [] for d in items}
    if items:
        for attempt in db.session.scalars(
            sa.select(DeliveryAttempt)
            .where(DeliveryAttempt.delivery_id.in_(list(attempts)))
            .order_by(DeliveryAttempt.delivery_id, DeliveryAttempt.number)
        ):
            attempts[attempt.delivery_id].append(attempt)
    for item in items:
        item.attempt_log = attempts[item.id]


def redeliver(
    principal: Principal, webhook_id: uuid.UUID, delivery_id: uuid.UUID, now
) -> Delivery:
    """Send a finished delivery's payload again, as a new delivery.

    :raises NotFound: no such delivery of this webhook.
    :raises Conflict: it is still pending or being sent.
    """
    hook = get(principal, webhook_id)
    original = db.session.scalar(
        sa.select(Delivery).where(
            Delivery.id == delivery_id, Delivery.webhook_id == hook.id
        )
    )
    if original is None:
        raise NotFound("Delivery not found")
    if original.status in OPEN_STATUSES:
        raise Conflict(
            "This delivery is still being delivered: wait for its result",
            details={"status": original.status},
        )
    copy = _new_delivery(hook, original.topic, original.payload, now)
    copy.event_id = original.event_id
    copy.redelivery_of = original.id
    db.session.add(copy)
    db.session.flush()
    queue.enqueue_on_commit("webhook")
    _attach_attempts([copy])
    return copy


# --- queueing events -----------------------------------------------------------------


def _new_delivery(hook: Webhook, topic: str, payload: dict, now) -> Delivery:
    return Delivery(
        id=uuid.uuid4(),
        topic=topic,
        channel="webhook",
        recipient=str(hook.id),
        webhook_id=hook.id,
        payload=payload,
        status="pending",
        attempts=0,
        is_late=False,
        next_attempt_at=now,
        created_at=now,
        updated_at=now,
    )


def _payload(event_type: str, data: dict, now: datetime) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "type": event_type,
        "created_at": format_instant(now),
        "data": data,
    }


def subscribers(user_ids: Iterable[uuid.UUID], event_type: str) -> dict:
    """Webhooks receiving ``event_type`` of each of these users."""
    found: dict[uuid.UUID, list[Webhook]] = {}
    for hook in db.session.scalars(
        sa.select(Webhook).where(
            Webhook.user_id.in_(list(user_ids)), subscribed(event_type)
        )
    ):
        found.setdefault(hook.user_id, []).append(hook)
    return found


@reminder_hooks.reminder_due.register
def queue_reminders(fires, events: dict, now: datetime) -> Counter:
    """``reminder.due`` to the webhooks of each event's calendar owner (the
    reminder sweep calls this through ``calapp.reminders.hooks``)."""
    owners = {events[f.event_id].owner_id for f in fires}
    hooks = subscribers(owners, "reminder.due")
    if not hooks:
        return Counter()
    count = 0
    for fire in fires:
        event = events[fire.event_id]
        for hook in hooks.get(event.owner_id, ()):
            count += queue_reminder(hook, fire, event, now)
    return Counter({"webhook": count}) if count else Counter()


def queue_reminder(hook: Webhook, fire, event, now: datetime) -> int:
    """One ``reminder.due`` delivery for a fired reminder (once per webhook)."""
    start = fire.occurrence_start
    data = schemas.ReminderDueDataSchema().dump(
        {
            "reminder": {
                "id": fire.reminder_id,
                "minutes_before": int((start - fire.due_at) / timedelta(minutes=1)),
            },
            "event": {
                "id": event.id,
                "calendar_id": event.calendar_id,
                "series_id": event.id if event.recurrence_rule else event.series_id,
                "title": event.title,
                "location": event.location,
                "timezone": event.timezone,
                "all_day": event.all_day,
                "start_time": start,
                "end_time": start + (event.end_time - event.start_time),
            },
            "occurrence_start": start,
            "due_at": fire.due_at,
            "is_late": fire.is_late,
        }
    )
    values = {
        "id": uuid.uuid4(),
        "topic": "reminder.due",
        "channel": "webhook",
        "recipient": str(hook.id),
        "webhook_id": hook.id,
        "event_id": event.id,
        "reminder_id": fire.reminder_id,
        "occurrence_start": start,
        "due_at": fire.due_at,
        "is_late": fire.is_late,
        "payload": _payload("reminder.due", data, now),
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
        "updated_at": now,
    }
    inserted = db.session.execute(
        pg_insert(Delivery)
        .values(**values)
        .on_conflict_do_nothing(
            index_elements=["reminder_id", "occurrence_start", "channel", "recipient"],
            index_where=sa.text("reminder_id IS NOT NULL"),
        )
        .returning(Delivery.id)
    ).first()
    return int(inserted is not None)


def queue_connection_failing(owner_id: uuid.UUID, connection, now) -> int:
    """``connection.failing`` to the owner's webhooks (when a connection turns
    ``failing``); sent once the transaction commits."""
    hooks = subscribers([owner_id], "connection.failing").get(owner_id, [])
    data = schemas.ConnectionDataSchema().dump({"connection": connection})
    for hook in hooks:
        db.session.add(
            _new_delivery(
                hook,
                "connection.failing",
                _payload("connection.failing", data, now),
                now,
            )
        )
    if hooks:
        db.session.flush()
        queue.enqueue_on_commit("webhook")
    return len(hooks)


# --- sending -------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    delivery_id: uuid.UUID
    event_type: str
    url: str
    secret: str
    body: bytes


def prepare(row: Delivery) -> Request | None:
    """The request for a claimed delivery; None when its webhook is gone."""
    hook = db.session.get(Webhook, row.webhook_id) if row.webhook_id else None
    if hook is None or not hook.is_active:
        return None
    body = json.dumps(row.payload, separators=(",", ":"), ensure_ascii=False)
    return Request(row.id, row.topic, hook.url, hook.secret, body.encode())


def transmit(request: Request, *, timeout: float, allow_private: bool) -> Outcome:
    headers = {
        "Content-Type": "application/json",
        signing.HEADER: signing.header(request.secret, request.body),
        "Calapp-Event": request.event_type,
        "Calapp-Delivery": str(request.delivery_id),
    }
    return transport.post(
        request.url, request.body, headers, timeout=timeout, allow_private=allow_private
    )
