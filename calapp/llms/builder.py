"""The Markdown of ``/llms.txt`` and of a booking link's ``llms.txt``.

Pure functions over live data: the app's own OpenAPI document (the calls, their
summaries and scopes; a call the app does not serve is never listed), the scopes
of ``calapp.security``, and a booking link's real fields and paths. No Flask
here: ``calapp.llms.routes`` gathers the inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from calapp.availability import slots
from calapp.fields import format_instant
from calapp.security import API_KEY_PREFIX, RESOURCES

# The calls an agent starts with, by topic; the OpenAPI document has the rest.
CORE_CALLS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Account and keys",
        (
            ("post", "/auth/register"),
            ("post", "/auth/login"),
            ("post", "/auth/refresh"),
            ("post", "/api-keys"),
        ),
    ),
    (
        "Calendars",
        (
            ("get", "/calendars"),
            ("post", "/calendars"),
            ("post", "/calendars/{calendar_id}/share"),
        ),
    ),
    (
        "Events",
        (
            ("get", "/events"),
            ("post", "/events"),
            ("get", "/events/{event_id}"),
            ("put", "/events/{event_id}"),
            ("delete", "/events/{event_id}"),
            ("post", "/events/{event_id}/attendees"),
        ),
    ),
    (
        "Availability",
        (
            ("get", "/availability"),
            ("post", "/availability/find"),
            ("post", "/availability/explain"),
        ),
    ),
    (
        "Booking links",
        (
            ("post", "/calendars/{calendar_id}/booking-link"),
            ("get", "/booking/{token}/availability"),
            ("get", "/booking/{token}/explain"),
            ("post", "/booking/{token}/holds"),
            ("post", "/booking/{token}/reserve"),
        ),
    ),
    (
        "Contacts",
        (
            ("get", "/contacts"),
            ("post", "/contacts"),
        ),
    ),
    (
        "ICS",
        (
            ("get", "/calendars/{calendar_id}/export.ics"),
            ("post", "/calendars/import"),
        ),
    ),
)
WRITE_METHODS = ("post", "put", "patch", "delete")


@dataclass(frozen=True)
class Site:
    """Where the app is and what its document says."""

    base_url: str  # no trailing slash
    spec: Mapping
    openapi_path: str
    docs_path: str
    mcp_path: str
    access_token_minutes: int


def site_text(site: Site) -> str:
    """``/llms.txt``: what calapp is, how to sign in, the core calls, the links."""
    info = site.spec.get("info", {})
    count = sum(1 for _ in _operations(site.spec))
    lines = [
        f"# {info.get('title', 'calapp')}",
        "",
        "> A self-hostable calendar and contacts REST API: calendars shared with "
        "roles, events with RFC 5545 recurrence, reminders, attendees, contacts, "
        "free/busy, public booking links and ICS. JSON in and out; instants are "
        "RFC 3339 (send `Z` or an offset, answers are UTC).",
        "",
        "## Documentation",
        "",
        f"- [OpenAPI document]({site.base_url}{site.openapi_path}): all {count} "
        "operations, their schemas and scopes",
        f"- [Swagger UI]({site.base_url}{site.docs_path}): try the calls in a browser",
        f"- [MCP server]({site.base_url}{site.mcp_path}): the same operations as "
        "Model Context Protocol tools (streamable HTTP), with the same credentials",
        "",
        "## Authentication",
        "",
        "Two kinds of credentials; send either as `Authorization: Bearer <token>`.",
        "",
        "- **JWT** (a person): `POST /auth/register` `{email, password, name?, "
        "timezone?}` or `POST /auth/login` `{email, password}` return "
        "`access_token` (valid "
        f"{site.access_token_minutes} minutes, every scope) and `refresh_token`; "
        "`POST /auth/refresh` `{refresh_token}` gives a new pair.",
        "- **API key** (an agent or a script): a signed-in user creates one with "
        '`POST /api-keys` `{"name": "my agent", "scopes": ["events:read", '
        '"events:write"]}`; the answer shows the secret (it starts with '
        f"`{API_KEY_PREFIX}`) once. Send it as `X-API-Key: <key>` or as a Bearer "
        "token. A key can do only what its scopes allow, and never manages keys "
        "or deletes the account.",
        "",
        "Scopes: "
        + ", ".join(f"`{res}:{act}`" for res, acts in RESOURCES.items() for act in acts)
        + ". `write` implies `read` on the same resource. A missing scope is "
        "`403 insufficient_scope` with `details.required`.",
        "",
        "## Conventions",
        "",
        "- Errors always have the shape "
        '`{"error": "...", "code": "validation_error", "details": {...}}`.',
        "- Lists take `?limit=` (1-200) and `?cursor=`, and answer "
        "`{items, next_cursor}`; `next_cursor` is null on the last page.",
        "- Send an `Idempotency-Key` header (any unique string, e.g. a UUID) on "
        "every POST, PUT, PATCH and DELETE: a retry with the same key and body "
        "replays the first answer (`Idempotent-Replayed: true`) instead of acting "
        "twice.",
        "- Something you may not see is a 404, not a 403.",
        "",
        "## Core calls",
    ]
    for topic, calls in CORE_CALLS:
        found = [line for line in (_call(site.spec, m, p) for m, p in calls) if line]
        if found:
            lines += ["", f"### {topic}", "", *found]
    return "\n".join(lines) + "\n"


def _operations(spec: Mapping) -> Iterable[tuple[str, str, Mapping]]:
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if method in ("get", *WRITE_METHODS):
                yield method, path, operation


def _call(spec: Mapping, method: str, path: str) -> str | None:
    operation = spec.get("paths", {}).get(path, {}).get(method)
    if operation is None:
        return None
    scopes = operation.get("x-required-scopes")
    if operation.get("security") == [] or not operation.get("security"):
        access = "no sign-in"
    elif scopes:
        access = "scope " + ", ".join(f"`{s}`" for s in scopes)
    else:
        access = "signed in"
    summary = operation.get("summary", "").rstrip(".")
    return f"- `{method.upper()} {path}`: {summary} ({access})"


# --- a booking link ---------------------------------------------------------------


@dataclass(frozen=True)
class LinkPaths:
    """The link's real URLs (from the app's URL map)."""

    page: str
    availability: str
    explain: str
    holds: str
    reserve: str
    booking: str
    cancel: str
    reschedule: str
    openapi: str


def link_text(
    link,
    paths: LinkPaths,
    *,
    next_slots: list[tuple[datetime, datetime]],
    hold_minutes: int,
    max_window_days: int,
) -> str:
    """A booking link's ``llms.txt``: the link's settings and how to book it."""
    interval = link.slot_interval_minutes or link.duration_minutes
    lines = [
        f"# {link.title}",
        "",
        f"> A booking link of calapp: {link.duration_minutes}-minute meetings, "
        f"working hours in {link.zone_name}. Anyone can book it without an account: "
        "read the free slots, optionally hold one, then reserve it.",
        "",
    ]
    if link.description:
        lines += [link.description.strip(), ""]
    lines += [
        "## This link",
        "",
        f"- Title: {link.title}",
        f"- Duration: {link.duration_minutes} minutes",
        f"- Time zone: {link.zone_name} (working hours are local to it; every "
        "instant in the API is RFC 3339, answers in UTC)",
        f"- Working hours: {_working_hours(link.weekly_hours)}",
        *_overridden(link),
        f"- Slots start every {interval} minutes from the start of each window",
        f"- Bookable from {_notice(link.min_notice_minutes)} up to "
        f"{link.max_days_ahead} days ahead",
    ]
    if link.buffer_minutes:
        lines.append(
            f"- {link.buffer_minutes} minutes are kept free before and after "
            "every meeting"
        )
    if link.max_bookings_per_day is not None:
        lines.append(f"- At most {link.max_bookings_per_day} bookings a day")
    if next_slots:
        lines.append(
            "- Next free slots: "
            + ", ".join(f"`{format_instant(s)}`" for s, _ in next_slots)
        )
    example = next_slots[0] if next_slots else None
    start = format_instant(example[0]) if example else "2030-01-07T09:00:00Z"
    end = format_instant(example[1]) if example else "2030-01-07T09:30:00Z"
    week_later = format_instant(
        (example[0] if example else datetime(2030, 1, 7, 9, tzinfo=UTC))
        + timedelta(days=7)
    )
    lines += [
        "",
        "## Book a slot (no account needed)",
        "",
        "1. **Read the free slots**: "
        f"`GET {paths.availability}?start=<RFC 3339>&end=<RFC 3339>` (a range of "
        f"at most {max_window_days} days) answers "
        '`{"slots": [{"start": "...", "end": "..."}]}`. Book only a slot from '
        "this list, with its exact start and end.",
        f"2. **Hold it** (optional, for a multi-step flow): `POST {paths.holds}` "
        f'with `{{"slot_start": "{start}", "slot_end": "{end}", '
        '"email": "you@example.com"}` and an `Idempotency-Key` header answers '
        f'`{{"hold_id", "expires_at"}}`: the slot is kept for {hold_minutes} '
        "minutes. One hold per email; a few per client.",
        f"3. **Reserve it**: `POST {paths.reserve}` with "
        f'`{{"name": "Your Name", "email": "you@example.com", "slot_start": '
        f'"{start}", "slot_end": "{end}", "notes": "optional", "hold_id": '
        '"optional"}` and the header `Idempotency-Key: <a new UUID>`. Retrying '
        "after a timeout with the same key and body is safe: it answers the "
        "same booking instead of booking twice. The answer holds a "
        "`manage_token`, shown once: keep it.",
        f"4. **Change it later** with that token: `POST {paths.cancel}` or "
        f"`POST {paths.reschedule}` "
        '(`{"manage_token", "slot_start", "slot_end"}`); '
        f"`GET {paths.booking}` with the header `Manage-Token: <token>` shows it.",
        "",
        "If a slot is refused (`409 slot_unavailable`), or to learn why a time is "
        f"not offered, ask `GET {paths.explain}?start=<RFC 3339>`: it answers "
        "`offered` and every reason (`busy`, `outside_working_hours`, "
        "`min_notice`, ...). `429 rate_limited` means wait `Retry-After` seconds.",
        "",
        "## Example",
        "",
        "```sh",
        f"curl '{paths.availability}?start={start}&end={week_later}'",
        f"curl -X POST '{paths.reserve}' -H 'Content-Type: application/json' \\",
        '  -H "Idempotency-Key: $(uuidgen)" \\',
        f'  -d \'{{"name": "Ada", "email": "ada@example.com", "slot_start": '
        f'"{start}", "slot_end": "{end}"}}\'',
        "```",
        "",
        "## More",
        "",
        f"- [Booking page]({paths.page}) for people",
        f"- [OpenAPI document]({paths.openapi}): the schemas of these calls",
    ]
    return "\n".join(lines) + "\n"


def _overridden(link) -> list[str]:
    """A line on the schedule's dates with other hours, when it has any."""
    if link.schedule is None or not link.schedule.date_overrides:
        return []
    days = ", ".join(o["date"] for o in link.schedule.date_overrides[:10])
    more = " and more" if len(link.schedule.date_overrides) > 10 else ""
    return [f"- Other hours (or none) on {days}{more}: read the free slots"]


def _working_hours(working_hours: Mapping) -> str:
    parsed = slots.parse_working_hours(working_hours or {})
    days = []
    for index, key in enumerate(slots.DAY_KEYS):
        windows = parsed.get(index)
        if windows:
            spans = ", ".join(f"{w.start:%H:%M}-{_end(w)}" for w in windows)
            days.append(f"{key.capitalize()} {spans}")
    return "; ".join(days) or "none (no slots are offered)"


def _end(window: slots.Window) -> str:
    return "24:00" if window.end == slots.MIDNIGHT else f"{window.end:%H:%M}"


def _notice(minutes: int) -> str:
    return f"{minutes} minutes from now" if minutes else "now"
