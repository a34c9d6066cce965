"""The ``Calapp-Signature`` header: ``t=<unix seconds>,v1=<hex HMAC-SHA256>``.

The HMAC is over ``"<t>.<raw body>"`` with the webhook's secret as the key. A
receiver recomputes it, compares in constant time and refuses a ``t`` too far
from its own clock (a replayed request carries an old ``t``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

HEADER = "Calapp-Signature"
SECRET_PREFIX = "whsec_"  # noqa: S105 - a prefix, not a secret
TOLERANCE_SECONDS = 300


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def header(secret: str, body: bytes, timestamp: int | None = None) -> str:
    t = int(time.time()) if timestamp is None else timestamp
    return f"t={t},v1={signature(secret, t, body)}"


def verify(
    secret: str,
    value: str,
    body: bytes,
    *,
    now: float | None = None,
    tolerance: int = TOLERANCE_SECONDS,
) -> bool:
    """What a receiver does: a valid ``v1`` for this body, signed recently."""
    try:
        fields = dict(item.split("=", 1) for item in value.split(","))
        t = int(fields["t"])
    except (KeyError, ValueError):
        return False
    now = time.time() if now is None else now
    if abs(now - t) > tolerance:
        return False
    return hmac.compare_digest(fields.get("v1", ""), signature(secret, t, body))
