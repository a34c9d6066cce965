"""How attachments appear on an event: uploaded files and links in one shape.

Every item has ``id, filename, content_type, size, sha256, url``: a file has
its id, its SHA-256 and its download URL; a link has ``id`` and ``sha256``
null and keeps the ``name`` and ``mime_type`` it was given. Files come first
(oldest first), then links in their order. Imported only by the schemas and the
read path, so it needs nothing but the model.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from flask import current_app, has_request_context, request

from calapp.attachments.models import Attachment
from calapp.extensions import db

LINK_KEYS = ("name", "url", "mime_type", "size")


def base_url() -> str:
    """Where this API is reached: ``PUBLIC_BASE_URL``, else the request's host."""
    configured = current_app.config.get("PUBLIC_BASE_URL")
    if configured:
        return configured
    return request.host_url.rstrip("/") if has_request_context() else ""


def url_path(event_id, attachment_id) -> str:
    return f"/events/{event_id}/attachments/{attachment_id}"


def file_item(event_id, attachment_id, filename, content_type, size, sha256) -> dict:
    return {
        "id": attachment_id,
        "filename": filename,
        "content_type": content_type,
        "size": size,
        "sha256": sha256,
        "url": base_url() + url_path(event_id, attachment_id),
    }


def link_item(link: dict) -> dict:
    out = {k: link[k] for k in LINK_KEYS if k in link}
    out.update(
        id=None,
        filename=link.get("name"),
        content_type=link.get("mime_type"),
        size=link.get("size"),
        sha256=None,
    )
    return out


def event_items(owner_id: uuid.UUID, links) -> list[dict]:
    """The attachments of one event (``owner_id``: it, or its series)."""
    rows = db.session.execute(
        sa.select(
            Attachment.id,
            Attachment.filename,
            Attachment.content_type,
            Attachment.size,
            Attachment.sha256,
        )
        .where(Attachment.event_id == owner_id, Attachment.status == "ready")
        .order_by(Attachment.created_at, Attachment.id)
    )
    files = [file_item(owner_id, *row) for row in rows]
    return files + [link_item(link) for link in links or ()]


def aggregate(owner_column) -> sa.ScalarSelect:
    """The ready files of ``owner_column``'s event as a JSONB array (``[]``)."""
    obj = sa.func.jsonb_build_object(
        sa.literal_column("'id'"), Attachment.id,
        sa.literal_column("'filename'"), Attachment.filename,
        sa.literal_column("'content_type'"), Attachment.content_type,
        sa.literal_column("'size'"), Attachment.size,
        sa.literal_column("'sha256'"), Attachment.sha256,
        sa.literal_column("'event_id'"), Attachment.event_id,
    )  # fmt: skip
    agg = sa.func.jsonb_agg(
        sa.dialects.postgresql.aggregate_order_by(
            obj, Attachment.created_at, Attachment.id
        )
    )
    return (
        sa.select(sa.func.coalesce(agg, sa.text("'[]'::jsonb")))
        .where(Attachment.event_id == owner_column, Attachment.status == "ready")
        .scalar_subquery()
    )


def items_from_row(values) -> list[dict]:
    """Items from ``aggregate(...) || events.attachments`` (the read path)."""
    out = []
    for value in values:
        if "sha256" in value and "event_id" in value:
            out.append(file_item(
                value["event_id"], value["id"], value["filename"],
                value["content_type"], value["size"], value["sha256"],
            ))  # fmt: skip
        else:
            out.append(link_item(value))
    return out
