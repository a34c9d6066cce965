"""Who may receive what: tickets, audiences, liveness, reading the log in bulk.

Plain functions over the database and the shared store; the hub
(``calapp.stream.hub``) and the routes call them.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from limits.storage import Storage, storage_from_string

from calapp.api_keys.models import ApiKey
from calapp.auth.models import AuthSession
from calapp.changes.models import RESOURCE_TYPES, Change
from calapp.errors import InsufficientScope, NotFound, Unauthorized
from calapp.extensions import db
from calapp.policy import calendar_ids as readable_calendar_ids
from calapp.security import Principal, hash_token, new_secret
from calapp.users import service as users_service
from calapp.users.models import User

# The read scope that lets an API key receive each resource type.
READ_SCOPE = {
    "calendar": "calendars:read",
    "membership": "calendars:read",
    "event": "events:read",
    "booking": "booking:read",
    "contact": "contacts:read",
}
_TICKET_SALT = "calapp.stream.ticket"
_stores: dict[str, Storage] = {}


# --- tickets -------------------------------------------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_TICKET_SALT)


def issue_ticket(principal: Principal) -> tuple[str, int]:
    """A single-use ticket for ``?ticket=``, bound to the principal and its scopes.

    The ticket is signed (any node can check it) and lives
    ``STREAM_TICKET_SECONDS``; its use is recorded under its hash in the shared
    store (Redis, else PostgreSQL), so a second use fails on every node.
    """
    claims = {
        "u": str(principal.user_id),
        "v": principal.via,
        "k": str(principal.api_key_id) if principal.api_key_id else None,
        "s": str(principal.session_id) if principal.session_id else None,
        "c": sorted(principal.scopes) if principal.via == "api_key" else None,
        "n": new_secret(16),
    }
    return _serializer().dumps(claims), current_app.config["STREAM_TICKET_SECONDS"]


def _store() -> Storage:
    """The store every node shares (the rate limiter's: Redis, else PostgreSQL)."""
    uri = current_app.config["RATELIMIT_STORAGE_URI"]
    if uri not in _stores:
        _stores[uri] = storage_from_string(uri)
    return _stores[uri]


def redeem_ticket(ticket: str) -> Principal:
    """The principal a ticket stands for; the ticket is spent.

    :raises Unauthorized: forged, expired, already used, or its credentials ended.
    """
    lifetime = current_app.config["STREAM_TICKET_SECONDS"]
    try:
        claims = _serializer().loads(ticket, max_age=lifetime)
    except SignatureExpired as exc:
        raise Unauthorized("This ticket has expired; ask for a new one") from exc
    except BadSignature as exc:
        raise Unauthorized("Invalid ticket") from exc
    if _store().incr(f"stream-ticket:{hash_token(ticket)}", lifetime + 5) != 1:
        raise Unauthorized("This ticket was already used; ask for a new one")
    principal = Principal(
        user_id=uuid.UUID(claims["u"]),
        via=claims["v"],
        api_key_id=uuid.UUID(claims["k"]) if claims["k"] else None,
        session_id=uuid.UUID(claims["s"]) if claims["s"] else None,
        **({"scopes": frozenset(claims["c"])} if claims["c"] is not None else {}),
    )
    if live_principals([principal]) != {liveness_key(principal)}:
        raise Unauthorized("The credentials behind this ticket have ended")
    return principal


# --- audiences -----------------------------------------------------------------------


@dataclass
class Audience:
    """What one subscriber may receive, and what it asked for."""

    user_id: uuid.UUID
    kinds: frozenset[str]
    wanted: frozenset[uuid.UUID] | None  # the calendar_id filter, None = all
    calendars: frozenset[uuid.UUID] = frozenset()

    def sees(self, change: Change) -> bool:
        if change.resource_type not in self.kinds:
            return False
        if self.wanted is not None and change.calendar_id not in self.wanted:
            return False
        return change.calendar_id in self.calendars or change.user_id == self.user_id

    def concerns_access(self, change: Change) -> bool:
        """Whether ``change`` may change the set of calendars this reader sees."""
        if change.resource_type == "membership":
            return change.user_id == self.user_id
        return (
            change.resource_type == "calendar"
            and change.op == "deleted"
            and change.calendar_id in self.calendars
        )


def allowed_kinds(principal: Principal, asked: Iterable[str] = ()) -> frozenset[str]:
    """The resource types ``principal`` may receive, within ``asked``.

    :raises InsufficientScope: a type asked for needs a scope the key lacks, or
        the key may read none of them.
    """
    asked = set(asked) or set(RESOURCE_TYPES)
    missing = sorted(
        {READ_SCOPE[k] for k in asked if not principal.has_scope(READ_SCOPE[k])}
    )
    kinds = frozenset(k for k in asked if principal.has_scope(READ_SCOPE[k]))
    explicit = asked != set(RESOURCE_TYPES)
    if (explicit and missing) or not kinds:
        raise InsufficientScope(
            f"This API key lacks the scope {', '.join(missing)}",
            details={"required": missing},
        )
    return kinds


def audience_for(
    principal: Principal, kinds: frozenset[str], wanted: Iterable[uuid.UUID] | None
) -> Audience:
    """:raises NotFound: a filtered calendar the principal cannot read."""
    audience = Audience(
        user_id=principal.user_id,
        kinds=kinds,
        wanted=frozenset(wanted) if wanted else None,
    )
    refresh(principal, audience)
    if audience.wanted is not None and audience.wanted - audience.calendars:
        raise NotFound("Calendar not found")
    return audience


def refresh(principal: Principal, audience: Audience) -> frozenset[uuid.UUID]:
    """Re-read the calendars the principal reads; return those newly readable."""
    readable = frozenset(
        db.session.execute(readable_calendar_ids(principal, "read")).scalars()
    )
    if audience.wanted is not None:
        readable &= audience.wanted
    added = readable - audience.calendars
    audience.calendars = readable
    return added


# --- credentials still alive ---------------------------------------------------------


def liveness_key(principal: Principal) -> tuple:
    if principal.via == "api_key":
        return ("key", principal.api_key_id)
    return ("session", principal.session_id)


def live_principals(principals: Iterable[Principal]) -> set[tuple]:
    """The liveness keys of those principals whose key or session still works
    (not revoked or expired, user active and not deleted); two queries at most."""
    principals = list(principals)
    now = users_service.now()
    key_ids = {p.api_key_id for p in principals if p.via == "api_key"}
    session_ids = {p.session_id for p in principals if p.via != "api_key"}
    alive: set[tuple] = set()
    if key_ids:
        rows = db.session.execute(
            sa.select(ApiKey.id)
            .join(User, User.id == ApiKey.user_id)
            .where(
                ApiKey.id.in_(key_ids),
                ApiKey.revoked_at.is_(None),
                sa.or_(ApiKey.expires_at.is_(None), ApiKey.expires_at > now),
                User.is_active.is_(True),
                User.deleted_at.is_(None),
            )
        ).scalars()
        alive.update(("key", key_id) for key_id in rows)
    if session_ids:
        rows = db.session.execute(
            sa.select(AuthSession.id)
            .join(User, User.id == AuthSession.user_id)
            .where(
                AuthSession.id.in_(session_ids),
                AuthSession.revoked_at.is_(None),
                AuthSession.expires_at > now,
                User.is_active.is_(True),
                User.deleted_at.is_(None),
            )
        ).scalars()
        alive.update(("session", session_id) for session_id in rows)
    return alive


# --- reading the log for everyone at once --------------------------------------------


def changes_for(
    after: int,
    up_to: int,
    *,
    calendar_ids: Iterable[uuid.UUID],
    user_ids: Iterable[uuid.UUID],
    limit: int = 1000,
) -> list[Change]:
    """Entries in ``(after, up_to]`` seen by any of the calendars or users, in
    order: one query for every subscriber of a process."""
    audience = []
    calendar_ids, user_ids = list(calendar_ids), list(user_ids)
    if calendar_ids:
        audience.append(Change.calendar_id.in_(calendar_ids))
    if user_ids:
        audience.append(Change.user_id.in_(user_ids))
    if not audience:
        return []
    query = (
        sa.select(Change)
        .where(Change.position > after, Change.position <= up_to, sa.or_(*audience))
        .order_by(Change.position)
        .limit(limit)
    )
    return list(db.session.execute(query).scalars())


@dataclass(frozen=True)
class Message:
    """One message, serialised once for every subscriber that receives it."""

    position: int
    text: str  # the JSON of /ws, the data of /stream
    event: str | None = None  # the SSE event name; None is "message"

    @property
    def sse(self) -> str:
        event = f"event: {self.event}\n" if self.event else ""
        return f"id: {self.position}\n{event}data: {self.text}\n\n"


def message(change: Change) -> Message:
    """What a subscriber receives for one entry."""
    payload = {
        "type": change.resource_type,
        "id": str(change.resource_id),
        "calendar_id": str(change.calendar_id) if change.calendar_id else None,
        "op": change.op,
        "position": change.position,
        "at": change.at.isoformat().replace("+00:00", "Z"),
    }
    return Message(change.position, dumps(payload))


def resync(position: int) -> Message:
    """Sent instead of the changes after a pruned position: list everything again."""
    return Message(position, dumps({"type": "resync", "position": position}), "resync")


def dumps(payload: dict) -> str:
    return json.dumps(payload, separators=(",", ":"))


def loads(raw) -> dict:
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("not an object")
    return data
