"""The public feed's address: ``/calendars/public/{token}.ics``.

The token is a secret (whoever has the address reads the calendar while it is
public), so, as Google Calendar shows a public calendar's address only to those
who manage its sharing, the calendar resource carries ``public_url`` and
``webcal_url`` for its owner alone, and only while the calendar is public.
"""

from __future__ import annotations

from flask import current_app, request


def urls(token: str) -> tuple[str, str]:
    """``(https URL, webcal URL)`` of the feed with ``token``, on
    ``PUBLIC_BASE_URL`` (else the host the request came to)."""
    base = (current_app.config.get("PUBLIC_BASE_URL") or request.host_url).rstrip("/")
    url = f"{base}/calendars/public/{token}.ics"
    return url, "webcal://" + url.split("://", 1)[1]


def visible_token(calendar) -> str | None:
    """The feed token the caller may see on the calendar resource, or None."""
    role = getattr(calendar, "role", None)
    if role == "owner" and calendar.is_public and calendar.public_token:
        return calendar.public_token
    return None
