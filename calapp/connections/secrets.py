"""Passwords of connected accounts, sealed at rest with AES-GCM.

The key comes from ``CONNECTIONS_ENCRYPTION_KEY`` (any string of at least 32
characters; the AES key is its SHA-256 under a fixed label). In development
and testing a key is derived from the server secret when it is unset; in
production, without it, no CalDAV account can be connected (ICS feeds can).
Each sealed value is bound to its connection's id (the associated data), so a
sealed password copied onto another row does not open.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import uuid

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app

from calapp.errors import ServiceUnavailable

LABEL = b"calapp-connections-v1"


class Unreadable(Exception):
    """Sealed under another key: the password must be entered again."""


def _key() -> bytes:
    configured = current_app.config.get("CONNECTIONS_ENCRYPTION_KEY")
    if configured:
        return hmac.new(configured.encode(), LABEL, hashlib.sha256).digest()
    if current_app.config.get("CALAPP_ENV") in ("development", "testing"):
        secret = current_app.config["SECRET_KEY"].encode()
        return hmac.new(secret, b"dev|" + LABEL, hashlib.sha256).digest()
    raise ServiceUnavailable(
        "Connecting accounts with a password needs CONNECTIONS_ENCRYPTION_KEY "
        "on the server (a random string of 32 characters or more)"
    )


def seal(connection_id: uuid.UUID, password: str) -> bytes:
    """:raises ServiceUnavailable: production without a key."""
    nonce = os.urandom(12)
    sealed = AESGCM(_key()).encrypt(nonce, password.encode(), connection_id.bytes)
    return nonce + sealed


def unseal(connection_id: uuid.UUID, sealed: bytes) -> str:
    """:raises Unreadable: sealed under another key."""
    try:
        data = AESGCM(_key()).decrypt(sealed[:12], sealed[12:], connection_id.bytes)
    except (InvalidTag, ValueError):
        raise Unreadable(
            "the stored password cannot be decrypted with the current "
            "CONNECTIONS_ENCRYPTION_KEY: enter it again (PUT /connections/{id})"
        ) from None
    return data.decode()
