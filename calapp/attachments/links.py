"""Signed links to attachment files: what the ICS export writes (downloads
without a login) and the upload URLs of direct uploads on disk storage.

A link carries its expiry (Unix time) and an HMAC-SHA256 of the purpose, the
attachment id and the expiry under the app's secret; it is checked in constant
time. A wrong, expired or dead link is a 404, whichever it is.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from calapp.attachments.models import Attachment
from calapp.attachments.views import base_url
from calapp.calendars.models import Calendar
from calapp.errors import NotFound
from calapp.events.models import Event
from calapp.extensions import db


def sign(attachment_id, expires: int, purpose: str = "download") -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    message = f"attachment-{purpose}|{attachment_id}|{expires}".encode()
    mac = hmac.new(secret, message, hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode()


def link_expiry(now: datetime) -> int:
    """When links made now expire: the end of the day after the configured
    lifetime (whole days, so an export made twice a day is the same text)."""
    seconds = current_app.config["ATTACHMENT_LINK_SECONDS"]
    day = 86400
    return (int(now.timestamp()) + seconds) // day * day + day


def signed_link(attachment_id, expires: int) -> str:
    """A URL that downloads the file without credentials until ``expires``."""
    return (
        f"{base_url()}/attachments/{attachment_id}/download"
        f"?expires={expires}&signature={sign(attachment_id, expires)}"
    )


def check(attachment_id, expires: int, signature: str, now, purpose: str) -> None:
    """:raises NotFound: a wrong signature (compared in constant time) or expired."""
    expected = sign(attachment_id, expires, purpose)
    valid = hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))
    if not valid or expires < now.timestamp():
        raise NotFound("Attachment not found, or the link has expired")


def by_signed_link(
    attachment_id: uuid.UUID, expires: int, signature: str, now: datetime
) -> Attachment:
    """The file a signed link names, while the link is valid and its event live.

    :raises NotFound: a wrong or expired signature, or a deleted event (the
        same answer for all: a link reveals nothing once it stops working).
    """
    check(attachment_id, expires, signature, now, "download")
    row = db.session.scalar(
        sa.select(Attachment)
        .join(Event, Event.id == Attachment.event_id)
        .join(Calendar, Calendar.id == Event.calendar_id)
        .where(
            Attachment.id == attachment_id,
            Attachment.status == "ready",
            Event.deleted_at.is_(None),
            Calendar.deleted_at.is_(None),
        )
    )
    if row is None:
        raise NotFound("Attachment not found, or the link has expired")
    return row
