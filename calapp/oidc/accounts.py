"""Accounts and identities: who a provider's ``(provider, sub)`` is in calapp.

An identity links one account at a provider to one calapp user, by its subject
(never by its email, which may change). A first sign-in links to the account of
the provider's email only when the provider says it is verified; a signed-in user
may link any identity explicitly (``link_identity``).
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from calapp import policy
from calapp.errors import Conflict, Forbidden, InvalidCredentials
from calapp.extensions import db
from calapp.oidc import providers
from calapp.oidc.models import UserIdentity
from calapp.oidc.providers import Provider
from calapp.pagination import keyset_page
from calapp.security import Principal
from calapp.users import hooks as user_hooks
from calapp.users import service as users_service
from calapp.users.models import User


class EmailUnverified(Conflict):
    code = "email_unverified"


class EmailMissing(Forbidden):
    code = "email_missing"


class IdentityTaken(Conflict):
    code = "identity_taken"


class LastSignInMethod(Conflict):
    code = "last_sign_in_method"


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
    :raises LastSignInMethod: no password and no other identity of a provider
        configured now.
    """
    # The user row serialises two unlinks racing for the last two identities.
    user = db.session.execute(
        sa.select(User).where(User.id == principal.user_id).with_for_update()
    ).scalar_one()
    identity = policy.get_owned(principal, UserIdentity, identity_id, "Identity")
    # Only identities of providers configured now can sign in.
    usable = [provider.name for provider in providers.configured()]
    others = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(UserIdentity)
        .where(
            policy.owned(principal, UserIdentity),
            UserIdentity.id != identity.id,
            UserIdentity.provider.in_(usable),
        )
    )
    if user.password_hash is None and not others:
        raise LastSignInMethod(
            "This is your only way to sign in: set a password (PUT /users/me) or "
            "link another provider before unlinking it"
        )
    identity.soft_delete(now)
    db.session.flush()
