"""Rate limits: who a request counts against, and where the counts live.

Buckets (``RATELIMIT_*`` settings, README "Configuration"):

- authenticated routes (``RATELIMIT_DEFAULT``): the *verified* principal, i.e. a
  real, active, unrevoked, unexpired API key, or a valid access token of a live
  session; anything else, a made-up ``X-API-Key`` included, counts against the
  client's IP;
- sign-in and the public booking and feed routes (``RATELIMIT_AUTH``,
  ``RATELIMIT_PUBLIC``): always the client's IP, since they act for nobody; login
  also counts per target email, so rotating addresses does not multiply the
  attempts on one account.

The IP is ``request.remote_addr`` after ProxyFix, i.e. as seen through the
configured number of trusted proxy hops (``TRUSTED_PROXY_HOPS``).

Counts live in Redis with ``REDIS_URL``, otherwise in the app's PostgreSQL
(:class:`PostgresStorage`), so every worker process shares one count.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time

import sqlalchemy as sa
from flask import current_app, g, request
from limits.storage import Storage
from sqlalchemy.exc import SQLAlchemyError

from calapp.credentials import authenticate, presented_credentials
from calapp.errors import AppError
from calapp.extensions import use_limits
from calapp.security import Principal

log = logging.getLogger("calapp")

# flask-limiter writes its Retry-After here; the response hook moves it to
# Retry-After on a 429 only (API.md: Retry-After goes only on 429 and 503).
LIMITER_RETRY_AFTER_HEADER = "X-Calapp-Limiter-Retry-After"


# --- keys ----------------------------------------------------------------------------


def rate_limit_key() -> str:
    """The bucket of an authenticated route: the verified principal, else the IP."""
    principal = verified_principal()
    if principal is None:
        return client_ip_key()
    if principal.api_key_id is not None:
        return f"key:{principal.api_key_id}"
    return f"user:{principal.user_id}"


def client_ip_key() -> str:
    return "ip:" + (request.remote_addr or "unknown")


def login_email_key() -> str:
    """The account a login targets: a digest of its normalised email."""
    digest = hashlib.sha256(_posted_email().encode()).hexdigest()
    return "email:" + digest[:32]


def no_posted_email() -> bool:
    """No usable email in the body: the per-email limit does not apply (a 400).

    Like every function the limiter calls, it never raises: flask-limiter takes
    any exception for a storage outage and counts in memory, per worker.
    """
    return not _posted_email()


def _posted_email() -> str:
    if "_ratelimit_email" not in g:
        try:
            body = request.get_json(silent=True)
        except Exception:  # too large, too deep...: the route answers
            log.debug("no JSON body to key the login limit on", exc_info=True)
            body = None
        email = body.get("email") if isinstance(body, dict) else None
        g._ratelimit_email = email.strip().lower() if isinstance(email, str) else ""
    return g._ratelimit_email


def verified_principal() -> Principal | None:
    """The request's principal if its credentials are valid, else ``None``.

    Shares ``authenticate``'s per-request cache (success and failure), so the
    limiter and the route's auth check cost one lookup together. Never raises:
    flask-limiter takes an exception in a key function for a storage outage.
    """
    try:
        if not any(presented_credentials()):
            return None
        return authenticate()
    except AppError:  # invalid, expired, revoked, malformed
        return None
    except Exception:  # the database is down, say: the route's own check reports it
        log.warning("could not verify credentials for rate limiting", exc_info=True)
        _rollback_quietly()
        return None


def _rollback_quietly() -> None:
    """Leave the session usable for the route after a failed lookup."""
    from calapp.extensions import db

    try:
        db.session.rollback()
    except Exception:  # a dead connection: the route will say so
        log.debug("rollback after a failed credential lookup failed", exc_info=True)


def default_limit() -> str:
    """``RATELIMIT_DEFAULT`` of the app serving the request.

    Read per request: flask-limiter fixes a config-given default at the first
    ``init_app``, so every later app (tests, a second ``create_app``) would inherit
    the first app's limit.
    """
    return current_app.config["RATELIMIT_DEFAULT"]


# --- a store every worker shares: PostgreSQL ------------------------------------

POSTGRES_SCHEME = "calapp+postgresql"


def postgres_storage_uri(database_url: str) -> str:
    """The limiter storage URI for the app's database (``DATABASE_URL``)."""
    url = sa.make_url(database_url).set(drivername="postgresql")
    return (
        POSTGRES_SCHEME + url.render_as_string(hide_password=False)[len("postgresql") :]
    )


class PostgresStorage(Storage):
    """Fixed-window counters in an UNLOGGED PostgreSQL table.

    One row per window key; a hit is a single ``INSERT ... ON CONFLICT DO UPDATE
    ... RETURNING``, atomic under PostgreSQL's row lock, so concurrent workers
    (processes or hosts) never lose or double-count a hit. Time is the database
    clock, the one clock every worker shares. UNLOGGED: counters need no crash
    safety, and skipping the WAL keeps a hit cheap. The table belongs to this
    storage (like Redis keys to Redis) and is created on first use.
    """

    STORAGE_SCHEME = [POSTGRES_SCHEME]
    PURGE_EVERY_SECONDS = 60
    MEMO_SECONDS = 1.0

    def __init__(
        self, uri: str, wrap_exceptions: bool = False, **options: float | str | bool
    ) -> None:
        self._url = "postgresql+psycopg2" + uri[len(POSTGRES_SCHEME) :]
        self._connect_timeout = int(options.pop("connect_timeout", 3))
        self._engine: sa.Engine | None = None
        self._engine_pid = 0
        self._ready = False
        self._lock = threading.Lock()
        self._next_purge = 0.0
        self._local = threading.local()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    @property
    def engine(self) -> sa.Engine:
        # One pool per process: connections must never cross a fork. No pre-ping
        # (a round trip per hit): a dropped connection fails one hit, and
        # flask-limiter counts in memory until check() sees the database again.
        if self._engine is None or self._engine_pid != os.getpid():
            with self._lock:
                if self._engine is None or self._engine_pid != os.getpid():
                    self._engine = sa.create_engine(
                        self._url,
                        isolation_level="AUTOCOMMIT",
                        pool_size=2,
                        max_overflow=8,
                        connect_args={
                            "connect_timeout": self._connect_timeout,
                            "options": "-c statement_timeout=5000",
                        },
                    )
                    self._engine_pid = os.getpid()
                    self._ready = False
        return self._engine

    def _ensure_table(self) -> None:
        if self._ready:
            return
        with self.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="READ COMMITTED")
            with conn.begin():
                # Concurrent CREATE ... IF NOT EXISTS can still collide: serialise.
                conn.execute(
                    sa.text("SELECT pg_advisory_xact_lock(hashtext(:t))"),
                    {"t": "rate_limit_counters"},
                )
                conn.execute(
                    sa.text(
                        "CREATE UNLOGGED TABLE IF NOT EXISTS rate_limit_counters ("
                        "key text PRIMARY KEY, hits bigint NOT NULL, "
                        "expires_at double precision NOT NULL)"
                    )
                )
        self._ready = True

    def _fetch(self, statement: str, **params) -> list:
        self._ensure_table()
        with self.engine.connect() as conn:
            return conn.execute(sa.text(statement), params).all()

    def _execute(self, statement: str, **params) -> int:
        self._ensure_table()
        with self.engine.connect() as conn:
            return conn.execute(sa.text(statement), params).rowcount

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        # now() is fixed for the statement, so both CASEs see the same instant.
        rows = self._fetch(
            "INSERT INTO rate_limit_counters AS c (key, hits, expires_at) "
            "VALUES (:key, :amount, extract(epoch FROM now()) + :expiry) "
            "ON CONFLICT (key) DO UPDATE SET "
            "hits = CASE WHEN c.expires_at <= extract(epoch FROM now()) "
            "THEN excluded.hits ELSE c.hits + excluded.hits END, "
            "expires_at = CASE WHEN c.expires_at <= extract(epoch FROM now()) "
            "THEN excluded.expires_at ELSE c.expires_at END "
            "RETURNING hits, expires_at",
            key=key,
            amount=amount,
            expiry=expiry,
        )
        hits, expires_at = int(rows[0][0]), float(rows[0][1])
        self._remember(key, hits, expires_at)
        self._purge_expired()
        return hits

    def get(self, key: str) -> int:
        seen = self._recall(key)
        if seen is not None:
            return seen[0]
        rows = self._fetch(
            "SELECT hits FROM rate_limit_counters "
            "WHERE key = :key AND expires_at > extract(epoch FROM now())",
            key=key,
        )
        return int(rows[0][0]) if rows else 0

    def get_expiry(self, key: str) -> float:
        seen = self._recall(key, consume=True)
        if seen is not None:
            return seen[1]
        rows = self._fetch(
            "SELECT expires_at FROM rate_limit_counters "
            "WHERE key = :key AND expires_at > extract(epoch FROM now())",
            key=key,
        )
        return float(rows[0][0]) if rows else time.time()

    # flask-limiter follows a request's hit with get() and get_expiry() of the same
    # key for the RateLimit-* headers: answer those from the hit's own RETURNING
    # (one query a request instead of three). Per thread, consumed by get_expiry,
    # and never older than MEMO_SECONDS; the limit itself is always decided by
    # incr in the database.

    def _remember(self, key: str, hits: int, expires_at: float) -> None:
        memo = self._local.__dict__.setdefault("memo", {})
        if len(memo) > 16:
            memo.clear()
        memo[key] = (hits, expires_at, time.monotonic())

    def _recall(self, key: str, consume: bool = False) -> tuple | None:
        memo = getattr(self._local, "memo", None)
        seen = (memo.pop(key, None) if consume else memo.get(key)) if memo else None
        if seen is None or time.monotonic() - seen[2] > self.MEMO_SECONDS:
            return None
        return seen if seen[1] > time.time() else None

    def _forget(self) -> None:
        self._local.__dict__.pop("memo", None)

    def check(self) -> bool:
        try:
            self._ready = False  # recreate the table if it went away
            self._fetch("SELECT 1")
        except Exception:  # any failure means "not healthy"
            log.warning(
                "rate-limit storage in PostgreSQL is unreachable", exc_info=True
            )
            return False
        return True

    def reset(self) -> int | None:
        self._forget()
        return self._execute("DELETE FROM rate_limit_counters")

    def clear(self, key: str) -> None:
        self._forget()
        self._execute("DELETE FROM rate_limit_counters WHERE key = :key", key=key)

    def _purge_expired(self) -> None:
        """Drop ended windows now and then (each process, once a minute)."""
        now = time.monotonic()
        if now < self._next_purge:
            return
        self._next_purge = now + self.PURGE_EVERY_SECONDS
        self._execute(
            "DELETE FROM rate_limit_counters "
            "WHERE expires_at <= extract(epoch FROM now())"
        )


use_limits(key=rate_limit_key, default=default_limit)
