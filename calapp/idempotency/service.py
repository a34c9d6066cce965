"""Claim, answer and prune idempotency keys (Stripe's contract).

Plain functions over ``db.session``. ``claim`` runs before the request, in the
request's own transaction: its row commits with what the request does, so a
claim costs one statement and no commit of its own. While that transaction
runs, the claim is held by a transaction-scoped advisory lock on the key,
which a concurrent duplicate tries (never waits for) before it touches the
row: it answers 409 at once instead of queueing behind the unique index.
After the request's commit the row itself (claimed, no answer yet) says the
same until ``store`` (or ``release``) runs. No function here reads
``request``.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, UUID

from calapp.errors import IdempotencyInProgress as InProgress
from calapp.errors import IdempotencyKeyReused as KeyReused
from calapp.extensions import db
from calapp.idempotency.models import IdempotencyKey

# A stored answer is replayed for this long after the first request (Stripe: 24 h).
RETENTION = timedelta(hours=24)


@dataclass(frozen=True)
class Fingerprint:
    """What makes two requests "the same request"."""

    method: str
    path: str  # with the query string
    body_sha256: str


@dataclass(frozen=True)
class Claimed:
    """This request holds the key: run it, then ``store`` or ``release``."""

    scope: str
    key: str
    claim_id: uuid.UUID
    request: Fingerprint


@dataclass(frozen=True)
class Stored:
    """The answer of the first request, to send again."""

    status: int
    headers: list
    body: bytes


# Both statements run on every keyed write: written once, as SQL, since
# building them with the expression language cost more CPU than running them.
_CLAIM = sa.text(
    """
    WITH lock AS (SELECT pg_try_advisory_xact_lock(:lock_key) AS held),
    inserted AS (
        INSERT INTO idempotency_keys
            (scope, key, claim_id, method, path, body_sha256, created_at, locked_at)
        SELECT :scope, :key, CAST(:claim_id AS uuid), :method, :path, :body_sha256,
               now(), now()
        FROM lock WHERE held
        ON CONFLICT (scope, key) DO NOTHING
        RETURNING claim_id
    )
    SELECT held, (SELECT claim_id FROM inserted) FROM lock
    """
).bindparams(sa.bindparam("claim_id", type_=UUID(as_uuid=True)))
_STORE = sa.text(
    """
    INSERT INTO idempotency_keys (scope, key, claim_id, method, path, body_sha256,
                                  created_at, locked_at, status, headers, body)
    VALUES (:scope, :key, CAST(:claim_id AS uuid), :method, :path, :body_sha256,
            now(), NULL, :status, :headers, :body)
    ON CONFLICT (scope, key) DO UPDATE
    SET status = excluded.status, headers = excluded.headers,
        body = excluded.body, locked_at = NULL
    WHERE idempotency_keys.claim_id = excluded.claim_id
    """
).bindparams(
    sa.bindparam("claim_id", type_=UUID(as_uuid=True)),
    sa.bindparam("headers", type_=JSONB),
    sa.bindparam("body", type_=sa.LargeBinary),
)


def _lock_key(scope: str, key: str) -> int:
    """The advisory lock of ``(scope, key)``: 64 bits of a digest (a collision
    of two keys running at the same instant would only make one wait for a
    retry)."""
    digest = hashlib.sha256(f"idempotency|{scope}|{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def claim(
    scope: str, key: str, request: Fingerprint, lock_timeout: timedelta
) -> Claimed | Stored:
    """Claim ``(scope, key)`` for this request, or give back the stored answer.

    One statement in the request's transaction: ``pg_try_advisory_xact_lock``
    on the key, then (only if it was free) ``INSERT ... ON CONFLICT DO
    NOTHING``. Of two concurrent requests exactly one gets the lock; the other
    is told the key is in progress without waiting. A row older than
    ``RETENTION`` (not pruned yet) or a claim whose request has held it longer
    than ``lock_timeout`` (its worker died) is taken over by a conditional
    ``UPDATE``, which again only one request can win.

    :raises KeyReused: the key came first with another method, path or body.
    :raises InProgress: the first request with this key is still running.
    """
    claim_id = uuid.uuid4()
    values = {
        "scope": scope,
        "key": key,
        "claim_id": claim_id,
        "method": request.method,
        "path": request.path,
        "body_sha256": request.body_sha256,
        "created_at": sa.func.now(),
        "locked_at": sa.func.now(),
    }
    held, won = db.session.execute(
        _CLAIM,
        {
            "lock_key": _lock_key(scope, key),
            "scope": scope,
            "key": key,
            "claim_id": claim_id,
            "method": request.method,
            "path": request.path,
            "body_sha256": request.body_sha256,
        },
    ).one()
    if not held:
        raise InProgress(
            "A request with this Idempotency-Key is still running: retry later"
        )
    if won is None:
        return _existing(scope, key, request, values, lock_timeout)
    return Claimed(scope, key, claim_id, request)


def _existing(scope, key, request, values, lock_timeout) -> Claimed | Stored:
    table = IdempotencyKey.__table__
    row = db.session.execute(
        sa.select(
            table,
            (table.c.created_at < sa.func.now() - RETENTION).label("expired"),
            (table.c.locked_at < sa.func.now() - lock_timeout).label("stale"),
        ).where(table.c.scope == scope, table.c.key == key)
    ).first()
    if row is None:  # pruned between the INSERT and this SELECT
        raise InProgress("This Idempotency-Key is being reused: retry the request")
    if row.expired:
        # A new request after 24 hours, whatever it is: it runs again.
        return _take_over(row, values, table.c.created_at == row.created_at)
    if (row.method, row.path, row.body_sha256) != (
        request.method,
        request.path,
        request.body_sha256,
    ):
        raise KeyReused(
            "This Idempotency-Key was first used with another request "
            f"({row.method} {row.path}): use a new key for a new request",
            details={"method": row.method, "path": row.path},
        )
    if row.status is not None:
        return Stored(row.status, row.headers or [], row.body or b"")
    if row.stale:
        # The first request's worker died before answering: this retry runs.
        return _take_over(
            row,
            {**values, "created_at": row.created_at},
            table.c.claim_id == row.claim_id,
            table.c.status.is_(None),
        )
    raise InProgress(
        "A request with this Idempotency-Key is still running: retry later"
    )


def _take_over(row, values, *still_same) -> Claimed:
    table = IdempotencyKey.__table__
    won = db.session.execute(
        sa.update(table)
        .where(table.c.scope == row.scope, table.c.key == row.key, *still_same)
        .values(**values, status=None, headers=None, body=None)
        .returning(table.c.claim_id)
    ).first()
    if won is None:
        raise InProgress("A request with this Idempotency-Key is still running")
    request = Fingerprint(values["method"], values["path"], values["body_sha256"])
    return Claimed(row.scope, row.key, values["claim_id"], request)


def store(claimed: Claimed, status: int, headers: list, body: bytes) -> None:
    """Keep the answer of the claimed request (after it committed) for replays.

    The claim committed with the request, or (a request that wrote nothing
    and rolled back) went with it: then the answer is inserted, unless
    another request has claimed the key since.
    """
    db.session.execute(
        _STORE,
        {
            "scope": claimed.scope,
            "key": claimed.key,
            "claim_id": claimed.claim_id,
            "method": claimed.request.method,
            "path": claimed.request.path,
            "body_sha256": claimed.request.body_sha256,
            "status": status,
            "headers": headers,
            "body": body,
        },
    )


def release(claimed: Claimed) -> None:
    """Free the key of a request whose answer is not kept: a retry runs again."""
    table = IdempotencyKey.__table__
    db.session.execute(
        sa.delete(table).where(
            table.c.scope == claimed.scope,
            table.c.key == claimed.key,
            table.c.claim_id == claimed.claim_id,
            table.c.status.is_(None),
        )
    )


def prune(now: datetime) -> int:
    """Delete the keys older than ``RETENTION``; the number deleted."""
    table = IdempotencyKey.__table__
    result = db.session.execute(
        sa.delete(table).where(table.c.created_at < now - RETENTION)
    )
    return result.rowcount
