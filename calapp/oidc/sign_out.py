"""Signing out at the provider too (OpenID Connect RP-Initiated Logout 1.0).

A calapp session opened by signing in with a provider keeps the ID token the
provider gave (``OidcSession``); ``sign_out`` ends the calapp session and builds
the provider's logout URL, with that token as ``id_token_hint``, for the client
app to open in the browser.
"""

from __future__ import annotations

import logging
from datetime import datetime
from urllib.parse import urlencode, urlsplit

import sqlalchemy as sa

from calapp.auth import service as auth_service
from calapp.auth.models import AuthSession
from calapp.errors import NotFound, ServiceUnavailable, ValidationError
from calapp.extensions import db
from calapp.oidc import providers
from calapp.oidc.models import OidcSession
from calapp.oidc.service import redirect_allowed
from calapp.security import Principal

log = logging.getLogger("calapp.oidc")


def sign_out(
    principal: Principal,
    post_logout_redirect_uri: str | None,
    client_state: str | None,
    now: datetime,
) -> str | None:
    """End the caller's calapp session; answer the provider's logout URL when the
    session came from a provider that publishes an ``end_session_endpoint``
    (OpenID Connect RP-Initiated Logout 1.0), else None.

    :raises ValidationError: ``post_logout_redirect_uri`` not allowed.
    """
    if post_logout_redirect_uri is not None and not redirect_allowed(
        post_logout_redirect_uri
    ):
        raise ValidationError.field(
            "post_logout_redirect_uri",
            "is not on the allow-list (OIDC_REDIRECT_ALLOWLIST)",
        )
    auth_service.logout(principal, now, None, False)
    row = db.session.get(OidcSession, principal.session_id)
    if row is None:
        return None
    db.session.delete(row)  # the ID token goes with the session
    params = {"post_logout_redirect_uri": post_logout_redirect_uri}
    if post_logout_redirect_uri is not None:
        params["state"] = client_state
    return _end_session_url(row, params)


def _end_session_url(row: OidcSession, params: dict) -> str | None:
    try:
        provider = providers.get(row.provider)
        endpoint = providers.metadata(provider).get("end_session_endpoint")
    except (NotFound, ServiceUnavailable) as exc:
        # No longer configured, or down: calapp's sign-out stands without it.
        log.warning("sign-out at provider %s not offered: %s", row.provider, exc)
        return None
    if not isinstance(endpoint, str):
        return None
    query = {"id_token_hint": row.id_token, "client_id": provider.client_id}
    query.update({k: v for k, v in params.items() if v is not None})
    separator = "&" if urlsplit(endpoint).query else "?"
    return endpoint + separator + urlencode(query)


def purge_ended_sessions(now: datetime) -> int:
    """Delete the ID tokens of sessions revoked or expired (signed out
    everywhere, a password change...): they can no longer sign anyone out."""
    ended = sa.select(AuthSession.id).where(
        sa.or_(AuthSession.revoked_at.is_not(None), AuthSession.expires_at <= now),
        AuthSession.id == OidcSession.session_id,
    )
    return db.session.execute(sa.delete(OidcSession).where(ended.exists())).rowcount
