"""Starting calapp as a newcomer does: a taken port, a first run, the admin CLI."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from calapp.startup import schema_is_current, wait_for_schema

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CALAPP_ENV", "DATABASE_URL", "JWT_SECRET_KEY", "PORT"}
    }
    env.update(extra)
    return env


@pytest.fixture
def empty_database(database_url):
    """A database with no schema at all, as on a first run (dropped after)."""
    url = sa.make_url(database_url)
    name = f"{url.database}_empty"
    admin = sa.create_engine(
        url.set(database="postgres"),
        isolation_level="AUTOCOMMIT",
        poolclass=sa.pool.NullPool,
    )
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_gunicorn_names_the_taken_port_and_exits_at_once(tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = subprocess.run(  # noqa: S603
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--no-control-socket",
             "-b", f"127.0.0.1:{port}", "wsgi:app"],
            cwd=PROJECT_ROOT,
            env=_env(CALAPP_ENV="testing", DATABASE_URL="postgresql://unused@127.0.0.1:1/x"),
            capture_output=True,
            text=True,
            timeout=60,
        )  # fmt: skip
    assert result.returncode != 0
    assert f"port {port}" in result.stderr
    assert "PORT=" in result.stderr
    assert "Retrying" not in result.stderr  # gunicorn's own loop never started


def test_make_run_stops_everything_when_the_api_cannot_start(database_url):
    """Before: gunicorn gave up, and `make run` hung with the consumer attached."""
    with socket.socket() as holder:
        holder.bind(("0.0.0.0", 0))  # noqa: S104 - where gunicorn binds
        holder.listen()
        port = holder.getsockname()[1]
        result = subprocess.run(  # noqa: S603
            ["make", "--no-print-directory", "run", f"VENV={sys.prefix}"],  # noqa: S607
            cwd=PROJECT_ROOT,
            env=_env(
                PORT=str(port),
                CALAPP_ENV="testing",
                JWT_SECRET_KEY="a-secret-for-this-test-" + "y" * 20,
                DATABASE_URL=database_url,
                AUTO_MIGRATE="false",
            ),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode != 0
    assert f"port {port}" in result.stdout
    assert "worker.1 stopped" in result.stdout


def test_flask_cli_says_in_one_line_what_to_set(database_url):
    result = subprocess.run(  # noqa: S603
        [str(BIN / "flask"), "--app", "wsgi", "users", "list"],
        cwd=PROJECT_ROOT,
        env=_env(DATABASE_URL=database_url),  # production by default, no secret
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "JWT_SECRET_KEY" in lines[0]
    assert "CALAPP_ENV=development" in lines[0]


def test_cli_on_a_database_without_schema_says_how_to_migrate(empty_database):
    result = subprocess.run(  # noqa: S603
        [str(BIN / "flask"), "--app", "wsgi", "users", "list"],
        cwd=PROJECT_ROOT,
        env=_env(
            CALAPP_ENV="development",
            JWT_SECRET_KEY="a-secret-for-this-test-" + "y" * 20,
            DATABASE_URL=empty_database,
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "migrate-once" in result.stderr


def test_schema_is_current_on_a_migrated_database(app):
    with app.app_context():
        assert schema_is_current()


def test_the_consumer_waits_for_the_schema_then_starts(app_config, empty_database):
    """The consumer's startup hook waits while the schema is missing and goes on
    as soon as the migrations have run (here: run by the test mid-wait)."""
    from calapp import create_app
    from calapp.startup import upgrade_database

    first_run = create_app({**app_config, "DATABASE_URL": empty_database})
    naps: list[float] = []

    def migrate_during_the_wait(seconds: float) -> None:
        naps.append(seconds)
        if len(naps) == 2:  # the API's master migrates while the consumer waits
            upgrade_database()

    with first_run.app_context():
        assert not schema_is_current()
        wait_for_schema(timeout=60, interval=0.01, sleep=migrate_during_the_wait)
        assert schema_is_current()
        from calapp.extensions import db

        db.engine.dispose()
    assert len(naps) == 2


def test_the_consumer_gives_up_with_a_clear_message(app_config, empty_database):
    from calapp import create_app

    first_run = create_app({**app_config, "DATABASE_URL": empty_database})
    with first_run.app_context():
        with pytest.raises(RuntimeError, match="migrate-once"):
            wait_for_schema(timeout=0.05, interval=0.01)
        from calapp.extensions import db

        db.engine.dispose()
