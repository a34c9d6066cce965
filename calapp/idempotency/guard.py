"""``Idempotency-Key`` on every write of the REST API (Stripe's contract).

``idempotent(view, scope_of)`` wraps a write view (``calapp.api.Blueprint``
wraps every POST, PUT, PATCH and DELETE it registers). With the header, the
first request claims ``(scope, key)`` and runs; ``init_app``'s hook keeps its
answer (status, body, the headers in ``KEPT_HEADERS``) once it has committed; a
retry of the same request gets that answer again with ``Idempotent-Replayed:
true``.

Which answers are kept (as Stripe): every answer of a request that ran, 2xx
and 4xx alike (a 404, a 409 ``slot_unavailable``, a 403 are the request's
result), except:

- 400, 413 and 415: the request was refused before it ran (its body or
  parameters are invalid): nothing happened, so the key stays free for the
  corrected request;
- 429: refused by the rate limit, nothing happened;
- 5xx: the outcome is unknown or transient; the retry runs again.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import os
import re
from collections.abc import Callable
from datetime import timedelta

from apispec import BasePlugin
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import Flask, Response, current_app, g, request

from calapp.credentials import authenticate, presented_credentials
from calapp.errors import Conflict, Unauthorized, ValidationError
from calapp.extensions import db
from calapp.idempotency import service

log = logging.getLogger("calapp.idempotency")

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_KEY_LENGTH = 255
# Visible ASCII, no spaces: a UUID, a ULID, "order-1234". Anything else is a 400.
_KEY = re.compile(rf"[!-~]{{1,{MAX_KEY_LENGTH}}}")
KEY_RULE = f"must be 1-{MAX_KEY_LENGTH} visible ASCII characters (no spaces)"
KEPT_HEADERS = (
    "Content-Type",
    "Location",
    "ETag",
    "Last-Modified",
    "Cache-Control",
    "Pragma",
    "Content-Disposition",
)
NOT_KEPT = frozenset({400, 413, 415, 429})
# Longer than any request may run (gunicorn's worker timeout is 30 s): a claim
# older than this belongs to a request whose worker died, and a retry may run.
DEFAULT_LOCK_SECONDS = 60
_CLAIM = "_idempotency_claim"

Scope = Callable[[], "str | None"]


# --- scopes: who sent the request -------------------------------------------------


def scoped(*parts: str) -> str:
    """The stored scope: a SHA-256 of its parts (fixed length, nothing readable)."""
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def principal_scope() -> str | None:
    """A signed-in request's user and API key or session; an anonymous one's
    client address. ``None`` (no idempotency) when the credentials are invalid:
    the view answers 401 itself."""
    try:
        api_key, token = presented_credentials()
        if not (api_key or token):
            return scoped("client", request.remote_addr or "unknown")
        principal = authenticate()
    except Unauthorized:
        return None
    if principal.via == "api_key":
        return scoped("user", str(principal.user_id), "key", str(principal.api_key_id))
    return scoped("user", str(principal.user_id), "session", str(principal.session_id))


# --- the view wrapper --------------------------------------------------------------


def presented_key() -> str | None:
    """The request's Idempotency-Key, or ``None`` without one.

    :raises ValidationError: a key longer than 255 characters or not visible ASCII.
    """
    key = request.headers.get(HEADER)
    if key is not None and not _KEY.fullmatch(key):
        raise ValidationError(f"{HEADER} {KEY_RULE}", details={HEADER: [KEY_RULE]})
    return key


def idempotent(
    view: Callable, scope_of: Scope = principal_scope, streamed: bool = False
) -> Callable:
    """Run ``view`` at most once per Idempotency-Key of a principal.

    ``streamed``: the view reads its body as a stream (file uploads), so the body
    is never read ahead to be hashed: "the same request" is then the same method,
    path and media type (not the length: a multipart boundary may differ in
    length between a request and its retry).
    """
    if getattr(view, "__idempotent__", False):
        return view

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if request.method not in WRITE_METHODS:
            return view(*args, **kwargs)
        key = presented_key()
        scope = scope_of() if key is not None else None
        if scope is None:
            return view(*args, **kwargs)
        fingerprint = _fingerprint(streamed)
        outcome = service.claim(scope, key, fingerprint, _lock_timeout())
        if isinstance(outcome, service.Stored):
            return _replay(scope, key, outcome)
        g.setdefault(_CLAIM, outcome)
        return view(*args, **kwargs)

    wrapper.__idempotent__ = True
    return wrapper


def _fingerprint(streamed: bool = False) -> service.Fingerprint:
    query = request.query_string.decode("latin-1")
    if streamed:  # the multipart boundary differs between retries: not kept
        shape = f"stream|{request.mimetype}"
        body_sha256 = hashlib.sha256(shape.encode()).hexdigest()
    else:
        # Raises 413 beyond MAX_CONTENT_LENGTH, before anything is claimed.
        body_sha256 = hashlib.sha256(request.get_data(cache=True)).hexdigest()
    return service.Fingerprint(
        method=request.method,
        path=request.path + (f"?{query}" if query else ""),
        body_sha256=body_sha256,
    )


def _lock_timeout() -> timedelta:
    seconds = current_app.config.get("IDEMPOTENCY_LOCK_SECONDS", DEFAULT_LOCK_SECONDS)
    return timedelta(seconds=seconds)


def _replay(scope: str, key: str, stored: service.Stored) -> Response:
    try:
        body = _cipher(scope, key).decrypt(stored.body[:12], stored.body[12:], None)
    except (InvalidTag, ValueError):
        # Sealed under another SECRET_KEY: the answer cannot be read back.
        raise Conflict(
            f"The answer to this {HEADER} can no longer be read: send the "
            "request with a new key"
        ) from None
    response = Response(body, status=stored.status, headers=stored.headers)
    response.headers[REPLAYED_HEADER] = "true"
    return response


# --- the stored answer ---------------------------------------------------------------


def _cipher(scope: str, key: str) -> AESGCM:
    """AES-GCM under a key derived from the server secret and the Idempotency-Key:
    answers carry secrets (a new API key, a booking's manage secret), and a copy
    of the table alone must not reveal them."""
    secret = current_app.config["SECRET_KEY"].encode()
    derived = hmac.new(secret, f"idempotency|{scope}|{key}".encode(), "sha256")
    return AESGCM(derived.digest())


def _seal(claimed: service.Claimed, body: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + _cipher(claimed.scope, claimed.key).encrypt(nonce, body, None)


def _kept(response: Response) -> bool:
    return (
        response.status_code < 500
        and response.status_code not in NOT_KEPT
        and not response.is_streamed
        and not response.direct_passthrough
    )


def _finish(response: Response) -> Response:
    """After the request: keep its answer, or free the key for a retry."""
    claimed = g.pop(_CLAIM, None)
    if claimed is None:
        return response
    try:
        # The request committed what it did; what it left uncommitted (a failed
        # request's flushed rows) must not ride along with the answer.
        db.session.rollback()
        if _kept(response):
            headers = [
                [name, response.headers[name]]
                for name in KEPT_HEADERS
                if name in response.headers
            ]
            body = _seal(claimed, response.get_data())
            service.store(claimed, response.status_code, headers, body)
        else:
            service.release(claimed)
        db.session.commit()
    except Exception:
        # The database went away: the claim lapses after the lock timeout.
        log.warning("could not record the answer of %s", HEADER, exc_info=True)
        db.session.rollback()
    return response


def _abandon(error: BaseException | None) -> None:
    """A request that ended without a response (an error no handler caught)."""
    if g.get(_CLAIM) is not None:
        _finish(Response(status=500))


def init_app(app: Flask) -> None:
    app.after_request(_finish)
    app.teardown_request(_abandon)


# --- OpenAPI -------------------------------------------------------------------------

PARAMETER = {
    "in": "header",
    "name": HEADER,
    "required": False,
    "description": "Makes a retry of this write safe: the first request with a key "
    "runs and its answer is kept for 24 hours; the same request again with the "
    f"same key gets that answer again, with `{REPLAYED_HEADER}: true`. The same key "
    "with another method, path or body is a 422 `idempotency_key_reused`; while "
    "the first request still runs, a 409 `idempotency_in_progress`. Keys are "
    "scoped to the caller. Answers 400, 413, 415, 429 and 5xx are not kept.",
    "schema": {
        "type": "string",
        "minLength": 1,
        "maxLength": MAX_KEY_LENGTH,
        "pattern": "^[!-~]+$",
    },
}
_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
_RESPONSES = {
    "409": "Conflict; or `idempotency_in_progress`: a request with this "
    "Idempotency-Key is still running",
    "422": "`idempotency_key_reused`: this Idempotency-Key came with another request",
}


class IdempotencyDocPlugin(BasePlugin):
    """Documents the header, 409 and 422 on every write operation."""

    def init_spec(self, spec) -> None:
        spec.components.parameter("IdempotencyKey", "header", PARAMETER)

    def operation_helper(self, path=None, operations=None, **kwargs) -> None:
        for method, operation in (operations or {}).items():
            if method.upper() not in WRITE_METHODS:
                continue
            operation.setdefault("parameters", []).append("IdempotencyKey")
            responses = operation.setdefault("responses", {})
            for status, description in _RESPONSES.items():
                if status not in responses and int(status) not in responses:
                    responses[status] = {"description": description, "content": _ERROR}
