"""A small CalDAV client (RFC 4791, RFC 6578, RFC 6764) over the outbound rules
of webhooks (``calapp.webhooks.transport``): public targets only unless allowed,
a deadline and a size limit on every answer.

What calapp needs from an account: find its calendars (``discover``), then for
each the objects that changed since last time (``changes``: ``sync-collection``
when the server offers it) or every object in a time range (``in_range``,
``calendar-query``), and the objects themselves (``fetch``,
``calendar-multiget``).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

from calapp.webhooks import transport

DAV = "DAV:"
CALDAV = "urn:ietf:params:xml:ns:caldav"
APPLE = "http://apple.com/ns/ical/"
MULTIGET_BATCH = 200
MAX_REDIRECTS = 3
USER_AGENT = "calapp-connections/1"


class SyncError(Exception):
    """The server could not be used: the message says why, for ``last_error``."""


class TokenExpired(SyncError):
    """The server no longer knows our sync token: list everything again."""


@dataclass
class Remote:
    href: str  # absolute URL
    name: str
    color: str | None
    supports_sync: bool


@dataclass
class Changes:
    token: str | None
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _propfind(props: list[tuple[str, str]]) -> bytes:
    inner = "".join(f"<x:{name} xmlns:x='{ns}'/>" for ns, name in props)
    return (
        "<?xml version='1.0' encoding='utf-8'?>"
        f"<d:propfind xmlns:d='DAV:'><d:prop>{inner}</d:prop></d:propfind>"
    ).encode()


class Client:
    def __init__(
        self,
        url: str,
        username: str,
        password: str,
        *,
        timeout: float,
        max_bytes: int,
        allow_private: bool,
    ) -> None:
        self.url = url
        token = base64.b64encode(f"{username}:{password}".encode()).decode()
        self._auth = f"Basic {token}"
        self._origin = _origin(url)
        self._limits = {
            "timeout": timeout,
            "max_bytes": max_bytes,
            "allow_private": allow_private,
        }

    # --- requests --------------------------------------------------------------------

    def _trusted(self, url: str) -> bool:
        """The credentials go to the account's own origin, and over https to the
        hosts of its parent domain (iCloud answers caldav.icloud.com's principal
        on p42-caldav.icloud.com); never elsewhere."""
        if _origin(url) == self._origin:
            return True
        scheme, host, _ = _origin(url)
        own_scheme, own_host, _ = self._origin
        parent = (own_host or "").partition(".")[2]
        return (
            scheme == own_scheme == "https"
            and parent.count(".") >= 1
            and (host or "").endswith("." + parent)
        )

    def _request(self, method, url, body=None, headers=None) -> transport.Answer:
        """Follows up to ``MAX_REDIRECTS`` redirects (each target checked again);
        credentials go only to the account's own origin."""
        for _ in range(MAX_REDIRECTS + 1):
            sent = dict(headers or {})
            if self._trusted(url):
                sent["Authorization"] = self._auth
            if body is not None:
                sent["Content-Type"] = "application/xml; charset=utf-8"
            try:
                answer = transport.request(
                    method,
                    url,
                    body=body,
                    headers=sent,
                    user_agent=USER_AGENT,
                    **self._limits,
                )
            except transport.Refused as exc:
                raise SyncError(f"{method} {url}: {exc}") from None
            location = answer.headers.get("location")
            if answer.status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            if answer.status == 401:
                raise SyncError(
                    "the server refused the username or password (HTTP 401): "
                    "check them, or create a new app password"
                )
            return answer
        raise SyncError(f"{method}: more than {MAX_REDIRECTS} redirects")

    def _multistatus(self, method, url, body, depth="0") -> list[Element]:
        answer = self._request(method, url, body, {"Depth": depth})
        if answer.status != 207:
            raise SyncError(f"{method} {url}: HTTP {answer.status}")
        return self._responses(answer)

    def _root(self, answer) -> Element:
        try:
            return ElementTree.fromstring(answer.body)
        except (ElementTree.ParseError, ValueError) as exc:  # ValueError: defusedxml
            raise SyncError(f"the server's answer is not XML: {exc}") from None

    def _responses(self, answer) -> list[Element]:
        return self._root(answer).findall(_q(DAV, "response"))

    def _props(self, url: str, props, depth="0") -> list[tuple[str, dict]]:
        """``(absolute href, {qualified name: element})`` of each 200 propstat."""
        found = []
        for response in self._multistatus("PROPFIND", url, _propfind(props), depth):
            href = urljoin(url, response.findtext(_q(DAV, "href"), "").strip())
            values = {}
            for propstat in response.findall(_q(DAV, "propstat")):
                if " 200 " not in propstat.findtext(_q(DAV, "status"), ""):
                    continue
                for prop in propstat.find(_q(DAV, "prop")) or []:
                    values[prop.tag] = prop
            found.append((href, values))
        return found

    def _href_in(self, url: str, ns: str, name: str) -> str | None:
        for _, values in self._props(url, [(ns, name)]):
            element = values.get(_q(ns, name))
            if element is not None:
                href = element.findtext(_q(DAV, "href"))
                if href:
                    return urljoin(url, href.strip())
        return None

    # --- discovery -------------------------------------------------------------------

    def discover(self) -> list[Remote]:
        """The account's event calendars (RFC 6764's well-known URL when the
        server URL has no path; a calendar's own URL works too).

        :raises SyncError: unreachable, refused, or not a CalDAV server."""
        start = self.url
        if urlsplit(start).path in ("", "/"):
            start = urljoin(start, "/.well-known/caldav")
        principal = self._href_in(start, DAV, "current-user-principal") or start
        home = self._href_in(principal, CALDAV, "calendar-home-set") or principal
        listed = self._props(
            home,
            [
                (DAV, "resourcetype"),
                (DAV, "displayname"),
                (APPLE, "calendar-color"),
                (DAV, "supported-report-set"),
                (CALDAV, "supported-calendar-component-set"),
            ],
            depth="1",
        )
        remotes = [_remote(href, values) for href, values in listed]
        found = [r for r in remotes if r is not None]
        if not found and not listed:
            raise SyncError(f"no CalDAV calendars found at {home}")
        return found

    # --- contents --------------------------------------------------------------------

    def changes(self, href: str, token: str | None) -> Changes:
        """RFC 6578 ``sync-collection`` since ``token`` (None: everything).

        :raises TokenExpired: the server forgot the token."""
        body = (
            "<?xml version='1.0' encoding='utf-8'?>"
            "<d:sync-collection xmlns:d='DAV:'>"
            f"<d:sync-token>{_escape(token or '')}</d:sync-token>"
            "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
            "</d:sync-collection>"
        ).encode()
        answer = self._request("REPORT", href, body, {"Depth": "1"})
        if answer.status in (403, 409) and b"valid-sync-token" in answer.body:
            raise TokenExpired("the server no longer knows the sync token")
        if answer.status != 207:
            raise SyncError(f"REPORT sync-collection {href}: HTTP {answer.status}")
        root = self._root(answer)
        found = Changes(token=(root.findtext(_q(DAV, "sync-token")) or "").strip())
        for response in root.findall(_q(DAV, "response")):
            target = urljoin(href, response.findtext(_q(DAV, "href"), "").strip())
            if target.rstrip("/") == href.rstrip("/"):
                continue
            status = response.findtext(_q(DAV, "status")) or ""
            if " 404 " in status:
                found.deleted.append(target)
            else:
                found.changed.append(target)
        return found

    def fetch(self, href: str, targets: list[str]) -> dict[str, str]:
        """``{href: calendar data}`` of the objects (``calendar-multiget``)."""
        out: dict[str, str] = {}
        for i in range(0, len(targets), MULTIGET_BATCH):
            hrefs = "".join(
                f"<d:href>{_escape(urlsplit(t).path)}</d:href>"
                for t in targets[i : i + MULTIGET_BATCH]
            )
            body = (
                "<?xml version='1.0' encoding='utf-8'?>"
                f"<c:calendar-multiget xmlns:d='DAV:' xmlns:c='{CALDAV}'>"
                f"<d:prop><d:getetag/><c:calendar-data/></d:prop>{hrefs}"
                "</c:calendar-multiget>"
            ).encode()
            out.update(self._data(href, body))
        return out

    def in_range(self, href: str, start: datetime, end: datetime) -> dict[str, str]:
        """``{href: calendar data}`` of the events overlapping the range
        (``calendar-query``, RFC 4791 §7.8), for servers without sync."""
        stamp = "%Y%m%dT%H%M%SZ"
        body = (
            "<?xml version='1.0' encoding='utf-8'?>"
            f"<c:calendar-query xmlns:d='DAV:' xmlns:c='{CALDAV}'>"
            "<d:prop><d:getetag/><c:calendar-data/></d:prop>"
            "<c:filter><c:comp-filter name='VCALENDAR'>"
            "<c:comp-filter name='VEVENT'>"
            f"<c:time-range start='{start.strftime(stamp)}' "
            f"end='{end.strftime(stamp)}'/>"
            "</c:comp-filter></c:comp-filter></c:filter></c:calendar-query>"
        ).encode()
        return self._data(href, body)

    def _data(self, href: str, body: bytes) -> dict[str, str]:
        out = {}
        for response in self._multistatus("REPORT", href, body, depth="1"):
            target = urljoin(href, response.findtext(_q(DAV, "href"), "").strip())
            data = response.find(f".//{_q(CALDAV, 'calendar-data')}")
            if data is not None and data.text:
                out[target] = data.text
        return out


def _origin(url: str) -> tuple:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&apos;")
    )


def _text(values: dict, key: str) -> str:
    element = values.get(key)
    return (element.text or "").strip() if element is not None else ""


def _remote(href: str, values: dict) -> Remote | None:
    """A calendar collection that holds events, else None."""
    kind = values.get(_q(DAV, "resourcetype"))
    if kind is None or kind.find(_q(CALDAV, "calendar")) is None:
        return None
    components = values.get(_q(CALDAV, "supported-calendar-component-set"))
    if components is not None and len(components):
        names = {c.get("name", "").upper() for c in components}
        if "VEVENT" not in names:
            return None
    reports = values.get(_q(DAV, "supported-report-set"))
    sync = f".//{_q(DAV, 'sync-collection')}"
    supports_sync = reports is not None and reports.find(sync) is not None
    color = _text(values, _q(APPLE, "calendar-color"))
    color = color[:7].upper() if color.startswith("#") else None
    name = _text(values, _q(DAV, "displayname"))
    fallback = urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1] or "Calendar"
    return Remote(
        href=href,
        name=(name.strip() or fallback)[:200],
        color=color if color and len(color) == 7 else None,
        supports_sync=supports_sync,
    )
