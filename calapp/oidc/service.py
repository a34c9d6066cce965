"""Sign in with an OpenID provider: the authorization-code flow with PKCE.

1. ``start`` keeps a fresh ``state``, ``nonce`` and PKCE verifier server-side
   (``OidcLoginState``, single use, ``OIDC_STATE_SECONDS``) and gives the
   provider's authorization URL.
2. ``consume_state`` takes the state back at the callback (the caller commits
   at once, so a state never works twice, even when the rest fails);
   ``finish`` exchanges the code, checks the ID token (``tokens``), finds or
   links the account (``accounts``), and either opens a session (the JSON
   answer of /auth/login) or issues a one-time code for the client app's
   ``redirect_uri``, which ``exchange`` trades for the tokens. A session
   opened so keeps the provider's ID token (``OidcSession``) for signing out
   at the provider too (``sign_out``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode, urlsplit

import requests
import sqlalchemy as sa
from authlib.integrations.requests_client import OAuth2Session, OAuthError
from flask import current_app

from calapp.auth import service as auth_service
from calapp.auth.service import TokenPair
from calapp.errors import (
    AppError,
    InvalidCredentials,
    Unauthorized,
    ValidationError,
)
from calapp.extensions import db
from calapp.oidc import accounts, providers, tokens
from calapp.oidc.models import OidcExchangeCode, OidcLoginState, OidcSession
from calapp.oidc.providers import Provider
from calapp.security import hash_token, new_secret
from calapp.users.models import User


class InvalidState(AppError):
    status, code = 400, "invalid_state"


class ProviderRefused(Unauthorized):
    code = "oidc_rejected"


class InvalidLoginCode(Unauthorized):
    code = "invalid_login_code"


@dataclass(frozen=True)
class PendingLogin:
    """A sign-in taken back from its ``OidcLoginState`` (the row is gone)."""

    provider: str
    nonce: str
    code_verifier: str
    redirect_uri: str | None
    client_state: str | None
    link_user_id: uuid.UUID | None


@dataclass
class Redirect:
    """Send the browser to the client app (a one-time code, or an error)."""

    location: str


# --- 1. authorize ---------------------------------------------------------------


def redirect_allowed(uri: str) -> bool:
    """``uri`` is on ``OIDC_REDIRECT_ALLOWLIST``: equal to an entry, or under an
    entry ending in ``/*`` (the prefix keeps its slash, so ``https://app.example
    .com/*`` never lets ``https://app.example.com.evil.test`` in)."""
    if "#" in uri:
        return False
    for entry in current_app.config["OIDC_REDIRECT_ALLOWLIST"]:
        if entry.endswith("/*") and uri.startswith(entry[:-1]):
            return True
        if uri == entry:
            return True
    return False


def _auth_method(document: dict) -> str:
    """HTTP Basic (the default of RFC 6749 §2.3.1), or the form when the provider
    offers only that."""
    offered = document.get("token_endpoint_auth_methods_supported") or []
    if "client_secret_basic" not in offered and "client_secret_post" in offered:
        return "client_secret_post"
    return "client_secret_basic"


def _session(provider: Provider, document: dict, callback_url: str) -> OAuth2Session:
    return OAuth2Session(
        provider.client_id,
        provider.client_secret,
        token_endpoint_auth_method=_auth_method(document),
        scope=" ".join(provider.scopes),
        redirect_uri=callback_url,
        code_challenge_method="S256",
    )


def start(
    name: str,
    redirect_uri: str | None,
    client_state: str | None,
    callback_url: str,
    now: datetime,
    *,
    link_user_id: uuid.UUID | None = None,
) -> str:
    """The provider's authorization URL for a new sign-in, or for linking the
    provider to the account ``link_user_id``.

    :raises NotFound: unknown provider. :raises ValidationError: ``redirect_uri``
        not allowed. :raises ServiceUnavailable: the provider is unreachable.
    """
    provider = providers.get(name)
    if redirect_uri is not None and not redirect_allowed(redirect_uri):
        raise ValidationError.field(
            "redirect_uri", "is not on the allow-list (OIDC_REDIRECT_ALLOWLIST)"
        )
    document = providers.metadata(provider)
    state, nonce, verifier = new_secret(32), new_secret(32), new_secret(48)
    purge_expired(now)
    db.session.add(
        OidcLoginState(
            state_hash=hash_token(state),
            provider=provider.name,
            nonce=nonce,
            code_verifier=verifier,
            redirect_uri=redirect_uri,
            client_state=client_state,
            link_user_id=link_user_id,
            created_at=now,
            expires_at=now
            + timedelta(seconds=current_app.config["OIDC_STATE_SECONDS"]),
        )
    )
    db.session.flush()
    with _session(provider, document, callback_url) as client:
        url, _ = client.create_authorization_url(
            document["authorization_endpoint"],
            state=state,
            code_verifier=verifier,
            nonce=nonce,
        )
    return url


def purge_expired(now: datetime) -> dict[str, int]:
    """Delete the sign-in states and one-time codes past their ``expires_at``
    (neither can work any more); the counts, by table. Run by every new sign-in
    and hourly by the job consumer (``calapp.oidc.tasks``), so abandoned
    sign-ins do not pile up when nobody signs in."""
    states = db.session.execute(
        sa.delete(OidcLoginState).where(OidcLoginState.expires_at < now)
    ).rowcount
    codes = db.session.execute(
        sa.delete(OidcExchangeCode).where(OidcExchangeCode.expires_at < now)
    ).rowcount
    return {"login_states": states, "login_codes": codes}


# --- 2. callback ----------------------------------------------------------------


def consume_state(name: str, state: str | None, now: datetime) -> PendingLogin:
    """Take the sign-in ``state`` names, deleting it (single use).

    :raises NotFound: unknown provider. :raises InvalidState: missing, unknown,
        already used, expired, or started with another provider.
    """
    provider = providers.get(name)
    if not state:
        raise InvalidState("The callback carries no state: start the sign-in again")
    row = db.session.execute(
        sa.delete(OidcLoginState)
        .where(OidcLoginState.state_hash == hash_token(state))
        .returning(OidcLoginState)
    ).scalar_one_or_none()
    if row is None or row.provider != provider.name or row.expires_at <= now:
        raise InvalidState(
            "Unknown, used or expired sign-in state: start the sign-in again"
        )
    return PendingLogin(
        row.provider,
        row.nonce,
        row.code_verifier,
        row.redirect_uri,
        row.client_state,
        row.link_user_id,
    )


def finish(
    login: PendingLogin, args: dict, callback_url: str, now: datetime
) -> TokenPair | Redirect:
    """Complete the sign-in ``login`` with the callback's query ``args``.

    :raises ProviderRefused: the provider answered an error, or refused the code.
    :raises InvalidIdToken: see ``tokens.validate``.
    :raises EmailUnverified, EmailMissing, IdentityTaken, InvalidCredentials: see
        ``accounts``.
    """
    provider = providers.get(login.provider)
    document = providers.metadata(provider)
    if args.get("error"):
        raise ProviderRefused(
            f"{provider.display_name} did not sign you in: {args['error']}",
            details={k: args[k] for k in ("error", "error_description") if k in args},
        )
    _check_callback_issuer(document, args.get("iss"))
    if not args.get("code"):
        raise ValidationError.field("code", "is missing from the callback")
    token = _exchange_code(provider, document, login, args["code"], callback_url)
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise ProviderRefused(f"{provider.display_name} returned no ID token")
    claims = tokens.validate(provider, document, id_token, login.nonce, now)
    claims = tokens.with_userinfo(provider, document, claims, token.get("access_token"))
    if login.link_user_id is not None:
        user = accounts.link_identity(provider, claims, login.link_user_id, now)
    else:
        user = accounts.sign_in_user(provider, claims, now)
    if login.redirect_uri is None:
        return _start_session(user, provider.name, id_token, now)
    code = _issue_exchange_code(user, provider.name, id_token, now)
    return Redirect(_client_redirect(login, {"code": code}))


def _start_session(
    user: User, provider: str, id_token: str, now: datetime
) -> TokenPair:
    """A calapp session that remembers its provider's ID token (for sign-out)."""
    tokens = auth_service.start_session(user, now)
    db.session.add(
        OidcSession(session_id=tokens.session_id, provider=provider, id_token=id_token)
    )
    db.session.flush()
    return tokens


def _check_callback_issuer(document: dict, iss: str | None) -> None:
    """RFC 9207: a callback naming another issuer is a mix-up attack; a provider
    that promises ``iss`` must send it."""
    issuer = document["issuer"]
    if providers.TENANT_PLACEHOLDER in issuer:
        return  # Microsoft's multi-tenant template: the ID token's check does it
    promised = document.get("authorization_response_iss_parameter_supported")
    if (iss or promised) and iss != issuer:
        raise ProviderRefused("The callback names another issuer, or none")


def _exchange_code(
    provider: Provider, document: dict, login: PendingLogin, code: str, callback: str
) -> dict:
    try:
        with _session(provider, document, callback) as client:
            return dict(
                client.fetch_token(
                    document["token_endpoint"],
                    code=code,
                    code_verifier=login.code_verifier,
                    timeout=providers.timeout(),
                )
            )
    except OAuthError as exc:
        raise ProviderRefused(
            f"{provider.display_name} refused the authorization code",
            details={"error": exc.error or "invalid_grant"},
        ) from exc
    except (requests.RequestException, ValueError) as exc:
        raise providers.unreachable(provider, "token") from exc


def error_redirect(login: PendingLogin, error: AppError) -> Redirect:
    """Send the browser back to the client app's ``redirect_uri`` with the error
    of a sign-in that failed after its state was checked, as RFC 6749 §4.1.2.1
    does: ``error`` (calapp's error code), ``error_description`` (its message),
    ``state`` (the app's own) and, when the provider answered an error of its
    own (``access_denied`` when the person cancelled), ``provider_error``.

    Only for a state calapp issued: a bad state says nothing about where the
    browser may go, so that stays a JSON error.
    """
    params = {"error": error.code, "error_description": error.message}
    details = error.details if isinstance(error.details, dict) else {}
    if isinstance(error, ProviderRefused) and isinstance(details.get("error"), str):
        params["provider_error"] = details["error"]
    return Redirect(_client_redirect(login, params))


def _client_redirect(login: PendingLogin, params: dict[str, str]) -> str:
    if login.client_state is not None:
        params["state"] = login.client_state
    separator = "&" if urlsplit(login.redirect_uri).query else "?"
    return login.redirect_uri + separator + urlencode(params)


# --- the one-time code of the redirect ------------------------------------------


def _issue_exchange_code(
    user: User, provider: str, id_token: str, now: datetime
) -> str:
    code = new_secret(32)
    seconds = current_app.config["OIDC_EXCHANGE_CODE_SECONDS"]
    db.session.add(
        OidcExchangeCode(
            code_hash=hash_token(code),
            user_id=user.id,
            created_at=now,
            expires_at=now + timedelta(seconds=seconds),
            provider=provider,
            id_token=id_token,
        )
    )
    db.session.flush()
    return code


def exchange(code: str, now: datetime) -> TokenPair:
    """Trade a one-time code (from the redirect) for tokens.

    :raises InvalidLoginCode: unknown, already used or expired code.
    """
    row = db.session.execute(
        sa.select(OidcExchangeCode)
        .where(OidcExchangeCode.code_hash == hash_token(code))
        .with_for_update()
    ).scalar_one_or_none()
    if row is None or row.used_at is not None or row.expires_at <= now:
        raise InvalidLoginCode("Unknown, used or expired sign-in code: sign in again")
    row.used_at = now
    user = db.session.get(User, row.user_id)
    if not user.can_sign_in:
        raise InvalidCredentials("This account is deactivated")
    if row.id_token is None:  # a code issued before sign-out kept ID tokens
        return auth_service.start_session(user, now)
    return _start_session(user, row.provider, row.id_token, now)
