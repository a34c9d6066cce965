"""Who sent this request: the credentials it presents, and their check.

``api.auth_required`` and the rate limiter (``calapp.ratelimit``) both ask
``authenticate``; they sit below the packages that keep users, sessions and API
keys. The check itself reads those rows: ``calapp.auth.service`` registers it
(``verifier``) when the app factory imports it.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import g, request

from calapp.errors import Forbidden, Unauthorized
from calapp.security import API_KEY_PREFIX, Principal

_verify: Callable[[], Principal] | None = None


def verifier(fn: Callable[[], Principal]) -> Callable[[], Principal]:
    """Register the check: the current request's principal, or ``Unauthorized``."""
    global _verify
    _verify = fn
    return fn


def presented_credentials() -> tuple[str | None, str | None]:
    """``(api_key, jwt)`` from the request headers; at most one is set."""
    api_key = request.headers.get("X-API-Key")
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise Unauthorized("Authorization header must be 'Bearer <token>'")
        if token.startswith(API_KEY_PREFIX):
            return token, None
        return api_key, token
    return api_key, None


def authenticate(*, allow_api_key: bool = True) -> Principal:
    """Load the principal of the current request (cached for the request).

    The outcome, a failure too, is cached: the rate limiter verifies the
    credentials first (``calapp.ratelimit``), the route's check reuses its answer.

    :raises Unauthorized: no, invalid or expired credentials.
    :raises Forbidden: an API key on an operation reserved to signed-in users.
    """
    principal = g.get("_authenticated")
    if principal is None:
        failure = g.get("_authentication_failure")
        if failure is not None:
            raise failure
        try:
            principal = _verified()
        except Unauthorized as exc:
            g._authentication_failure = exc
            raise
        g._authenticated = principal
    if principal.via == "api_key" and not allow_api_key:
        raise Forbidden(
            "This operation needs a signed-in user; API keys may not use it"
        )
    return principal


def _verified() -> Principal:
    if _verify is None:
        raise RuntimeError(
            "no credential check registered: was the app built by create_app()?"
        )
    return _verify()
