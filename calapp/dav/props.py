"""The WebDAV properties of each kind of resource under ``/dav/``."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - building only
from urllib.parse import quote

import sqlalchemy as sa
from flask import current_app

from calapp.attachments import service as attachments
from calapp.calendars.models import Calendar
from calapp.changes.models import Change
from calapp.extensions import db
from calapp.ics.zones import vtimezone

from .xml import APP, CALDAV, CARDDAV, CS, DAV, ICAL, element, href, tag

SAFE = "/@:+,;=!$&'()*-._~"


def path(*segments: str, collection: bool = True) -> str:
    text = "/dav/" + "/".join(
        quote(str(s), safe=SAFE.replace("/", "")) for s in segments
    )
    return text + "/" if collection and segments else text


def principal_path(user_id) -> str:
    return path("principals", user_id)


def calendar_home(user_id) -> str:
    return path("calendars", user_id)


def book_home(user_id) -> str:
    return path("addressbooks", user_id)


def _els(*names: tuple[str, str]) -> list[ET.Element]:
    return [element(tag(*name)) for name in names]


def privileges(names: list[str]) -> list[ET.Element]:
    result = []
    for name in names:
        privilege = element(tag(DAV, "privilege"))
        privilege.append(element(tag(DAV, name)))
        result.append(privilege)
    return result


def privilege_names(role: str, can_write: bool) -> list[str]:
    """DAV privileges of a calendar role (RFC 3744), narrowed by a key's scopes."""
    names = ["read", "read-current-user-privilege-set"]
    if can_write and role in ("owner", "editor"):
        names += ["write-content", "bind", "unbind"]
    if can_write and role == "owner":
        names += ["write", "write-properties"]
    return names


def reports(*names: tuple[str, str]) -> list[ET.Element]:
    result = []
    for name in names:
        supported = element(tag(DAV, "supported-report"))
        report = element(tag(DAV, "report"))
        report.append(element(tag(*name)))
        supported.append(report)
        result.append(supported)
    return result


CALENDAR_REPORTS = (
    (CALDAV, "calendar-multiget"),
    (CALDAV, "calendar-query"),
    (CALDAV, "free-busy-query"),
    (DAV, "sync-collection"),
)
BOOK_REPORTS = (
    (CARDDAV, "addressbook-multiget"),
    (CARDDAV, "addressbook-query"),
    (DAV, "sync-collection"),
)


def user_props(user) -> dict:
    """What every resource answers about the signed-in user (clients ask any
    resource for these during discovery)."""
    return {
        tag(DAV, "current-user-principal"): href(principal_path(user.id)),
        tag(CALDAV, "calendar-home-set"): href(calendar_home(user.id)),
        tag(CARDDAV, "addressbook-home-set"): href(book_home(user.id)),
    }


QUOTA = (tag(DAV, "quota-used-bytes"), tag(DAV, "quota-available-bytes"))


def quota_props(user) -> dict:
    """RFC 4331 on the homes and collections: the signed-in user's storage
    quota, which is the attachment quota (``ATTACHMENT_QUOTA_BYTES``: the files
    they uploaded to events); events and contacts do not count against it.
    Computed when asked (one sum), never in allprop (§3)."""
    used: list[int] = []

    def used_bytes() -> int:
        if not used:
            used.append(attachments.quota_used(user.id))
        return used[0]

    def available() -> str:
        quota = current_app.config["ATTACHMENT_QUOTA_BYTES"]
        return str(max(quota - used_bytes(), 0))

    return {QUOTA[0]: lambda: str(used_bytes()), QUOTA[1]: available}


def root_props(user) -> dict:
    return {
        tag(DAV, "resourcetype"): _els((DAV, "collection")),
        tag(DAV, "displayname"): "calapp",
        tag(DAV, "principal-collection-set"): href(path("principals")),
        **user_props(user),
    }


def principal_props(user) -> dict:
    return {
        tag(DAV, "resourcetype"): _els((DAV, "principal")),
        tag(DAV, "displayname"): user.name or user.email,
        tag(DAV, "principal-URL"): href(principal_path(user.id)),
        tag(DAV, "principal-collection-set"): href(path("principals")),
        tag(CALDAV, "calendar-user-address-set"): href(f"mailto:{user.email}"),
        tag(CALDAV, "calendar-user-type"): "INDIVIDUAL",
        tag(DAV, "supported-report-set"): [],
        **user_props(user),
    }


def home_props(user, name: str) -> dict:
    return {
        tag(DAV, "resourcetype"): _els((DAV, "collection")),
        tag(DAV, "displayname"): name,
        tag(DAV, "owner"): href(principal_path(user.id)),
        tag(DAV, "current-user-privilege-set"): privileges(
            ["read", "read-current-user-privilege-set", "bind", "unbind"]
        ),
        tag(DAV, "supported-report-set"): [],
        **user_props(user),
        **quota_props(user),
    }


def ctag(calendar_id=None, user_id=None) -> str:
    """Changes whenever something in the collection does (Thunderbird's
    getctag): the last change-log position of the collection."""
    if calendar_id is not None:
        where = Change.calendar_id == calendar_id
    else:
        where = sa.and_(Change.user_id == user_id, Change.resource_type == "contact")
    last = db.session.execute(sa.select(sa.func.max(Change.position)).where(where))
    return f'"{last.scalar() or 0}"'


def timezone_text(zone: str) -> str:
    component = vtimezone(zone, 2020, 2038) or b""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calapp//calapp 1.0//EN\r\n"
        + component.decode()
        + "END:VCALENDAR\r\n"
    )


def calendar_props(
    user, calendar: Calendar, role: str, can_write: bool, sync_token, max_bytes: int
) -> dict:
    """``sync_token`` is a callable: the token costs a query."""
    return {
        tag(DAV, "resourcetype"): _els((DAV, "collection"), (CALDAV, "calendar")),
        tag(DAV, "displayname"): calendar.name,
        tag(CALDAV, "calendar-description"): calendar.description or "",
        tag(ICAL, "calendar-color"): calendar.color,
        tag(CALDAV, "calendar-timezone"): lambda: timezone_text(calendar.timezone),
        tag(CALDAV, "supported-calendar-component-set"): [
            element(tag(CALDAV, "comp"), None)
        ],
        tag(CALDAV, "supported-calendar-data"): [element(tag(CALDAV, "calendar-data"))],
        tag(CALDAV, "max-resource-size"): str(max_bytes),
        tag(CS, "getctag"): lambda: ctag(calendar_id=calendar.id),
        tag(DAV, "sync-token"): sync_token,
        tag(DAV, "owner"): href(principal_path(calendar.owner_id)),
        tag(DAV, "current-user-privilege-set"): privileges(
            privilege_names(role, can_write)
        ),
        tag(DAV, "supported-report-set"): reports(*CALENDAR_REPORTS),
        tag(APP, "role"): role,
        **user_props(user),
        **quota_props(user),
    }


def book_props(user, can_write: bool, sync_token, max_bytes: int) -> dict:
    names = ["read", "read-current-user-privilege-set"]
    if can_write:
        names += ["write-content", "bind", "unbind"]
    return {
        tag(DAV, "resourcetype"): _els((DAV, "collection"), (CARDDAV, "addressbook")),
        tag(DAV, "displayname"): "Contacts",
        tag(CARDDAV, "addressbook-description"): "Your calapp contacts",
        tag(CARDDAV, "supported-address-data"): [
            element(tag(CARDDAV, "address-data-type")),
            element(tag(CARDDAV, "address-data-type")),
        ],
        tag(CARDDAV, "max-resource-size"): str(max_bytes),
        tag(CS, "getctag"): lambda: ctag(user_id=user.id),
        tag(DAV, "sync-token"): sync_token,
        tag(DAV, "owner"): href(principal_path(user.id)),
        tag(DAV, "current-user-privilege-set"): privileges(names),
        tag(DAV, "supported-report-set"): reports(*BOOK_REPORTS),
        **user_props(user),
        **quota_props(user),
    }


def fix_attributes(found: dict) -> dict:
    """Attributes ElementTree cannot take in the literal above."""
    comps = found.get(tag(CALDAV, "supported-calendar-component-set"))
    if comps:
        comps[0].set("name", "VEVENT")
    data = found.get(tag(CALDAV, "supported-calendar-data"))
    if data:
        data[0].set("content-type", "text/calendar")
        data[0].set("version", "2.0")
    types = found.get(tag(CARDDAV, "supported-address-data"))
    if types:
        types[0].set("content-type", "text/vcard")
        types[0].set("version", "3.0")
        types[1].set("content-type", "text/vcard")
        types[1].set("version", "4.0")
    return found


def wants_body(mode: str, names: list[str], data_tag: str) -> bool:
    """Whether answering needs the objects' bodies (their data or length):
    without, a listing reads names and ETags alone."""
    if mode == "prop":
        return data_tag in names or tag(DAV, "getcontentlength") in names
    return mode == "allprop"


def object_props(obj, content_type: str, data_tag: str | None) -> dict:
    found = {
        tag(DAV, "resourcetype"): [],
        tag(DAV, "getetag"): obj.etag,
        tag(DAV, "getcontenttype"): content_type,
        tag(DAV, "getcontentlength"): lambda: str(len(obj.body)),
    }
    if data_tag is not None:
        found[data_tag] = lambda: obj.body.decode()
    return found


def select(found: dict, mode: str, names: list[str], hidden=()) -> tuple[dict, list]:
    """The properties a PROPFIND/REPORT asked for: ``(found, missing)``. Lazy
    values (callables) are computed only when asked; ``hidden`` (costly or
    large) are left out of allprop."""
    if mode == "prop":
        chosen = {n: found[n] for n in names if n in found}
        missing = [n for n in names if n not in found]
    elif mode == "propname":
        return {n: None for n in found}, []
    else:
        chosen = {n: v for n, v in found.items() if n not in hidden}
        missing = []
    return {n: (v() if callable(v) else v) for n, v in chosen.items()}, missing
