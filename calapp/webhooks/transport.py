"""POST one webhook request, only to public addresses (unless allowed).

The host name is resolved once, every address is checked, and the connection
goes to a checked address (TLS still verifies the name): a name that resolves
to a public address for the check and to 127.0.0.1 for the connection (DNS
rebinding) cannot reach the private network. Redirects are not followed.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urlsplit

from calapp.notifications.delivery import Outcome

EXCERPT_BYTES = 1000
USER_AGENT = "calapp-webhooks/1"


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


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
    if host == "localhost" or host.endswith(".localhost"):
        return "must not point at this machine (localhost)"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return None  # a name: resolved and checked when sending
    if not is_public(host):
        return "must not point at a private, loopback or reserved address"
    return None


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, **kwargs):
        self._tls = ssl.create_default_context()
        super().__init__(host, port, context=self._tls, **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)


def _resolve(host: str, port: int, allow_private: bool) -> str:
    """:raises PermissionError: an address is not public. :raises OSError: DNS."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = [info[4][0] for info in infos]
    if not allow_private:
        bad = [a for a in addresses if not is_public(a)]
        if bad:
            raise PermissionError(
                f"{host} resolves to a non-public address ({bad[0]}); "
                "refused (WEBHOOK_ALLOW_PRIVATE is off)"
            )
    return addresses[0]


def _excerpt(data: bytes) -> str:
    return data[:EXCERPT_BYTES].decode("utf-8", "replace").replace("\x00", "")


def post(
    url: str, body: bytes, headers: dict, *, timeout: float, allow_private: bool
) -> Outcome:
    """2xx is success; a timeout, a connection error, 408, 429 and 5xx are tried
    again later; anything else (3xx, other 4xx, a refused address) is final."""
    parts = urlsplit(url)
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    started = time.monotonic()

    def took() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        address = _resolve(parts.hostname, port, allow_private)
    except PermissionError as exc:
        return Outcome(ok=False, retryable=False, error=str(exc), duration_ms=took())
    except OSError as exc:
        return Outcome(False, True, error=f"DNS: {exc}", duration_ms=took())
    cls = _PinnedHTTPS if https else _PinnedHTTP
    conn = cls(parts.hostname, port, address, timeout=timeout)
    try:
        conn.request(
            "POST", path, body=body, headers={"User-Agent": USER_AGENT, **headers}
        )
        response = conn.getresponse()
        excerpt = _excerpt(response.read(EXCERPT_BYTES))
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
