"""Sync tokens: incremental listings on the change log (Google Calendar's contract).

A full listing (no window, no search) ends with ``next_sync_token``; ``?sync_token=``
returns what changed since, paged with cursors that carry the sync context, the
last page ending with a new token. A token is opaque and tamper-proof: a compact
JSON payload signed with HMAC-SHA256 under ``SECRET_KEY``:

- the list (``events``, ``calendars``, ``contacts``) and the user it was issued to;
- the log position it covers (the watermark read before the listing, so a change
  that commits during the listing is sent again rather than lost);
- a hash of the filters, and for events a hash of the readable calendars.

It expires (410 ``sync_token_expired``) when its position was pruned, when it is
presented by another user or with other filters, and for events when the set of
calendars the caller can read has changed: the client then lists in full again.

Full listings carry the watermark of their first page in their cursors, so the
token on the last page covers what changed while the client paged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from flask import current_app

from calapp.changes import service
from calapp.errors import SyncTokenExpired, ValidationError
from calapp.pagination import decode_cursor, encode_cursor

_SIG_BYTES = 16
_HASH_BYTES = 8
_VERSION = 1


def _secret() -> bytes:
    return ("sync:" + current_app.config["SECRET_KEY"]).encode()


def _b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def _unb64(data: bytes) -> bytes:
    return base64.urlsafe_b64decode(data + b"=" * (-len(data) % 4))


def digest(values: Iterable) -> str:
    """A short stable hash of a set of values (filters, readable calendars)."""
    text = "|".join(sorted(str(v) for v in values))
    return _b64(hashlib.sha256(text.encode()).digest()[:_HASH_BYTES]).decode()


def _sign(payload: dict) -> str:
    body = _b64(json.dumps(payload, separators=(",", ":")).encode())
    sig = hmac.new(_secret(), body, hashlib.sha256).digest()[:_SIG_BYTES]
    return (body + b"." + _b64(sig)).decode()


def _verify(text: str, name: str) -> dict:
    """:raises ValidationError: not made by this service, or altered."""
    try:
        body, sig = text.encode("ascii").split(b".")
        expected = hmac.new(_secret(), body, hashlib.sha256).digest()[:_SIG_BYTES]
        if not hmac.compare_digest(expected, _unb64(sig)):
            raise ValueError("bad signature")
        payload = json.loads(_unb64(body))
        if not isinstance(payload, dict) or payload.get("v") != _VERSION:
            raise ValueError("unknown format")
        return payload
    except (ValueError, TypeError, UnicodeError) as exc:
        raise ValidationError.field(
            name, f"is invalid: pass the {name} you were given unchanged"
        ) from exc


def _ids(raw: bytes) -> list[uuid.UUID]:
    if len(raw) % 16:
        raise ValueError("truncated ids")
    return [uuid.UUID(bytes=raw[i : i + 16]) for i in range(0, len(raw), 16)]


@dataclass
class Context:
    """What a sync page needs: who, which list, which filters, which range."""

    kind: str
    user_id: uuid.UUID
    since: int
    up_to: int
    filters: list[uuid.UUID] = field(default_factory=list)
    calendars: str = ""
    after: tuple[int, str] | None = None  # the last (position, id) sent

    def token(self, position: int) -> str:
        return _sign(
            {
                "v": _VERSION,
                "t": "token",
                "k": self.kind,
                "u": self.user_id.hex,
                "p": position,
                "f": digest(self.filters),
                "c": self.calendars,
            }
        )

    def cursor(self, after: tuple[int, uuid.UUID]) -> str:
        return _sign(
            {
                "v": _VERSION,
                "t": "cursor",
                "k": self.kind,
                "u": self.user_id.hex,
                "s": self.since,
                "p": self.up_to,
                # 16 bytes an id: the cursor stays short with 50 calendar filters
                "f": _b64(b"".join(f.bytes for f in self.filters)).decode(),
                "c": self.calendars,
                "a": [after[0], after[1].hex],
            }
        )


def is_sync_cursor(cursor: str | None) -> bool:
    """A sync page's cursor (list cursors are made by ``calapp.pagination``)."""
    if not cursor:
        return False
    try:
        body = cursor.encode("ascii").split(b".")[0]
        return json.loads(_unb64(body)).get("t") == "cursor"
    except (ValueError, TypeError, UnicodeError, AttributeError, RecursionError):
        return False


def _expired(why: str) -> SyncTokenExpired:
    return SyncTokenExpired(
        f"The sync token is no longer valid ({why}): list in full again without "
        "sync_token and use the new next_sync_token"
    )


def begin(
    kind: str,
    user_id: uuid.UUID,
    *,
    sync_token: str | None,
    cursor: str | None,
    filters: Sequence[uuid.UUID] = (),
    calendars: str = "",
) -> Context:
    """The context of a sync page, from a token (first page) or a sync cursor.

    :raises ValidationError: a malformed or altered token or cursor.
    :raises SyncTokenExpired: pruned, another user's, other filters, or (events)
        the readable calendars changed.
    """
    if cursor:
        data = _verify(cursor, "cursor")
        if data.get("t") != "cursor" or data.get("k") != kind:
            raise ValidationError.field("cursor", "is not a cursor of this list")
        try:
            context = Context(
                kind,
                uuid.UUID(data["u"]),
                int(data["s"]),
                int(data["p"]),
                _ids(_unb64(data["f"].encode("ascii"))),
                str(data["c"]),
                (int(data["a"][0]), data["a"][1]),
            )
        except (KeyError, ValueError, TypeError, IndexError, AttributeError) as exc:
            raise ValidationError.field("cursor", "is invalid") from exc
        position = context.since
    else:
        data = _verify(sync_token or "", "sync_token")
        if data.get("t") != "token" or data.get("k") != kind:
            raise ValidationError.field("sync_token", "is not a token of this list")
        try:
            position = int(data["p"])
            issued_to, issued_for = uuid.UUID(data["u"]), str(data["f"])
            issued_with = str(data["c"])
        except (KeyError, ValueError, TypeError) as exc:
            raise ValidationError.field("sync_token", "is invalid") from exc
        if issued_for != digest(filters):
            raise _expired("it was issued for other filters")
        context = Context(
            kind, issued_to, position, service.watermark(), list(filters), issued_with
        )
    if context.user_id != user_id:
        raise _expired("it was issued to another user")
    if context.calendars != calendars:
        raise _expired("the calendars you can read have changed")
    if service.is_expired(position):
        raise _expired("it is older than the change log's retention")
    return context


def page(
    context: Context,
    *,
    audience,
    key=None,
    limit: int,
    load: Callable[[list[uuid.UUID]], dict[uuid.UUID, object]],
) -> tuple[list, str | None, str | None]:
    """One page of changed resources: ``(items, next_cursor, next_sync_token)``.

    ``load(ids)`` returns the current representation of each id the caller may
    still read and a deleted stub for the others.
    """
    after = None
    if context.after is not None:
        after = (context.after[0], uuid.UUID(context.after[1]))
    keys = service.changed(
        context.since,
        context.up_to,
        audience=audience,
        key=key,
        after=after,
        limit=limit + 1,
    )
    more = len(keys) > limit
    keys = keys[:limit]
    found = load([resource_id for _, resource_id in keys]) if keys else {}
    items = [found[resource_id] for _, resource_id in keys]
    if more:
        return items, context.cursor(keys[-1]), None
    return items, None, context.token(context.up_to)


# --- full listings: the watermark of the first page rides in the cursors ----------


def full_listing_start(cursor: str | None, size: int) -> tuple[str | None, int]:
    """Split a full listing's cursor into the list cursor and the watermark (read
    now on the first page)."""
    if not cursor:
        return None, service.watermark()
    values = decode_cursor(cursor, size + 1)
    position = values[-1]
    if not isinstance(position, int) or isinstance(position, bool) or position < 0:
        raise ValidationError.field("cursor", "is invalid")
    return encode_cursor(values[:-1]), position


def full_listing_end(
    next_cursor: str | None, position: int, size: int, context: Context
) -> tuple[str | None, str | None]:
    """``(next_cursor, next_sync_token)`` of a full listing's page."""
    if next_cursor is None:
        return None, context.token(position)
    values = decode_cursor(next_cursor, size)
    return encode_cursor([*values, position]), None
