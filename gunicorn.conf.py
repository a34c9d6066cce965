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

import multiprocessing
import os
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = PROJECT_DIR / "instance"  # create_app()'s instance_path
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


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


wsgi_app = "wsgi:app"
chdir = str(PROJECT_DIR)
bind = f"0.0.0.0:{env_int('PORT', 3019)}"
workers = env_int("WEB_CONCURRENCY", 2 * _cpu_count() + 1)
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

forwarded_allow_ips = trusted_proxy_ips()
# Requests gunicorn refuses before the app sees them, answered in the error format.
limit_request_line = LIMIT_REQUEST_LINE
limit_request_fields = LIMIT_REQUEST_FIELDS
limit_request_field_size = LIMIT_REQUEST_FIELD_SIZE
install_json_error_pages()


def on_starting(server) -> None:
    """In the master, before the port is bound and before any worker forks."""
    from config import load_config

    check_port_free(server)

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
