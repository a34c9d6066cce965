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
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = PROJECT_DIR / "instance"
sys.path.insert(0, str(PROJECT_DIR))  # gunicorn_common, config, calapp

from gunicorn_common import (  # noqa: E402
    LIMIT_REQUEST_FIELD_SIZE,
    LIMIT_REQUEST_FIELDS,
    LIMIT_REQUEST_LINE,
    check_port_free,
    env_int,
    install_json_error_pages,
    trusted_proxy_ips,
)

wsgi_app = "wsgi_stream:app"
chdir = str(PROJECT_DIR)
bind = f"0.0.0.0:{env_int('STREAM_PORT', 3020)}"
worker_class = "gevent"
workers = env_int("STREAM_WORKERS", 1)
worker_connections = env_int("STREAM_MAX_CONNECTIONS", 10000)
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
forwarded_allow_ips = trusted_proxy_ips()
limit_request_line = LIMIT_REQUEST_LINE
limit_request_fields = LIMIT_REQUEST_FIELDS
limit_request_field_size = LIMIT_REQUEST_FIELD_SIZE
install_json_error_pages()


def on_starting(server) -> None:
    """Fail at once on a bad configuration, before binding the port."""
    from config import load_config

    check_port_free(server, "STREAM_PORT")
    load_config(instance_path=INSTANCE_DIR)
    if not os.environ.get("DATABASE_URL", "").strip():
        from calapp.embedded import ensure_database_url

        # The API's master starts the embedded server; this finds it (or starts
        # it when the stream runs first) and hands its URL to the worker.
        os.environ["DATABASE_URL"] = ensure_database_url(INSTANCE_DIR)
