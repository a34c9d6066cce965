"""The WebDAV methods under ``/dav/`` and the discovery redirects.

A plain Flask blueprint, not a flask-smorest one: DAV speaks XML, so it stays
out of the OpenAPI document and answers errors with DAV error bodies (RFC 4918
§16) instead of the API's JSON error format.

Paths::

    /dav/                                        root (discovery)
    /dav/principals/<user_id>/                   the signed-in user
    /dav/calendars/<user_id>/                    calendar home: every readable calendar
    /dav/calendars/<user_id>/<calendar_id>/      a calendar
    /dav/calendars/<user_id>/<calendar_id>/<name>  an object (one UID)
    /dav/addressbooks/<user_id>/contacts/        the address book
    /dav/addressbooks/<user_id>/contacts/<name>  a card
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, redirect, request

from calapp import policy
from calapp.calendars import service as calendars_service
from calapp.calendars.models import Calendar
from calapp.errors import AppError, InsufficientScope, NotFound
from calapp.extensions import db
from calapp.fields import is_timezone
from calapp.ics import zones
from calapp.security import Principal
from calapp.users.models import User
from calapp.users.service import now

from . import auth, calendars, cards, props, reports
from .xml import (
    APP,
    CALDAV,
    CARDDAV,
    DAV,
    ICAL,
    DavError,
    add_response,
    add_statuses,
    multistatus,
    parse,
    requested_props,
    tag,
    xml_response,
)

blp = Blueprint("dav", __name__)

METHODS = [
    "OPTIONS", "GET", "PUT", "DELETE", "PROPFIND", "PROPPATCH", "REPORT",
    "MKCALENDAR", "MKCOL", "POST", "MOVE", "COPY", "LOCK", "UNLOCK",
]  # fmt: skip
ALLOW = (
    "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, REPORT, MKCALENDAR, MKCOL"
)
DAV_HEADER = "1, 3, calendar-access, addressbook, extended-mkcol"


@dataclass
class Target:
    kind: str  # root principal cal_home calendar object book_home book card
    calendar: Calendar | None = None
    role: str | None = None
    name: str | None = None
    segment: str | None = None  # a calendar segment that names nothing yet


# --- discovery (RFC 6764) ----------------------------------------------------------


@blp.route("/.well-known/caldav", methods=METHODS)
@blp.route("/.well-known/carddav", methods=METHODS)
def well_known():
    return redirect("/dav/", code=301)


# --- dispatch ---------------------------------------------------------------------


@blp.route("/dav", methods=METHODS, strict_slashes=False)
@blp.route("/dav/<path:path>", methods=METHODS)
def dispatch(path: str = ""):
    if request.method == "OPTIONS":
        return _options()
    try:
        principal, user = auth.principal()
        target = _resolve(principal, path)
        method = "GET" if request.method == "HEAD" else request.method
        handler = HANDLERS.get(method)
        if handler is None:
            raise DavError(405, f"{request.method} is not supported here")
        response = handler(principal, user, target)
        if request.method in ("PUT", "DELETE", "MKCALENDAR", "PROPPATCH", "MKCOL"):
            db.session.commit()
        return response
    except DavError as error:
        db.session.rollback()
        return error.response()
    except InsufficientScope as error:
        db.session.rollback()
        return DavError(403, error.message, (DAV, "need-privileges")).response()
    except AppError as error:
        db.session.rollback()
        condition = (DAV, "need-privileges") if error.status == 403 else None
        return DavError(error.status, error.message, condition).response()


def _options() -> Response:
    response = Response(status=200)
    response.headers["Allow"] = ALLOW
    response.headers["DAV"] = DAV_HEADER
    return response


def _calendar_id(user_id: uuid.UUID, segment: str) -> uuid.UUID:
    """A UUID segment is a calendar id; any other name a client gave in
    MKCALENDAR maps to a stable id of its own, so its URL keeps working."""
    try:
        return uuid.UUID(segment)
    except ValueError:
        return uuid.uuid5(uuid.NAMESPACE_URL, f"calapp-dav:{user_id}:{segment}")


def _resolve(principal: Principal, path: str) -> Target:
    parts = [p for p in path.split("/") if p]
    if not parts:
        return Target("root")
    if parts[0] not in ("principals", "calendars", "addressbooks"):
        raise DavError(404, "Nothing here")
    if len(parts) == 1:
        return Target("root")
    if parts[1] != str(principal.user_id):
        raise DavError(404, "Nothing here: your resources are under your own id")
    rest = parts[2:]
    if parts[0] == "principals":
        if rest:
            raise DavError(404, "Nothing here")
        return Target("principal")
    if parts[0] == "addressbooks":
        if not rest:
            return Target("book_home")
        if rest[0] != cards.BOOK:
            raise DavError(404, "Your address book is " + props.book_home(parts[1]))
        principal.require("contacts:read")
        if len(rest) == 1:
            return Target("book")
        return Target("card", name="/".join(rest[1:]))
    if not rest:
        return Target("cal_home")
    principal.require("calendars:read")
    calendar_id = _calendar_id(principal.user_id, rest[0])
    # A PUT of an object decides on what the calendar holds (conditions, UIDs):
    # its row is locked here, in the one statement that resolves it.
    lock = request.method == "PUT" and len(rest) > 1
    try:
        calendar, role = policy.get_calendar(principal, calendar_id, "read", lock=lock)
    except NotFound:
        if len(rest) == 1:
            return Target("calendar", segment=rest[0])
        raise DavError(404, "No such calendar") from None
    if len(rest) == 1:
        return Target("calendar", calendar, role)
    principal.require("events:read")
    return Target("object", calendar, role, name="/".join(rest[1:]))


def _depth() -> int:
    return 0 if request.headers.get("Depth", "infinity").strip() == "0" else 1


def _max_bytes() -> int:
    return current_app.config.get("DAV_MAX_RESOURCE_BYTES", 512 * 1024)


def _can(principal: Principal, scope: str) -> bool:
    return principal.has_scope(scope)


# --- PROPFIND -----------------------------------------------------------------------


def calendar_found(principal, user, calendar, role) -> dict:
    def token():
        return reports.collection_token(principal, calendar.id)

    found = props.calendar_props(
        user, calendar, role, _can(principal, "events:write"), token, _max_bytes()
    )
    return props.fix_attributes(found)


def book_found(principal, user) -> dict:
    def token():
        return reports.collection_token(principal, None)

    found = props.book_props(
        user, _can(principal, "contacts:write"), token, _max_bytes()
    )
    return props.fix_attributes(found)


def _readable_calendars(principal: Principal):
    return db.session.execute(
        sa.select(Calendar, policy.role_column(principal))
        .where(Calendar.id.in_(policy.calendar_ids(principal, "read")))
        .order_by(Calendar.created_at, Calendar.id)
    ).all()


HIDDEN = {tag(CALDAV, "calendar-data"), tag(CARDDAV, "address-data"), *props.QUOTA}


def propfind(principal: Principal, user: User, target: Target) -> Response:
    mode, names = requested_props(parse(request.get_data()))
    root = multistatus()
    depth = _depth()

    def add(path, found):
        chosen, missing = props.select(found, mode, names, HIDDEN)
        add_response(root, path, chosen, missing)

    kind = target.kind
    if kind == "root":
        add("/dav/", props.root_props(user))
    elif kind == "principal":
        add(props.principal_path(user.id), props.principal_props(user))
    elif kind == "cal_home":
        add(props.calendar_home(user.id), props.home_props(user, "Calendars"))
        if depth and _can(principal, "calendars:read"):
            for calendar, role in _readable_calendars(principal):
                found = calendar_found(principal, user, calendar, role)
                add(props.path("calendars", user.id, calendar.id), found)
    elif kind == "calendar":
        if target.calendar is None:
            raise DavError(404, "No such calendar")
        base = props.path("calendars", user.id, target.calendar.id)
        add(base, calendar_found(principal, user, target.calendar, target.role))
        if depth and _can(principal, "events:read"):
            data_tag = tag(CALDAV, "calendar-data")
            bodies = props.wants_body(mode, names, data_tag)
            for obj in calendars.objects(target.calendar, bodies=bodies):
                found = props.object_props(obj, calendars.CONTENT_TYPE, data_tag)
                add(base + props.quote(obj.name, safe=""), found)
    elif kind == "object":
        obj = calendars.find(target.calendar, target.name)
        if obj is None:
            raise DavError(404, "No such object")
        found = props.object_props(
            obj, calendars.CONTENT_TYPE, tag(CALDAV, "calendar-data")
        )
        add(request.path, found)
    elif kind == "book_home":
        add(props.book_home(user.id), props.home_props(user, "Address books"))
        if depth and _can(principal, "contacts:read"):
            add(
                props.path("addressbooks", user.id, cards.BOOK),
                book_found(principal, user),
            )
    elif kind == "book":
        base = props.path("addressbooks", user.id, cards.BOOK)
        add(base, book_found(principal, user))
        if depth:
            for card in cards.cards(principal):
                found = props.object_props(
                    card, cards.CONTENT_TYPE, tag(CARDDAV, "address-data")
                )
                add(base + props.quote(card.name, safe=""), found)
    elif kind == "card":
        card = cards.find(principal, target.name)
        if card is None:
            raise DavError(404, "No such card")
        add(request.path, props.object_props(card, cards.CONTENT_TYPE, None))
    return xml_response(root)


# --- GET, PUT, DELETE ---------------------------------------------------------------


def _conditions() -> tuple[str | None, str | None]:
    if_match = request.headers.get("If-Match")
    if_none_match = request.headers.get("If-None-Match")
    return (
        if_match.strip() if if_match else None,
        if_none_match.strip() if if_none_match else None,
    )


def get(principal: Principal, user: User, target: Target) -> Response:
    if target.kind == "object":
        obj = calendars.find(target.calendar, target.name)
        content_type = calendars.CONTENT_TYPE
    elif target.kind == "card":
        obj = cards.find(principal, target.name)
        content_type = cards.CONTENT_TYPE
    elif target.kind == "root":
        return Response("calapp CalDAV/CardDAV\n", content_type="text/plain")
    else:
        raise DavError(405, "GET a calendar object or a card")
    if obj is None:
        raise DavError(404, "No such object")
    _, if_none_match = _conditions()
    if if_none_match and obj.etag in [t.strip() for t in if_none_match.split(",")]:
        response = Response(status=304)
    else:
        response = Response(obj.body, content_type=content_type)
    response.headers["ETag"] = obj.etag
    return response


def put(principal: Principal, user: User, target: Target) -> Response:
    limit = _max_bytes()
    if (request.content_length or 0) > limit:
        ns = CALDAV if target.kind == "object" else CARDDAV
        raise DavError(
            403, f"Objects are at most {limit} bytes", (ns, "max-resource-size")
        )
    body = request.get_data()
    if len(body) > limit:
        raise DavError(
            403, f"Objects are at most {limit} bytes", (CALDAV, "max-resource-size")
        )
    if_match, if_none_match = _conditions()
    if target.kind == "object":
        principal.require("events:write")
        etag, created = calendars.put(
            principal, target.calendar, target.role, target.name, body, now(),
            if_match=if_match, if_none_match=if_none_match,
        )  # fmt: skip
    elif target.kind == "card":
        principal.require("contacts:write")
        saved, created = cards.put(
            principal, target.name, body, now(),
            if_match=if_match, if_none_match=if_none_match,
        )  # fmt: skip
        etag = saved.etag if saved.body == body else None
    else:
        raise DavError(405, "PUT a calendar object or a card")
    response = Response(status=201 if created else 204)
    # RFC 4791 §5.3.4: an ETag only when the stored bytes are the ones sent.
    if etag is not None:
        response.headers["ETag"] = etag
    return response


def delete(principal: Principal, user: User, target: Target) -> Response:
    if_match, _ = _conditions()
    if target.kind == "object":
        principal.require("events:write")
        policy.get_calendar(principal, target.calendar.id, "write")
        calendars.delete(
            principal, target.calendar, target.name, now(), if_match=if_match
        )
    elif target.kind == "card":
        principal.require("contacts:write")
        cards.delete(principal, target.name, now(), if_match=if_match)
    elif target.kind == "calendar" and target.calendar is not None:
        principal.require("calendars:write")
        calendars_service.delete(principal, target.calendar.id, now())
    else:
        raise DavError(403, "This collection cannot be deleted")
    return Response(status=204)


# --- MKCALENDAR, PROPPATCH ----------------------------------------------------------


def _color(value: str) -> str:
    """``#RRGGBB`` from ``#RRGGBB`` or Apple's ``#RRGGBBAA``."""
    text = value.strip().upper()
    if len(text) in (7, 9) and text[0] == "#":
        digits = text[1:7]
        if all(c in "0123456789ABCDEF" for c in digits):
            return "#" + digits
    raise ValueError("a colour is #RRGGBB or #RRGGBBAA")


def _zone_of(text: str) -> str:
    match = [line for line in text.splitlines() if line.upper().startswith("TZID")]
    name = match[0].split(":", 1)[1].strip() if match else text.strip()
    found = zones.iana(name) or name
    if not is_timezone(found):
        raise ValueError(f"unknown time zone {name!r}")
    return found


SETTERS = {
    tag(DAV, "displayname"): ("name", lambda v: v.strip()[:200] or "Calendar"),
    tag(ICAL, "calendar-color"): ("color", _color),
    tag(CALDAV, "calendar-description"): ("description", lambda v: v[:5000]),
    tag(CALDAV, "calendar-timezone"): ("timezone", _zone_of),
}
# Set by clients, meaningless here: accepted and not kept.
IGNORED = {tag(ICAL, "calendar-order"), tag(CALDAV, "supported-calendar-component-set")}


def _changes(root) -> tuple[dict, dict]:
    """``(changes, statuses)`` from a PROPPATCH/MKCALENDAR body's D:set/D:remove."""
    changes, statuses = {}, {}
    if root is None:
        return changes, statuses
    for action in root:
        removing = action.tag == tag(DAV, "remove")
        for prop in action.iter(tag(DAV, "prop")):
            for item in prop:
                if item.tag in IGNORED:
                    statuses[item.tag] = 200
                    continue
                if item.tag not in SETTERS:
                    statuses[item.tag] = 403
                    continue
                column, convert = SETTERS[item.tag]
                try:
                    value = None if removing else convert("".join(item.itertext()))
                except ValueError:
                    statuses[item.tag] = 409
                    continue
                if value is None and column != "description":
                    statuses[item.tag] = 403
                    continue
                changes[column] = value
                statuses[item.tag] = 200
    return changes, statuses


def _propstat(path: str, statuses: dict) -> Response:
    """PROPPATCH is atomic (RFC 4918 §9.2): when one property fails, the
    others are 424 Failed Dependency."""
    failed = any(code != 200 for code in statuses.values())
    root = multistatus()
    add_statuses(
        root, path, {n: 424 if failed and c == 200 else c for n, c in statuses.items()}
    )
    return xml_response(root)


def proppatch(principal: Principal, user: User, target: Target) -> Response:
    root = parse(request.get_data())
    changes, statuses = _changes(root)
    if target.kind != "calendar" or target.calendar is None:
        return _propstat(request.path, {n: 403 for n in statuses})
    principal.require("calendars:write")
    if changes and all(code == 200 for code in statuses.values()):
        calendars_service.update(principal, target.calendar.id, changes, now())
    return _propstat(request.path, statuses)


def mkcalendar(principal: Principal, user: User, target: Target) -> Response:
    return _make_calendar(principal, user, target, parse(request.get_data()))


def mkcol(principal: Principal, user: User, target: Target) -> Response:
    """Extended MKCOL (RFC 5689), which some clients send instead of
    MKCALENDAR: a calendar when its resourcetype says so. The address book is
    one per account (contacts are private): making another is refused."""
    root = parse(request.get_data())
    kinds = set()
    for prop in root.iter(tag(DAV, "prop")) if root is not None else ():
        for item in list(prop):
            if item.tag == tag(DAV, "resourcetype"):  # answered here
                kinds |= {child.tag for child in item}
                prop.remove(item)
    if tag(CALDAV, "calendar") in kinds:
        return _make_calendar(principal, user, target, root)
    if tag(CARDDAV, "addressbook") in kinds:
        raise DavError(
            403,
            "Your contacts are one address book: it exists already",
            (DAV, "valid-resourcetype"),
        )
    raise DavError(
        403,
        "Only calendars can be made here (a resourcetype with C:calendar)",
        (DAV, "valid-resourcetype"),
    )


def _make_calendar(principal: Principal, user: User, target: Target, root):
    if target.kind != "calendar":
        raise DavError(403, "Calendars are made in your calendar home")
    if target.calendar is not None:
        raise DavError(405, "A calendar exists here", (DAV, "resource-must-be-null"))
    principal.require("calendars:write")
    changes, statuses = _changes(root)
    if any(code not in (200,) for code in statuses.values()):
        raise DavError(403, "A property could not be set", (DAV, "valid-resourcetype"))
    calendar_id = _calendar_id(principal.user_id, target.segment)
    if db.session.get(Calendar, calendar_id) is not None:
        raise DavError(405, "This name was used before", (DAV, "resource-must-be-null"))
    fields = {"name": "Calendar", "timezone": user.timezone or "UTC", **changes}
    calendars_service.create(principal, fields, now(), calendar_id=calendar_id)
    response = Response(status=201)
    response.headers["Location"] = props.path("calendars", user.id, calendar_id)
    return response


def report(principal: Principal, user: User, target: Target) -> Response:
    return reports.run(principal, user, target, parse(request.get_data()))


HANDLERS = {
    "PROPFIND": propfind,
    "GET": get,
    "PUT": put,
    "DELETE": delete,
    "PROPPATCH": proppatch,
    "MKCALENDAR": mkcalendar,
    "MKCOL": mkcol,
    "REPORT": report,
}
_ = APP
