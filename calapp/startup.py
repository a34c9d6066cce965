"""Work done once per deployment start, not once per worker."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from flask_migrate import upgrade

from calapp.extensions import db

log = logging.getLogger("calapp.startup")

# Any constant works; it only has to be the same in every process of calapp.
MIGRATION_LOCK_KEY = 3019_0001


def upgrade_database() -> None:
    """``flask db upgrade`` under a PostgreSQL advisory lock, so that several
    processes or hosts starting together run the migrations exactly once."""
    with db.engine.connect() as conn:
        conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
        try:
            upgrade()
        finally:
            conn.execute(
                sa.text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY}
            )
            conn.commit()
    log.info("database schema is up to date")


def schema_is_current() -> bool:
    """Whether the database is at the latest migration (False when unreachable)."""
    config = current_app.extensions["migrate"].migrate.get_config()
    heads = set(ScriptDirectory.from_config(config).get_heads())
    try:
        with db.engine.connect() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
    except sa.exc.OperationalError:
        return False
    return current == heads


def wait_for_schema(
    timeout: float = 300.0,
    interval: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Block until the migrations have run (by the API's start) or ``timeout``.

    The job consumer starts beside the API: on a first run its sweep would meet
    tables that the API's master has not created yet.

    :raises RuntimeError: the schema is still behind after ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    waited = False
    while not schema_is_current():
        if time.monotonic() >= deadline:
            raise RuntimeError(
                "the database schema is not at the latest migration: start the API "
                "(it migrates on start) or run `flask --app wsgi migrate-once`"
            )
        if not waited:
            log.info("waiting for the database migrations to run")
            waited = True
        sleep(interval)
    if waited:
        log.info("database schema is up to date; starting work")


def prepare(app) -> None:
    """Called by the gunicorn master before forking workers."""
    if app.config.get("AUTO_MIGRATE", True):
        with app.app_context():
            upgrade_database()
