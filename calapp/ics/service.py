"""What the ICS and vCard routes call: access checks, public feeds, limits.

- Export: any member of the calendar (``read``). Import into a calendar:
  ``write`` (editor or owner; a viewer gets 403, a stranger 404). Feed URLs:
  the owner (``manage``).
- The public feed of a calendar is served only while ``is_public`` is true, by
  its secret token (``secrets.token_urlsafe(24)``, 192 bits). The token is made
  on first need (the owner asking for the feed URL) and rotated on demand: the
  old URL is then a 404 at once. Making a calendar private keeps its token, so
  making it public again restores the same URL; rotate to get a new one.
"""

from __future__ import annotations

import os
import re
import secrets
import uuid
from datetime import datetime

import sqlalchemy as sa

from calapp import policy
from calapp.calendars.models import Calendar
from calapp.errors import NotFound
from calapp.extensions import db
from calapp.ics import import_
from calapp.security import Principal

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # ICS_MAX_BYTES: largest imported file
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def max_bytes_from_env(env=os.environ) -> int:
    """``ICS_MAX_BYTES`` (bytes, default 10 MiB). Read once at start-up.

    :raises config.ConfigError: not a positive integer.
    """
    from config import ConfigError

    raw = env.get("ICS_MAX_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"ICS_MAX_BYTES must be a positive integer, got {raw!r}")
    return int(raw)


def readable_calendar(principal: Principal, calendar_id: uuid.UUID) -> Calendar:
    """:raises NotFound: not a member."""
    calendar, _ = policy.get_calendar(principal, calendar_id, "read")
    return calendar


def public_calendar(token: str) -> Calendar:
    """The public calendar of a feed token.

    :raises NotFound: unknown or rotated token, private or deleted calendar.
    """
    calendar = None
    if _TOKEN_RE.match(token):
        calendar = db.session.scalar(
            sa.select(Calendar).where(
                Calendar.public_token == token,
                Calendar.is_public.is_(True),
                Calendar.deleted_at.is_(None),
            )
        )
    if calendar is None:
        raise NotFound("Calendar feed not found")
    return calendar


def feed_token(
    principal: Principal, calendar_id: uuid.UUID, *, rotate: bool
) -> Calendar:
    """The calendar with its feed token, made if missing or ``rotate``.

    :raises NotFound: invisible. :raises Forbidden: not the owner.
    """
    calendar, _ = policy.get_calendar(principal, calendar_id, "manage", lock=True)
    if rotate or calendar.public_token is None:
        calendar.public_token = secrets.token_urlsafe(24)
        db.session.flush()
    return calendar


def import_calendar(
    principal: Principal,
    data: bytes,
    *,
    calendar_id: uuid.UUID | None,
    mode: str,
    dry_run: bool,
    now: datetime,
) -> tuple[import_.Report, bool]:
    """See ``calapp.ics.import_.run``."""
    return import_.run(
        principal, data, calendar_id=calendar_id, mode=mode, dry_run=dry_run, now=now
    )
