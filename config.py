"""Configuration from environment variables.

Every setting has a documented default (README, "Configuration"). Outside development
and testing the service refuses to start without a real ``JWT_SECRET_KEY``.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from collections.abc import Mapping
from pathlib import Path

ENVIRONMENTS = ("production", "development", "testing")
# Values people copy from examples; never acceptable outside development.
WEAK_SECRETS = {"", "change-me", "changeme", "secret", "dev", "development", "test"}
MIN_SECRET_LENGTH = 32


class ConfigError(RuntimeError):
    """The environment does not describe a service that may start."""


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from exc


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, got {raw!r}")


def _list(env: Mapping[str, str], name: str) -> list[str]:
    return [item.strip() for item in env.get(name, "").split(",") if item.strip()]


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _durations(env: Mapping[str, str], name: str, default: str) -> list[int]:
    """``1m,5m,30m,2h,6h`` (or plain seconds) as a list of seconds."""
    raw = env.get(name, "").strip() or default
    out = []
    for item in (part.strip().lower() for part in raw.split(",")):
        number, unit = (item[:-1], item[-1]) if item[-1:] in _UNITS else (item, "s")
        if not number.isdigit() or int(number) <= 0:
            raise ConfigError(f"{name} must be a list like 1m,5m,30m,2h; got {raw!r}")
        out.append(int(number) * _UNITS[unit])
    return out


def _dev_secret(instance_path: Path) -> str:
    """A random secret kept under instance/, so development tokens survive restarts.

    Created with O_EXCL: two processes starting at once agree on one secret.
    """
    path = instance_path / "dev-jwt-secret"
    instance_path.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # the other process may still be writing it
            value = path.read_text().strip()
            if value:
                return value
            time.sleep(0.01)
        raise ConfigError(f"{path} is empty: delete it and start again") from None
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def _connections_key(env: Mapping[str, str], calapp_env: str) -> str | None:
    """The key that seals connected accounts' passwords; None: derived from the
    server secret in development and testing, refused in production."""
    key = env.get("CONNECTIONS_ENCRYPTION_KEY", "").strip()
    if key and len(key) < MIN_SECRET_LENGTH:
        raise ConfigError(
            f"CONNECTIONS_ENCRYPTION_KEY must be at least {MIN_SECRET_LENGTH} "
            "characters (e.g. `python -c 'import secrets; "
            "print(secrets.token_urlsafe(48))'`)"
        )
    return key or None


def load_config(
    env: Mapping[str, str] | None = None, instance_path: str | Path = "instance"
) -> dict:
    """Build the Flask config mapping from ``env`` (default: ``os.environ``)."""
    env = os.environ if env is None else env
    instance_path = Path(instance_path)
    calapp_env = env.get("CALAPP_ENV", "production").strip().lower()
    if calapp_env not in ENVIRONMENTS:
        raise ConfigError(f"CALAPP_ENV must be one of {', '.join(ENVIRONMENTS)}")

    secret = env.get("JWT_SECRET_KEY", "").strip()
    if secret.lower() in WEAK_SECRETS or len(secret) < MIN_SECRET_LENGTH:
        if calapp_env == "production":
            raise ConfigError(
                "JWT_SECRET_KEY is missing, a known default or shorter than "
                f"{MIN_SECRET_LENGTH} characters; set a random secret "
                "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`)"
                " or CALAPP_ENV=development"
            )
        secret = (
            secret if len(secret) >= MIN_SECRET_LENGTH else _dev_secret(instance_path)
        )

    redis_url = env.get("REDIS_URL", "").strip() or None
    return {
        "CALAPP_ENV": calapp_env,
        "TESTING": calapp_env == "testing",
        "DATABASE_URL": env.get("DATABASE_URL", "").strip() or None,
        "REDIS_URL": redis_url,
        "SECRET_KEY": secret,
        "JWT_SECRET_KEY": secret,
        "JWT_ALGORITHM": "HS256",
        "JWT_DECODE_ALGORITHMS": ["HS256"],
        "ACCESS_TOKEN_MINUTES": _int(env, "ACCESS_TOKEN_MINUTES", 15),
        "REFRESH_TOKEN_DAYS": _int(env, "REFRESH_TOKEN_DAYS", 30),
        "BCRYPT_ROUNDS": _int(env, "BCRYPT_ROUNDS", 12),
        "RATELIMIT_ENABLED": _bool(env, "RATELIMIT_ENABLED", True),
        "RATELIMIT_DEFAULT": env.get("RATELIMIT_DEFAULT", "600 per minute"),
        "RATELIMIT_AUTH": env.get("RATELIMIT_AUTH", "10 per minute"),
        "RATELIMIT_PUBLIC": env.get("RATELIMIT_PUBLIC", "60 per minute"),
        "TRUSTED_PROXY_HOPS": _int(env, "TRUSTED_PROXY_HOPS", 0),
        "PORT": _int(env, "PORT", 3019),
        "MAX_CONTENT_LENGTH": _int(env, "MAX_BODY_BYTES", 1024 * 1024),
        "CORS_ORIGINS": _list(env, "CORS_ORIGINS"),
        "LOG_LEVEL": env.get("LOG_LEVEL", "INFO").upper(),
        "PUBLIC_BASE_URL": env.get("PUBLIC_BASE_URL", "").rstrip("/") or None,
        "AUTO_MIGRATE": _bool(env, "AUTO_MIGRATE", True),
        "BOOKING_HOLD_MINUTES": _int(env, "BOOKING_HOLD_MINUTES", 5),
        "BOOKING_MAX_HOLDS_PER_CLIENT": _int(env, "BOOKING_MAX_HOLDS_PER_CLIENT", 3),
        "BOOKING_HOLD_SHARE_PERCENT": _int(env, "BOOKING_HOLD_SHARE_PERCENT", 25),
        "ICS_MAX_BYTES": _int(env, "ICS_MAX_BYTES", 10 * 1024 * 1024),
        # CalDAV/CardDAV (README "Connect your phone / Thunderbird").
        "DAV_MAX_RESOURCE_BYTES": _int(env, "DAV_MAX_RESOURCE_BYTES", 512 * 1024),
        "DAV_MAX_EXPAND_OCCURRENCES": _int(env, "DAV_MAX_EXPAND_OCCURRENCES", 10_000),
        "DAV_PASSWORD_CACHE_SECONDS": _int(env, "DAV_PASSWORD_CACHE_SECONDS", 300),
        # The change log behind sync tokens and push (README "Staying in sync").
        "SYNC_RETENTION_DAYS": _int(env, "SYNC_RETENTION_DAYS", 30),
        # Idempotency-Key (README "Safe retries"): longer than any request runs.
        "IDEMPOTENCY_LOCK_SECONDS": _int(env, "IDEMPOTENCY_LOCK_SECONDS", 60),
        # Live push (README "Live updates"); the stream process sets STREAM_PROCESS.
        "STREAM_TICKET_SECONDS": _int(env, "STREAM_TICKET_SECONDS", 60),
        "STREAM_HEARTBEAT_SECONDS": _int(env, "STREAM_HEARTBEAT_SECONDS", 15),
        "STREAM_POLL_SECONDS": _int(env, "STREAM_POLL_SECONDS", 2),
        "STREAM_LIVENESS_SECONDS": _int(env, "STREAM_LIVENESS_SECONDS", 5),
        "STREAM_QUEUE_LIMIT": _int(env, "STREAM_QUEUE_LIMIT", 10000),
        "STREAM_WS_RESUME_WAIT_SECONDS": _int(env, "STREAM_WS_RESUME_WAIT_SECONDS", 2),
        # Reminders, email and webhooks (README "Reminders and notifications").
        "HUEY_NAME": env.get("HUEY_NAME", "").strip() or "calapp",
        "SMTP_URL": env.get("SMTP_URL", "").strip() or None,
        "SMTP_FROM": env.get("SMTP_FROM", "").strip() or "calapp <calapp@localhost>",
        "SMTP_TIMEOUT_SECONDS": _int(env, "SMTP_TIMEOUT_SECONDS", 30),
        "REMINDER_CATCHUP_HORIZON_MINUTES": _int(
            env, "REMINDER_CATCHUP_HORIZON_MINUTES", 60
        ),
        "REMINDER_LATE_AFTER_SECONDS": _int(env, "REMINDER_LATE_AFTER_SECONDS", 120),
        "REMINDER_LOOKAHEAD_DAYS": _int(env, "REMINDER_LOOKAHEAD_DAYS", 30),
        "REMINDER_SWEEP_BATCH": _int(env, "REMINDER_SWEEP_BATCH", 2000),
        "DELIVERY_BATCH": _int(env, "DELIVERY_BATCH", 2000),
        "DELIVERY_RETRY_SCHEDULE": _durations(
            env, "DELIVERY_RETRY_SCHEDULE", "1m,5m,30m,2h,6h"
        ),
        "DELIVERY_LEASE_SECONDS": _int(env, "DELIVERY_LEASE_SECONDS", 300),
        "WEBHOOK_ALLOW_PRIVATE": _bool(env, "WEBHOOK_ALLOW_PRIVATE", False),
        "WEBHOOK_TIMEOUT_SECONDS": _int(env, "WEBHOOK_TIMEOUT_SECONDS", 10),
        # External calendars (README "Connect your other calendars").
        "CONNECTIONS_ENCRYPTION_KEY": _connections_key(env, calapp_env),
        "CONNECTIONS_ALLOW_PRIVATE_TARGETS": _bool(
            env, "CONNECTIONS_ALLOW_PRIVATE_TARGETS", False
        ),
        "CONNECTIONS_TIMEOUT_SECONDS": _int(env, "CONNECTIONS_TIMEOUT_SECONDS", 30),
        "CONNECTIONS_MAX_BYTES": _int(env, "CONNECTIONS_MAX_BYTES", 20 * 1024 * 1024),
        "CONNECTIONS_SYNC_MINUTES": _int(env, "CONNECTIONS_SYNC_MINUTES", 15),
        "CONNECTIONS_FAILING_AFTER": _int(env, "CONNECTIONS_FAILING_AFTER", 3),
        # The mail provider's bounce webhook (README "Invitation delivery");
        # unset: POST /mail/bounces refuses every call.
        "MAIL_WEBHOOK_SECRET": env.get("MAIL_WEBHOOK_SECRET", "").strip() or None,
        # Attachment files (README "Attachments"): S3 when S3_ENDPOINT_URL and
        # S3_BUCKET are set, else a directory.
        "ATTACHMENT_DIR": env.get("ATTACHMENT_DIR", "").strip()
        or str(instance_path / "attachments"),
        "ATTACHMENT_MAX_BYTES": _int(env, "ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024),
        "ATTACHMENT_QUOTA_BYTES": _int(env, "ATTACHMENT_QUOTA_BYTES", 1024**3),
        "ATTACHMENT_RETENTION_DAYS": _int(env, "ATTACHMENT_RETENTION_DAYS", 30),
        "ATTACHMENT_URL_SECONDS": _int(env, "ATTACHMENT_URL_SECONDS", 300),
        "ATTACHMENT_LINK_SECONDS": _int(env, "ATTACHMENT_LINK_SECONDS", 7 * 86400),
        "S3_ENDPOINT_URL": env.get("S3_ENDPOINT_URL", "").strip() or None,
        "S3_BUCKET": env.get("S3_BUCKET", "").strip() or None,
        "S3_ACCESS_KEY_ID": env.get("S3_ACCESS_KEY_ID", "").strip()
        or env.get("AWS_ACCESS_KEY_ID", "").strip()
        or None,
        "S3_SECRET_ACCESS_KEY": env.get("S3_SECRET_ACCESS_KEY", "").strip()
        or env.get("AWS_SECRET_ACCESS_KEY", "").strip()
        or None,
        "S3_REGION": env.get("S3_REGION", "").strip() or "us-east-1",
        "S3_PREFIX": env.get("S3_PREFIX", "").strip(),
        # Sign in with OpenID Connect (README "Sign in with OpenID Connect").
        **_oidc(env),
    }


# Sign in with OpenID Connect. One variable names the providers, then each has
# its own, NAME being the provider's name upper-cased with "-" as "_":
#
#   OIDC_PROVIDERS=google,corp
#   OIDC_GOOGLE_CLIENT_ID=1234.apps.googleusercontent.com
#   OIDC_GOOGLE_CLIENT_SECRET=...              (secrets: the environment only)
#   OIDC_CORP_ISSUER=https://sso.example.com/realms/staff   (discovery from here)
#   OIDC_CORP_CLIENT_ID=calapp
#   OIDC_CORP_CLIENT_SECRET=...
#   OIDC_CORP_SCOPES=openid email profile      (default; "openid" always added)
#   OIDC_CORP_DISPLAY_NAME=Example SSO         (default: the name)
#   OIDC_REDIRECT_ALLOWLIST=https://app.example.com/signed-in,com.example.app:/cb
#
# Well-known issuers, so ``OIDC_<NAME>_ISSUER`` may be left out for them.
OIDC_KNOWN_ISSUERS = {
    "google": "https://accounts.google.com",
    "microsoft": "https://login.microsoftonline.com/common/v2.0",
}
OIDC_DISPLAY_NAMES = {"google": "Google", "microsoft": "Microsoft"}
_OIDC_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


def _oidc_provider(env: Mapping[str, str], name: str) -> dict:
    """One provider of ``OIDC_PROVIDERS``: ``OIDC_<NAME>_ISSUER``, ``_CLIENT_ID``,
    ``_CLIENT_SECRET`` (required), ``_SCOPES`` and ``_DISPLAY_NAME`` (optional)."""
    prefix = "OIDC_" + name.upper().replace("-", "_") + "_"
    issuer = env.get(prefix + "ISSUER", "").strip() or OIDC_KNOWN_ISSUERS.get(name)
    client_id = env.get(prefix + "CLIENT_ID", "").strip()
    client_secret = env.get(prefix + "CLIENT_SECRET", "").strip()
    missing = [
        prefix + key
        for key, value in (
            ("ISSUER", issuer),
            ("CLIENT_ID", client_id),
            ("CLIENT_SECRET", client_secret),
        )
        if not value
    ]
    if missing:
        raise ConfigError(f"OIDC provider {name!r} needs {', '.join(missing)}")
    scopes = env.get(prefix + "SCOPES", "").replace(",", " ").split()
    if "openid" not in scopes:
        scopes = ["openid", *(scopes or ["email", "profile"])]
    return {
        "name": name,
        "display_name": env.get(prefix + "DISPLAY_NAME", "").strip()
        or OIDC_DISPLAY_NAMES.get(name, name),
        "issuer": issuer.rstrip("/"),
        "client_id": client_id,
        "client_secret": client_secret,
        "scopes": scopes,
    }


def _oidc(env: Mapping[str, str]) -> dict:
    names = [name.lower() for name in _list(env, "OIDC_PROVIDERS")]
    for name in names:
        if not _OIDC_NAME.match(name):
            raise ConfigError(
                f"OIDC_PROVIDERS: {name!r} is not a provider name "
                "(a-z, digits, - and _, at most 32 characters)"
            )
    return {
        "OIDC_PROVIDERS": {name: _oidc_provider(env, name) for name in names},
        # Where the client app may be sent back to after sign-in: exact URLs, or
        # a prefix ending in "*" (https://app.example.com/auth/*).
        "OIDC_REDIRECT_ALLOWLIST": _list(env, "OIDC_REDIRECT_ALLOWLIST"),
        # calapp's own public URL for the providers' callback; else the request's.
        "OIDC_CALLBACK_BASE_URL": env.get("OIDC_CALLBACK_BASE_URL", "")
        .strip()
        .rstrip("/")
        or None,
        "OIDC_HTTP_TIMEOUT_SECONDS": _int(env, "OIDC_HTTP_TIMEOUT_SECONDS", 5),
        "OIDC_DISCOVERY_CACHE_SECONDS": _int(env, "OIDC_DISCOVERY_CACHE_SECONDS", 3600),
        "OIDC_STATE_SECONDS": _int(env, "OIDC_STATE_SECONDS", 600),
        "OIDC_EXCHANGE_CODE_SECONDS": _int(env, "OIDC_EXCHANGE_CODE_SECONDS", 60),
        "OIDC_CLOCK_SKEW_SECONDS": _int(env, "OIDC_CLOCK_SKEW_SECONDS", 60),
    }
