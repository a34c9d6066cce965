"""Gunicorn settings for calapp: ``gunicorn -c gunicorn.conf.py wsgi:app``.

Environment: ``PORT`` (3019), ``WEB_CONCURRENCY`` (2 x CPUs + 1),
``TRUSTED_PROXY_HOPS`` (0), ``LOG_LEVEL`` (INFO) and gunicorn's own
``FORWARDED_ALLOW_IPS`` / ``GUNICORN_CMD_ARGS``.

Before it binds the port and forks any worker, the master (``on_starting``)
checks the configuration, starts the embedded PostgreSQL when ``DATABASE_URL`` is
unset, and runs the migrations once. Workers import ``wsgi`` themselves
(``preload_app`` is off) and inherit ``DATABASE_URL`` from the master.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import socket
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = PROJECT_DIR / "instance"  # create_app()'s instance_path


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be an integer, got {raw!r}") from None


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


wsgi_app = "wsgi:app"
chdir = str(PROJECT_DIR)
bind = f"0.0.0.0:{_env_int('PORT', 3019)}"
workers = _env_int("WEB_CONCURRENCY", 2 * _cpu_count() + 1)
proc_name = "calapp"
# One control socket per checkout, not one per user ($HOME/.gunicorn) shared by all.
control_socket = str(INSTANCE_DIR / "gunicorn.ctl")

loglevel = os.environ.get("LOG_LEVEL", "info").strip().lower()
accesslog = "-"
errorlog = "-"
# M: latency in ms; the request id is the X-Request-ID the app sent back, the one
# in the app's own log lines.
access_log_format = (
    '%(h)s "%(r)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s '
    'forwarded_for="%({x-forwarded-for}i)s" "%(a)s"'
)

# The app applies X-Forwarded-* itself (ProxyFix, TRUSTED_PROXY_HOPS). Gunicorn
# derives the scheme from X-Forwarded-Proto only when there is a proxy, and only
# from its address; with no proxy, no client can claim https.
forwarded_allow_ips = (
    os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
    if _env_int("TRUSTED_PROXY_HOPS", 0) > 0
    else ""
)


# Requests gunicorn refuses before the app sees them. The request line's limit is
# gunicorn's largest bounded one (8190 bytes; 0 would mean unbounded), as are the
# header limits: 100 fields of at most 8190 bytes each.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# Gunicorn's own answers (a malformed request line or header, 414, 431, and the
# 500 of an application that failed before responding) are HTML pages; the API
# answers every error as {"error", "code"} (API.md §1). Gunicorn has no setting
# for its error page, so its writer is replaced here, in the master, before the
# workers fork.
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


def _install_json_error_pages() -> None:
    from gunicorn import util

    util.write_error = _write_json_error


_install_json_error_pages()


def _check_port_free(server) -> None:
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
                    f"PORT=<port>, e.g. `PORT={port + 1} make run`"
                ) from None


def on_starting(server) -> None:
    """In the master, before the port is bound and before any worker forks."""
    from config import load_config

    _check_port_free(server)

    # ConfigError is a RuntimeError: gunicorn prints "Error: <message>" and
    # exits 1. In development this also writes the generated secret once,
    # instead of racing workers writing different ones.
    load_config(instance_path=INSTANCE_DIR)
    if not os.environ.get("DATABASE_URL", "").strip():
        from calapp.embedded import ensure_database_url

        # The master owns the server (stopped when it exits); workers inherit
        # the DATABASE_URL this exports.
        ensure_database_url(INSTANCE_DIR)
        server.log.info(
            "DATABASE_URL is not set: embedded PostgreSQL, data in %s",
            INSTANCE_DIR / "pgdata",
        )
    _prepare_in_child()


def _prepare_in_child() -> None:
    """Run the migrations once, in a short-lived forked child.

    The master itself never builds the app: each worker's ``create_app()`` is the
    first in its process, like under ``flask run``, and no pooled connection or
    extension state is inherited across the fork.
    """
    child = multiprocessing.get_context("fork").Process(
        target=_prepare, name="calapp-migrate"
    )
    child.start()
    child.join()
    if child.exitcode != 0:
        raise RuntimeError(
            f"preparing the database failed (exit code {child.exitcode}); "
            "see the traceback above"
        )


def _prepare() -> None:
    from calapp import create_app
    from calapp.extensions import db
    from calapp.startup import prepare

    app = create_app()
    try:
        prepare(app)
    finally:
        with app.app_context():
            db.engine.dispose()
