"""Gunicorn settings of the stream process (``/stream``, ``/ws``):
``gunicorn -c gunicorn.stream.conf.py wsgi_stream:app``.

Environment: ``STREAM_PORT`` (3020; never ``PORT``, which honcho hands to every
line of the Procfile), ``STREAM_WORKERS`` (1), ``STREAM_MAX_CONNECTIONS``
(10000 per worker), ``TRUSTED_PROXY_HOPS`` and ``LOG_LEVEL`` as for the API.

One gevent worker holds thousands of idle connections; each worker has one
``LISTEN`` connection to PostgreSQL and a small pool for reads. The API's master
runs the migrations: this one only checks the configuration.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = PROJECT_DIR / "instance"


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be an integer, got {raw!r}") from None


wsgi_app = "wsgi_stream:app"
chdir = str(PROJECT_DIR)
bind = f"0.0.0.0:{_env_int('STREAM_PORT', 3020)}"
worker_class = "gevent"
workers = _env_int("STREAM_WORKERS", 1)
worker_connections = _env_int("STREAM_MAX_CONNECTIONS", 10000)
# Streams are endless: a request is never "too slow". Heartbeats flow every
# STREAM_HEARTBEAT_SECONDS; the worker itself notifies the master meanwhile.
timeout = 30
graceful_timeout = 5
keepalive = 75
proc_name = "calapp-stream"
control_socket = str(INSTANCE_DIR / "gunicorn-stream.ctl")

loglevel = os.environ.get("LOG_LEVEL", "info").strip().lower()
accesslog = "-"
errorlog = "-"
# The path without its query: a ?ticket= never reaches the logs.
access_log_format = (
    '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s '
    'forwarded_for="%({x-forwarded-for}i)s" "%(a)s"'
)
forwarded_allow_ips = (
    os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
    if _env_int("TRUSTED_PROXY_HOPS", 0) > 0
    else ""
)
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190


def on_starting(server) -> None:
    """Fail at once on a bad configuration, before binding the port."""
    from config import load_config

    load_config(instance_path=INSTANCE_DIR)
    if not os.environ.get("DATABASE_URL", "").strip():
        from calapp.embedded import ensure_database_url

        # The API's master starts the embedded server; this finds it (or starts
        # it when the stream runs first) and hands its URL to the worker.
        os.environ["DATABASE_URL"] = ensure_database_url(INSTANCE_DIR)
