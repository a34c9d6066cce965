"""One sync of a connection: what changed on the other side, into the mirrors.

- CalDAV: ``sync-collection`` (RFC 6578) from the last token when the server
  offers it: changed objects fetched with ``calendar-multiget``, deleted ones
  removed; a first sync, or a token the server forgot, lists everything. A
  server without it: the events of ``RANGE_BEFORE``..``RANGE_AFTER`` around
  now (``calendar-query``), replacing what the mirror held.
- ICS: the feed with ``If-None-Match`` / ``If-Modified-Since``; 304 changes
  nothing, 200 replaces the mirror's events with the feed's.
- The account's calendars are listed again on each CalDAV sync: a new one is
  kept (busy, shown), one that vanished loses its mirror.

One sync per connection at a time (a transaction-level advisory lock). A
failure changes no event; it is counted: the next try waits twice as long each
time (up to ``MAX_BACKOFF``), and after ``failing_after`` failures in a row the
connection turns ``failing`` and its owner's webhooks get ``connection.failing``.
"""

from __future__ import annotations

import logging
import re
import uuid
from datetime import datetime, timedelta
from urllib.parse import unquote, urlsplit

import sqlalchemy as sa

from calapp.calendars.models import Calendar
from calapp.connections import caldav, secrets, service
from calapp.connections.models import Connection, RemoteCalendar
from calapp.errors import Conflict, ValidationError
from calapp.events.models import Event
from calapp.extensions import db
from calapp.ics import mirror
from calapp.security import Principal
from calapp.webhooks import service as webhooks
from calapp.webhooks import transport

log = logging.getLogger("calapp.connections")

RANGE_BEFORE = timedelta(days=90)
RANGE_AFTER = timedelta(days=730)
MAX_BACKOFF = timedelta(hours=24)
_UID = re.compile(r"^UID[;:](?:[^:\r\n]*:)?(.*?)\r?$", re.MULTILINE)


class Busy(Conflict):
    pass


def _lock(connection_id: uuid.UUID) -> bool:
    key = uuid.UUID(bytes=connection_id.bytes).int & 0x7FFFFFFFFFFFFFFF
    return bool(db.session.scalar(sa.select(sa.func.pg_try_advisory_xact_lock(key))))


def run(connection_id: uuid.UUID, now: datetime, settings: dict) -> Connection:
    """Sync one connection now; the caller commits.

    :raises Busy: a sync of it is already running.
    """
    if not _lock(connection_id):
        raise Busy("This connection is being synced right now: try again shortly")
    connection = db.session.get(Connection, connection_id)
    if connection is None or connection.deleted_at is not None:
        return connection
    try:
        # The connection's row is written only at the end: a sync of a large
        # calendar must not hold its row lock (request_sync writes it meanwhile).
        with db.session.begin_nested():
            if connection.kind == "caldav":
                _caldav(connection, now, settings)
            else:
                _ics(connection, now, settings)
    except (caldav.SyncError, secrets.Unreadable, ValidationError, Conflict) as exc:
        _failed(connection, _message(exc), now, settings)
    else:
        connection.state, connection.consecutive_failures = "active", 0
        connection.last_error, connection.last_synced_at = None, now
        connection.next_sync_at = now + timedelta(
            minutes=connection.sync_interval_minutes
        )
    connection.last_attempt_at = connection.updated_at = now
    db.session.flush()
    _answered(connection, now)
    return connection


def _answered(connection: Connection, started: datetime) -> None:
    """A sync asked for before this one started has been run; one asked for
    during it (committed meanwhile) is still to run."""
    db.session.execute(
        sa.update(Connection)
        .where(
            Connection.id == connection.id,
            Connection.sync_requested_at <= started,
        )
        .values(sync_requested_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(connection, ["sync_requested_at"])


def record_failure(connection_id: uuid.UUID, error: str, now, settings) -> None:
    """Count a failure that escaped the sync (a bug: logged by the caller)."""
    connection = db.session.get(Connection, connection_id)
    if connection is not None:
        _failed(connection, error, now, settings)
        db.session.flush()
        _answered(connection, now)


def _message(exc: Exception) -> str:
    if isinstance(exc, Conflict):
        return f"the mirror changed during the sync: {exc.message}"
    if isinstance(exc, ValidationError):
        return f"the calendar data could not be read: {exc.message}"
    return str(exc)[:2000]


def _failed(connection: Connection, error: str, now: datetime, settings) -> None:
    connection.consecutive_failures += 1
    connection.last_error = error
    wait = timedelta(minutes=connection.sync_interval_minutes) * (
        2 ** min(connection.consecutive_failures - 1, 10)
    )
    connection.next_sync_at = now + min(wait, MAX_BACKOFF)
    log.info("connection %s failed to sync: %s", connection.id, error)
    if (
        connection.consecutive_failures >= settings["failing_after"]
        and connection.state != "failing"
    ):
        connection.state = "failing"
        webhooks.queue_connection_failing(connection.owner_id, connection, now)


def _mirror_of(remote: RemoteCalendar) -> Calendar | None:
    if remote.calendar_id is None:
        return None
    calendar = db.session.get(Calendar, remote.calendar_id)
    return calendar if calendar is not None and calendar.deleted_at is None else None


def _writer(connection: Connection) -> Principal:
    """The sync writes as the system (past ``policy.read_only``), in the
    owner's name."""
    return Principal(user_id=connection.owner_id, via="system")


# --- CalDAV --------------------------------------------------------------------------


def _caldav(connection: Connection, now: datetime, settings: dict) -> None:
    client = service.client(connection, settings)
    remotes = service.remotes_of([connection.id])[connection.id]
    _rediscover(connection, client, remotes, now)
    for remote in remotes:
        calendar = _mirror_of(remote)
        if calendar is None or remote.is_gone:
            continue
        if remote.supports_sync:
            _sync_collection(connection, client, remote, calendar, now)
        else:
            start, end = now - RANGE_BEFORE, now + RANGE_AFTER
            objects = client.in_range(remote.href, start, end)
            _write(connection, calendar, objects, now, "replace")


def _rediscover(connection, client, remotes: list, now: datetime) -> None:
    found = {r.href: r for r in client.discover()}
    known = {r.href: r for r in remotes}
    for href, remote in known.items():
        seen = found.get(href)
        if seen is None and not remote.is_gone:
            remote.is_gone = True
            service.arrange_mirror(connection, remote, now)
        elif seen is not None:
            remote.supports_sync = seen.supports_sync
            if remote.is_gone:
                remote.is_gone = False
                service.arrange_mirror(connection, remote, now)
    for href, seen in found.items():
        if href not in known:
            remotes.append(service.add_remote(connection, seen, now))


def _sync_collection(connection, client, remote, calendar, now) -> None:
    try:
        changes = client.changes(remote.href, remote.sync_token)
    except caldav.TokenExpired:
        remote.sync_token = None
        changes = client.changes(remote.href, None)
    objects = client.fetch(remote.href, changes.changed) if changes.changed else {}
    if remote.sync_token is None:
        _write(connection, calendar, objects, now, "replace")
    else:
        mirror.delete_named(calendar, [_name(h) for h in changes.deleted], now)
        _write(connection, calendar, objects, now, "merge")
    remote.sync_token = changes.token or None


def _name(href: str) -> str:
    return unquote(urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1])


def _names(objects: dict[str, str]) -> dict[str, str]:
    names = {}
    for href, data in objects.items():
        match = _UID.search(data)
        if match:
            names[match.group(1).strip()] = _name(href)
    return names


def _joined(objects: dict[str, str]) -> bytes:
    return "\r\n".join(data.strip() for data in objects.values()).encode()


def _write(connection, calendar, objects: dict[str, str], now, mode: str) -> None:
    """``merge``: the objects over the mirror; ``replace``: the mirror holds
    exactly ``objects`` afterwards."""
    if objects:
        mirror.mirror(
            _writer(connection),
            calendar,
            _joined(objects),
            mode=mode,
            now=now,
            names=_names(objects),
        )
    elif mode == "replace":
        names = db.session.scalars(
            sa.select(Event.dav_href).where(
                Event.calendar_id == calendar.id,
                Event.deleted_at.is_(None),
                Event.series_id.is_(None),
            )
        ).all()
        mirror.delete_named(calendar, [n for n in names if n], now)


# --- ICS feeds -----------------------------------------------------------------------


def _ics(connection: Connection, now: datetime, settings: dict) -> None:
    for remote in service.remotes_of([connection.id])[connection.id]:
        calendar = _mirror_of(remote)
        if calendar is None:
            continue
        headers = {"Accept": "text/calendar, */*;q=0.5"}
        if remote.etag:
            headers["If-None-Match"] = remote.etag
        if remote.last_modified:
            headers["If-Modified-Since"] = remote.last_modified
        answer = _get(remote.href, headers, settings)
        if answer.status == 304:
            continue
        if answer.status != 200:
            raise caldav.SyncError(f"GET {remote.href}: HTTP {answer.status}")
        mirror.mirror(
            _writer(connection), calendar, answer.body, mode="replace", now=now
        )
        remote.etag = answer.headers.get("etag")
        remote.last_modified = answer.headers.get("last-modified")


def _get(url: str, headers: dict, settings: dict) -> transport.Answer:
    for _ in range(caldav.MAX_REDIRECTS + 1):
        try:
            answer = transport.request(
                "GET",
                url,
                headers=headers,
                timeout=settings["timeout"],
                max_bytes=settings["max_bytes"],
                allow_private=settings["allow_private"],
                user_agent=caldav.USER_AGENT,
            )
        except transport.Refused as exc:
            raise caldav.SyncError(f"GET {url}: {exc}") from None
        location = answer.headers.get("location")
        if answer.status not in (301, 302, 303, 307, 308) or not location:
            return answer
        url = service.feed_url(location)
    raise caldav.SyncError(f"GET: more than {caldav.MAX_REDIRECTS} redirects")


# --- the sweep -----------------------------------------------------------------------


def due(now: datetime, limit: int) -> list[uuid.UUID]:
    """Connections whose next sync is due, the longest waiting first."""
    return list(
        db.session.scalars(
            sa.select(Connection.id)
            .where(Connection.deleted_at.is_(None), Connection.next_sync_at <= now)
            .order_by(Connection.next_sync_at)
            .limit(limit)
        )
    )
