"""REPORTs (RFC 4791 §7, RFC 6352 §8, RFC 6578): multiget, query, free/busy
and sync-collection, on calendars and the address book.

Sync tokens are the change log's (``calapp.changes.sync``), signed and bound to
the user and the collection, written as a URI (``urn:calapp:sync:...``). A token
that is malformed, another collection's, or older than the log's retention is
the ``DAV:valid-sync-token`` precondition (403): the client syncs in full again.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

import sqlalchemy as sa
from flask import Response, current_app

from calapp.changes import service as changes_service
from calapp.changes import sync
from calapp.changes.models import Change
from calapp.contacts.models import Contact
from calapp.errors import SyncTokenExpired, ValidationError
from calapp.events.models import Event
from calapp.extensions import db
from calapp.ics import text as ical
from calapp.security import Principal

from . import calendars, cards, props
from .xml import (
    CALDAV,
    CARDDAV,
    DAV,
    DavError,
    add_response,
    element,
    multistatus,
    requested_props,
    tag,
    xml_response,
)

TOKEN_PREFIX = "urn:calapp:sync:"  # noqa: S105 - a URI scheme, not a secret
KIND = "dav"
SYNC_LIMIT = 100_000


def _collection_key(principal: Principal, calendar_id) -> uuid.UUID:
    if calendar_id is not None:
        return calendar_id
    return uuid.uuid5(uuid.NAMESPACE_URL, f"calapp-dav-book:{principal.user_id}")


def collection_token(principal: Principal, calendar_id) -> str:
    position = changes_service.watermark()
    context = sync.Context(
        KIND, principal.user_id, 0, position, [_collection_key(principal, calendar_id)]
    )
    return TOKEN_PREFIX + context.token(position)


def _expand_limit() -> int:
    return current_app.config.get("DAV_MAX_EXPAND_OCCURRENCES", 10_000)


def _name_of(href_text: str) -> str:
    return unquote(urlsplit(href_text.strip()).path).rstrip("/").rsplit("/", 1)[-1]


def _instant(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value.strip(), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise DavError(
            400,
            f"time-range values are UTC date-times: {value!r}",
            (CALDAV, "valid-filter"),
        ) from None


def _range(node) -> tuple[datetime | None, datetime | None]:
    start, end = _instant(node.get("start")), _instant(node.get("end"))
    if start and end and end <= start:
        raise DavError(
            400, "time-range ends before it starts", (CALDAV, "valid-filter")
        )
    return start, end


def run(principal: Principal, user, target, root) -> Response:
    if root is None:
        raise DavError(400, "REPORT needs a body")
    name = root.tag
    if target.kind == "calendar" and target.calendar is not None:
        principal.require("events:read")
        handler = CALENDAR_REPORTS.get(name)
    elif target.kind == "book":
        handler = BOOK_REPORTS.get(name)
    else:
        handler = None
    if handler is None:
        raise DavError(
            403, "This report is not supported here", (DAV, "supported-report")
        )
    return handler(principal, user, target, root)


# --- answering with objects -----------------------------------------------------------


def _respond(root, base: str, items, mode, names, data_tag, content_type) -> None:
    for item in items:
        found = props.object_props(item, content_type, data_tag)
        chosen, missing = props.select(found, mode, names, {data_tag})
        add_response(root, base + props.quote(item.name, safe=""), chosen, missing)


def _calendar_base(user, calendar) -> str:
    return props.path("calendars", user.id, calendar.id)


def _multiget(root, load, content_type: str, data_tag: str) -> Response:
    """A multiget answer: ``load(names)`` gives the object of each name it finds
    (one query per batch, never one per href); the others are 404s."""
    mode, names = requested_props(root)
    hrefs = [h.text or "" for h in root.findall(tag(DAV, "href"))]
    wanted = {h: _name_of(h) for h in hrefs}
    found_by_name = load(list(set(wanted.values())))
    out = multistatus()
    for href_text, name in wanted.items():
        obj = found_by_name.get(name)
        path = urlsplit(href_text.strip()).path
        if obj is None:
            add_response(out, path, {}, status=404)
            continue
        found = props.object_props(obj, content_type, data_tag)
        chosen, missing = props.select(found, mode, names, {data_tag})
        add_response(out, path, chosen, missing)
    return xml_response(out)


def calendar_multiget(principal, user, target, root) -> Response:
    def load(names: list[str]) -> dict:
        ids = calendars.names_to_ids(target.calendar.id, names)
        by_id = {
            o.master_id: o for o in calendars.objects(target.calendar, ids.values())
        }
        return {name: by_id.get(i) for name, i in ids.items()}

    return _multiget(root, load, calendars.CONTENT_TYPE, tag(CALDAV, "calendar-data"))


def _text_match(values: list[str], match) -> bool:
    needle = match.text or ""
    if match.get("collation", "i;ascii-casemap") != "i;octet":
        needle, values = needle.lower(), [v.lower() for v in values]
    kind = match.get("match-type", "contains")
    if kind == "equals":
        hit = needle in values
    elif kind == "starts-with":
        hit = any(v.startswith(needle) for v in values)
    elif kind == "ends-with":
        hit = any(v.endswith(needle) for v in values)
    else:
        hit = any(needle in v for v in values)
    return hit != (match.get("negate-condition") == "yes")


def _prop_filters_match(obj, filters) -> bool:
    if not filters:
        return True
    text, _ = ical.decode(obj.body)
    events = [
        c
        for r in ical.parse(text, "VCALENDAR")
        for c in r.children
        if c.name == "VEVENT"
    ]
    for prop_filter in filters:
        prop = (prop_filter.get("name") or "").upper()
        values = [ical.unescape(p.value) for e in events for p in e.all(prop)]
        if prop_filter.find(tag(CALDAV, "is-not-defined")) is not None:
            if values:
                return False
            continue
        match = prop_filter.find(tag(CALDAV, "text-match"))
        if match is None:
            if not values:
                return False
        elif not _text_match(values, match):
            return False
    return True


def calendar_query(principal, user, target, root) -> Response:
    calendar = target.calendar
    mode, names = requested_props(root)
    data_tag = tag(CALDAV, "calendar-data")
    out = multistatus()
    base = _calendar_base(user, calendar)
    vcalendar = root.find(f"{tag(CALDAV, 'filter')}/{tag(CALDAV, 'comp-filter')}")
    if vcalendar is None or (vcalendar.get("name") or "").upper() != "VCALENDAR":
        raise DavError(
            400,
            "The filter starts with comp-filter VCALENDAR",
            (CALDAV, "valid-filter"),
        )
    component = vcalendar.find(tag(CALDAV, "comp-filter"))
    start = end = None
    prop_filters = []
    if component is not None:
        if (component.get("name") or "").upper() != "VEVENT":
            return xml_response(out)  # only VEVENTs are stored
        time_range = component.find(tag(CALDAV, "time-range"))
        if time_range is not None:
            start, end = _range(time_range)
        prop_filters = component.findall(tag(CALDAV, "prop-filter"))
    expand = root.find(f"{tag(DAV, 'prop')}/{data_tag}/{tag(CALDAV, 'expand')}")
    limit = _expand_limit()
    if expand is not None:
        e_start, e_end = _range(expand)
        if e_start is None or e_end is None:
            raise DavError(400, "expand needs start and end", (CALDAV, "valid-filter"))
        window = calendars.in_window(calendar, e_start, e_end, limit)
        found = calendars.expanded_from(calendar, window)
        if (start, end) == (e_start, e_end):
            pass  # the expanded objects are those with an occurrence in range
        elif start is not None or end is not None:
            keep = calendars.matching_ids(calendar, start, end, limit)
            found = [o for o in found if o.master_id in keep]
    elif start is not None or end is not None:
        found = calendars.objects(
            calendar, calendars.matching_ids(calendar, start, end, limit)
        )
    else:
        found = calendars.objects(calendar)
    found = [o for o in found if _prop_filters_match(o, prop_filters)]
    limit_set = root.find(
        f"{tag(DAV, 'prop')}/{data_tag}/{tag(CALDAV, 'limit-recurrence-set')}"
    )
    if limit_set is not None and expand is None:
        l_start, l_end = _range(limit_set)
        found = calendars.limited(calendar, found, l_start, l_end)
    _respond(out, base, found, mode, names, data_tag, calendars.CONTENT_TYPE)
    return xml_response(out)


def free_busy_query(principal, user, target, root) -> Response:
    time_range = root.find(tag(CALDAV, "time-range"))
    if time_range is None:
        raise DavError(
            400, "free-busy-query needs a time-range", (CALDAV, "valid-filter")
        )
    start, end = _range(time_range)
    if start is None or end is None:
        raise DavError(400, "time-range needs start and end", (CALDAV, "valid-filter"))
    periods = calendars.busy(target.calendar, start, end, _expand_limit())
    stamp = ical.utc_stamp(datetime.now(UTC))
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{calendars.export.PRODID}",
        "BEGIN:VFREEBUSY", f"DTSTAMP:{stamp}",
        f"DTSTART:{ical.utc_stamp(start)}", f"DTEND:{ical.utc_stamp(end)}",
    ]  # fmt: skip
    for busy_start, busy_end, kind in periods:
        lines.append(
            f"FREEBUSY;FBTYPE={kind}:{ical.utc_stamp(busy_start)}/"
            f"{ical.utc_stamp(busy_end)}"
        )
    lines += ["END:VFREEBUSY", "END:VCALENDAR"]
    body = "\r\n".join(ical.fold(line) for line in lines) + "\r\n"
    return Response(body, content_type=calendars.CONTENT_TYPE)


# --- sync-collection (RFC 6578) ----------------------------------------------------


def _sync_context(principal: Principal, calendar_id, token_text: str):
    key = _collection_key(principal, calendar_id)
    if not token_text:
        position = changes_service.watermark()
        return sync.Context(KIND, principal.user_id, 0, position, [key]), True
    if not token_text.startswith(TOKEN_PREFIX):
        raise DavError(
            403, "Not a sync token of this server", (DAV, "valid-sync-token")
        )
    try:
        context = sync.begin(
            KIND,
            principal.user_id,
            sync_token=token_text[len(TOKEN_PREFIX) :],
            cursor=None,
            filters=[key],
        )
    except (ValidationError, SyncTokenExpired) as exc:
        raise DavError(
            403, f"Sync again from the start: {exc.message}", (DAV, "valid-sync-token")
        ) from None
    return context, False


def _sync_answer(out, context) -> Response:
    out.append(
        element(tag(DAV, "sync-token"), TOKEN_PREFIX + context.token(context.up_to))
    )
    return xml_response(out)


def _changed_ids(context, audience) -> list[uuid.UUID]:
    keys = changes_service.changed(
        context.since, context.up_to, audience=audience, limit=SYNC_LIMIT
    )
    return [resource_id for _, resource_id in keys]


def sync_collection(principal, user, target, root) -> Response:
    if target.kind == "book":
        return _sync_book(principal, user, root)
    calendar = target.calendar
    mode, names = requested_props(root)
    context, initial = _sync_context(
        principal, calendar.id, root.findtext(tag(DAV, "sync-token")) or ""
    )
    out = multistatus()
    base = _calendar_base(user, calendar)
    data_tag = tag(CALDAV, "calendar-data")
    bodies = props.wants_body(mode, names, data_tag)
    if initial:
        found = calendars.objects(calendar, bodies=bodies)
        _respond(out, base, found, mode, names, data_tag, calendars.CONTENT_TYPE)
        return _sync_answer(out, context)
    ids = _changed_ids(
        context,
        sa.and_(Change.calendar_id == calendar.id, Change.resource_type == "event"),
    )
    masters = {}
    if ids:
        for event_id, series_id in db.session.execute(
            sa.select(Event.id, Event.series_id).where(Event.id.in_(ids))
        ):
            masters[series_id or event_id] = True
    live = calendars.objects(calendar, masters, bodies=bodies)
    _respond(out, base, live, mode, names, data_tag, calendars.CONTENT_TYPE)
    live_names = {o.name for o in live}
    gone = set(masters) - {o.master_id for o in live}
    if gone:
        for uid, dav_href in db.session.execute(
            sa.select(Event.ical_uid, Event.dav_href).where(Event.id.in_(gone))
        ):
            name = dav_href or calendars.default_name(uid)
            if name not in live_names:
                add_response(out, base + props.quote(name, safe=""), {}, status=404)
    return _sync_answer(out, context)


def _sync_book(principal, user, root) -> Response:
    mode, names = requested_props(root)
    context, initial = _sync_context(
        principal, None, root.findtext(tag(DAV, "sync-token")) or ""
    )
    out = multistatus()
    base = props.path("addressbooks", user.id, cards.BOOK)
    data_tag = tag(CARDDAV, "address-data")
    if initial:
        found = cards.cards(principal)
        _respond(out, base, found, mode, names, data_tag, cards.CONTENT_TYPE)
        return _sync_answer(out, context)
    ids = _changed_ids(
        context,
        sa.and_(Change.user_id == principal.user_id, Change.resource_type == "contact"),
    )
    live = cards.cards(principal, ids) if ids else []
    _respond(out, base, live, mode, names, data_tag, cards.CONTENT_TYPE)
    live_names = {c.name for c in live}
    gone = set(ids) - {c.contact_id for c in live}
    if gone:
        for uid, dav_href in db.session.execute(
            sa.select(Contact.uid, Contact.dav_href).where(
                Contact.id.in_(gone), Contact.owner_id == principal.user_id
            )
        ):
            name = dav_href or cards.default_name(uid)
            if name not in live_names:
                add_response(out, base + props.quote(name, safe=""), {}, status=404)
    return _sync_answer(out, context)


# --- the address book ---------------------------------------------------------------


def addressbook_multiget(principal, user, target, root) -> Response:
    def load(names: list[str]) -> dict:
        ids = cards.names_to_ids(principal, names)
        if not ids:
            return {}
        by_id = {c.contact_id: c for c in cards.cards(principal, ids.values())}
        return {name: by_id.get(i) for name, i in ids.items()}

    return _multiget(root, load, cards.CONTENT_TYPE, tag(CARDDAV, "address-data"))


def addressbook_query(principal, user, target, root) -> Response:
    mode, names = requested_props(root)
    node = root.find(tag(CARDDAV, "filter"))
    filters, anyof = [], True
    if node is not None:
        anyof = node.get("test", "anyof") != "allof"
        for prop_filter in node.findall(tag(CARDDAV, "prop-filter")):
            match = prop_filter.find(tag(CARDDAV, "text-match"))
            if match is None:
                continue
            filters.append(
                (
                    (prop_filter.get("name") or "").upper(),
                    match.text or "",
                    match.get("match-type", "contains"),
                    match.get("negate-condition") == "yes",
                )
            )
    found = [c for c in cards.cards(principal) if cards.text_matches(c, filters, anyof)]
    out = multistatus()
    base = props.path("addressbooks", user.id, cards.BOOK)
    _respond(
        out, base, found, mode, names, tag(CARDDAV, "address-data"), cards.CONTENT_TYPE
    )
    return xml_response(out)


CALENDAR_REPORTS = {
    tag(CALDAV, "calendar-multiget"): calendar_multiget,
    tag(CALDAV, "calendar-query"): calendar_query,
    tag(CALDAV, "free-busy-query"): free_busy_query,
    tag(DAV, "sync-collection"): sync_collection,
}
BOOK_REPORTS = {
    tag(CARDDAV, "addressbook-multiget"): addressbook_multiget,
    tag(CARDDAV, "addressbook-query"): addressbook_query,
    tag(DAV, "sync-collection"): sync_collection,
}
