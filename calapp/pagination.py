"""Keyset pagination with opaque, signed cursors (API.md §1 "Lists").

A cursor is the sort key of the last row of a page, JSON-encoded, base64url and
HMAC-signed, so a client cannot forge or alter one (a tampered cursor is a 400).
Pages are ``WHERE (k1, k2, id) > (:k1, :k2, :id) ORDER BY k1, k2, id LIMIT n + 1``,
which never repeats or skips a row when rows are inserted between pages.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app

from calapp.errors import ValidationError

_SIG_BYTES = 12


def _secret() -> bytes:
    return ("cursor:" + current_app.config["SECRET_KEY"]).encode()


def _encode_value(value: Any) -> list:
    if isinstance(value, datetime):
        return ["dt", value.isoformat()]
    if isinstance(value, date):
        return ["d", value.isoformat()]
    if isinstance(value, uuid.UUID):
        return ["u", str(value)]
    return ["v", value]


def _decode_value(item: list) -> Any:
    tag, value = item
    if tag == "dt":
        return datetime.fromisoformat(value)
    if tag == "d":
        return date.fromisoformat(value)
    if tag == "u":
        return uuid.UUID(value)
    return value


def encode_cursor(key: Sequence[Any]) -> str:
    payload = base64.urlsafe_b64encode(
        json.dumps([_encode_value(v) for v in key], separators=(",", ":")).encode()
    ).rstrip(b"=")
    sig = hmac.new(_secret(), payload, hashlib.sha256).digest()[:_SIG_BYTES]
    return (payload + b"." + base64.urlsafe_b64encode(sig).rstrip(b"=")).decode()


def decode_cursor(cursor: str, size: int) -> list[Any]:
    """:raises ValidationError: when the cursor was not made by this service."""
    try:
        payload, sig = cursor.encode("ascii").split(b".")
        expected = hmac.new(_secret(), payload, hashlib.sha256).digest()[:_SIG_BYTES]
        given = base64.urlsafe_b64decode(sig + b"=" * (-len(sig) % 4))
        if not hmac.compare_digest(expected, given):
            raise ValueError("bad signature")
        raw = base64.urlsafe_b64decode(payload + b"=" * (-len(payload) % 4))
        values = [_decode_value(item) for item in json.loads(raw)]
        if len(values) != size:
            raise ValueError("wrong size")
        return values
    except (ValueError, TypeError, UnicodeError, json.JSONDecodeError) as exc:
        raise ValidationError.field(
            "cursor", "is invalid: pass next_cursor from the previous page unchanged"
        ) from exc


def keyset_page(
    stmt: sa.Select,
    *,
    keys: Sequence[sa.ColumnElement],
    key_of: Callable[[Any], Sequence[Any]],
    limit: int,
    cursor: str | None,
    descending: bool = False,
    scalars: bool = True,
    params: dict | None = None,
) -> tuple[list, str | None]:
    """Run ``stmt`` (with its bind ``params``) for one page; return
    ``(rows, next_cursor)``.

    ``keys`` is the sort key and must end in a unique column (the id);
    ``key_of(row)`` returns the same values from a loaded row.
    """
    from calapp.extensions import db

    if cursor:
        values = decode_cursor(cursor, len(keys))
        bound = sa.tuple_(
            *[sa.literal(v, k.type) for k, v in zip(keys, values, strict=True)]
        )
        row_key = sa.tuple_(*keys)
        stmt = stmt.where(row_key < bound if descending else row_key > bound)
    order = [k.desc() for k in keys] if descending else list(keys)
    stmt = stmt.order_by(*order).limit(limit + 1)
    result = db.session.execute(stmt, params)
    rows = list(result.scalars() if scalars else result)
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor(key_of(rows[-1]))
