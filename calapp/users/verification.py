"""Email verification: a signed, expiring, single-use link sent to the address.

An invitation is sent to an address, so only the owner of that mailbox may see
it: attendee rows are linked to an account (``events.attendees``) only once the
account has followed a link mailed to its address, and a new address replaces
the old one only when its link is followed (until then it is ``pending_email``).

- A link is a row of ``email_verifications`` (user, address, expiry, used).
  Its token is ``<row id>.<HMAC-SHA256>`` over the purpose, the row id, the user
  id, the address and the expiry, keyed by the app's secret: nothing secret is
  stored, and the email job computes the link when it sends the message.
- Single use: following a link sets ``used_at``; a new link (resend, another
  address) deletes the user's unused ones, so only the latest works.
- The email goes through the delivery outbox (``deliveries``, channel email,
  topic ``account.verify_email``) like invitations: retried, never sent twice.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import uuid
from datetime import datetime, timedelta
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects.postgresql import insert as pg_insert

from calapp import mail, queue
from calapp.delivery.models import Delivery
from calapp.errors import AppError, Conflict, ValidationError
from calapp.extensions import db
from calapp.users import hooks
from calapp.users.models import EmailVerification, User

log = logging.getLogger("calapp")

TOPIC = "account.verify_email"
LIFETIME = timedelta(hours=24)
RESEND_INTERVAL = timedelta(seconds=60)
PAGE_PATH = "/auth/verify-email"
_PURPOSE = b"calapp email verification v1"


class TooSoon(AppError):
    status, code = 429, "rate_limited"


def _invalid(reason: str) -> ValidationError:
    return ValidationError(
        f"This verification link {reason}; ask for a new one with "
        "POST /auth/verify-email/resend",
        details={"token": [reason]},
    )


# --- tokens ---------------------------------------------------------------------------


def _mac(row: EmailVerification) -> str:
    key = hmac.new(
        current_app.config["SECRET_KEY"].encode(), _PURPOSE, hashlib.sha256
    ).digest()
    message = "|".join(
        (str(row.id), str(row.user_id), row.email, str(int(row.expires_at.timestamp())))
    ).encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def token_for(row: EmailVerification) -> str:
    return f"{row.id.hex}.{_mac(row)}"


def _row_of(token: str) -> EmailVerification:
    """The unused, unexpired row a well-signed token names, locked.

    :raises ValidationError: malformed, forged, used or expired.
    """
    row_id, _, mac = token.partition(".")
    try:
        verification_id = uuid.UUID(hex=row_id)
    except ValueError:
        verification_id = None
    row = (
        db.session.execute(
            sa.select(EmailVerification)
            .where(EmailVerification.id == verification_id)
            .with_for_update()
        ).scalar_one_or_none()
        if verification_id is not None and len(row_id) == 32
        else None
    )
    if row is None or not hmac.compare_digest(mac.encode(), _mac(row).encode()):
        raise _invalid("is not valid")
    return row


# --- issuing --------------------------------------------------------------------------


def _base_url(request_base: str) -> str:
    return (current_app.config.get("PUBLIC_BASE_URL") or request_base).rstrip("/")


def send_link(user: User, email: str, now: datetime, request_base: str) -> None:
    """Mail a new link for ``email`` to it; the user's unused links stop working.

    ``request_base``: the request's host URL, used when ``PUBLIC_BASE_URL`` is unset.
    """
    db.session.execute(
        sa.delete(EmailVerification).where(
            EmailVerification.user_id == user.id, EmailVerification.used_at.is_(None)
        )
    )
    row = EmailVerification(
        id=uuid.uuid4(),
        user_id=user.id,
        email=email,
        created_at=now,
        expires_at=now + LIFETIME,
    )
    db.session.add(row)
    db.session.flush()
    if not mail.is_enabled(current_app.config):
        log.warning(
            "email is off (SMTP_URL unset): no verification link sent to user %s; "
            "an admin can run `flask users verify-email`",
            user.id,
        )
        return
    db.session.execute(
        pg_insert(Delivery)
        .values(
            id=uuid.uuid4(),
            topic=TOPIC,
            channel="email",
            recipient=email,
            dedupe_key=f"verify-email:{row.id}",
            payload={
                "verification_id": str(row.id),
                "base_url": _base_url(request_base),
            },
            status="pending",
            attempts=0,
            is_late=False,
            next_attempt_at=now,
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(
            index_elements=["dedupe_key"],
            index_where=sa.text("dedupe_key IS NOT NULL"),
        )
    )
    queue.enqueue_on_commit("email")


def resend(user: User, now: datetime, request_base: str) -> str:
    """Send a new link for the pending address, else for an unverified one.

    :raises Conflict: nothing to verify.
    :raises TooSoon: the last link is less than ``RESEND_INTERVAL`` old.
    """
    target = user.pending_email or (None if user.is_email_verified else user.email)
    if target is None:
        raise Conflict("Your email address is already verified")
    last = db.session.scalar(
        sa.select(sa.func.max(EmailVerification.created_at)).where(
            EmailVerification.user_id == user.id
        )
    )
    if last is not None and now - last < RESEND_INTERVAL:
        wait = int((last + RESEND_INTERVAL - now).total_seconds()) + 1
        raise TooSoon(
            f"A link was sent less than {int(RESEND_INTERVAL.total_seconds())} "
            f"seconds ago; retry in {wait} s",
            details={"retry_after_seconds": wait},
            headers={"Retry-After": str(wait)},
        )
    send_link(user, target, now, request_base)
    return target


# --- following a link -----------------------------------------------------------------


def confirm(token: str, now: datetime) -> User:
    """Prove the mailbox: verify the address, or switch to the pending one, and
    link the invitations sent to it.

    :raises ValidationError: invalid, used, expired or outdated link.
    :raises Conflict: the new address was taken by another account meanwhile.
    """
    from calapp.users.service import _flush_unique_email

    row = _row_of(token)
    if row.used_at is not None:
        raise _invalid("has already been used")
    if row.expires_at <= now:
        raise _invalid("has expired")
    user = db.session.get(User, row.user_id)
    if user is None or not user.can_sign_in:
        raise _invalid("is not valid")
    if row.email == user.pending_email:
        user.email = row.email
        user.pending_email = None
    elif row.email != user.email:
        raise _invalid("is for an address this account no longer uses")
    row.used_at = now
    user.email_verified_at = now
    user.updated_at = now
    _flush_unique_email()
    hooks.email_verified(user.id, user.email, now)
    return user


# --- the email ------------------------------------------------------------------------


def message(delivery, now: datetime) -> EmailMessage | None:
    """The email of an ``account.verify_email`` delivery; None when its link can
    no longer be used (followed, replaced by a newer one, expired)."""
    row = db.session.get(
        EmailVerification, uuid.UUID(delivery.payload["verification_id"])
    )
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    link = f"{delivery.payload['base_url']}{PAGE_PATH}#token={token_for(row)}"
    hours = int(LIFETIME.total_seconds() // 3600)
    msg = EmailMessage()
    msg["To"] = delivery.recipient
    msg["Subject"] = "Confirm your email address"
    msg["Message-ID"] = f"<{delivery.id}@calapp>"
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(
        "\n".join(
            [
                "Confirm that this address is yours by opening this link:",
                "",
                link,
                "",
                f"The link works once, for {hours} hours. Until you confirm, "
                "invitations sent to this address are not shown in your calendar.",
                "If you did not ask for this, ignore this email.",
                "",
            ]
        )
    )
    return msg
