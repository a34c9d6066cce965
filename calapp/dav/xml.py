"""WebDAV XML: the namespaces, parsing request bodies, and building responses.

Request bodies are parsed with defusedxml (no entity expansion, no external
entities). Responses are ``application/xml; charset=utf-8``. Errors are RFC 4918
§16 bodies: ``<D:error>`` holding the precondition that failed, plus a
``<A:message>`` in calapp's namespace saying why in words.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - building only; parsing is defused

from defusedxml import ElementTree as SafeET
from flask import Response

DAV = "DAV:"
CALDAV = "urn:ietf:params:xml:ns:caldav"
CARDDAV = "urn:ietf:params:xml:ns:carddav"
CS = "http://calendarserver.org/ns/"
ICAL = "http://apple.com/ns/ical/"
APP = "urn:calapp:dav"

PREFIXES = {DAV: "D", CALDAV: "C", CARDDAV: "CR", CS: "CS", ICAL: "I", APP: "A"}
for _uri, _prefix in PREFIXES.items():
    ET.register_namespace(_prefix, _uri)

XML_TYPE = "application/xml; charset=utf-8"


def tag(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


class DavError(Exception):
    """An error answered with a DAV error body (RFC 4918 §16)."""

    def __init__(
        self,
        status: int,
        message: str,
        condition: tuple[str, str] | None = None,
        headers: dict | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.condition = condition
        self.headers = headers or {}

    def response(self) -> Response:
        root = ET.Element(tag(DAV, "error"))
        if self.condition is not None:
            ET.SubElement(root, tag(*self.condition))
        ET.SubElement(root, tag(APP, "message")).text = self.message
        return xml_response(root, self.status, self.headers)


def parse(body: bytes) -> ET.Element | None:
    """The request's XML document, or None for an empty body.

    :raises DavError: not well-formed XML, or XML with entities (400).
    """
    if not body.strip():
        return None
    try:
        return SafeET.fromstring(body)
    except (ET.ParseError, ValueError) as exc:  # defusedxml refuses with ValueErrors
        raise DavError(400, f"The body is not well-formed XML: {exc}") from None


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escape_attribute(text: str) -> str:
    text = _escape(text).replace('"', "&quot;")
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def serialize(root: ET.Element) -> bytes:
    """The tree as UTF-8 XML, the namespaces declared once on the root (ours
    under ``PREFIXES``, any other a client asked about as ``ns0``, ``ns1``...).

    One pass writing strings: ElementTree's own serializer walks the tree
    twice and writes piece by piece, which took most of the time of a REPORT
    answering for thousands of objects. The trees built here have element
    text, plain attributes and no tails, comments or instructions.
    """
    names: dict[str, str] = {}
    used: dict[str, str] = {}
    out: list[str] = []
    append = out.append

    def qualified(clark: str) -> str:
        name = names.get(clark)
        if name is None:
            if clark[:1] == "{":
                uri, local = clark[1:].split("}", 1)
                prefix = used.get(uri)
                if prefix is None:
                    prefix = PREFIXES.get(uri) or f"ns{len(set(used) - set(PREFIXES))}"
                    used[uri] = prefix
                name = f"{prefix}:{local}"
            else:
                name = clark
            names[clark] = name
        return name

    def write(node: ET.Element) -> None:
        if node.tag is WRITTEN:  # parts: text as written, (Clark name,) qualified
            for part in node.text:
                append(part if part.__class__ is str else qualified(part[0]))
            return
        name = qualified(node.tag)
        attributes = "".join(
            f' {key}="{_escape_attribute(value)}"' for key, value in node.items()
        )
        text = node.text
        if not text and not len(node):
            append(f"<{name}{attributes} />")
            return
        append(f"<{name}{attributes}>")
        if text:
            append(_escape(text))
        for child in node:
            write(child)
        append(f"</{name}>")

    write(root)
    declarations = "".join(
        f' xmlns:{prefix}="{_escape_attribute(uri)}"'
        for uri, prefix in sorted(used.items(), key=lambda item: item[1])
    )
    first = out[0]
    cut = first.index(" />") if first.endswith(" />") else len(first) - 1
    out[0] = first[:cut] + declarations + first[cut:]
    return ("<?xml version='1.0' encoding='utf-8'?>\n" + "".join(out)).encode("utf-8")


def xml_response(root: ET.Element, status: int = 207, headers=None) -> Response:
    response = Response(serialize(root), status=status, content_type=XML_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def element(name: str, text: str | None = None, *children) -> ET.Element:
    """``name`` is a Clark name (``{DAV:}href``)."""
    node = ET.Element(name)
    if text is not None:
        node.text = text
    node.extend(children)
    return node


def href(value: str) -> ET.Element:
    return element(tag(DAV, "href"), value)


STATUS_TEXT = {
    200: "OK",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    424: "Failed Dependency",
    507: "Insufficient Storage",
}


def status_line(code: int) -> str:
    return f"HTTP/1.1 {code} {STATUS_TEXT.get(code, '')}".rstrip()


def multistatus() -> ET.Element:
    return ET.Element(tag(DAV, "multistatus"))


# The tag of a node ``serialize`` writes from parts (``_written``), not as
# an element: what a response of plain properties is built as.
WRITTEN = "{urn:calapp:dav}written"


def _plain(value) -> bool:
    return value is None or value.__class__ is str or (value == [])


def _written(path: str, found: dict, missing) -> list:
    """The parts of a ``<D:response>`` whose properties are texts or empty:
    what ``add_response`` builds as elements, without building them (one
    object of a multiget or a sync is one list, not seven elements)."""
    response, href_name, propstat = (
        (tag(DAV, "response"),),
        (tag(DAV, "href"),),
        (tag(DAV, "propstat"),),
    )
    prop, status = (tag(DAV, "prop"),), (tag(DAV, "status"),)
    parts = ["<", response, "><", href_name, ">", _escape(path), "</", href_name, ">"]
    for code, names in ((200, found), (404, missing)):
        if not names:
            continue
        parts += ["<", propstat, "><", prop, ">"]
        for name in names:
            value = found[name] if code == 200 else None
            if value:
                parts += ["<", (name,), ">", _escape(value), "</", (name,), ">"]
            else:
                parts += ["<", (name,), " />"]
        parts += ["</", prop, "><", status, ">", status_line(code)]
        parts += ["</", status, "></", propstat, ">"]
    parts += ["</", response, ">"]
    return parts


def add_response(
    root: ET.Element, path: str, found: dict, missing=(), status: int | None = None
) -> None:
    """One ``<D:response>``: the ``found`` properties (Clark name -> value: a
    text, an element, a list of elements, or None for an empty element) with
    200, the ``missing`` names with 404; or only a ``status`` (a gone member)."""
    if status is None and all(_plain(v) for v in found.values()):
        ET.SubElement(root, WRITTEN).text = _written(path, found, missing)
        return
    response = ET.SubElement(root, tag(DAV, "response"))
    response.append(href(path))
    if status is not None:
        ET.SubElement(response, tag(DAV, "status")).text = status_line(status)
        return
    for code, names in ((200, list(found)), (404, list(missing))):
        if not names:
            continue
        propstat = ET.SubElement(response, tag(DAV, "propstat"))
        prop = ET.SubElement(propstat, tag(DAV, "prop"))
        for name in names:
            node = ET.SubElement(prop, name)
            if code == 200:
                _fill(node, found[name])
        ET.SubElement(propstat, tag(DAV, "status")).text = status_line(code)


def _fill(node: ET.Element, value) -> None:
    if value is None:
        return
    if isinstance(value, str):
        node.text = value
    elif isinstance(value, ET.Element):
        node.append(value)
    else:
        node.extend(value)


def requested_props(root: ET.Element | None) -> tuple[str, list[str]]:
    """What a PROPFIND (or REPORT) asks: ``("allprop"|"propname"|"prop", names)``."""
    if root is None:
        return "allprop", []
    prop = root.find(tag(DAV, "prop"))
    if prop is not None:
        return "prop", [child.tag for child in prop]
    if root.find(tag(DAV, "propname")) is not None:
        return "propname", []
    return "allprop", []


def add_statuses(root: ET.Element, path: str, statuses: dict) -> None:
    """One ``<D:response>`` with a propstat per status (PROPPATCH's answer)."""
    response = ET.SubElement(root, tag(DAV, "response"))
    response.append(href(path))
    by_code: dict[int, list[str]] = {}
    for name, code in statuses.items():
        by_code.setdefault(code, []).append(name)
    for code, names in by_code.items():
        propstat = ET.SubElement(response, tag(DAV, "propstat"))
        prop = ET.SubElement(propstat, tag(DAV, "prop"))
        for name in names:
            ET.SubElement(prop, name)
        ET.SubElement(propstat, tag(DAV, "status")).text = status_line(code)
