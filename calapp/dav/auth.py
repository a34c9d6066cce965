"""HTTP Basic for DAV clients: the account's email with an API key (an "app
password", the key's scopes apply) or with the account's password.

Clients send Basic on every request, and a bcrypt check costs ~0.2 s, so:

- a password that checked out is remembered for ``DAV_PASSWORD_CACHE_SECONDS``
  by a keyed digest of (email, password, stored hash) in this process, never
  the password itself; changing the password changes the stored hash and so
  forgets every entry at once;
- checks that do run bcrypt are counted per client IP and per email against
  ``RATELIMIT_AUTH`` (the sign-in limit), so guessing costs the guesser.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time

from flask import current_app, request
from limits import parse_many

from calapp.auth import service as auth_service
from calapp.errors import AppError
from calapp.extensions import limiter
from calapp.ratelimit import client_ip_key
from calapp.security import API_KEY_PREFIX, Principal, verify_password
from calapp.users import service as users_service
from calapp.users.models import User

from .xml import DavError

REALM = 'Basic realm="calapp", charset="UTF-8"'
CACHE_LIMIT = 10_000

_verified: dict[bytes, float] = {}
_lock = threading.Lock()


def unauthorized(message: str) -> DavError:
    return DavError(401, message, headers={"WWW-Authenticate": REALM})


def principal() -> tuple[Principal, User]:
    """The principal of the request's Basic credentials, and its account.

    :raises DavError: 401 (none or wrong), 429 (too many password checks).
    """
    credentials = request.authorization
    if credentials is None or credentials.type != "basic":
        raise unauthorized(
            "Sign in with your email and an API key (app password) or password"
        )
    email = (credentials.username or "").strip()
    secret = credentials.password or ""
    if not email or not secret:
        raise unauthorized("Sign in with your email and an app password")
    if secret.startswith(API_KEY_PREFIX):
        return _by_api_key(email, secret)
    return _by_password(email, secret)


def _by_api_key(email: str, key: str) -> tuple[Principal, User]:
    """The key and its account in one statement: clients send Basic with
    every request, so this is the fixed cost of each of them."""
    try:
        found, user = auth_service.principal_and_user_from_api_key(key)
    except AppError:
        raise unauthorized("Invalid, revoked or expired app password") from None
    if user.email != users_service.normalize_email(email):
        raise unauthorized("This app password belongs to another account")
    return found, user


def _digest(email: str, password: str, password_hash: str) -> bytes:
    key = ("dav-basic:" + current_app.config["SECRET_KEY"]).encode()
    text = "\0".join((email.lower(), password, password_hash)).encode()
    return hmac.new(key, text, hashlib.sha256).digest()


def _remembered(digest: bytes) -> bool:
    expires = _verified.get(digest)
    return expires is not None and expires > time.monotonic()


def _remember(digest: bytes) -> None:
    seconds = current_app.config.get("DAV_PASSWORD_CACHE_SECONDS", 300)
    with _lock:
        if len(_verified) >= CACHE_LIMIT:
            now = time.monotonic()
            for stale in [d for d, t in _verified.items() if t <= now]:
                del _verified[stale]
            if len(_verified) >= CACHE_LIMIT:
                _verified.clear()
        _verified[digest] = time.monotonic() + seconds


def _count_check(email: str) -> None:
    """:raises DavError: 429 beyond ``RATELIMIT_AUTH`` per IP or per email."""
    if not limiter.enabled or not current_app.config.get("RATELIMIT_ENABLED", True):
        return
    email_key = "email:" + hashlib.sha256(email.lower().encode()).hexdigest()[:32]
    for item in parse_many(current_app.config["RATELIMIT_AUTH"]):
        for key in (client_ip_key(), email_key):
            if not limiter.limiter.hit(item, "dav-password", key):
                raise DavError(
                    429,
                    "Too many password checks: use an app password (API key)",
                    headers={"Retry-After": str(item.get_expiry())},
                )


def _by_password(email: str, password: str) -> tuple[Principal, User]:
    user = users_service.find_by_email(email)
    stored = user.password_hash if user is not None else None
    digest = _digest(email, password, stored or "")
    if user is None or not _remembered(digest):
        _count_check(email)
        rounds = current_app.config["BCRYPT_ROUNDS"]
        if not verify_password(password, stored, rounds):
            raise unauthorized("Invalid email or password")
        _remember(digest)
    if not user.can_sign_in:
        raise unauthorized("This account is deactivated")
    return Principal(user_id=user.id, via="password"), user
