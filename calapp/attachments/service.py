"""Attachment files of events: upload, list, download, delete, presigned uploads,
signed links for calendar apps, and the purge of files nobody can reach.

Decisions a client will notice:

- Access is the event's: whoever may read the event (members, invited users)
  lists and downloads its files; editors and owners upload and delete; anyone
  else gets a 404. A recurrence exception shows and serves its series' files
  (by reference: one stored copy), and a file uploaded to an exception belongs
  to the series.
- The content type is sniffed from the bytes (``ingest.sniff``), the filename
  is cleaned (``ingest.clean_filename``), the SHA-256 and size are measured.
- ``ATTACHMENT_MAX_BYTES`` caps one file, ``ATTACHMENT_QUOTA_BYTES`` the files
  one user uploaded (pending presigned uploads count with their declared size):
  413 ``payload_too_large`` beyond either.
- A soft-deleted event keeps its files until the purge, ``ATTACHMENT_RETENTION_DAYS``
  after the deletion.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from calapp import policy
from calapp.attachments import ingest, links, storage, views
from calapp.attachments.models import Attachment
from calapp.errors import NotFound, PayloadTooLarge, ValidationError
from calapp.events.models import Event
from calapp.events.service import touch
from calapp.extensions import db
from calapp.pagination import keyset_page
from calapp.security import Principal

# Multipart framing (boundary lines, part headers) around the file.
MULTIPART_OVERHEAD = 64 * 1024


def current_storage() -> storage.Storage:
    return storage.for_app(current_app)


def max_bytes() -> int:
    return current_app.config["ATTACHMENT_MAX_BYTES"]


def owner_id(event: Event) -> uuid.UUID:
    """The event whose files an event shows: its series for an exception."""
    return event.series_id or event.id


def storage_key(event_id: uuid.UUID, attachment_id: uuid.UUID) -> str:
    return f"{event_id}/{attachment_id}"


url_path = views.url_path
base_url = views.base_url


# --- quota ----------------------------------------------------------------------------


def quota_used(user_id: uuid.UUID) -> int:
    return int(
        db.session.scalar(
            sa.select(sa.func.coalesce(sa.func.sum(Attachment.size), 0)).where(
                Attachment.uploaded_by == user_id
            )
        )
    )


def _too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"The file is larger than the limit of {limit} bytes (ATTACHMENT_MAX_BYTES)",
        details={"max_bytes": limit},
    )


def _over_quota(used: int, quota: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"This file does not fit in your attachment quota: {used} of {quota} bytes "
        "are used; delete attachments to make room",
        details={"quota_bytes": quota, "used_bytes": used},
    )


def _room(principal: Principal) -> tuple[int, PayloadTooLarge]:
    """How many bytes the principal may still upload, and the error beyond."""
    limit = max_bytes()
    if principal.user_id is None:
        return limit, _too_large(limit)
    quota = current_app.config["ATTACHMENT_QUOTA_BYTES"]
    used = quota_used(principal.user_id)
    if quota - used < limit:
        return max(quota - used, 0), _over_quota(used, quota)
    return limit, _too_large(limit)


def _lock_quota(principal: Principal) -> None:
    """Serialise the principal's uploads at their final check (two concurrent
    uploads must not both fit in the room only one has)."""
    if principal.user_id is not None:
        db.session.execute(
            sa.select(sa.func.pg_advisory_xact_lock(
                sa.func.hashtext(f"attachments-quota:{principal.user_id}")
            ))
        )  # fmt: skip


def _check_quota(principal: Principal, size: int) -> None:
    if principal.user_id is None:
        return
    quota = current_app.config["ATTACHMENT_QUOTA_BYTES"]
    used = quota_used(principal.user_id)
    if used + size > quota:
        raise _over_quota(used, quota)


# --- upload through the API -----------------------------------------------------------


def check_length(principal: Principal, event_id: uuid.UUID, length: int | None) -> int:
    """Refuse early what cannot fit: the event must be writable and a declared
    Content-Length within the room left. Returns the most the body may carry.

    :raises NotFound, Forbidden: as the event. :raises PayloadTooLarge: too long.
    """
    policy.get_event(principal, event_id, "write")
    room, error = _room(principal)
    if length is not None and length > room + MULTIPART_OVERHEAD:
        raise error
    return room + MULTIPART_OVERHEAD


def upload(
    principal: Principal,
    event_id: uuid.UUID,
    stream,
    boundary: bytes,
    now: datetime,
) -> Attachment:
    """Stream the multipart field ``file`` into storage and record it.

    The event's row is not locked while the bytes flow (an upload can take
    minutes); write access is checked again, under the lock, once they are in.

    :raises NotFound, Forbidden: as the event. :raises PayloadTooLarge: limits.
    :raises ValidationError: no file field, a malformed body.
    """
    event, _ = policy.get_event(principal, event_id, "write")
    owner = owner_id(event)
    room, error = _room(principal)
    part = ingest.MultipartFile(stream, boundary)
    attachment_id = uuid.uuid4()
    key = storage_key(owner, attachment_id)
    meter = ingest.Meter(part.chunks(), room)
    store = current_storage()
    try:
        store.save(key, meter)
    except ingest.TooLarge:
        store.delete(key)
        raise error from None
    try:
        return _record(
            principal,
            event_id,
            Attachment(
                id=attachment_id,
                event_id=owner,
                uploaded_by=principal.user_id,
                storage_key=key,
                filename=ingest.clean_filename(part.filename),
                content_type=ingest.sniff(meter.head),
                size=meter.size,
                sha256=meter.sha256,
                status="ready",
                created_at=now,
            ),
            now,
        )
    except BaseException:
        store.delete(key)
        raise


def _record(
    principal: Principal, event_id: uuid.UUID, row: Attachment, now: datetime
) -> Attachment:
    event, _ = policy.get_event(principal, event_id, "write", lock=True)
    _lock_quota(principal)
    _check_quota(principal, row.size)
    db.session.add(row)
    _touch_owner(principal, event, now)
    db.session.flush()
    return row


def _touch_owner(principal: Principal, event: Event, now: datetime) -> None:
    """A new or removed file changes the event that shows it (ETag, sync)."""
    owner = event if event.series_id is None else db.session.get(Event, event.series_id)
    touch(owner, principal, now)


# --- presigned upload (S3) ------------------------------------------------------------


def create_upload(
    principal: Principal, event_id: uuid.UUID, data: dict, now: datetime
) -> tuple[Attachment, str, datetime]:
    """A pending attachment and a presigned PUT URL for its bytes.

    On S3 the URL is the bucket's; on disk it is this API's signed
    ``PUT /attachments/uploads/{id}``, so clients have one flow for both.

    :raises PayloadTooLarge: the declared size is over a limit.
    """
    store = current_storage()
    event, _ = policy.get_event(principal, event_id, "write", lock=True)
    if data["size"] > max_bytes():
        raise _too_large(max_bytes())
    _lock_quota(principal)
    _check_quota(principal, data["size"])
    owner = owner_id(event)
    attachment_id = uuid.uuid4()
    row = Attachment(
        id=attachment_id,
        event_id=owner,
        uploaded_by=principal.user_id,
        storage_key=storage_key(owner, attachment_id),
        filename=ingest.clean_filename(data["filename"]),
        content_type="application/octet-stream",
        size=data["size"],
        sha256=None,
        status="pending",
        created_at=now,
    )
    db.session.add(row)
    db.session.flush()
    expires = timedelta(seconds=current_app.config["ATTACHMENT_URL_SECONDS"])
    if store.presigns:
        return row, store.upload_url(row.storage_key, expires), now + expires
    until = int((now + expires).timestamp())
    signature = links.sign(attachment_id, until, "upload")
    url = (
        f"{base_url()}/attachments/uploads/{attachment_id}"
        f"?expires={until}&signature={signature}"
    )
    return row, url, now + expires


def receive_upload(
    attachment_id: uuid.UUID, expires: int, signature: str, stream, now: datetime
) -> None:
    """The body of a signed ``PUT /attachments/uploads/{id}`` (disk storage),
    streamed into the pending attachment's object.

    :raises NotFound: a wrong or expired signature, no such pending upload.
    :raises PayloadTooLarge: more bytes than declared.
    """
    links.check(attachment_id, expires, signature, now, "upload")
    row = db.session.scalar(
        sa.select(Attachment).where(
            Attachment.id == attachment_id, Attachment.status == "pending"
        )
    )
    if row is None:
        raise NotFound("Upload not found, or the link has expired")
    meter = ingest.Meter(iter(lambda: stream.read(ingest.READ_BYTES), b""), row.size)
    store = current_storage()
    try:
        store.save(row.storage_key, meter)
    except ingest.TooLarge:
        store.delete(row.storage_key)
        raise PayloadTooLarge(
            f"The upload was declared as {row.size} bytes; more were sent",
            details={"size": row.size},
        ) from None


def complete_upload(
    principal: Principal, event_id: uuid.UUID, attachment_id: uuid.UUID, now: datetime
) -> Attachment:
    """Verify the uploaded object (its size; hash and type measured from its
    bytes, read as a stream) and make the attachment ready.

    :raises ValidationError: nothing uploaded yet, or not the declared size.
    """
    event, _ = policy.get_event(principal, event_id, "write")
    row = _find(owner_id(event), attachment_id, status="pending")
    store = current_storage()
    size = store.size(row.storage_key)
    if size is None:
        raise ValidationError(
            "Nothing was uploaded yet: PUT the file to upload_url first",
            details={"upload": ["no object"]},
        )
    if size != row.size:
        store.delete(row.storage_key)
        raise ValidationError(
            f"The uploaded object has {size} bytes, not the declared {row.size}: "
            "upload it again",
            details={"size": [f"declared {row.size}, uploaded {size}"]},
        )
    meter = ingest.Meter(store.chunks(row.storage_key), row.size)
    for _ in meter:
        pass
    event, _ = policy.get_event(principal, event_id, "write", lock=True)
    row.sha256 = meter.sha256
    row.content_type = ingest.sniff(meter.head)
    row.status = "ready"
    row.created_at = now
    _touch_owner(principal, event, now)
    db.session.flush()
    return row


# --- read and delete ------------------------------------------------------------------


def _find(owner: uuid.UUID, attachment_id: uuid.UUID, status: str = "ready"):
    row = db.session.scalar(
        sa.select(Attachment).where(
            Attachment.id == attachment_id,
            Attachment.event_id == owner,
            Attachment.status == status,
        )
    )
    if row is None:
        raise NotFound("Attachment not found")
    return row


def get(
    principal: Principal, event_id: uuid.UUID, attachment_id: uuid.UUID
) -> Attachment:
    """A ready file of an event the principal may read."""
    event, _ = policy.get_event(principal, event_id, "read")
    return _find(owner_id(event), attachment_id)


def list_page(
    principal: Principal, event_id: uuid.UUID, limit: int, cursor: str | None
) -> tuple[list[Attachment], str | None]:
    """The event's ready files, oldest first."""
    event, _ = policy.get_event(principal, event_id, "read")
    stmt = sa.select(Attachment).where(
        Attachment.event_id == owner_id(event), Attachment.status == "ready"
    )
    return keyset_page(
        stmt,
        keys=[Attachment.created_at, Attachment.id],
        key_of=lambda row: (row.created_at, row.id),
        limit=limit,
        cursor=cursor,
    )


def delete(
    principal: Principal, event_id: uuid.UUID, attachment_id: uuid.UUID, now: datetime
) -> str:
    """Remove the row; returns the storage key, for removal after the commit
    (should that fail, the purge removes the object no row names)."""
    event, _ = policy.get_event(principal, event_id, "write", lock=True)
    row = _find(owner_id(event), attachment_id)
    db.session.delete(row)
    _touch_owner(principal, event, now)
    db.session.flush()
    return row.storage_key


def remove_object(key: str) -> None:
    try:
        current_storage().delete(key)
    except Exception:  # the purge removes what no row names
        current_app.logger.warning("could not remove attachment object %s", key)
