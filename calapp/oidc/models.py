import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from calapp.db import SoftDeleteMixin, UTCDateTime, db, utcnow, uuid_fk, uuid_pk


class UserIdentity(SoftDeleteMixin, db.Model):
    """An account at an OpenID provider, linked to a calapp user by its subject.

    ``(provider, subject)`` names one person at one provider for good (OpenID
    Connect Core §5.7: the email may change, the subject never does), so a live
    identity is unique by it. Unlinking soft-deletes the row.
    """

    __tablename__ = "user_identities"
    __table_args__ = (
        sa.Index(
            "uq_user_identities_provider_subject_live",
            "provider",
            "subject",
            unique=True,
            postgresql_where=sa.text("deleted_at IS NULL"),
        ),
        sa.Index("ix_user_identities_owner_id", "owner_id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    owner_id: Mapped[uuid.UUID] = uuid_fk("users.id")
    provider: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    subject: Mapped[str] = mapped_column(sa.String(255), nullable=False)
    # What the provider said at the last sign-in (for the user to recognise it).
    email: Mapped[str | None] = mapped_column(sa.String(320))
    linked_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow
    )
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OidcLoginState(db.Model):
    """A sign-in started at ``/auth/oidc/{provider}/authorize``, waiting for the
    provider's callback. The row is deleted when the callback presents its
    ``state`` (stored as its SHA-256), so a state works once."""

    __tablename__ = "oidc_login_states"
    __table_args__ = (sa.Index("ix_oidc_login_states_expires_at", "expires_at"),)

    state_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    provider: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    nonce: Mapped[str] = mapped_column(sa.String(128), nullable=False)
    code_verifier: Mapped[str] = mapped_column(sa.String(128), nullable=False)
    # The client app's page to send the browser back to; NULL: answer JSON.
    redirect_uri: Mapped[str | None] = mapped_column(sa.String(2048))
    # The client app's own value, handed back with the redirect (login CSRF).
    client_state: Mapped[str | None] = mapped_column(sa.String(512))
    # Set: a signed-in user links this provider to their account
    # (POST /users/me/identities); NULL: a sign-in.
    link_user_id: Mapped[uuid.UUID | None] = uuid_fk("users.id", nullable=True)
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow
    )
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class OidcExchangeCode(db.Model):
    """A one-time code for ``POST /auth/oidc/exchange``: the redirect to the
    client app carries it instead of tokens. Stored as its SHA-256; ``used_at``
    set = spent."""

    __tablename__ = "oidc_exchange_codes"
    __table_args__ = (sa.Index("ix_oidc_exchange_codes_expires_at", "expires_at"),)

    code_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[uuid.UUID] = uuid_fk("users.id")
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow
    )
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # For the session the exchange opens (``OidcSession``).
    provider: Mapped[str | None] = mapped_column(sa.String(32))
    id_token: Mapped[str | None] = mapped_column(sa.Text)


class OidcSession(db.Model):
    """A calapp session (``AuthSession``) opened by signing in with a provider:
    the provider and the ID token it gave, sent back as ``id_token_hint`` in the
    provider's logout URL (OpenID Connect RP-Initiated Logout 1.0). Purged with
    the session's end (``sign_out.purge_ended_sessions``)."""

    __tablename__ = "oidc_sessions"

    session_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("auth_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    provider: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    id_token: Mapped[str] = mapped_column(sa.Text, nullable=False)
