"""The purge: files nobody can reach any more (``calapp.attachments.tasks``
runs it hourly)."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from calapp.attachments.models import Attachment
from calapp.attachments.service import current_storage, remove_object
from calapp.calendars.models import Calendar
from calapp.events.models import Event
from calapp.extensions import db

# A stored object no row names is removed only once it is older than this: an
# upload in progress has its object before its row is committed.
ORPHAN_GRACE = timedelta(hours=1)
# A direct upload never completed is dropped after this.
PENDING_LIFETIME = timedelta(days=1)


def purge_rows(now: datetime, retention_days: int) -> tuple[dict[str, int], list[str]]:
    """Delete the rows of files nobody can reach any more; returns counts by
    reason and the storage keys to remove once the deletion is committed.

    - files of events (or of their calendars) deleted more than
      ``retention_days`` ago;
    - presigned uploads never completed within ``PENDING_LIFETIME``.
    """
    cutoff = now - timedelta(days=retention_days)
    expired_event = sa.or_(
        sa.and_(Event.deleted_at.is_not(None), Event.deleted_at < cutoff),
        sa.and_(Calendar.deleted_at.is_not(None), Calendar.deleted_at < cutoff),
    )
    gone = db.session.scalars(
        sa.select(Attachment.id)
        .join(Event, Event.id == Attachment.event_id)
        .join(Calendar, Calendar.id == Event.calendar_id)
        .where(expired_event)
    ).all()
    stale = db.session.scalars(
        sa.select(Attachment.id).where(
            Attachment.status == "pending",
            Attachment.created_at < now - PENDING_LIFETIME,
        )
    ).all()
    keys = db.session.scalars(
        sa.delete(Attachment)
        .where(Attachment.id.in_([*gone, *stale]))
        .returning(Attachment.storage_key)
    ).all()
    db.session.flush()
    return {"deleted_events": len(gone), "stale_uploads": len(stale)}, list(keys)


def purge_orphans(now: datetime) -> int:
    """Remove stored objects no row names (an event hard-deleted, a removal
    that failed, an upload cut off), once older than ``ORPHAN_GRACE``."""
    known = set(db.session.scalars(sa.select(Attachment.storage_key)))
    removed = 0
    for obj in list(current_storage().objects()):
        if obj.key not in known and obj.modified_at < now - ORPHAN_GRACE:
            remove_object(obj.key)
            removed += 1
    return removed
