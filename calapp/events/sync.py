"""GET /events as a full listing with a sync token, or as the changes since one.

Events sync as stored: a series with its rule, each exception as its own row, no
expansion, so a client re-expands. An event the caller can no longer read (moved
to a calendar they cannot read, their invitation removed) arrives as deleted.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from calapp import policy
from calapp.api import Either
from calapp.changes import sync
from calapp.changes.models import Change
from calapp.errors import ValidationError
from calapp.events import service
from calapp.events.models import Event, EventAttendee
from calapp.events.schemas import DeletedEventSchema, EventSchema
from calapp.extensions import db
from calapp.security import Principal

KIND = "events"
_ITEM = Either(EventSchema, DeletedEventSchema)
_KEY_SIZE = 2  # the list's cursor key: (start_time, id)


def _readable_calendars(principal: Principal) -> str:
    return sync.digest(db.session.scalars(policy.calendar_ids(principal, "read")))


def listing(principal: Principal, args: dict) -> dict:
    """One page of ``GET /events``: ``{items, next_cursor, next_sync_token}``,
    items already in ``EventSchema``'s shape (``calapp.events.reads``).

    :raises ValidationError: ``sync_token`` with a window, search or tag; a bad
        token or cursor.
    :raises SyncTokenExpired: see ``calapp.changes.sync.begin``.
    """
    filters = list(dict.fromkeys(args.get("calendar_id") or ()))
    windowed = any(args.get(k) for k in ("start", "end", "search", "tag"))
    if args.get("sync_token") or sync.is_sync_cursor(args.get("cursor")):
        if windowed:
            raise ValidationError.field(
                "sync_token", "cannot be combined with start, end, search or tag"
            )
        return _changes(principal, args, filters)
    if windowed:
        items, cursor = _list(principal, args, filters, args.get("cursor"))
        return {"items": items, "next_cursor": cursor, "next_sync_token": None}
    cursor, position = sync.full_listing_start(args.get("cursor"), _KEY_SIZE)
    items, cursor = _list(principal, args, filters, cursor)
    context = sync.Context(
        KIND, principal.user_id, 0, 0, filters, _readable_calendars(principal)
    )
    cursor, token = sync.full_listing_end(cursor, position, _KEY_SIZE, context)
    return {"items": items, "next_cursor": cursor, "next_sync_token": token}


def _list(principal, args, filters, cursor):
    return service.list_page(
        principal,
        limit=args["limit"],
        cursor=cursor,
        start=args.get("start"),
        end=args.get("end"),
        calendar_ids=filters or None,
        search=args.get("search"),
        tags=args.get("tag"),
    )


def _changes(principal: Principal, args: dict, filters: list[uuid.UUID]) -> dict:
    context = sync.begin(
        KIND,
        principal.user_id,
        sync_token=args.get("sync_token"),
        cursor=args.get("cursor") if sync.is_sync_cursor(args.get("cursor")) else None,
        filters=filters,
        calendars=_readable_calendars(principal),
    )
    filters = context.filters
    if filters:
        service._check_calendars_readable(principal, filters)
        audience = Change.calendar_id.in_(filters)
    else:
        # Members see their calendars' entries; an attendee sees the entries of
        # the events they are invited to, and those naming them (invited,
        # uninvited) — the latter also after the invitation is gone.
        attended = sa.select(EventAttendee.event_id).where(
            EventAttendee.user_id == principal.user_id
        )
        audience = sa.or_(
            Change.calendar_id
            == sa.any_(sa.func.array(policy.calendar_ids(principal).scalar_subquery())),
            Change.user_id == principal.user_id,
            Change.resource_id == sa.any_(sa.func.array(attended.scalar_subquery())),
        )
    items, cursor, token = sync.page(
        context,
        audience=sa.and_(Change.resource_type == "event", audience),
        limit=args["limit"],
        load=lambda ids: _load(principal, ids, filters),
    )
    # Entities and stubs, not read-path items: dumped here, so that every
    # answer of ``listing`` is plain values.
    items = [_ITEM.serialize("item", {"item": item}) for item in items]
    return {"items": items, "next_cursor": cursor, "next_sync_token": token}


def _load(principal: Principal, ids: list[uuid.UUID], filters) -> dict:
    """The events the caller reads now, in full; a deleted stub for the others."""
    conditions = [Event.id.in_(ids), policy.readable_events(principal)]
    if filters:
        conditions.append(Event.calendar_id.in_(filters))
    found: dict = {
        event.id: event
        for event in db.session.scalars(
            sa.select(Event).where(*conditions).options(*service.WITH_CHILDREN)
        )
    }
    missing = [i for i in ids if i not in found]
    if missing:
        rows = db.session.execute(
            sa.select(
                Event.id, Event.calendar_id, Event.series_id, Event.original_start_time
            ).where(Event.id.in_(missing))
        )
        places = {row[0]: row[1:] for row in rows}
        for event_id in missing:
            calendar_id, series_id, slot = places.get(event_id, (None, None, None))
            found[event_id] = {
                "id": event_id,
                "status": "deleted",
                "calendar_id": calendar_id,
                "series_id": series_id,
                "original_start_time": slot,
            }
    return found
