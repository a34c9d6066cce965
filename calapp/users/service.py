"""Accounts: creation, profile changes, deactivation and deletion."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from calapp.db import utcnow
from calapp.errors import (
    Conflict,
    Forbidden,
    InvalidCredentials,
    NotFound,
    ValidationError,
)
from calapp.extensions import db
from calapp.security import (
    Principal,
    check_password_rule,
    hash_password,
    verify_password,
)
from calapp.users import hooks
from calapp.users.models import User


def now() -> datetime:
    """The service clock (one place to read time from)."""
    return utcnow()


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(email: str) -> User | None:
    return db.session.execute(
        sa.select(User).where(
            User.email == normalize_email(email), User.deleted_at.is_(None)
        )
    ).scalar_one_or_none()


def get_live(user_id: uuid.UUID) -> User:
    user = db.session.get(User, user_id)
    if user is None or user.deleted_at is not None:
        raise NotFound("User not found")
    return user


def _rounds() -> int:
    return current_app.config["BCRYPT_ROUNDS"]


def create_user(
    email: str,
    password: str | None,
    name: str | None = None,
    timezone: str = "UTC",
    *,
    email_verified: bool = False,
) -> User:
    """Create an account. Its address is unverified unless ``email_verified`` (an
    admin or an OpenID provider vouches for it); invitations sent to it are
    linked only once verified (``users.verification``). ``password`` None: an
    account without one (signed in through an OpenID provider).

    :raises ValidationError: weak password. :raises Conflict: email taken.
    """
    if password is not None:
        check_password_rule(password)
    created = now()
    user = User(
        email=normalize_email(email),
        password_hash=None if password is None else hash_password(password, _rounds()),
        name=name,
        timezone=timezone or "UTC",
        email_verified_at=created if email_verified else None,
    )
    db.session.add(user)
    _flush_unique_email()
    if email_verified:
        mark_verified(user, created)
    return user


def mark_verified(user: User, when: datetime) -> None:
    """Treat ``user.email`` as proven (an admin's word) and link its invitations."""
    user.email_verified_at = user.email_verified_at or when
    if user.pending_email == user.email:
        user.pending_email = None
    db.session.flush()
    hooks.email_verified(user.id, user.email, when)


def _flush_unique_email() -> None:
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:
        if "uq_users_email_live" in str(exc.orig):
            raise Conflict(
                "An account with this email already exists",
                details={"email": ["is already registered"]},
            ) from exc
        raise


def update_profile(user: User, changes: dict, principal: Principal) -> User:
    """Apply ``changes``; email and password changes need ``current_password``
    (unless the account has no password yet: it signs in through a provider).

    A new email becomes ``pending_email``: the caller mails it a link
    (``verification.send_link``), and it replaces ``email`` when followed.
    A new password ends every other session of the user.

    :raises Forbidden: an API key changing email or password.
    :raises InvalidCredentials: wrong current password.
    :raises ValidationError: missing current password, weak new password.
    """
    sensitive = {"email", "password"} & changes.keys()
    if sensitive and principal.via == "api_key":
        raise Forbidden("API keys may not change the account's email or password")
    if sensitive and user.password_hash is not None:
        current = changes.get("current_password")
        if not current:
            raise ValidationError.field(
                "current_password", "is required to change email or password"
            )
        if not verify_password(current, user.password_hash, _rounds()):
            raise InvalidCredentials("current_password is wrong")
    if "name" in changes:
        user.name = changes["name"]
    if "timezone" in changes:
        user.timezone = changes["timezone"]
    if changes.keys() & set(hooks.AVAILABILITY_SETTINGS):
        hooks.availability_settings(user, changes)
    if "email" in changes:
        _request_email_change(user, normalize_email(changes["email"]))
    if "password" in changes:
        check_password_rule(changes["password"])
        user.password_hash = hash_password(changes["password"], _rounds())
        hooks.end_sessions(
            user.id, now(), "password_changed", keep=principal.session_id
        )
    user.updated_at = now()
    _flush_unique_email()
    return user


def _request_email_change(user: User, email: str) -> None:
    """A new address waits in ``pending_email`` until its link is followed
    (``users.verification``); asking for the current one cancels the change.

    :raises Conflict: another live account has that address.
    """
    if email == user.email:
        user.pending_email = None
        return
    taken = find_by_email(email)
    if taken is not None and taken.id != user.id:
        raise Conflict(
            "An account with this email already exists",
            details={"email": ["is already registered"]},
        )
    user.pending_email = email


def deactivate(user: User, when: datetime) -> None:
    user.is_active = False
    _end_access(user, when, "deactivated")


def delete(user: User, when: datetime) -> None:
    """Soft delete: tokens, sessions and API keys stop working; the email is freed.

    The account's calendars, events and contacts stay as they are (its calendars
    stay readable by the members they are shared with); it leaves every member
    list, which the change log records as deleted memberships.
    """
    user.deleted_at = when
    _end_access(user, when, "account_deleted")
    hooks.account_deleted(user.id, when)


def _end_access(user: User, when: datetime, reason: str) -> None:
    hooks.end_sessions(user.id, when, reason)
    hooks.end_api_keys(user.id, when)
    db.session.flush()


def list_users(limit: int = 100) -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.deleted_at.is_(None))
            .order_by(User.email)
            .limit(limit)
        )
    )
