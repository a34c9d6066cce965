"""Optimistic concurrency: strong ETags, ``If-Match`` and ``If-None-Match``.

Services compute their resources' ETags (``etag_of``); routes check and send them.
"""

from __future__ import annotations

import hashlib

from flask import Response, request

from calapp.errors import PreconditionFailed


def etag_of(*parts) -> str:
    """A strong ETag from the parts that change when the representation does."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
    return f'"{digest[:32]}"'


def _etag_list(header: str | None) -> list[str]:
    if not header:
        return []
    return [tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()]


def check_if_match(current: str) -> None:
    """:raises PreconditionFailed: ``If-Match`` is present and names another version.

    Without ``If-Match`` the write proceeds (as in Google Calendar).
    """
    wanted = _etag_list(request.headers.get("If-Match"))
    if wanted and "*" not in wanted and current not in wanted:
        raise PreconditionFailed(
            "The resource has changed since you read it: fetch it again",
            details={"etag": current},
        )


def with_etag(obj, etag: str, status: int = 200):
    """Return ``obj`` with its ETag, or an empty 304 when the client has it."""
    if request.method in ("GET", "HEAD") and etag in _etag_list(
        request.headers.get("If-None-Match")
    ):
        return Response(status=304, headers={"ETag": etag})
    return obj, status, {"ETag": etag}
