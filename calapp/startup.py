"""Work done once per deployment start, not once per worker."""

from __future__ import annotations

import logging

import sqlalchemy as sa
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


def prepare(app) -> None:
    """Called by the gunicorn master before forking workers."""
    if app.config.get("AUTO_MIGRATE", True):
        with app.app_context():
            upgrade_database()
