"""Sync benchmark: an incremental sync returning 1 change on a user with 100,000
events, and POST /events with the change log against without it.

    . .venv/bin/activate
    python bench/sync/run.py            # seed (~30 s) + both measurements (~1 min)

Bench-only code. What it does (README.md beside this file has the figures):

1. Drops and recreates ``calapp_bench_sync``, builds it with the real migrations
   and seeds it with set-based SQL: the measured user with 5 calendars and
   100,000 events (and their 100,000 ``created`` log entries), and 50 other users
   with 2,000 events each (100,000 more log entries the sync must skip).
2. **Sync**: in this process, through the real app and its test client (the
   whole request: auth, parsing, queries, serialisation): takes a token from a
   full listing's last page (minted directly: paging 100,000 events through the
   test client would only slow the bench), changes one event through the API,
   then times ``GET /events?sync_token=T`` 300 times (each returns that 1 change).
   Also times ``GET /calendars`` and ``GET /contacts`` syncs with 1 change.
3. **POST /events**: alternates blocks of 300 creates with the change log's
   listeners installed and removed (``sa_event.remove`` in this process only; the
   app code has no switch), 4 blocks each, and reports req/s (median block).

Outputs: ``bench/out/sync-<UTC time>/results.json`` and the figures on stdout.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DB_NAME = "calapp_bench_sync"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DB_URL = f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}"
JWT_SECRET = "bench-sync-jwt-secret-" + "0123456789abcdef" * 3  # noqa: S105
EVENTS = 100_000
CALENDARS = 5
OTHER_USERS, OTHER_EVENTS = 50, 2_000
SYNC_RUNS = 300
POST_BLOCK, POST_ROUNDS = 300, 4

ENV = {
    "CALAPP_ENV": "production",
    "JWT_SECRET_KEY": JWT_SECRET,
    "DATABASE_URL": DB_URL,
    "REDIS_URL": "redis://127.0.0.1:6379/14",
    "HUEY_NAME": f"bench-sync-{os.getpid()}",
    "AUTO_MIGRATE": "false",
    "RATELIMIT_ENABLED": "false",
    "LOG_LEVEL": "WARNING",
}


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


SEED = """
INSERT INTO users (id, email, password_hash, timezone, is_active, created_at,
                   updated_at)
SELECT gen_random_uuid(), 'bench-' || g || '@bench.example', 'x', 'UTC', true,
       now(), now()
FROM generate_series(0, %(others)s) g;

INSERT INTO calendars (id, owner_id, name, color, timezone, is_public, created_at,
                       updated_at)
SELECT gen_random_uuid(), u.id, 'Bench ' || k, '#3366CC', 'UTC', false, now(), now()
FROM users u, generate_series(1, CASE WHEN u.email = 'bench-0@bench.example'
                                      THEN %(calendars)s ELSE 1 END) k;

INSERT INTO calendar_members (calendar_id, user_id, role, created_at, updated_at)
SELECT id, owner_id, 'owner', now(), now() FROM calendars;

CREATE TEMP TABLE cal AS
SELECT c.id, c.owner_id, row_number() OVER (PARTITION BY c.owner_id ORDER BY c.id) - 1
       AS k, count(*) OVER (PARTITION BY c.owner_id) AS n,
       u.email = 'bench-0@bench.example' AS measured
FROM calendars c JOIN users u ON u.id = c.owner_id;

CREATE TEMP TABLE seeded AS
SELECT gen_random_uuid() AS id, c.id AS calendar_id, c.owner_id, g
FROM cal c
JOIN LATERAL generate_series(1, CASE WHEN c.measured THEN %(events)s / c.n
                                     ELSE %(other_events)s END) g ON true;

INSERT INTO events (id, calendar_id, ical_uid, title, start_time, end_time,
                    timezone, all_day, last_end, status, transparency, sequence,
                    created_at, updated_at, created_by, updated_by)
SELECT id, calendar_id, id::text || '@bench', 'Event ' || g,
       timestamptz '2026-01-01' + make_interval(hours => g::int),
       timestamptz '2026-01-01' + make_interval(hours => g::int, mins => 45),
       'UTC', false,
       timestamptz '2026-01-01' + make_interval(hours => g::int, mins => 45),
       'confirmed', 'busy', 0, now(), now(), owner_id, owner_id
FROM seeded;

INSERT INTO changes (position, calendar_id, user_id, resource_type, resource_id,
                     op, at, actor_id)
SELECT nextval('changes_position_seq'), calendar_id, NULL, 'event', id, 'created',
       now(), owner_id
FROM (SELECT * FROM seeded ORDER BY random()) s;
"""


def seed() -> None:
    conn = psycopg2.connect(DB_URL)
    with conn, conn.cursor() as cur:
        cur.execute(
            SEED,
            {
                "others": OTHER_USERS,
                "calendars": CALENDARS,
                "events": EVENTS,
                "other_events": OTHER_EVENTS,
            },
        )
        cur.execute("ANALYZE")
    conn.close()


def _ms(samples: list[float]) -> dict:
    samples = sorted(samples)
    return {
        "p50_ms": round(statistics.median(samples) * 1000, 2),
        "p95_ms": round(samples[int(len(samples) * 0.95)] * 1000, 2),
        "min_ms": round(samples[0] * 1000, 2),
    }


def measure() -> dict:
    os.environ.update(ENV)
    import sqlalchemy as sa
    from flask_sqlalchemy.session import Session as FlaskSession
    from sqlalchemy import event as sa_event

    from calapp import create_app, policy
    from calapp.auth import service as auth_service
    from calapp.changes import log as change_log
    from calapp.changes import service as changes
    from calapp.changes import sync
    from calapp.events.models import Event
    from calapp.extensions import db
    from calapp.security import Principal
    from calapp.users.models import User
    from calapp.users.service import now

    app = create_app()
    client = app.test_client()
    with app.app_context():
        user = db.session.scalar(
            sa.select(User).where(User.email == "bench-0@bench.example")
        )
        headers = {
            "Authorization": "Bearer "
            + auth_service.start_session(user, now()).access_token
        }
        db.session.commit()
        principal = Principal(user_id=user.id)
        calendars = sync.digest(db.session.scalars(policy.calendar_ids(principal)))
        count = db.session.scalar(
            sa.select(sa.func.count()).where(
                Event.calendar_id.in_(policy.calendar_ids(principal))
            )
        )
        event_id = db.session.scalar(
            sa.select(Event.id).where(Event.created_by == user.id).limit(1)
        )

        def token(kind: str, calendars_digest: str = "") -> str:
            context = sync.Context(kind, user.id, 0, 0, [], calendars_digest)
            return context.token(changes.watermark())

        events_token = token("events", calendars)
        calendars_token = token("calendars")
        contacts_token = token("contacts")
        db.session.remove()
    log(f"user with {count} events; changing one")
    r = client.put(f"/events/{event_id}", json={"title": "Changed"}, headers=headers)
    assert r.status_code == 200, r.get_json()
    calendar_id = r.get_json()["calendar_id"]
    r = client.put(f"/calendars/{calendar_id}", json={"name": "New"}, headers=headers)
    assert r.status_code == 200, r.get_json()
    r = client.post("/contacts", json={"first_name": "Ada"}, headers=headers)
    assert r.status_code == 201, r.get_json()

    results: dict = {"events_of_user": count}
    for path, tok in (
        ("/events", events_token),
        ("/calendars", calendars_token),
        ("/contacts", contacts_token),
    ):
        samples = []
        for _ in range(SYNC_RUNS):
            started = time.perf_counter()
            r = client.get(path, query_string={"sync_token": tok}, headers=headers)
            samples.append(time.perf_counter() - started)
            body = r.get_json()
            assert r.status_code == 200 and len(body["items"]) == 1, body
        results[f"sync {path} (1 change)"] = _ms(samples)
        log(f"GET {path}?sync_token: {results[f'sync {path} (1 change)']}")

    listeners = (
        ("after_flush", change_log._after_flush),
        ("before_commit", change_log._before_commit),
        ("after_transaction_end", change_log._after_transaction_end),
    )
    body = {
        "calendar_id": calendar_id,
        "title": "bench",
        "start_time": "2030-01-01T09:00:00Z",
        "end_time": "2030-01-01T10:00:00Z",
        "reminders": [10],
        "tags": ["bench"],
    }

    def block() -> float:
        started = time.perf_counter()
        for _ in range(POST_BLOCK):
            r = client.post("/events", json=body, headers=headers)
            assert r.status_code == 201, r.get_json()
        return POST_BLOCK / (time.perf_counter() - started)

    rates: dict[str, list[float]] = {"with log": [], "without log": []}
    for _ in range(POST_ROUNDS):
        change_log.install()
        rates["with log"].append(block())
        for name, fn in listeners:
            sa_event.remove(FlaskSession, name, fn)
        rates["without log"].append(block())
    change_log.install()
    with_log = statistics.median(rates["with log"])
    without = statistics.median(rates["without log"])
    results["POST /events req/s (in-process, sequential)"] = {
        "with log": round(with_log, 1),
        "without log": round(without, 1),
        "slower_percent": round((1 - with_log / without) * 100, 1),
        "blocks": {k: [round(v, 1) for v in vs] for k, vs in rates.items()},
    }
    log(f"POST /events: {results['POST /events req/s (in-process, sequential)']}")
    return results


def main() -> None:
    out = ROOT / "bench" / "out" / f"sync-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    out.mkdir(parents=True, exist_ok=True)
    log("recreating calapp_bench_sync")
    recreate_database()
    log("seeding")
    started = time.perf_counter()
    seed()
    log(f"seeded in {time.perf_counter() - started:.1f} s")
    results = measure()
    (out / "results.json").write_text(json.dumps(results, indent=2))
    log(f"results in {out / 'results.json'}")


if __name__ == "__main__":
    main()
