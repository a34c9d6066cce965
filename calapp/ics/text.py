"""Content lines, shared by iCalendar (RFC 5545 §3.1) and vCard (RFC 6350 §3.3).

Parsing: the file is decoded (UTF-8, with or without a BOM; Windows-1252 as a
fallback), unfolded (a line break followed by one space or tab continues the
line; CRLF, LF or CR alike) and split into components of ``name;params:value``
lines. Parameter values may be quoted and use RFC 6868 caret escapes.

Writing: text values are escaped (``\\\\ \\; \\, \\n``), control characters
dropped, and lines folded at 75 octets without splitting a UTF-8 sequence.

Written here rather than taken from ``icalendar``: parsing a 10,000-event file
with icalendar 7.3 takes ~6.6 s and writing it ~3.6 s on the bench machine, more
than the whole import and export budgets (bench/ics/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType

_NAME = re.compile(r"[A-Za-z0-9_.-]+")
_PARAM_VALUE = re.compile(r'[^";:,]*')
_PHYSICAL = re.compile(r"([^\r\n]*)(?:\r\n|\r|\n|\Z)")
# Shared by every property without parameters (most of them): one dict less
# per line of the file.
_NO_PARAMS: Mapping[str, list[str]] = MappingProxyType({})
_UNESCAPE = re.compile(r"\\(.)", re.S)
_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")
_DATETIME = re.compile(
    r"^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})?(\.\d+)?(Z)?$"
)
_DURATION = re.compile(
    r"^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$"
)
# Control characters a text value may not hold (RFC 5545 §3.3.11: CONTROL).
_CONTROL = {c: None for c in (*range(0, 9), *range(11, 32), 127)}
_NEEDS_ESCAPE = re.compile(r"[\\;,\x00-\x08\x0a-\x1f\x7f]")
_NEEDS_QUOTE = re.compile(r'[;:,"^\x00-\x08\x0a-\x1f\x7f]')
_ESCAPES = {
    **_CONTROL,
    ord("\\"): "\\\\",
    ord(";"): "\\;",
    ord(","): "\\,",
    ord("\n"): "\\n",
}
FOLD_AT = 75  # octets per physical line, CRLF excluded (RFC 5545 §3.1)


class ParseError(ValueError):
    """The text is not a content-line file at all (or not the expected one)."""


@dataclass(slots=True)
class Prop:
    name: str
    params: Mapping[str, list[str]]
    value: str

    def param(self, name: str) -> str | None:
        values = self.params.get(name)
        return values[0] if values else None


@dataclass(slots=True)
class Component:
    name: str
    line: int  # of its BEGIN, for messages
    props: dict[str, list[Prop]] = field(default_factory=dict)
    children: list[Component] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # lines that did not parse

    def first(self, name: str) -> Prop | None:
        found = self.props.get(name)
        return found[0] if found else None

    def all(self, name: str) -> list[Prop]:
        return self.props.get(name, [])

    def text(self, name: str) -> str | None:
        prop = self.first(name)
        return unescape(prop.value) if prop is not None else None


# --- reading --------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, bool]:
    """The file as text and whether it had to be read as Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16").lstrip("\ufeff"), False
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: read it as bytes below
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), True


def unfold(text: str) -> list[str]:
    return list(_lines(text))


def _lines(text: str) -> Iterator[str]:
    """The unfolded lines of ``text``, one at a time (CRLF, LF or CR).

    One pass, and a logical line is joined once from its physical pieces, so
    the cost is linear in the text however it is folded, and no second copy
    of the file is made.
    """
    pieces: list[str] = []
    for match in _PHYSICAL.finditer(text):
        line = match.group(1)
        if match.start() == len(text) and match.start() and text[-1] not in "\r\n":
            break  # the empty match after a last line without a line break
        if pieces and line[:1] in (" ", "\t"):
            pieces.append(line[1:])
            continue
        if pieces:
            yield pieces[0] if len(pieces) == 1 else "".join(pieces)
        pieces = [line]
    if pieces:
        yield pieces[0] if len(pieces) == 1 else "".join(pieces)


def _caret(value: str) -> str:
    """RFC 6868 parameter value escapes."""
    return re.sub(r"\^([n^'])", lambda m: {"n": "\n", "^": "^", "'": '"'}[m[1]], value)


_NAMES: dict[str, str] = {}  # raw property/parameter name -> NAME (validated)


def _name(raw: str) -> str:
    """``item1.email`` -> ``EMAIL``; cached, as files repeat a few names.

    :raises ParseError: not a name.
    """
    name = _NAMES.get(raw)
    if name is None:
        if not _NAME.fullmatch(raw):
            raise ParseError(f"{raw[:30]!r} is not a property or parameter name")
        name = raw.rpartition(".")[2].upper()
        if len(_NAMES) < 10_000:
            _NAMES[raw] = name
    return name


def parse_line(line: str) -> Prop:
    """``NAME;P=a,"b";Q=c:value`` (a vCard group prefix ``item1.`` is dropped).

    :raises ParseError: not a content line.
    """
    colon = line.find(":")
    head = line[:colon] if colon > 0 else ""
    if not head or '"' in head:
        return _parse_quoted(line)
    # No quoted parameter value: the first colon ends the name and parameters.
    name, *raw_params = head.split(";")
    if not raw_params:
        return Prop(_name(name), _NO_PARAMS, line[colon + 1 :])
    params: dict[str, list[str]] = {}
    for raw in raw_params:
        key, equals, value = raw.partition("=")
        if not equals:  # vCard 2.1: ";WORK;VOICE"
            params.setdefault("TYPE", []).append(_name(key))
            continue
        values = value.split(",")
        if "^" in value:
            values = [_caret(v) for v in values]
        params.setdefault(_name(key), []).extend(values)
    return Prop(_name(name), params, line[colon + 1 :])


def _parse_quoted(line: str) -> Prop:
    """``parse_line`` for lines with quoted parameter values (or no colon)."""
    match = _NAME.match(line)
    if not match:
        raise ParseError("not a NAME:value line")
    name, pos, params = _name(match.group()), match.end(), {}
    while pos < len(line) and line[pos] == ";":
        pos += 1
        key = _NAME.match(line, pos)
        if not key:
            raise ParseError("a parameter without a name")
        pos = key.end()
        pname = _name(key.group())
        if pos >= len(line) or line[pos] != "=":  # vCard 2.1: ";WORK;VOICE"
            params.setdefault("TYPE", []).append(pname)
            continue
        pos += 1
        values = []
        while True:
            if line.startswith('"', pos):
                end = line.find('"', pos + 1)
                if end < 0:
                    raise ParseError("an unterminated quoted parameter value")
                values.append(line[pos + 1 : end])
                pos = end + 1
            else:
                value = _PARAM_VALUE.match(line, pos)
                values.append(value.group())
                pos = value.end()
            if pos < len(line) and line[pos] == ",":
                pos += 1
                continue
            break
        if any("^" in v for v in values):
            values = [_caret(v) for v in values]
        params.setdefault(pname, []).extend(values)
    if pos >= len(line) or line[pos] != ":":
        raise ParseError("no ':' after the name and parameters")
    return Prop(name, params, line[pos + 1 :])


def parse(text: str, root: str) -> list[Component]:
    """The ``root`` components (VCALENDAR, VCARD) of a file, nested components inside.

    Unclosed components at the end are closed (``Component.errors`` says so);
    a line that does not parse is recorded on its component.

    :raises ParseError: the first meaningful line is not ``BEGIN:<root>``.
    """
    roots: list[Component] = []
    stack: list[Component] = []
    # How many components of each name are open: an END is matched against
    # the stack in constant time, not by scanning it (quadratic on a file of
    # unclosed BEGINs followed by unmatched ENDs).
    open_kinds: dict[str, int] = {}
    for number, line in enumerate(_lines(text), 1):
        if not line.strip():
            continue
        try:
            prop = parse_line(line)
        except ParseError as exc:
            if stack:
                stack[-1].errors.append(f"line {number}: {exc}")
            elif not roots:
                raise ParseError(f"line {number}: {exc}") from None
            continue  # junk after the last root component
        if prop.name == "BEGIN":
            kind = prop.value.strip().upper()
            if not stack and kind != root:
                if not roots:
                    raise ParseError(f"line {number}: expected BEGIN:{root}")
                continue
            component = Component(kind, number)
            (stack[-1].children if stack else roots).append(component)
            stack.append(component)
            open_kinds[kind] = open_kinds.get(kind, 0) + 1
        elif prop.name == "END":
            kind = prop.value.strip().upper()
            if not open_kinds.get(kind):
                if stack:
                    stack[-1].errors.append(f"line {number}: END:{kind} without BEGIN")
                continue
            while stack:
                closed = stack.pop()
                open_kinds[closed.name] -= 1
                if closed.name == kind:
                    break
                closed.errors.append(f"BEGIN:{closed.name} is never closed")
        elif stack:
            stack[-1].props.setdefault(prop.name, []).append(prop)
        elif not roots:
            raise ParseError(f"line {number}: expected BEGIN:{root}")
    for component in stack:
        component.errors.append(f"BEGIN:{component.name} is never closed")
    if not roots:
        raise ParseError(f"no BEGIN:{root}")
    return roots


def unescape(value: str) -> str:
    if "\\" not in value:
        return value
    return _UNESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], value)


def _split(value: str, separator: str) -> list[str]:
    """Split on ``separator`` where it is not backslash-escaped (still escaped)."""
    parts, start, pos = [], 0, 0
    while pos < len(value):
        char = value[pos]
        if char == "\\":
            pos += 2
            continue
        if char == separator:
            parts.append(value[start:pos])
            start = pos + 1
        pos += 1
    parts.append(value[start:])
    return parts


def split_list(value: str) -> list[str]:
    """A comma-separated value; escaped commas stay inside items (still escaped)."""
    if "," not in value:
        return [value]
    if "\\" not in value:
        return value.split(",")
    return _split(value, ",")


def split_structured(value: str) -> list[str]:
    """``N``/``ORG``/``ADR`` parts: split on unescaped ``;``, then unescaped."""
    return [unescape(part) for part in _split(value, ";")]


def parse_date(value: str) -> date:
    match = _DATE.match(value.strip())
    if not match:
        raise ValueError(f"{value[:40]!r} is not a DATE (YYYYMMDD)")
    return date(*map(int, match.groups()))


def parse_datetime(value: str) -> tuple[datetime, bool]:
    """A naive date-time and whether it was UTC (``Z``)."""
    match = _DATETIME.match(value.strip())
    if not match:
        raise ValueError(f"{value[:40]!r} is not a DATE-TIME (YYYYMMDDTHHMMSS)")
    y, mo, d, h, mi, s, _, zulu = match.groups()
    second = min(int(s or 0), 59)  # a leap second (60) is the last second
    return datetime(int(y), int(mo), int(d), int(h), int(mi), second), bool(zulu)


def parse_duration(value: str) -> timedelta:
    match = _DURATION.match(value.strip().upper())
    if not match or not any(match.groups()[1:]):
        raise ValueError(f"{value[:40]!r} is not a DURATION (e.g. PT1H30M)")
    sign, weeks, days, hours, minutes, seconds = match.groups()
    delta = timedelta(
        weeks=int(weeks or 0),
        days=int(days or 0),
        hours=int(hours or 0),
        minutes=int(minutes or 0),
        seconds=int(seconds or 0),
    )
    return -delta if sign == "-" else delta


# --- writing --------------------------------------------------------------------------


def escape(value: str) -> str:
    if not _NEEDS_ESCAPE.search(value):  # most values: nothing to do
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.translate(_ESCAPES)


def param(value: str) -> str:
    """A parameter value: RFC 6868 escapes, quoted when it holds ``; : ,``."""
    if not _NEEDS_QUOTE.search(value):
        return value
    value = value.translate(_CONTROL)
    if "^" in value or '"' in value or "\n" in value:
        value = value.replace("^", "^^").replace('"', "^'").replace("\n", "^n")
    if any(c in value for c in ";:,"):
        return f'"{value}"'
    return value


def fold(line: str) -> str:
    """Fold one content line at 75 octets (RFC 5545 §3.1), never inside a
    UTF-8 sequence; the continuation lines start with a space."""
    if len(line) <= FOLD_AT // 3 or (len(line) <= FOLD_AT and line.isascii()):
        return line
    data = line.encode()
    if len(data) <= FOLD_AT:
        return line
    pieces, start, limit = [], 0, FOLD_AT
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: cut before it
            cut -= 1
        pieces.append(data[start:cut])
        start, limit = cut, FOLD_AT - 1  # the leading space counts
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode()


def lines_to_bytes(lines: list[str]) -> bytes:
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()


def local_stamp(value: datetime) -> str:
    """``YYYYMMDDTHHMMSS`` of the wall time (seconds: iCalendar has no less)."""
    text = value.isoformat(timespec="seconds")  # in C, unlike strftime; 4-digit year
    return text[:19].replace("-", "").replace(":", "")


def utc_stamp(value: datetime) -> str:
    return local_stamp(value.astimezone(UTC)) + "Z"


def date_stamp(value: date) -> str:
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def component_text(component: Component) -> str:
    """A parsed component written back (properties grouped by name), e.g. a
    VTIMEZONE handed to ``icalendar``."""

    def lines(c: Component) -> list[str]:
        out = [f"BEGIN:{c.name}"]
        for name, props in c.props.items():
            for p in props:
                params = "".join(
                    f";{key}={','.join(param(v) for v in values)}"
                    for key, values in p.params.items()
                )
                out.append(fold(f"{name}{params}:{p.value}"))
        for child in c.children:
            out.extend(lines(child))
        out.append(f"END:{c.name}")
        return out

    return "\r\n".join(lines(component)) + "\r\n"
