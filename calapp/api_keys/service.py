"""Scoped API keys for agents and scripts. Only the SHA-256 of a key is stored."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa

from calapp.api_keys.models import ApiKey
from calapp.errors import NotFound, ValidationError
from calapp.extensions import db
from calapp.pagination import keyset_page
from calapp.security import new_api_key, normalize_scopes
from calapp.users import hooks as user_hooks


def create(
    user_id: uuid.UUID,
    name: str,
    scopes,
    now: datetime,
    expires_at: datetime | None = None,
) -> tuple[ApiKey, str]:
    """Return the stored key and its secret (shown once).

    :raises ValidationError: unknown scopes, expiry in the past.
    """
    if expires_at is not None and expires_at <= now:
        raise ValidationError.field("expires_at", "must be in the future")
    secret, prefix, key_hash = new_api_key()
    key = ApiKey(
        user_id=user_id,
        name=name,
        scopes=normalize_scopes(scopes),
        prefix=prefix,
        key_hash=key_hash,
        created_at=now,
        expires_at=expires_at,
    )
    db.session.add(key)
    db.session.flush()
    return key, secret


def list_page(user_id: uuid.UUID, limit: int, cursor: str | None):
    """Newest first."""
    return keyset_page(
        sa.select(ApiKey).where(ApiKey.user_id == user_id),
        keys=[ApiKey.created_at, ApiKey.id],
        key_of=lambda k: (k.created_at, k.id),
        limit=limit,
        cursor=cursor,
        descending=True,
    )


def revoke(user_id: uuid.UUID, key_id: uuid.UUID, now: datetime) -> None:
    """:raises NotFound: no such key of this user."""
    key = db.session.execute(
        sa.select(ApiKey).where(ApiKey.id == key_id, ApiKey.user_id == user_id)
    ).scalar_one_or_none()
    if key is None:
        raise NotFound("API key not found")
    if key.revoked_at is None:
        key.revoked_at = now
    db.session.flush()


@user_hooks.end_api_keys.register
def revoke_all(user_id: uuid.UUID, when: datetime) -> None:
    """Every live key of the user stops working (account deactivated or deleted)."""
    db.session.execute(
        sa.update(ApiKey)
        .where(ApiKey.user_id == user_id, ApiKey.revoked_at.is_(None))
        .values(revoked_at=when)
    )
