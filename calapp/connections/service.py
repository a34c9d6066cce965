"""External calendars: CalDAV accounts and ICS subscriptions of a user.

- ``POST /connections`` checks the account at once (the calendars are
  discovered, so a wrong password or URL is a 400 then, not a silent failure
  later) and stores the password sealed (``secrets``); it is never returned.
- Each remote calendar the user keeps (``is_busy`` or ``is_shown``) has a
  mirror: a calendar of theirs with ``source`` set, whose events only the sync
  writes (``policy.read_only``). ``is_busy``: its events make the owner busy
  in every calendar of theirs (``availability.service.connected_busy``), hence
  in free/busy, slot finding and booking links. ``is_shown``: the mirror is
  one of the owner's calendars (listed, its events in event lists); a hidden
  one blocks time without being listed.
- The sync (``calapp.connections.sync``) runs in the job consumer every
  ``sync_interval_minutes`` and on ``POST /connections/{id}/sync``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from urllib.parse import urlsplit

import sqlalchemy as sa

from calapp import policy
from calapp.calendars import service as calendars_service
from calapp.calendars.models import Calendar, CalendarMember
from calapp.connections import caldav, secrets
from calapp.connections.models import Connection, RemoteCalendar
from calapp.errors import ValidationError
from calapp.extensions import db
from calapp.pagination import keyset_page
from calapp.security import Principal
from calapp.users import hooks as user_hooks
from calapp.users.models import User
from calapp.webhooks import transport

MAX_CONNECTIONS_PER_USER = 20


def settings(config) -> dict:
    """The outbound rules and sync cadence from the app's config."""
    return {
        "allow_private": config["CONNECTIONS_ALLOW_PRIVATE_TARGETS"],
        "timeout": config["CONNECTIONS_TIMEOUT_SECONDS"],
        "max_bytes": config["CONNECTIONS_MAX_BYTES"],
        "interval_minutes": config["CONNECTIONS_SYNC_MINUTES"],
        "failing_after": config["CONNECTIONS_FAILING_AFTER"],
    }


def feed_url(url: str) -> str:
    """``webcal://`` is ``https://`` (RFC-less but universal)."""
    if url.lower().startswith("webcal://"):
        return "https://" + url[len("webcal://") :]
    return url


# Mail domains whose CalDAV server is not at the domain itself.
KNOWN_SERVERS = {
    "icloud.com": "https://caldav.icloud.com/",
    "me.com": "https://caldav.icloud.com/",
    "mac.com": "https://caldav.icloud.com/",
    "fastmail.com": "https://caldav.fastmail.com/",
    "fastmail.fm": "https://caldav.fastmail.com/",
}


def server_url(data: dict) -> str:
    """The CalDAV server: ``url``, else the server of the ``email``'s domain: a
    known provider's, or the domain itself (RFC 6764: its
    ``/.well-known/caldav``, asked by discovery)."""
    if data.get("url"):
        return data["url"]
    if data.get("email"):
        domain = data["email"].rpartition("@")[2].strip().lower()
        return KNOWN_SERVERS.get(domain, f"https://{domain}/")
    raise ValidationError.field("url", "give the server's url, or an email address")


def _check_target(url: str, allow_private: bool) -> None:
    problem = transport.registration_problem(url, allow_private)
    if problem:
        raise ValidationError.field("url", problem)


def client(connection: Connection, settings: dict) -> caldav.Client:
    """:raises secrets.Unreadable: the password was sealed under another key."""
    password = secrets.unseal(connection.id, connection.sealed_password or b"")
    return caldav.Client(
        connection.url,
        connection.username or "",
        password,
        timeout=settings["timeout"],
        max_bytes=settings["max_bytes"],
        allow_private=settings["allow_private"],
    )


def create(principal: Principal, data: dict, now: datetime, settings: dict):
    """A new connection with its calendars (CalDAV: discovered now).

    :raises ValidationError: a bad or refused URL, an account the server refuses,
        no calendars found, too many connections.
    """
    count = db.session.scalar(
        sa.select(sa.func.count()).where(
            Connection.owner_id == principal.user_id, Connection.deleted_at.is_(None)
        )
    )
    if count >= MAX_CONNECTIONS_PER_USER:
        raise ValidationError(
            f"You have {count} connections: at most {MAX_CONNECTIONS_PER_USER}"
        )
    kind = data["kind"]
    url = feed_url(data["url"]) if kind == "ics" else server_url(data)
    _check_target(url, settings["allow_private"])
    connection = Connection(
        id=uuid.uuid4(),
        owner_id=principal.user_id,
        kind=kind,
        name=(data.get("name") or urlsplit(url).hostname or "Calendar")[:200],
        url=url,
        state="active",
        consecutive_failures=0,
        next_sync_at=now,
        sync_interval_minutes=data.get(
            "sync_interval_minutes", settings["interval_minutes"]
        ),
        created_at=now,
        updated_at=now,
    )
    if kind == "caldav":
        if not data.get("username") or not data.get("password"):
            raise ValidationError(
                "A CalDAV account needs username and password (an app password)",
                details={
                    name: ["required for a CalDAV account"]
                    for name in ("username", "password")
                    if not data.get(name)
                },
            )
        connection.username = data["username"]
        connection.sealed_password = secrets.seal(connection.id, data["password"])
        remotes = _discover(connection, settings)
    else:
        remotes = [caldav.Remote(url, connection.name, None, supports_sync=False)]
    db.session.add(connection)
    db.session.flush()
    busy = data.get("is_busy", True)
    for remote in remotes:
        add_remote(connection, remote, now, is_busy=busy)
    db.session.flush()
    return view(connection)


def _discover(connection: Connection, settings: dict) -> list[caldav.Remote]:
    try:
        found = client(connection, settings).discover()
    except caldav.SyncError as exc:
        field = "password" if "401" in str(exc) else "url"
        raise ValidationError(
            f"The CalDAV account could not be used: {exc}",
            details={field: [str(exc)]},
        ) from None
    if not found:
        raise ValidationError.field("url", "the account has no event calendars")
    return found


def add_remote(
    connection: Connection, remote: caldav.Remote, now: datetime, *, is_busy=True
) -> RemoteCalendar:
    """A remote calendar newly seen, kept (busy and shown) with its mirror."""
    row = RemoteCalendar(
        id=uuid.uuid4(),
        connection_id=connection.id,
        href=remote.href,
        name=remote.name,
        color=remote.color,
        is_busy=is_busy,
        is_shown=True,
        supports_sync=remote.supports_sync,
        is_gone=False,
        created_at=now,
        updated_at=now,
    )
    db.session.add(row)
    arrange_mirror(connection, row, now)
    return row


def _owner_timezone(owner_id: uuid.UUID) -> str:
    return db.session.scalar(sa.select(User.timezone).where(User.id == owner_id))


def arrange_mirror(connection: Connection, remote: RemoteCalendar, now) -> None:
    """Make the mirror match the choices: one while busy or shown (listed while
    shown), none otherwise (its events go, the next sync starts over)."""
    calendar = None
    if remote.calendar_id is not None:
        calendar = db.session.get(Calendar, remote.calendar_id)
    keep = (remote.is_busy or remote.is_shown) and not remote.is_gone
    if not keep:
        if calendar is not None and calendar.deleted_at is None:
            calendar.deleted_at = now
            calendar.is_busy_source = False
        remote.calendar_id = None
        remote.sync_token = remote.etag = remote.last_modified = None
        return
    if calendar is None or calendar.deleted_at is not None:
        owner = Principal(user_id=connection.owner_id)
        fields = {
            "name": remote.name,
            "timezone": _owner_timezone(connection.owner_id) or "UTC",
            "description": f"From {connection.name} (read-only)",
        }
        if remote.color:
            fields["color"] = remote.color
        calendar = calendars_service.create(owner, fields, now)
        calendar.connection_id = connection.id
        calendar.source = connection.kind
        remote.calendar_id = calendar.id
        remote.sync_token = remote.etag = remote.last_modified = None
    calendar.is_busy_source = remote.is_busy
    _show(calendar, connection.owner_id, remote.is_shown, now)


def _show(calendar: Calendar, owner_id: uuid.UUID, shown: bool, now) -> None:
    """A shown mirror is one of the owner's calendars; a hidden one has no
    member, so no list shows it (availability reads it by its owner)."""
    member = db.session.get(CalendarMember, (calendar.id, owner_id))
    if shown and member is None:
        db.session.add(
            CalendarMember(
                calendar_id=calendar.id,
                user_id=owner_id,
                role="owner",
                created_at=now,
                updated_at=now,
            )
        )
    elif not shown and member is not None:
        db.session.delete(member)
    db.session.flush()


# --- reading -------------------------------------------------------------------------


def remotes_of(connection_ids: list[uuid.UUID]) -> dict[uuid.UUID, list]:
    found: dict[uuid.UUID, list] = {cid: [] for cid in connection_ids}
    if connection_ids:
        for row in db.session.scalars(
            sa.select(RemoteCalendar)
            .where(RemoteCalendar.connection_id.in_(connection_ids))
            .order_by(RemoteCalendar.created_at, RemoteCalendar.id)
        ):
            found[row.connection_id].append(row)
    return found


def view(connection: Connection, remotes: list | None = None) -> Connection:
    """The connection with its calendars (``calendars``) for the schema."""
    if remotes is None:
        remotes = remotes_of([connection.id])[connection.id]
    connection.calendars = [r for r in remotes if not r.is_gone]
    return connection


def get(principal: Principal, connection_id: uuid.UUID, *, lock=False) -> Connection:
    """:raises NotFound: not a live connection of the principal."""
    if lock:
        db.session.execute(
            sa.select(Connection.id)
            .where(Connection.id == connection_id)
            .with_for_update()
        )
    return policy.get_owned(principal, Connection, connection_id, "Connection")


def request_sync(
    principal: Principal, connection_id: uuid.UUID, now: datetime
) -> Connection:
    """Ask for a sync in the background: the caller commits, then enqueues it.

    ``next_sync_at`` comes forward too, so the periodic sweep runs it should the
    queued task be lost. No row lock is taken: a sync running now holds only key
    locks on the row until its last write, so this never waits for it.

    :raises NotFound: not a live connection of the principal.
    """
    connection = get(principal, connection_id)
    connection.sync_requested_at = now
    connection.next_sync_at = min(connection.next_sync_at, now)
    connection.updated_at = now
    db.session.flush()
    return view(connection)


def list_page(principal: Principal, *, limit: int, cursor: str | None):
    items, next_cursor = keyset_page(
        sa.select(Connection).where(policy.owned(principal, Connection)),
        keys=[Connection.created_at, Connection.id],
        key_of=lambda c: (c.created_at, c.id),
        limit=limit,
        cursor=cursor,
    )
    remotes = remotes_of([c.id for c in items])
    return [view(c, remotes[c.id]) for c in items], next_cursor


# --- changing ------------------------------------------------------------------------


def update(
    principal: Principal,
    connection_id: uuid.UUID,
    data: dict,
    now: datetime,
    settings: dict,
) -> Connection:
    """Rename, new credentials (checked at once), interval, and each calendar's
    ``is_busy`` / ``is_shown``.

    :raises NotFound: not the principal's. :raises ValidationError: an unknown
        calendar id, credentials the server refuses, a password on an ICS feed.
    """
    connection = get(principal, connection_id, lock=True)
    for name in ("name", "sync_interval_minutes"):
        if name in data:
            setattr(connection, name, data[name])
    if "username" in data or "password" in data:
        if connection.kind != "caldav":
            raise ValidationError.field("password", "an ICS feed has no password")
        if "username" in data:
            connection.username = data["username"]
        if "password" in data:
            connection.sealed_password = secrets.seal(connection.id, data["password"])
        _discover(connection, settings)
        connection.state, connection.consecutive_failures = "active", 0
        connection.last_error, connection.next_sync_at = None, now
    remotes = {r.id: r for r in remotes_of([connection.id])[connection.id]}
    for choice in data.get("calendars", []):
        remote = remotes.get(choice["id"])
        if remote is None or remote.is_gone:
            raise ValidationError.field(
                "calendars", f"{choice['id']} is not a calendar of this connection"
            )
        for name in ("is_busy", "is_shown"):
            if name in choice:
                setattr(remote, name, choice[name])
        remote.updated_at = now
        arrange_mirror(connection, remote, now)
        if remote.calendar_id and remote.sync_token is None and remote.etag is None:
            connection.next_sync_at = min(connection.next_sync_at, now)
    connection.updated_at = now
    db.session.flush()
    return view(connection, list(remotes.values()))


def delete(principal: Principal, connection_id: uuid.UUID, now: datetime) -> None:
    """The connection, its password and its mirrors (with their events) go."""
    connection = get(principal, connection_id, lock=True)
    for remote in remotes_of([connection.id])[connection.id]:
        remote.is_busy = remote.is_shown = False
        arrange_mirror(connection, remote, now)
    connection.deleted_at = now
    connection.sealed_password = None
    db.session.flush()


@user_hooks.account_deleted.register
def _disconnect_everything(user_id: uuid.UUID, when: datetime) -> None:
    """A deleted account's connections stop syncing; their passwords are erased."""
    for connection in db.session.scalars(
        sa.select(Connection).where(
            Connection.owner_id == user_id, Connection.deleted_at.is_(None)
        )
    ):
        delete(Principal.system(), connection.id, when)
