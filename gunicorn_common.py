"""What both gunicorn configurations share (``gunicorn.conf.py`` for the API,
``gunicorn.stream.conf.py`` for the stream process): integer settings from the
environment, trusted proxies, request limits, error pages in the API's error
format, and a port check that fails at once.

It imports nothing of calapp: the masters never build the app.
"""

from __future__ import annotations

import json
import os
import socket


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be an integer, got {raw!r}") from None


def trusted_proxy_ips() -> str:
    """``forwarded_allow_ips``: gunicorn derives the scheme from
    X-Forwarded-Proto only behind a trusted proxy, and only from its address (the
    app applies X-Forwarded-* itself: ProxyFix, TRUSTED_PROXY_HOPS); with no
    proxy, no client can claim https."""
    if env_int("TRUSTED_PROXY_HOPS", 0) > 0:
        return os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
    return ""


# Requests gunicorn refuses before the app sees them. The request line's limit is
# gunicorn's largest bounded one (8190 bytes; 0 would mean unbounded), as are the
# header limits: 100 fields of at most 8190 bytes each.
LIMIT_REQUEST_LINE = 8190
LIMIT_REQUEST_FIELDS = 100
LIMIT_REQUEST_FIELD_SIZE = 8190

# Gunicorn's own answers (a malformed request line or header, 414, 431, and the
# 500 of an application that failed before responding) are HTML pages; the API
# answers every error as {"error", "code"} (API.md §1). Gunicorn has no setting
# for its error page, so its writer is replaced (``install_json_error_pages``,
# called by each configuration file, in the master, before the workers fork).
_GUNICORN_ERROR_CODES = {
    400: "validation_error",
    403: "forbidden",
    414: "uri_too_long",
    417: "expectation_failed",
    431: "headers_too_large",
    500: "internal_error",
    501: "not_implemented",
}


def _write_json_error(sock, status_int, reason, mesg) -> None:
    from gunicorn import util

    body = json.dumps(
        {
            "error": f"{reason}: {mesg[:200]}" if mesg else reason,
            "code": _GUNICORN_ERROR_CODES.get(status_int, "error"),
        }
    ).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


def install_json_error_pages() -> None:
    from gunicorn import util

    util.write_error = _write_json_error


def check_port_free(server, variable: str = "PORT") -> None:
    """Fail at once, naming the port, when another process holds it.

    Gunicorn itself retries for five seconds and then exits with a generic
    message, while ``make run``'s other processes keep running. Skipped when the
    socket is inherited (a re-exec on USR2, systemd socket activation).
    """
    if os.environ.get("GUNICORN_FD") or os.environ.get("LISTEN_FDS"):
        return
    for address in server.cfg.address:
        if not isinstance(address, tuple):  # a unix socket path
            continue
        host, port = address[0], address[1]
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, port))
            except OSError as exc:
                raise RuntimeError(
                    f"port {port} on {host} is already in use ({exc.strerror}): "
                    "stop the process that holds it, or choose another port with "
                    f"{variable}=<port>, e.g. `{variable}={port + 1} make run`"
                ) from None
