"""Sign-in, token rotation, and the check of a request's token or API key.

A sign-in is an ``AuthSession``; its refresh tokens rotate on every use and its id
(``sid``) rides in every access token, so revoking the session kills both at once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt as pyjwt
import sqlalchemy as sa
from flask import current_app
from flask_jwt_extended import create_access_token, decode_token
from flask_jwt_extended.exceptions import JWTExtendedException

from calapp import credentials
from calapp.api_keys.models import ApiKey
from calapp.auth.models import AuthSession, RefreshToken
from calapp.errors import (
    InvalidCredentials,
    TokenExpired,
    Unauthorized,
)
from calapp.extensions import db
from calapp.security import (
    Principal,
    hash_token,
    new_secret,
    verify_password,
)
from calapp.users import hooks as user_hooks
from calapp.users import service as users_service
from calapp.users.models import User

LAST_USED_GRANULARITY = timedelta(minutes=1)


@dataclass
class TokenPair:
    user: User
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "Bearer"  # noqa: S105 - a scheme name, not a secret
    session_id: uuid.UUID | None = None  # the AuthSession (not in the answer)


class RefreshTokenReused(Unauthorized):
    """A rotated refresh token came back: its whole session has been revoked."""


# --- issuing ---------------------------------------------------------------------


def _access_token(user: User, session: AuthSession) -> tuple[str, int]:
    minutes = current_app.config["ACCESS_TOKEN_MINUTES"]
    token = create_access_token(
        identity=str(user.id),
        additional_claims={"user_id": str(user.id), "sid": str(session.id)},
        expires_delta=timedelta(minutes=minutes),
    )
    return token, minutes * 60


def _new_refresh_token(session: AuthSession, now: datetime) -> str:
    token = new_secret(32)
    db.session.add(
        RefreshToken(
            session_id=session.id,
            token_hash=hash_token(token),
            created_at=now,
            expires_at=session.expires_at,
        )
    )
    return token


def start_session(user: User, now: datetime) -> TokenPair:
    days = current_app.config["REFRESH_TOKEN_DAYS"]
    session = AuthSession(
        id=uuid.uuid4(),
        user_id=user.id,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    db.session.add(session)
    refresh = _new_refresh_token(session, now)
    db.session.flush()
    access, expires_in = _access_token(user, session)
    return TokenPair(user, access, refresh, expires_in, session_id=session.id)


def login(email: str, password: str, now: datetime) -> TokenPair:
    """:raises InvalidCredentials: the same error, after the same work, for an
    unknown email, a wrong password and a deactivated account."""
    user = users_service.find_by_email(email)
    rounds = current_app.config["BCRYPT_ROUNDS"]
    ok = verify_password(password, user.password_hash if user else None, rounds)
    if not ok or not user.can_sign_in:
        raise InvalidCredentials("Invalid email or password")
    return start_session(user, now)


def refresh(token: str, now: datetime) -> TokenPair:
    """Rotate a refresh token.

    :raises RefreshTokenReused: the token was already rotated; the session is
        revoked (the caller must commit before returning the error).
    :raises Unauthorized: unknown, expired or revoked token.
    """
    row = db.session.execute(
        sa.select(RefreshToken, AuthSession, User)
        .join(AuthSession, AuthSession.id == RefreshToken.session_id)
        .join(User, User.id == AuthSession.user_id)
        .where(RefreshToken.token_hash == hash_token(token))
        .with_for_update(of=RefreshToken)
    ).first()
    if row is None:
        raise Unauthorized("Invalid refresh token")
    stored, session, user = row
    if stored.rotated_at is not None:
        revoke_session(session, now, reason="refresh_token_reused")
        raise RefreshTokenReused(
            "This refresh token was already used; the session has been revoked. "
            "Sign in again."
        )
    if session.revoked_at or stored.expires_at <= now or not user.can_sign_in:
        raise Unauthorized("Invalid refresh token")
    stored.rotated_at = now
    new_refresh = _new_refresh_token(session, now)
    db.session.flush()
    access, expires_in = _access_token(user, session)
    return TokenPair(user, access, new_refresh, expires_in, session_id=session.id)


def revoke_session(session: AuthSession, now: datetime, reason: str) -> None:
    if session.revoked_at is None:
        session.revoked_at = now
        session.revoked_reason = reason


@user_hooks.end_sessions.register
def revoke_user_sessions(
    user_id: uuid.UUID, now: datetime, reason: str, *, keep: uuid.UUID | None = None
) -> None:
    stmt = (
        sa.update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=now, revoked_reason=reason)
    )
    if keep is not None:
        stmt = stmt.where(AuthSession.id != keep)
    db.session.execute(stmt)


def logout(
    principal: Principal, now: datetime, refresh_token: str | None, everywhere: bool
) -> None:
    """Revoke every session, the refresh token's session, or the current one."""
    if everywhere:
        revoke_user_sessions(principal.user_id, now, "logout_all")
        return
    if refresh_token:
        session = db.session.execute(
            sa.select(AuthSession)
            .join(RefreshToken, RefreshToken.session_id == AuthSession.id)
            .where(
                RefreshToken.token_hash == hash_token(refresh_token),
                AuthSession.user_id == principal.user_id,
            )
        ).scalar_one_or_none()
    else:
        session = db.session.get(AuthSession, principal.session_id)
    if session is not None:
        revoke_session(session, now, "logout")


# --- checking a request's credentials (for ``calapp.credentials``) -------------------


@credentials.verifier
def _principal_from_request() -> Principal:
    api_key, token = credentials.presented_credentials()
    if api_key:
        return principal_from_api_key(api_key)
    if token:
        return _principal_from_jwt(token)
    raise Unauthorized(
        "Authentication required: send 'Authorization: Bearer <token>' "
        "or 'X-API-Key: <key>'"
    )


def _principal_from_jwt(token: str) -> Principal:
    try:
        claims = decode_token(token)
    except pyjwt.ExpiredSignatureError as exc:
        raise TokenExpired("The access token has expired; refresh it") from exc
    except (pyjwt.InvalidTokenError, JWTExtendedException) as exc:
        raise Unauthorized("Invalid access token") from exc
    try:
        if claims.get("type") != "access":
            raise ValueError("not an access token")
        user_id = uuid.UUID(str(claims["user_id"]))
        session_id = uuid.UUID(str(claims["sid"]))
    except (KeyError, ValueError) as exc:
        raise Unauthorized("Invalid access token") from exc
    row = db.session.execute(
        sa.select(User.id)
        .join(AuthSession, AuthSession.user_id == User.id)
        .where(
            User.id == user_id,
            AuthSession.id == session_id,
            AuthSession.revoked_at.is_(None),
            User.deleted_at.is_(None),
            User.is_active.is_(True),
        )
    ).first()
    if row is None:
        raise Unauthorized("This session has ended; sign in again")
    return Principal(user_id=user_id, via="jwt", session_id=session_id)


def principal_and_user_from_api_key(key: str) -> tuple[Principal, User]:
    """The principal of a live API key and its account, in one statement (the
    DAV face takes keys as passwords on every request, with the account's email).

    :raises Unauthorized: unknown, revoked or expired key, or inactive account.
    """
    row = db.session.execute(
        sa.select(ApiKey, User)
        .join(User, User.id == ApiKey.user_id)
        .where(ApiKey.key_hash == hash_token(key))
    ).first()
    if row is None:
        raise Unauthorized("Invalid API key")
    return _checked_key(row[0], row[1].is_active, row[1].deleted_at), row[1]


def principal_from_api_key(key: str) -> Principal:
    """The principal of a live API key (REST's X-API-Key, MCP over stdio).

    :raises Unauthorized: unknown, revoked or expired key, or inactive account.
    """
    row = db.session.execute(
        sa.select(ApiKey, User.is_active, User.deleted_at)
        .join(User, User.id == ApiKey.user_id)
        .where(ApiKey.key_hash == hash_token(key))
    ).first()
    if row is None:
        raise Unauthorized("Invalid API key")
    return _checked_key(*row)


def _checked_key(api_key: ApiKey, is_active: bool, deleted_at) -> Principal:
    now = users_service.now()
    if not api_key.is_usable(now) or not is_active or deleted_at is not None:
        raise Unauthorized("This API key is revoked or expired")
    principal = Principal(
        user_id=api_key.user_id,
        scopes=frozenset(api_key.scopes),
        via="api_key",
        api_key_id=api_key.id,
    )
    # Read before the touch commits: the commit expires the row (a reload).
    if (
        api_key.last_used_at is None
        or now - api_key.last_used_at > LAST_USED_GRANULARITY
    ):
        _touch_api_key(api_key.id, now)
    return principal


def _touch_api_key(key_id: uuid.UUID, now: datetime) -> None:
    """Record use at most once a minute per key, in its own tiny transaction."""
    db.session.execute(
        sa.update(ApiKey)
        .where(
            ApiKey.id == key_id,
            sa.or_(
                ApiKey.last_used_at.is_(None),
                ApiKey.last_used_at < now - LAST_USED_GRANULARITY,
            ),
        )
        .values(last_used_at=now)
    )
    # Part of the request lifecycle, before any view work: commit only this write.
    db.session.commit()
