"""Group slot finding: latency of POST /availability/find over participants.

    python bench/groupfind/run.py [--participants 10] [--series 200] [--events 2000]
        [--rounds 30] [--database calapp_bench_groupfind] [--redis redis://...]
        [--no-seed] [--profile FILE]

Builds a fresh database (dropped and created, then migrated), seeds a scheduler
and ``--participants`` people, each owning one calendar shared with the
scheduler at ``freebusy`` with ``--series`` recurring series (weekly, every
other week, monthly, weekly on two days for 30 times, daily for 10 days; 30-90
minutes, starting between January 2026 and February 2027) and
``--events`` single events spread over 2027, then times in-process requests
finding 30-minute slots over 14 days of 2027 for all of them (half required,
half optional). Reports the median and minimum of each, cold (busy-block cache
emptied before each request) and warm (the same question again, calendars
unchanged). ``--no-seed`` reuses the database of an earlier run (same
``--participants``); ``--profile FILE`` also writes a cProfile of the cold
requests (read it with ``python -m pstats FILE``).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

RULES = (
    "FREQ=WEEKLY;BYDAY={day}",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY={day}",
    "FREQ=MONTHLY;BYDAY=1{day}",
    "FREQ=WEEKLY;BYDAY={day},{other};COUNT=30",
    "FREQ=DAILY;COUNT=10",
)
DAYS = ("MO", "TU", "WE", "TH", "FR")
WINDOW_START = datetime(2027, 3, 1, tzinfo=UTC)


def app_for(database: str, redis_url: str, fresh: bool = True):
    import psycopg2

    if fresh:
        conn = psycopg2.connect("postgresql://postgres@127.0.0.1:5432/postgres")
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{database}"')
            cur.execute(f'CREATE DATABASE "{database}"')
        conn.close()
    os.environ.setdefault("CALAPP_ENV", "testing")
    os.environ.setdefault("JWT_SECRET_KEY", "bench-secret-" + "x" * 40)
    from flask_migrate import upgrade

    from calapp import create_app

    app = create_app(
        {
            "DATABASE_URL": f"postgresql+psycopg2://postgres@127.0.0.1:5432/{database}",
            "REDIS_URL": redis_url,
            "RATELIMIT_ENABLED": False,
            "BCRYPT_ROUNDS": 4,
            "AUTO_MIGRATE": False,
        }
    )
    if fresh:
        with app.app_context():
            upgrade()
    return app


def seed(app, participants: int, series: int, events: int) -> tuple:
    from calapp.calendars import service as calendars
    from calapp.events import service as events_service
    from calapp.extensions import db
    from calapp.security import Principal
    from calapp.users import service as users

    rng = random.Random(15)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with app.app_context():
        scheduler = users.create_user(
            "sam@bench.example", "bench-password-1", email_verified=True
        )
        people = []
        for n in range(participants):
            user = users.create_user(
                f"p{n}@bench.example", "bench-password-1", email_verified=True
            )
            principal = Principal(user_id=user.id)
            calendar = calendars.create(principal, {"name": f"P{n}"}, now)
            calendars.share(
                principal, calendar.id, "freebusy", now, user_id=scheduler.id
            )
            for _ in range(series):
                day, other = rng.sample(DAYS, 2)
                start = datetime(2026, 1, 5, tzinfo=UTC) + timedelta(
                    days=rng.randrange(420), hours=rng.randrange(7, 18)
                )
                events_service.create(
                    principal,
                    {
                        "calendar_id": calendar.id,
                        "title": "Series",
                        "start_time": start,
                        "end_time": start + timedelta(minutes=rng.choice((30, 60, 90))),
                        "timezone": "UTC",
                        "recurrence_rule": rng.choice(RULES).format(
                            day=day, other=other
                        ),
                    },
                    now,
                )
            for _ in range(events):
                start = datetime(2027, 1, 1, 7, tzinfo=UTC) + timedelta(
                    days=rng.randrange(365), minutes=15 * rng.randrange(44)
                )
                events_service.create(
                    principal,
                    {
                        "calendar_id": calendar.id,
                        "title": "Single",
                        "start_time": start,
                        "end_time": start + timedelta(minutes=rng.choice((15, 30, 60))),
                    },
                    now,
                )
            db.session.commit()
            people.append(user.email)
        db.session.execute(db.text("ANALYZE"))
        db.session.commit()
        return scheduler.email, people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--participants", type=int, default=10)
    parser.add_argument("--series", type=int, default=200)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database", default="calapp_bench_groupfind")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--no-seed", action="store_true")
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    app = app_for(args.database, args.redis, fresh=not args.no_seed)
    if args.no_seed:
        email = "sam@bench.example"
        people = [f"p{n}@bench.example" for n in range(args.participants)]
    else:
        began = time.perf_counter()
        email, people = seed(app, args.participants, args.series, args.events)
        print(f"seeded in {time.perf_counter() - began:.0f} s")
    from calapp.availability import service

    client = app.test_client()
    login = client.post(
        "/auth/login", json={"email": email, "password": "bench-password-1"}
    )
    headers = {"Authorization": f"Bearer {login.get_json()['access_token']}"}
    half = len(people) // 2
    body = {
        "participants": people[:half],
        "optional_participants": people[half:],
        "start": WINDOW_START.isoformat(),
        "end": (WINDOW_START + timedelta(days=14)).isoformat(),
        "duration_minutes": 30,
        "timezone": "Europe/Berlin",
        "working_hours": {
            day: [{"start": "08:00", "end": "18:00"}]
            for day in ("mon", "tue", "wed", "thu", "fri")
        },
    }
    profiler = cProfile.Profile() if args.profile else None
    for label, cold in (("cold", True), ("warm", False)):
        times, cpu = [], []
        for _ in range(args.rounds):
            if cold:
                service._BUSY_CACHE.clear()
            if cold and profiler:
                profiler.enable()
            began, began_cpu = time.perf_counter(), time.process_time()
            r = client.post("/availability/find", json=body, headers=headers)
            times.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
            if cold and profiler:
                profiler.disable()
            assert r.status_code == 200, r.get_json()
        slots = len(r.get_json()["slots"])
        print(
            f"{label}: p50 {statistics.median(times):.1f} ms, "
            f"min {min(times):.1f} ms, app CPU p50 {statistics.median(cpu):.1f} ms, "
            f"{slots} slots ({len(people)} participants, "
            f"each {args.series} series + {args.events} events)"
        )

    if profiler:
        profiler.dump_stats(args.profile)


if __name__ == "__main__":
    main()
