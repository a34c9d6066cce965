"""Reminder delivery benchmark: a burst of 100,000 due reminders, and the idle sweep.

    . .venv/bin/activate
    python bench/reminders/run.py                # seed + both measurements (~5 min)
    python bench/reminders/run.py --cold         # also time a sweep that works out
                                                 # all 1,000,000 rows from scratch

Bench-only code. What it does (README.md beside this file has the figures):

1. Drops and recreates ``calapp_bench_reminders``, builds it with the real
   migrations, and seeds it with set-based SQL: 1,000 users with a calendar each;
   **burst**: 50,000 single events and 50,000 weekly UTC series (started 1-52
   weeks ago) with one reminder each (0-60 minutes before), every one due in the
   same minute D (two minutes ahead); **stored**: 150,000 future single events
   and 30,000 future weekly series with five reminders each (900,000 rows, none
   due for two days). 1,000,000 reminders in all. ``next_due_at`` is seeded as
   the previous sweeps leave it (the due time of each row's next occurrence).
2. Starts the real consumer, ``huey_consumer calapp.worker.huey -w 2 -k thread``
   (periodic tasks off: the bench enqueues the sweep itself), on Redis db 14 under
   a queue name of its own.
3. **Burst**: waits until minute D is over, enqueues the sweep, and polls
   ``notifications`` until all 100,000 are there; reports the time from enqueue,
   the sweep's own duration (its state row) and the time to the last delivery.
4. **Idle**: with the 1,000,000 rows stored and none due, times ``run_sweep`` in
   this process five times, and shows the plan of the due query.
5. ``--cold``: marks every row "work it out" (as migration 0007 leaves existing
   rows) and times one sweep over all of them.

Outputs: ``bench/out/reminders-<UTC time>/`` with consumer.log, results.json and
summary.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DB_NAME = "calapp_bench_reminders"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DB_URL = f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}"
REDIS_URL = "redis://127.0.0.1:6379/14"
JWT_SECRET = "bench-reminders-jwt-secret-" + "0123456789abcdef" * 3  # noqa: S105
USERS = 1_000
BURST_SINGLES = 50_000
BURST_SERIES = 50_000
STORED_SINGLES = 150_000
STORED_SERIES = 30_000
STORED_MINUTES = (5, 10, 15, 30, 60)


def log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def env() -> dict:
    return {
        **os.environ,
        "CALAPP_ENV": "production",
        "JWT_SECRET_KEY": JWT_SECRET,
        "DATABASE_URL": DB_URL,
        "REDIS_URL": REDIS_URL,
        "HUEY_NAME": f"bench-reminders-{os.getpid()}",
        "AUTO_MIGRATE": "false",
        "RATELIMIT_ENABLED": "false",
        "LOG_LEVEL": "INFO",
    }


# --- seed ----------------------------------------------------------------------------


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
        env=env(),
        check=True,
        capture_output=True,
    )


EVENT_COLUMNS = (
    "id, calendar_id, ical_uid, title, start_time, end_time, timezone, all_day, "
    "recurrence_rule, last_end, status, transparency, sequence, created_at, updated_at"
)


def seed(due_minute: datetime) -> None:
    conn = psycopg2.connect(DB_URL)
    cur = conn.cursor()
    cur.execute(
        "INSERT INTO users (id, email, password_hash, timezone, is_active, "
        "created_at, updated_at) SELECT gen_random_uuid(), "
        "'bench-' || g || '@bench.example', 'x', 'UTC', true, now(), now() "
        "FROM generate_series(1, %s) g",
        (USERS,),
    )
    cur.execute(
        "INSERT INTO calendars (id, owner_id, name, color, timezone, is_public, "
        "created_at, updated_at) SELECT gen_random_uuid(), id, 'Bench', '#3366CC', "
        "'UTC', false, now(), now() FROM users"
    )
    cur.execute(
        "INSERT INTO calendar_members (calendar_id, user_id, role, created_at, "
        "updated_at) SELECT id, owner_id, 'owner', now(), now() FROM calendars"
    )
    cur.execute(
        "CREATE TEMP TABLE cal AS SELECT id, "
        "(row_number() OVER (ORDER BY id)) - 1 AS k FROM calendars"
    )
    # The burst: one reminder each, all due in [D, D + 60 s).
    cur.execute(
        """
        CREATE TEMP TABLE burst AS
        SELECT gen_random_uuid() AS event_id, c.id AS calendar_id, s.mb,
               s.due + make_interval(mins => s.mb) AS occurrence,
               s.g > %(singles)s AS is_series, s.g
        FROM (
            SELECT g, (ARRAY[0, 5, 10, 15, 30, 60])[1 + g %% 6] AS mb,
                   %(d)s + make_interval(secs => g %% 60) AS due
            FROM generate_series(1, %(total)s) g
        ) s JOIN cal c ON c.k = s.g %% %(users)s
        """,
        {
            "singles": BURST_SINGLES,
            "total": BURST_SINGLES + BURST_SERIES,
            "d": due_minute,
            "users": USERS,
        },
    )
    cur.execute(
        f"INSERT INTO events ({EVENT_COLUMNS}) "  # noqa: S608 - constant columns
        "SELECT event_id, calendar_id, event_id::text || '@bench', 'Burst', "
        "CASE WHEN is_series THEN occurrence - make_interval(weeks => 1 + g % 52) "
        "ELSE occurrence END, "
        "CASE WHEN is_series THEN occurrence - make_interval(weeks => 1 + g % 52) "
        "ELSE occurrence END + interval '30 minutes', 'UTC', false, "
        "CASE WHEN is_series THEN 'FREQ=WEEKLY' END, "
        "CASE WHEN is_series THEN '9999-12-31 00:00:00+00'::timestamptz "
        "ELSE occurrence + interval '30 minutes' END, "
        "'confirmed', 'busy', 0, now(), now() FROM burst"
    )
    cur.execute(
        "INSERT INTO event_reminders (id, event_id, minutes_before, notify_attendees, "
        "next_due_at, created_at) SELECT gen_random_uuid(), event_id, mb, false, "
        "occurrence - make_interval(mins => mb), now() FROM burst"
    )
    conn.commit()
    log("seeded the burst: 100,000 reminders due in one minute")
    # The stored rows: future events, five reminders each.
    cur.execute(
        """
        CREATE TEMP TABLE stored AS
        SELECT gen_random_uuid() AS event_id, c.id AS calendar_id,
               date_trunc('minute', now() + interval '2 days'
                   + make_interval(mins => (s.g * 7919) %% (CASE WHEN s.g > %(singles)s
                       THEN 43200 ELSE 525600 END))) AS start_time,
               s.g > %(singles)s AS is_series
        FROM generate_series(1, %(total)s) s(g) JOIN cal c ON c.k = s.g %% %(users)s
        """,
        {
            "singles": STORED_SINGLES,
            "total": STORED_SINGLES + STORED_SERIES,
            "users": USERS,
        },
    )
    cur.execute(
        f"INSERT INTO events ({EVENT_COLUMNS}) "  # noqa: S608 - constant columns
        "SELECT event_id, calendar_id, event_id::text || '@bench', 'Stored', "
        "start_time, start_time + interval '1 hour', 'UTC', false, "
        "CASE WHEN is_series THEN 'FREQ=WEEKLY' END, "
        "CASE WHEN is_series THEN '9999-12-31 00:00:00+00'::timestamptz "
        "ELSE start_time + interval '1 hour' END, "
        "'confirmed', 'busy', 0, now(), now() FROM stored"
    )
    cur.execute(
        "INSERT INTO event_reminders (id, event_id, minutes_before, notify_attendees, "
        "next_due_at, created_at) SELECT gen_random_uuid(), event_id, m, false, "
        "start_time - make_interval(mins => m), now() "
        "FROM stored CROSS JOIN unnest(%s) AS m",
        (list(STORED_MINUTES),),
    )
    # The state a running service has: a sweep a minute before the burst.
    cur.execute(
        "INSERT INTO reminder_sweep_state (id, swept_until, last_fired, last_late, "
        "last_skipped, fired_total, late_total, skipped_total, updated_at) "
        "VALUES (1, %s, 0, 0, 0, 0, 0, 0, now())",
        (due_minute,),
    )
    conn.commit()
    cur.execute("ANALYZE")
    conn.commit()
    cur.execute("SELECT count(*) FROM event_reminders")
    log(f"seeded {cur.fetchone()[0]:,} reminders in all")
    conn.close()


# --- measurements --------------------------------------------------------------------


def count(query: str) -> int:
    conn = psycopg2.connect(DB_URL)
    try:
        with conn.cursor() as cur:
            cur.execute(query)
            return cur.fetchone()[0]
    finally:
        conn.close()


def burst(out: Path, due_minute: datetime) -> dict:
    consumer_log = (out / "consumer.log").open("wb")
    consumer = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "huey_consumer"),
            "calapp.worker.huey",
            "-w",
            "2",
            "-k",
            "thread",
            "-n",
            "-f",
        ],  # fmt: skip
        cwd=ROOT,
        env=env(),
        stdout=consumer_log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait = (due_minute + timedelta(seconds=61) - datetime.now(UTC)).total_seconds()
        log(f"waiting {max(wait, 0):.0f} s for the due minute to pass")
        time.sleep(max(wait, 0))
        os.environ.update(env())
        from calapp.notifications.tasks import reminder_sweep

        started = time.monotonic()
        enqueued_at = datetime.now(UTC)
        reminder_sweep()
        log("sweep enqueued")
        total = BURST_SINGLES + BURST_SERIES
        seen, last_log = 0, 0.0
        while seen < total:
            time.sleep(0.25)
            seen = count("SELECT count(*) FROM notifications")
            if time.monotonic() - last_log > 5:
                log(f"{seen:,} delivered")
                last_log = time.monotonic()
            if time.monotonic() - started > 600:
                raise SystemExit(f"only {seen} delivered after 600 s")
        elapsed = time.monotonic() - started
        conn = psycopg2.connect(DB_URL)
        with conn.cursor() as cur:
            cur.execute("SELECT last_fired, last_late FROM reminder_sweep_state")
            fired, late = cur.fetchone()
            cur.execute("SELECT min(created_at), max(created_at) FROM notifications")
            first, last = cur.fetchone()
            cur.execute(
                "SELECT count(*), count(DISTINCT (reminder_id, occurrence_start)) "
                "FROM deliveries"
            )
            deliveries, distinct = cur.fetchone()
        conn.close()
        result = {
            "reminders_due": total,
            "delivered": seen,
            "deliveries": deliveries,
            "distinct_reminder_occurrences": distinct,
            "fired": fired,
            "late": late,
            "seconds_enqueue_to_all_delivered": round(elapsed, 2),
            "seconds_sweep": _sweep_seconds(out / "consumer.log"),
            "seconds_enqueue_to_first_delivery": round(
                (first - enqueued_at).total_seconds(), 2
            ),
            "seconds_first_to_last_delivery": round((last - first).total_seconds(), 2),
        }
        log(f"burst: {result}")
        return result
    finally:
        consumer.terminate()
        consumer.wait(timeout=30)
        consumer_log.close()


def _sweep_seconds(path: Path) -> float | None:
    """The sweep task's duration, from huey's "executed in" log line."""
    found = re.findall(
        r"reminder_sweep: \S+ executed in ([0-9.]+)s", path.read_text("utf-8")
    )
    return float(found[-1]) if found else None


def idle(cold: bool) -> dict:
    os.environ.update(env())
    import sqlalchemy as sa

    from calapp import create_app
    from calapp.extensions import db
    from calapp.notifications.tasks import run_sweep

    app = create_app()
    times = []
    with app.app_context():
        stored = db.session.scalar(sa.text("SELECT count(*) FROM event_reminders"))
        for _ in range(5):
            started = time.perf_counter()
            totals = run_sweep(datetime.now(UTC))
            times.append(time.perf_counter() - started)
            assert totals.fired == 0, totals
        plan = db.session.execute(
            sa.text(
                "EXPLAIN (ANALYZE, BUFFERS) SELECT id, event_id, minutes_before, "
                "next_due_at FROM event_reminders WHERE next_due_at IS NOT NULL "
                "AND next_due_at < now() ORDER BY next_due_at LIMIT 2000 FOR UPDATE"
            )
        ).scalars()
        plan = "\n".join(plan)
        db.session.rollback()
        result = {
            "stored_reminders": stored,
            "idle_sweep_ms": [round(t * 1000, 1) for t in times],
            "idle_sweep_ms_median": round(statistics.median(times) * 1000, 1),
            "due_query_plan": plan,
        }
        log(f"idle: {result['idle_sweep_ms']} ms")
        if cold:
            db.session.execute(
                sa.text(
                    "UPDATE event_reminders SET next_due_at = "
                    "'1970-01-01 00:00:00+00' WHERE next_due_at IS NOT NULL"
                )
            )
            db.session.commit()
            marked = db.session.scalar(
                sa.text(
                    "SELECT count(*) FROM event_reminders "
                    "WHERE next_due_at = '1970-01-01 00:00:00+00'"
                )
            )
            started = time.perf_counter()
            totals = run_sweep(datetime.now(UTC))
            result["cold"] = {
                "rows_worked_out": marked,
                "seconds": round(time.perf_counter() - started, 1),
                "fired": totals.fired,
            }
            log(f"cold: {result['cold']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cold", action="store_true")
    args = parser.parse_args()
    out = ROOT / "bench" / "out" / f"reminders-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    out.mkdir(parents=True)
    now = datetime.now(UTC)
    due_minute = now.replace(second=0, microsecond=0) + timedelta(minutes=3)
    log(f"recreating {DB_NAME}")
    recreate_database()
    seed(due_minute)
    results = {"burst": burst(out, due_minute), "idle": idle(args.cold)}
    results["machine"] = {"cpus": os.cpu_count(), "load": os.getloadavg()}
    (out / "results.json").write_text(json.dumps(results, indent=2, default=str))
    b, i = results["burst"], results["idle"]
    summary = [
        "| measurement | figure |",
        "| --- | ---: |",
        f"| reminders due in one minute | {b['reminders_due']:,} |",
        f"| enqueue → all delivered in-app (2 workers) | "
        f"{b['seconds_enqueue_to_all_delivered']} s |",
        f"| the sweep itself (100,000 due) | {b['seconds_sweep']} s |",
        f"| first → last notification | {b['seconds_first_to_last_delivery']} s |",
        f"| idle sweep, {i['stored_reminders']:,} stored, none due (median of 5) | "
        f"{i['idle_sweep_ms_median']} ms |",
    ]
    if "cold" in i:
        summary.append(
            f"| cold sweep: every row worked out ({i['cold']['rows_worked_out']:,}) | "
            f"{i['cold']['seconds']} s |"
        )
    (out / "summary.md").write_text("\n".join(summary) + "\n")
    print("\n".join(summary))
    print(f"\noutputs in {out}")


if __name__ == "__main__":
    main()
