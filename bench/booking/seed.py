"""Seed ``calapp_bench_booking``: one busy calendar with a public booking link.

    . .venv/bin/activate
    python bench/booking/seed.py [--admin-url postgresql://postgres@127.0.0.1:5432/postgres]

Drops and recreates the database, builds the schema with the real migrations
(``flask --app wsgi db upgrade``), then writes through the app's own services
(so every derived column, ``last_end`` of series included, is what production
computes):

- one owner ``owner@bench.example`` and one calendar in ``Europe/Berlin``;
- 200 recurring busy series (daily stand-ups, weekly and fortnightly meetings,
  monthly reviews) started up to 1,000 days ago: 70% end by COUNT or UNTIL (most
  of those already over, as in a real calendar's history), the rest run on; some
  with EXDATEs; 10% ``transparency: free``;
- 5,000 single events from three years ago to a year ahead (15 min to 2 h,
  07:00-20:00 local, weekends too; 10% free, 5% cancelled);
- one booking link: 30-minute slots, Mon-Fri 09:00-17:00 plus Sat 10:00-13:00,
  10-minute buffer, 60 minutes notice, 90 days ahead.

Everything comes from a fixed random seed and is placed relative to today's UTC
midnight (the ``anchor``), so every run on any day loads the same calendar shifted
to that day. Prints the link token and writes ``bench/out/booking-seed.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SEED = 20261121
DB_NAME = "calapp_bench_booking"
DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
JWT_SECRET = "bench-jwt-secret-" + "0123456789abcdef" * 3
OUT = ROOT / "bench" / "out" / "booking-seed.json"

ZONE = "Europe/Berlin"
N_SERIES = 200
N_SINGLES = 5_000
# Three years of history and one ahead: about 3.4 single events a day.
SINGLES_FROM_DAYS, SINGLES_TO_DAYS = -1095, 365
WORKING_HOURS = {
    **{day: [{"start": "09:00", "end": "17:00"}] for day in ("mon", "tue", "wed")},
    **{day: [{"start": "09:00", "end": "17:00"}] for day in ("thu", "fri")},
    "sat": [{"start": "10:00", "end": "13:00"}],
    "sun": [],
}
LINK = {
    "title": "Intro call",
    "description": "A first 30-minute call.",
    "duration_minutes": 30,
    "buffer_minutes": 10,
    "timezone": ZONE,
    "working_hours": WORKING_HOURS,
    "min_notice_minutes": 60,
    "max_days_ahead": 90,
    "active": True,
}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]
TITLES = ["Standup", "1:1", "Team sync", "Review", "Planning", "Focus", "Lunch"]


def log(message: str) -> None:
    print(message, flush=True)


def db_url(admin_url: str) -> str:
    return admin_url.rsplit("/", 1)[0] + "/" + DB_NAME


def recreate_database(admin_url: str) -> None:
    conn = psycopg2.connect(admin_url)
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


def migrate(url: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "CALAPP_ENV": "development",
        "JWT_SECRET_KEY": JWT_SECRET,
    }
    subprocess.run(  # noqa: S603 - this venv's flask
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def local(anchor_day, days: int, hour: int, minute: int) -> datetime:
    """``hour:minute`` Berlin wall time, ``days`` after the anchor's date, in UTC."""
    day = anchor_day + timedelta(days=days)
    wall = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(ZONE))
    return wall.astimezone(UTC)


def series(rng: random.Random, anchor_day) -> list[dict]:
    """200 recurring busy series, most of them started months ago."""
    out = []
    for n in range(N_SERIES):
        kind = rng.choices(
            ["daily", "weekly", "fortnightly", "monthly"], weights=[1, 45, 25, 29]
        )[0]
        hour = rng.randint(8, 17)
        minute = rng.choice([0, 15, 30, 45])
        length = rng.choice([15, 30, 30, 45, 60, 60, 90])
        start = local(anchor_day, -rng.randint(0, 1000), hour, minute)
        if kind == "daily":
            rule = "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"
            length = 15
        elif kind == "weekly":
            rule = f"FREQ=WEEKLY;BYDAY={rng.choice(WEEKDAYS)}"
        elif kind == "fortnightly":
            rule = f"FREQ=WEEKLY;INTERVAL=2;BYDAY={rng.choice(WEEKDAYS)}"
        else:
            rule = f"FREQ=MONTHLY;BYDAY=1{rng.choice(WEEKDAYS)}"
        ending = rng.random()
        if ending < 0.10:
            rule += f";COUNT={rng.randint(10, 60)}"
        elif ending < 0.70:  # a calendar's history: most series have ended
            until = start + timedelta(days=rng.randint(60, 400))
            rule += f";UNTIL={until:%Y%m%dT%H%M%SZ}"
        event = {
            "title": f"{rng.choice(TITLES)} #{n}",
            "start_time": start,
            "end_time": start + timedelta(minutes=length),
            "timezone": ZONE,
            "recurrence_rule": rule,
            "transparency": "free" if rng.random() < 0.10 else "busy",
        }
        if kind == "weekly" and rng.random() < 0.2:
            # Skip a few of the coming weeks' occurrences (holidays).
            weeks = sorted(rng.sample(range(1, 12), 3))
            event["exdates"] = [start + timedelta(weeks=w) for w in weeks]
            event["recurrence_rule"] = f"FREQ=WEEKLY;BYDAY={_weekday(start)}"
        out.append(event)
    return out


def _weekday(instant: datetime) -> str:
    return ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][
        instant.astimezone(ZoneInfo(ZONE)).weekday()
    ]


def singles(rng: random.Random, anchor_day) -> list[dict]:
    out = []
    for n in range(N_SINGLES):
        days = rng.randint(SINGLES_FROM_DAYS, SINGLES_TO_DAYS)
        start = local(anchor_day, days, rng.randint(7, 19), rng.choice([0, 15, 30, 45]))
        length = rng.choice([15, 30, 30, 45, 60, 60, 90, 120])
        roll = rng.random()
        out.append(
            {
                "title": f"{rng.choice(TITLES)} {n}",
                "start_time": start,
                "end_time": start + timedelta(minutes=length),
                "timezone": ZONE,
                "transparency": "free" if roll < 0.10 else "busy",
                "status": "cancelled" if 0.10 <= roll < 0.15 else "confirmed",
            }
        )
    return out


def load(url: str) -> dict:
    os.environ.update(
        DATABASE_URL=url, CALAPP_ENV="development", JWT_SECRET_KEY=JWT_SECRET
    )
    from calapp import create_app
    from calapp.booking import links as booking
    from calapp.calendars import service as calendars
    from calapp.events import service as events
    from calapp.extensions import db
    from calapp.security import Principal
    from calapp.users import service as users

    rng = random.Random(SEED)
    now = datetime.now(UTC)
    anchor = now.replace(hour=0, minute=0, second=0, microsecond=0)
    anchor_day = anchor.date()
    app = create_app({"AUTO_MIGRATE": False, "BCRYPT_ROUNDS": 4})
    with app.app_context():
        owner = users.create_user(
            "owner@bench.example", "bench-password-1", name="Bench Owner"
        )
        principal = Principal(user_id=owner.id)
        calendar = calendars.create(principal, {"name": "Busy", "timezone": ZONE}, now)
        calendar_id = calendar.id
        t0 = time.perf_counter()
        for n, data in enumerate(series(rng, anchor_day) + singles(rng, anchor_day)):
            events.create(Principal.system(), {"calendar_id": calendar_id, **data}, now)
            if n % 500 == 499:
                db.session.commit()
                db.session.expunge_all()
        db.session.commit()
        took = time.perf_counter() - t0
        log(f"  {N_SERIES} series + {N_SINGLES} events in {took:.1f} s")
        link = booking.create_link(principal, calendar_id, LINK, now)
        db.session.commit()
        info = {
            "anchor": anchor.isoformat().replace("+00:00", "Z"),
            "calendar_id": str(calendar_id),
            "token": link.token,
            "owner": "owner@bench.example",
        }
    return info


def vacuum(url: str) -> None:
    conn = psycopg2.connect(url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--admin-url", default=DEFAULT_ADMIN_URL)
    args = parser.parse_args()
    url = db_url(args.admin_url)
    log(f"seeding {DB_NAME}")
    recreate_database(args.admin_url)
    migrate(url)
    info = load(url)
    vacuum(url)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({**info, "seed": SEED}))
    log(json.dumps(info))


if __name__ == "__main__":
    main()
