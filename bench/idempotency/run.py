"""Idempotency-Key benchmark: POST /events with a key against without one.

    . .venv/bin/activate
    python bench/idempotency/run.py      # ~1 min: recreate the database, measure

Bench-only code. What it does (README.md beside this file has the figures):

1. Drops and recreates ``calapp_bench_idempotency``, builds it with the real
   migrations, and fills ``idempotency_keys`` with 100,000 rows of other callers
   (a day of keys at a little over one write a second), so that the claim's
   unique index is not an empty one.
2. In this process, through the real app and its test client (the whole request:
   auth, parsing, the claim, the service, the stored answer, serialisation, as
   ``bench/sync/run.py`` measures POST /events): alternates blocks of 300
   sequential creates without the header and with a fresh ``Idempotency-Key``
   each, 5 blocks each, and reports req/s (median block). Also times a block of
   300 replays (the same key and body again).

Outputs: ``bench/out/idempotency-<UTC time>/results.json`` and the figures on
stdout.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import psycopg2
import psycopg2.extensions
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DB_NAME = "calapp_bench_idempotency"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DB_URL = f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}"
JWT_SECRET = "bench-idempotency-secret-" + "0123456789abcdef" * 3  # noqa: S105
OTHER_KEYS = 100_000
BLOCK, ROUNDS = 300, 5

ENV = {
    "CALAPP_ENV": "production",
    "JWT_SECRET_KEY": JWT_SECRET,
    "DATABASE_URL": DB_URL,
    "REDIS_URL": "redis://127.0.0.1:6379/14",
    "HUEY_NAME": f"bench-idempotency-{os.getpid()}",
    "AUTO_MIGRATE": "false",
    "RATELIMIT_ENABLED": "false",
    "LOG_LEVEL": "WARNING",
}

SEED = """
INSERT INTO idempotency_keys (scope, key, claim_id, method, path, body_sha256,
                              created_at, status, headers, body)
SELECT encode(sha256(('scope-' || g %% 5000)::bytea), 'hex'),
       gen_random_uuid()::text, gen_random_uuid(), 'POST', '/events',
       encode(sha256(g::text::bytea), 'hex'),
       now() - (g %% 86400) * interval '1 second', 201,
       '[["Content-Type", "application/json"]]'::jsonb,
       decode(repeat('ab', 600), 'hex')
FROM generate_series(1, %(keys)s) g;
ANALYZE idempotency_keys;
"""


def log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def recreate_database() -> None:
    conn = psycopg2.connect(ADMIN_URL)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (DB_NAME,),
        )
        cur.execute(
            sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(DB_NAME))
        )
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DB_NAME)))
    conn.close()
    subprocess.run(  # noqa: S603
        [str(Path(sys.executable).parent / "flask"), "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env={**os.environ, **ENV},
        check=True,
        capture_output=True,
    )
    conn = psycopg2.connect(DB_URL)
    with conn, conn.cursor() as cur:
        cur.execute(SEED, {"keys": OTHER_KEYS})
    conn.close()


class RoundTrips:
    """Every statement a request sends, counted at the driver (the pool's
    pre-ping included), and the commits: a figure the box's load does not move."""

    statements = 0
    commits = 0


class CountingCursor(psycopg2.extensions.cursor):
    def execute(self, query, vars=None):  # noqa: A002 - psycopg2's name
        RoundTrips.statements += 1
        return super().execute(query, vars)

    def executemany(self, query, vars_list):
        RoundTrips.statements += 1
        return super().executemany(query, vars_list)


def measure() -> dict:
    os.environ.update(ENV)
    import sqlalchemy as sa

    from calapp import create_app
    from calapp.db import read_json
    from calapp.extensions import db

    app = create_app(
        {
            "SQLALCHEMY_ENGINE_OPTIONS": {  # create_app's, with the counting cursor
                "pool_pre_ping": True,
                "pool_size": 10,
                "connect_args": {
                    "options": "-c timezone=UTC",
                    "cursor_factory": CountingCursor,
                },
                "json_deserializer": read_json,
            }
        }
    )
    with app.app_context():
        sa.event.listen(db.engine, "commit", _count_commit)
    client = app.test_client()
    r = client.post(
        "/auth/register",
        json={"email": "bench@bench.example", "password": "bench-password-1"},
    )
    assert r.status_code == 201, r.get_json()
    headers = {"Authorization": f"Bearer {r.get_json()['access_token']}"}
    r = client.post("/calendars", json={"name": "Bench"}, headers=headers)
    calendar_id = r.get_json()["id"]
    body = {
        "calendar_id": calendar_id,
        "title": "bench",
        "start_time": "2030-01-01T09:00:00Z",
        "end_time": "2030-01-01T10:00:00Z",
        "reminders": [10],
        "tags": ["bench"],
    }

    cpu: dict[str, list[float]] = {"without key": [], "with key": []}
    trips: dict[str, list[tuple[int, int]]] = {"without key": [], "with key": []}

    def block(keyed: bool) -> float:
        name = "with key" if keyed else "without key"
        RoundTrips.statements = RoundTrips.commits = 0
        started, cpu_started = time.perf_counter(), time.process_time()
        for _ in range(BLOCK):
            extra = {"Idempotency-Key": str(uuid.uuid4())} if keyed else {}
            r = client.post("/events", json=body, headers={**headers, **extra})
            assert r.status_code == 201, r.get_json()
        cpu[name].append((time.process_time() - cpu_started) / BLOCK * 1000)
        trips[name].append((RoundTrips.statements, RoundTrips.commits))
        return BLOCK / (time.perf_counter() - started)

    block(False)  # warm up: caches, connection pool
    rates: dict[str, list[float]] = {"without key": [], "with key": []}
    for name in cpu:
        cpu[name].clear()
        trips[name].clear()
    for _ in range(ROUNDS):
        rates["without key"].append(block(False))
        rates["with key"].append(block(True))

    replay_headers = {**headers, "Idempotency-Key": "bench-replay"}
    client.post("/events", json=body, headers=replay_headers)
    started = time.perf_counter()
    for _ in range(BLOCK):
        r = client.post("/events", json=body, headers=replay_headers)
        assert r.headers.get("Idempotent-Replayed") == "true"
    replays = BLOCK / (time.perf_counter() - started)

    without = statistics.median(rates["without key"])
    keyed = statistics.median(rates["with key"])
    results = {
        "POST /events req/s (in-process, sequential)": {
            "without key": round(without, 1),
            "with key": round(keyed, 1),
            "slower_percent": round((1 - keyed / without) * 100, 1),
            "blocks": {k: [round(v, 1) for v in vs] for k, vs in rates.items()},
        },
        "app CPU ms per request (this process, median block)": {
            name: round(statistics.median(values), 2) for name, values in cpu.items()
        },
        "round trips per request (statements incl. pre-ping, commits)": {
            name: [
                round(sum(s for s, _ in values) / (BLOCK * ROUNDS), 2),
                round(sum(c for _, c in values) / (BLOCK * ROUNDS), 2),
            ]
            for name, values in trips.items()
        },
        "replayed POST /events req/s": round(replays, 1),
        "other keys in the table": OTHER_KEYS,
    }
    log(f"{results}")
    return results


def _count_commit(conn) -> None:
    RoundTrips.commits += 1


def main() -> None:
    out = ROOT / "bench" / "out" / f"idempotency-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    out.mkdir(parents=True, exist_ok=True)
    log(f"recreating {DB_NAME}")
    recreate_database()
    results = measure()
    (out / "results.json").write_text(json.dumps(results, indent=2))
    log(f"results in {out / 'results.json'}")


if __name__ == "__main__":
    main()
