"""Sign in with an OpenID provider: the authorization-code flow with PKCE.

1. ``start`` keeps a fresh ``state``, ``nonce`` and PKCE verifier server-side
   (``OidcLoginState``, single use, ``OIDC_STATE_SECONDS``) and gives the
   provider's authorization URL.
2. ``consume_state`` takes the state back at the callback (the caller commits
   at once, so a state never works twice, even when the rest fails);
   ``finish`` exchanges the code, checks the ID token (``tokens``), finds or
   creates the user (``sign_in_user``), and either opens a session (the JSON
   answer of /auth/login) or issues a one-time code for the client app's
   ``redirect_uri``, which ``exchange`` trades for the tokens.
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
from sqlalchemy.exc import IntegrityError

from calapp import policy
from calapp.auth import service as auth_service
from calapp.auth.service import TokenPair
from calapp.errors import (
    AppError,
    Conflict,
    Forbidden,
    InvalidCredentials,
    Unauthorized,
    ValidationError,
)
from calapp.extensions import db
from calapp.oidc import providers, tokens
from calapp.oidc.models import OidcExchangeCode, OidcLoginState, UserIdentity
from calapp.oidc.providers import Provider
from calapp.pagination import keyset_page
from calapp.security import Principal, hash_token, new_secret
from calapp.users import hooks as user_hooks
from calapp.users import service as users_service
from calapp.users.models import User


class InvalidState(AppError):
    status, code = 400, "invalid_state"


class ProviderRefused(Unauthorized):
    code = "oidc_rejected"


class InvalidLoginCode(Unauthorized):
    code = "invalid_login_code"


class EmailUnverified(Conflict):
    code = "email_unverified"


class EmailMissing(Forbidden):
    code = "email_missing"


class IdentityTaken(Conflict):
    code = "identity_taken"


class LastSignInMethod(Conflict):
    code = "last_sign_in_method"


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
    """Send the browser to the client app with a one-time code."""

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
    _forget_expired(now)
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


def _forget_expired(now: datetime) -> None:
    db.session.execute(sa.delete(OidcLoginState).where(OidcLoginState.expires_at < now))
    db.session.execute(
        sa.delete(OidcExchangeCode).where(OidcExchangeCode.expires_at < now)
    )


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
    :raises EmailUnverified, EmailMissing, InvalidCredentials: see ``sign_in_user``.
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
        user = link_identity(provider, claims, login.link_user_id, now)
    else:
        user = sign_in_user(provider, claims, now)
    if login.redirect_uri is None:
        return auth_service.start_session(user, now)
    return Redirect(_client_redirect(login, _issue_exchange_code(user, now)))


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


def _client_redirect(login: PendingLogin, code: str) -> str:
    params = {"code": code}
    if login.client_state is not None:
        params["state"] = login.client_state
    separator = "&" if urlsplit(login.redirect_uri).query else "?"
    return login.redirect_uri + separator + urlencode(params)


# --- accounts -------------------------------------------------------------------


def _verified(claims: dict) -> bool:
    # Some providers send the string "true" (OpenID Connect Core §5.1 says boolean).
    return claims.get("email_verified") in (True, "true")


def _live_identity(provider: Provider, subject: str) -> UserIdentity | None:
    return db.session.execute(
        sa.select(UserIdentity).where(
            UserIdentity.provider == provider.name,
            UserIdentity.subject == subject,
            UserIdentity.deleted_at.is_(None),
        )
    ).scalar_one_or_none()


def _email_of(claims: dict) -> str | None:
    """The provider's email, when it looks like one that fits the column."""
    email = claims.get("email")
    if isinstance(email, str) and "@" in email and len(email) <= 320:
        return email
    return None


def _signed_in(user: User, identity: UserIdentity, email, now: datetime) -> User:
    """Record the sign-in on ``identity`` (new or linked) and check the account."""
    if identity.id is None:
        identity.linked_at = now
        db.session.add(identity)
    identity.email = email or identity.email
    identity.last_sign_in_at = now
    if not user.can_sign_in:
        raise InvalidCredentials("This account is deactivated")
    _flush_unique_identity()
    return user


def sign_in_user(provider: Provider, claims: dict, now: datetime) -> User:
    """The user of the identity ``(provider, sub)``: the linked one; else the
    account with the provider's email, linked only when the provider says the
    email is verified; else a new account without a password.

    :raises InvalidCredentials: the linked account is deactivated.
    :raises EmailUnverified: an account has the email, which the provider does
        not vouch for (linking it would hand the account to whoever typed it).
    :raises EmailMissing: a new account needs an email; the provider gave none.
    """
    subject, email = str(claims["sub"]), _email_of(claims)
    identity = _live_identity(provider, subject)
    if identity is not None:
        return _signed_in(db.session.get(User, identity.owner_id), identity, email, now)
    user = _account_for(provider, email, claims, now)
    identity = UserIdentity(owner_id=user.id, provider=provider.name, subject=subject)
    return _signed_in(user, identity, email, now)


def link_identity(
    provider: Provider, claims: dict, user_id: uuid.UUID, now: datetime
) -> User:
    """Link the identity ``(provider, sub)`` to the account that asked for it
    (signed in when it started the link): no email needs to match.

    :raises IdentityTaken: the identity is linked to another account.
    :raises InvalidCredentials: the account is deactivated or deleted.
    """
    subject = str(claims["sub"])
    user = db.session.get(User, user_id)
    identity = _live_identity(provider, subject)
    if identity is not None and identity.owner_id != user_id:
        raise IdentityTaken(
            f"This {provider.display_name} account is linked to another calapp "
            "account: unlink it there first"
        )
    if identity is None:
        identity = UserIdentity(
            owner_id=user_id, provider=provider.name, subject=subject
        )
    return _signed_in(user, identity, _email_of(claims), now)


def _account_for(provider: Provider, email: str | None, claims: dict, now) -> User:
    if email is None:
        raise EmailMissing(
            f"{provider.display_name} did not share an email address: allow the "
            "'email' scope to sign in"
        )
    existing = users_service.find_by_email(email)
    verified = _verified(claims)
    if existing is None:
        name = claims.get("name") if isinstance(claims.get("name"), str) else None
        return users_service.create_user(
            email, None, (name or "")[:200] or None, email_verified=verified
        )
    if not verified:
        raise EmailUnverified(
            f"An account with {email} exists, and {provider.display_name} does not "
            "say this email is verified, so it is not linked: sign in with your "
            "password, then link the provider (POST /users/me/identities)",
            details={"email": ["is registered and not verified by the provider"]},
        )
    if not existing.is_email_verified:
        users_service.mark_verified(existing, now)
    return existing


def _flush_unique_identity() -> None:
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:
        if "uq_user_identities_provider_subject_live" in str(exc.orig):
            raise Conflict(
                "This identity was linked by a concurrent sign-in: try again"
            ) from exc
        raise


@user_hooks.account_deleted.register
def _unlink_every_identity(user_id: uuid.UUID, when: datetime) -> None:
    """A deleted account frees its email, and its identities with it: the next
    sign-in with them makes a new account."""
    db.session.execute(
        sa.update(UserIdentity)
        .where(UserIdentity.owner_id == user_id, UserIdentity.deleted_at.is_(None))
        .values(deleted_at=when)
    )


# --- the one-time code of the redirect ------------------------------------------


def _issue_exchange_code(user: User, now: datetime) -> str:
    code = new_secret(32)
    seconds = current_app.config["OIDC_EXCHANGE_CODE_SECONDS"]
    db.session.add(
        OidcExchangeCode(
            code_hash=hash_token(code),
            user_id=user.id,
            created_at=now,
            expires_at=now + timedelta(seconds=seconds),
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
    return auth_service.start_session(user, now)


# --- identities of the signed-in user -------------------------------------------


def list_page(principal: Principal, limit: int, cursor: str | None):
    """The caller's linked identities, oldest link first."""
    return keyset_page(
        sa.select(UserIdentity).where(policy.owned(principal, UserIdentity)),
        keys=[UserIdentity.linked_at, UserIdentity.id],
        key_of=lambda row: (row.linked_at, row.id),
        limit=limit,
        cursor=cursor,
    )


def unlink(principal: Principal, identity_id: uuid.UUID, now: datetime) -> None:
    """Unlink an identity, unless it is the account's last way to sign in.

    :raises NotFound: not an identity of the caller.
    :raises LastSignInMethod: no password and no other identity.
    """
    # The user row serialises two unlinks racing for the last two identities.
    user = db.session.execute(
        sa.select(User).where(User.id == principal.user_id).with_for_update()
    ).scalar_one()
    identity = policy.get_owned(principal, UserIdentity, identity_id, "Identity")
    others = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(UserIdentity)
        .where(policy.owned(principal, UserIdentity), UserIdentity.id != identity.id)
    )
    if user.password_hash is None and not others:
        raise LastSignInMethod(
            "This is your only way to sign in: set a password (PUT /users/me) or "
            "link another provider before unlinking it"
        )
    identity.soft_delete(now)
    db.session.flush()
