"""Principals, scopes, passwords and secret tokens.

Nothing here touches the database: loading a principal from credentials is
``calapp.credentials.authenticate``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass, field
from functools import lru_cache

import bcrypt

from calapp.errors import InsufficientScope, ValidationError

RESOURCES = {
    # Your profile: GET /users/me, /auth/me (read); PUT /users/me name, timezone,
    # default schedule and holiday settings (write). Email, password, API keys and
    # deleting the account need a sign-in.
    "account": ("read", "write"),
    "calendars": ("read", "write"),
    "events": ("read", "write"),
    "contacts": ("read", "write"),
    # Free/busy and slot finding (read); schedules, time off (read, write).
    "availability": ("read", "write"),
    "booking": ("read", "write"),
}
ALL_SCOPES = frozenset(
    f"{res}:{act}" for res, acts in RESOURCES.items() for act in acts
)

API_KEY_PREFIX = "cal_"
PASSWORD_RULE = "must be 10-72 bytes long and contain a letter and a digit"  # noqa: S105


@dataclass(frozen=True)
class Principal:
    """Who is acting: a user through a JWT or an API key, or the system itself."""

    user_id: uuid.UUID | None
    scopes: frozenset[str] = field(default=ALL_SCOPES)
    via: str = "jwt"  # jwt | api_key | system
    api_key_id: uuid.UUID | None = None
    session_id: uuid.UUID | None = None

    @classmethod
    def system(cls) -> Principal:
        return cls(user_id=None, via="system")

    @property
    def is_system(self) -> bool:
        return self.via == "system"

    def has_scope(self, scope: str) -> bool:
        if self.via != "api_key":
            return True
        resource, _, action = scope.partition(":")
        # write implies read on the same resource (API.md §3)
        return scope in self.scopes or (
            action == "read" and f"{resource}:write" in self.scopes
        )

    def require(self, *scopes: str) -> None:
        missing = [s for s in scopes if not self.has_scope(s)]
        if missing:
            raise InsufficientScope(
                f"This API key lacks the scope {', '.join(missing)}",
                details={"required": list(scopes)},
            )


def normalize_scopes(value) -> list[str]:
    """Accept ``["events:read"]`` or the seed's ``{"events": ["read"]}``; return a list.

    :raises ValidationError: on an unknown resource or action.
    """
    if isinstance(value, dict):
        items = [
            f"{res}:{act}"
            for res, acts in value.items()
            for act in (acts if isinstance(acts, list | tuple) else [acts])
        ]
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise ValidationError.field("scopes", "must be a list or an object")
    unknown = [s for s in items if not isinstance(s, str) or s not in ALL_SCOPES]
    if unknown:
        raise ValidationError.field(
            "scopes",
            f"unknown scope(s) {', '.join(map(str, unknown))}; "
            f"valid: {', '.join(sorted(ALL_SCOPES))}",
        )
    if not items:
        raise ValidationError.field("scopes", "at least one scope is required")
    return sorted(set(items))


# --- passwords -----------------------------------------------------------------

_PASSWORD_LETTER = re.compile(r"[^\W\d_]")
_PASSWORD_DIGIT = re.compile(r"\d")


def check_password_rule(password: str) -> None:
    """:raises ValidationError: when the password breaks the documented rule."""
    size = len(password.encode("utf-8"))
    if not (
        10 <= size <= 72
        and _PASSWORD_LETTER.search(password)
        and _PASSWORD_DIGIT.search(password)
    ):
        raise ValidationError.field("password", PASSWORD_RULE)


def hash_password(password: str, rounds: int) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds)).decode()


def verify_password(password: str, password_hash: str | None, rounds: int) -> bool:
    """Constant work whether or not the user exists: a missing hash checks a dummy."""
    candidate = (password_hash or _dummy_hash(rounds)).encode()
    ok = bcrypt.checkpw(password.encode("utf-8")[:72], candidate)
    return ok and password_hash is not None


@lru_cache(maxsize=8)
def _dummy_hash(rounds: int) -> str:
    return hash_password(secrets.token_urlsafe(16), rounds)


# --- opaque tokens ---------------------------------------------------------------


def hash_token(token: str) -> str:
    """SHA-256 of a high-entropy secret; safe to index and look up."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def tokens_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def derived_secret(key: str, purpose: str, ident: uuid.UUID) -> str:
    """A secret that can be written again later from ``key`` (the app's
    SECRET_KEY) and a random id, e.g. in an email sent after the response that
    showed it: HMAC-SHA256, url-safe, as long as ``new_secret(32)``. Store only
    its ``hash_token``."""
    mac = hmac.new(key.encode(), f"{purpose}:{ident}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def new_api_key() -> tuple[str, str, str]:
    """Return ``(key, prefix, key_hash)``; the key is shown once, only the hash kept."""
    key = API_KEY_PREFIX + secrets.token_urlsafe(32)
    return key, key[: len(API_KEY_PREFIX) + 8], hash_token(key)
