"""One CalDAV PUT, in this process: its time, its statements, its profile.

    . .venv/bin/activate
    python bench/dav/profile_put.py              # 1,000 PUTs: ms and statements
    python bench/dav/profile_put.py --cprofile   # also the top of a cProfile
    python bench/dav/profile_put.py --log        # also the statements of one PUT

Bench-only code. It recreates ``calapp_bench_dav_profile`` with the real
migrations, creates a user, a calendar and an API key (the app password) as
``run.py`` does, then PUTs the first 1,000 objects of ``run.py``'s calendar
(100 weekly series, 900 singles, one PUT each with ``If-None-Match: *``)
through the real app and its test client: the whole request (HTTP Basic with
the key, the DAV dispatch, the import, the change log, the commit) without a
socket or gunicorn.

Every round trip to PostgreSQL is counted at the driver (a psycopg2 cursor
factory: statements, COPY, the pool's pre-ping) plus the commits, so the count
is what the server sees, not what SQLAlchemy builds.
"""

from __future__ import annotations

import argparse
import base64
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
import uuid
from pathlib import Path

import psycopg2
import psycopg2.extensions

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as dav_bench  # noqa: E402

DB_NAME = os.environ.get("DAV_PROFILE_DB", "calapp_bench_dav_profile")
DB_URL = f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}"
SERIES, SINGLES = 100, 900


class Counter:
    statements = 0
    commits = 0
    log: list[str] | None = None
    seconds: dict[str, float] = {}

    @classmethod
    def timed(cls, text, run):
        started = time.perf_counter()
        try:
            return run()
        finally:
            name = " ".join(str(text).split())[:70]
            cls.seconds[name] = cls.seconds.get(name, 0) + time.perf_counter() - started


class CountingCursor(psycopg2.extensions.cursor):
    def execute(self, query, vars=None):  # noqa: A002 - psycopg2's name
        Counter.statements += 1
        if Counter.log is not None:
            text = query.decode() if isinstance(query, bytes) else str(query)
            Counter.log.append(" ".join(text.split())[:160])
        return Counter.timed(
            query, lambda: super(CountingCursor, self).execute(query, vars)
        )

    def executemany(self, query, vars_list):
        Counter.statements += 1
        if Counter.log is not None:
            Counter.log.append("executemany " + " ".join(str(query).split())[:150])
        return Counter.timed(
            query, lambda: super(CountingCursor, self).executemany(query, vars_list)
        )

    def copy_expert(self, sql, file, size=8192):
        Counter.statements += 1
        if Counter.log is not None:
            Counter.log.append(" ".join(sql.split())[:160])
        return Counter.timed(
            sql, lambda: super(CountingCursor, self).copy_expert(sql, file, size)
        )


def recreate_database() -> None:
    conn = psycopg2.connect(dav_bench.ADMIN_URL)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{DB_NAME}"')
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--log", action="store_true")
    parser.add_argument(
        "--expand",
        action="store_true",
        help="PUT all 5,000 objects, then profile run.py's calendar-query "
        "with expand over a month",
    )
    parser.add_argument(
        "--sync",
        action="store_true",
        help="after the PUTs, profile run.py's initial sync (sync-collection, "
        "then calendar-multiget by 100)",
    )
    args = parser.parse_args()
    series_count, singles_count = (
        (dav_bench.SERIES, dav_bench.SINGLES) if args.expand else (SERIES, SINGLES)
    )

    dav_bench.ENV["DATABASE_URL"] = DB_URL
    dav_bench.ENV["HUEY_NAME"] = f"bench-dav-profile-{os.getpid()}"
    recreate_database()
    email, key, path = dav_bench.setup()

    import sqlalchemy as sa

    from calapp import create_app
    from calapp.db import read_json
    from calapp.extensions import db

    app = create_app(
        {
            "SQLALCHEMY_ENGINE_OPTIONS": {
                # As create_app's own, with the counting cursor.
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
        engine = db.engine

    @sa.event.listens_for(engine, "commit")
    def _commit(conn):
        Counter.commits += 1
        if Counter.log is not None:
            Counter.log.append("COMMIT")

    client = app.test_client()
    token = base64.b64encode(f"{email}:{key}".encode()).decode()
    headers = {
        "Authorization": f"Basic {token}",
        "If-None-Match": "*",
        "Content-Type": "text/calendar",
    }
    bodies = [dav_bench.series(i) for i in range(series_count)] + [
        dav_bench.single(i) for i in range(singles_count)
    ]

    def put(body: str) -> None:
        r = client.put(f"{path}{uuid.uuid4()}.ics", data=body, headers=headers)
        assert r.status_code == 201, (r.status_code, r.get_data(as_text=True))

    put(dav_bench.single(10_000))  # warm-up: pool, caches
    Counter.statements = Counter.commits = 0
    Counter.seconds = {}
    alone = not (args.expand or args.sync)
    profiler = cProfile.Profile() if args.cprofile and alone else None
    times = []
    for body in bodies:
        if profiler:
            profiler.enable()
        started = time.perf_counter()
        put(body)
        times.append(time.perf_counter() - started)
        if profiler:
            profiler.disable()
    n = len(bodies)
    print(
        f"{n} PUTs in process: median {statistics.median(times) * 1000:.2f} ms, "
        f"mean {statistics.fmean(times) * 1000:.2f} ms, "
        f"series median {statistics.median(times[:series_count]) * 1000:.2f} ms, "
        f"singles median {statistics.median(times[series_count:]) * 1000:.2f} ms"
    )
    print(
        f"round trips per PUT: {Counter.statements / n:.2f} statements "
        f"(COPY and pre-ping included) + {Counter.commits / n:.2f} commits"
    )
    print("driver time per PUT (ms), by statement:")
    for name, seconds in sorted(Counter.seconds.items(), key=lambda kv: -kv[1])[:25]:
        print(f"  {seconds / n * 1000:7.3f}  {name}")
    if args.log:
        Counter.log = []
        put(dav_bench.single(10_001))
        print("\n".join(Counter.log))
    if args.expand:
        profile_expand(client, path, headers["Authorization"], args.cprofile)
    if args.sync:
        count = n + 1 + (1 if args.log else 0)  # the warm-up, the logged PUT
        profile_sync(client, path, headers["Authorization"], args.cprofile, count)
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
        print(out.getvalue())


def profile_sync(client, path: str, authorization: str, cprofile, count) -> None:
    """The initial sync of ``run.py`` in process (the first, then the median
    of 7 more): its time, by statement."""
    import defusedxml.ElementTree as ET

    headers = {"Authorization": authorization, "Depth": "1"}

    def sync() -> None:
        r = client.open(
            path, method="REPORT", data=dav_bench.sync_body(), headers=headers
        )
        hrefs = [
            x.findtext("{DAV:}href")
            for x in ET.fromstring(r.data).findall("{DAV:}response")
        ]
        fetched = 0
        for i in range(0, len(hrefs), 100):
            answer = client.open(
                path, method="REPORT", headers=headers,
                data=dav_bench.multiget(hrefs[i : i + 100]),
            )  # fmt: skip
            fetched += answer.get_data().count(b"BEGIN:VCALENDAR")
        assert fetched == count, fetched

    for label, runs in (("first", 1), ("again", 7)):
        Counter.statements = 0
        Counter.seconds = {}
        profiler = cProfile.Profile() if cprofile and runs > 1 else None
        times, _ = _timed(sync, runs, profiler)
        print(
            f"initial sync of {count} objects in process, {label}: median "
            f"{statistics.median(times) * 1000:.0f} ms of {runs} (min "
            f"{min(times) * 1000:.0f}), {Counter.statements / runs:.0f} statements"
        )
        for name, seconds in sorted(Counter.seconds.items(), key=lambda kv: -kv[1])[:6]:
            print(f"  {seconds / runs * 1000:8.1f} ms  {name}")
        _print_profile(profiler, 45)


def _timed(call, runs: int, profiler) -> tuple[list[float], object]:
    """``runs`` calls of ``call`` (profiled if ``profiler``): their seconds
    and the last answer."""
    times, answer = [], None
    for _ in range(runs):
        if profiler:
            profiler.enable()
        started = time.perf_counter()
        answer = call()
        times.append(time.perf_counter() - started)
        if profiler:
            profiler.disable()
    return times, answer


def _print_profile(profiler, lines: int) -> None:
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
        print(out.getvalue())


def profile_expand(client, path: str, authorization: str, cprofile: bool) -> None:
    headers = {"Authorization": authorization, "Depth": "1"}

    def report():
        r = client.open(path, method="REPORT", data=dav_bench.EXPAND, headers=headers)
        assert r.status_code == 207, r.status_code
        return r

    report()  # warm-up
    Counter.statements = 0
    Counter.seconds = {}
    profiler = cProfile.Profile() if cprofile else None
    times, answer = _timed(report, dav_bench.RUNS, profiler)
    print(
        f"calendar-query expand, one month, in process: median "
        f"{statistics.median(times) * 1000:.1f} ms (min {min(times) * 1000:.1f}, "
        f"max {max(times) * 1000:.1f}), "
        f"{answer.get_data().count(b'BEGIN:VEVENT')} VEVENTs, "
        f"{Counter.statements / dav_bench.RUNS:.1f} statements"
    )
    for name, seconds in sorted(Counter.seconds.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {seconds / dav_bench.RUNS * 1000:7.3f} ms  {name}")
    _print_profile(profiler, 40)


if __name__ == "__main__":
    main()
