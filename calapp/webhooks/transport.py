"""POST one webhook request, only to public addresses (unless allowed), within a
total deadline.

Where a request may go:

- An address is public only when it is globally reachable by every check of the
  ``ipaddress`` module *and* outside IANA's special-purpose ranges, spelled out
  below because older Pythons' tables miss some (``192.0.0.8`` passes
  ``is_global`` on 3.11). IPv4 hidden in an IPv6 address is unwrapped and judged
  as IPv4: IPv4-mapped ``::ffff:a.b.c.d``, NAT64 ``64:ff9b::a.b.c.d``, 6to4
  ``2002:aabb:ccdd::`` and both ends of a Teredo address. IPv4-compatible
  ``::a.b.c.d`` (deprecated, never a real answer) is always refused.
- The host name is resolved once, every address is checked, and the connection
  goes to a checked address, which is checked again, with the peer the socket
  reached, at connect time. A name that resolves to a public address for the
  check and to 127.0.0.1 afterwards (DNS rebinding) cannot reach the private
  network. TLS still verifies the name (SNI and Host are the URL's host).
  Redirects are not followed.

How long it may take: ``timeout`` bounds the whole request, connecting, sending
and reading the answer, not each socket read, so a receiver that drips one byte
a second is cut off. At most ``MAX_RESPONSE_BYTES`` of the answer are read: the
status line is what counts.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from calapp.delivery.outbox import Outcome

EXCERPT_BYTES = 1000
MAX_RESPONSE_BYTES = 64 * 1024
USER_AGENT = "calapp-webhooks/1"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class NotPublic(Exception):
    """The target is, or resolved to, an address webhooks may not reach."""


# IANA special-purpose address registries: the ranges not globally reachable.
_NON_GLOBAL = [
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",
        "::/8",
        "64:ff9b:1::/48",
        "100::/64",
        "2001::/23",
        "2001:db8::/32",
        "3fff::/20",
        "5f00::/16",
        "fc00::/7",
        "fe80::/10",
        "fec0::/10",
        "ff00::/8",
    )
]
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def _reachable(ip: IPAddress) -> bool:
    """Globally reachable, by every test we know of."""
    return (
        ip.is_global
        and not ip.is_private
        and not ip.is_loopback
        and not ip.is_link_local
        and not ip.is_multicast
        and not ip.is_reserved
        and not ip.is_unspecified
        and not getattr(ip, "is_site_local", False)
        and not any(ip in net for net in _NON_GLOBAL if net.version == ip.version)
    )


def _low32(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address:
    return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)


def is_public(address: str | IPAddress) -> bool:
    """May a webhook request go to ``address``?"""
    ip = ipaddress.ip_address(str(address).split("%", 1)[0])
    if ip.version == 4:
        return _reachable(ip)
    if ip.ipv4_mapped is not None:  # ::ffff:a.b.c.d is the IPv4 host itself
        return _reachable(ip.ipv4_mapped)
    if ip in _NAT64:  # a NAT64 gateway forwards to the embedded IPv4 host
        return _reachable(_low32(ip))
    if ip in _IPV4_COMPATIBLE:
        return False
    embedded = [ip.sixtofour, *(ip.teredo or ())]
    return _reachable(ip) and all(_reachable(v4) for v4 in embedded if v4)


def _literal(host: str) -> IPAddress | None:
    """The address ``host`` spells, also in the legacy IPv4 forms resolvers take
    (``2130706433``, ``0x7f.1``, ``127.1``); None for a name."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if not host[:1].isdigit() or not all(c in "0123456789abcdefx." for c in host):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def registration_problem(url: str, allow_private: bool) -> str | None:
    """Why ``url`` cannot be a webhook target, judged without DNS (names are
    checked again, resolved, before every request)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be an http:// or https:// URL with a host"
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return "has an invalid port"
    if allow_private:
        return None
    host = parts.hostname.rstrip(".").lower()
    if not host:
        return "must be an http:// or https:// URL with a host"
    if host == "localhost" or host.endswith(".localhost"):
        return "must not point at this machine (localhost)"
    address = _literal(host)
    if address is not None and not is_public(address):
        return "must not point at a private, loopback or reserved address"
    return None


# --- a connection bounded in time and bytes ------------------------------------------


class _Budget:
    """One request's total deadline and the answer's byte allowance."""

    def __init__(self, seconds: float, max_bytes: int) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.bytes_left = max_bytes

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no complete answer within {self.seconds:g}s")
        return left


class _Bounded:
    """Socket calls that wait at most the time left of the budget (a socket
    timeout alone applies to each call, and a drip resets it); reads end (EOF)
    once the byte allowance is spent."""

    budget: _Budget

    def recv_into(self, buffer, nbytes=None, flags=0):
        if self.budget.bytes_left <= 0:
            return 0
        self.settimeout(self.budget.remaining())
        size = min(nbytes or len(buffer), self.budget.bytes_left)
        got = super().recv_into(buffer, size, flags)
        self.budget.bytes_left -= got
        return got

    def recv(self, bufsize, flags=0):
        if self.budget.bytes_left <= 0:
            return b""
        self.settimeout(self.budget.remaining())
        data = super().recv(min(bufsize, self.budget.bytes_left), flags)
        self.budget.bytes_left -= len(data)
        return data

    def send(self, data, flags=0):
        self.settimeout(self.budget.remaining())
        return super().send(data, flags)

    def sendall(self, data, flags=0):
        self.settimeout(self.budget.remaining())
        return super().sendall(data, flags)


class _BoundedSocket(_Bounded, socket.socket):
    pass


class _BoundedSSLSocket(_Bounded, ssl.SSLSocket):
    pass


def _connect(
    addresses: list[str], port: int, budget: _Budget, allow_private: bool
) -> socket.socket:
    """A socket to the first vetted address that answers, re-checked (the address
    and the peer reached) now that it is connected."""
    error: OSError = OSError("no address to connect to")
    for address in addresses:
        if not allow_private and not is_public(address):
            raise NotPublic(f"{address} is not a public address; refused")
        try:
            raw = socket.create_connection((address, port), budget.remaining())
        except OSError as exc:
            error = exc
            continue
        sock = _BoundedSocket(raw.family, raw.type, raw.proto, fileno=raw.detach())
        sock.budget = budget
        peer = sock.getpeername()[0]
        if not allow_private and not is_public(peer):
            sock.close()
            raise NotPublic(f"connected to {peer}, not a public address; refused")
        return sock
    raise error


class _PinnedHTTP(http.client.HTTPConnection):
    """HTTP to vetted addresses, never to a fresh resolution of the host."""

    def __init__(self, host, port, addresses, budget, allow_private):
        super().__init__(host, port)
        self._pinned = (addresses, budget, allow_private)

    def connect(self):
        addresses, budget, allow_private = self._pinned
        self.sock = _connect(addresses, self.port, budget, allow_private)


class _PinnedHTTPS(_PinnedHTTP):
    default_port = http.client.HTTPS_PORT

    def connect(self):
        super().connect()
        tls = ssl.create_default_context()
        tls.sslsocket_class = _BoundedSSLSocket
        budget = self._pinned[1]
        self.sock.settimeout(budget.remaining())
        # The TLS socket replaces the plain one at once, so that close() closes
        # it when the handshake fails.
        self.sock = tls.wrap_socket(
            self.sock, server_hostname=self.host, do_handshake_on_connect=False
        )
        self.sock.budget = budget
        self.sock.settimeout(budget.remaining())
        self.sock.do_handshake()


def _resolve(host: str, port: int, allow_private: bool) -> list[str]:
    """:raises NotPublic: an address is not public. :raises OSError: DNS."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not allow_private:
        bad = [a for a in addresses if not is_public(a)]
        if bad:
            raise NotPublic(
                f"{host} resolves to a non-public address ({bad[0]}); "
                "refused (WEBHOOK_ALLOW_PRIVATE is off)"
            )
    return addresses


def _excerpt(response: http.client.HTTPResponse) -> str:
    """The start of the body; the answer counts by its status, so a body cut
    short (the byte cap, the deadline) is not an error."""
    try:
        data = response.read(EXCERPT_BYTES)
    except (OSError, http.client.HTTPException) as exc:
        data = getattr(exc, "partial", b"") or b""
    return data[:EXCERPT_BYTES].decode("utf-8", "replace").replace("\x00", "")


def post(
    url: str, body: bytes, headers: dict, *, timeout: float, allow_private: bool
) -> Outcome:
    """2xx is success; a timeout, a connection error, 408, 429 and 5xx are tried
    again later; anything else (3xx, other 4xx, a refused address) is final.

    ``timeout`` is the total for connecting, sending and reading the answer."""
    parts = urlsplit(url)
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    started = time.monotonic()
    budget = _Budget(timeout, MAX_RESPONSE_BYTES)  # DNS included

    def took() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        addresses = _resolve(parts.hostname, port, allow_private)
    except NotPublic as exc:
        return Outcome(ok=False, retryable=False, error=str(exc), duration_ms=took())
    except OSError as exc:
        return Outcome(False, True, error=f"DNS: {exc}", duration_ms=took())
    cls = _PinnedHTTPS if https else _PinnedHTTP
    conn = cls(parts.hostname, port, addresses, budget, allow_private)
    try:
        conn.request(
            "POST", path, body=body, headers={"User-Agent": USER_AGENT, **headers}
        )
        response = conn.getresponse()
        excerpt = _excerpt(response)
    except NotPublic as exc:
        return Outcome(ok=False, retryable=False, error=str(exc), duration_ms=took())
    except (OSError, http.client.HTTPException) as exc:
        kind = "timeout" if isinstance(exc, TimeoutError) else type(exc).__name__
        return Outcome(False, True, error=f"{kind}: {exc}", duration_ms=took())
    finally:
        conn.close()
    status = response.status
    ok = 200 <= status < 300
    retryable = status in (408, 429) or status >= 500
    return Outcome(
        ok=ok,
        retryable=retryable,
        status_code=status,
        error=None if ok else f"HTTP {status}",
        duration_ms=took(),
        excerpt=excerpt,
    )


# --- any request, for other outbound callers (calendar connections) -------------------


HEADER_BYTES = 64 * 1024


class Refused(Exception):
    """The request could not be made or answered within the rules (a refused
    address, DNS, a timeout, a connection error, an answer over the size limit)."""


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


def request(
    method: str,
    url: str,
    *,
    body: bytes | None = None,
    headers: dict | None = None,
    timeout: float,
    max_bytes: int,
    allow_private: bool,
    user_agent: str = USER_AGENT,
) -> Answer:
    """One request under the same rules as a webhook's: public addresses only
    (unless ``allow_private``), pinned to the vetted address, ``timeout`` for the
    whole exchange, no redirects followed (a 3xx is returned as it is).

    :raises Refused: see the class; an answer longer than ``max_bytes`` too.
    """
    parts = urlsplit(url)
    https = parts.scheme == "https"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused("not an http:// or https:// URL")
    port = parts.port or (443 if https else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    # The allowance covers the status line and headers too: once it is spent the
    # socket reads as closed, so a spent allowance means an answer too large
    # (never a body silently cut short).
    budget = _Budget(timeout, max_bytes + HEADER_BYTES + 1)
    try:
        addresses = _resolve(parts.hostname, port, allow_private)
    except NotPublic as exc:
        raise Refused(str(exc)) from None
    except OSError as exc:
        raise Refused(f"DNS: {exc}") from None
    cls = _PinnedHTTPS if https else _PinnedHTTP
    conn = cls(parts.hostname, port, addresses, budget, allow_private)
    try:
        conn.request(
            method,
            path,
            body=body,
            headers={"User-Agent": user_agent, **(headers or {})},
        )
        response = conn.getresponse()
        data = response.read()
    except NotPublic as exc:
        raise Refused(str(exc)) from None
    except (OSError, http.client.HTTPException) as exc:
        if budget.bytes_left <= 0:
            raise Refused(f"the answer is larger than {max_bytes} bytes") from None
        kind = "timeout" if isinstance(exc, TimeoutError) else type(exc).__name__
        raise Refused(f"{kind}: {exc}") from None
    finally:
        conn.close()
    if len(data) > max_bytes or budget.bytes_left <= 0:
        raise Refused(f"the answer is larger than {max_bytes} bytes")
    return Answer(
        response.status,
        {k.lower(): v for k, v in response.getheaders()},
        data,
    )
