"""Seed the recurrence benchmark databases: reproducible, bulk, fast.

    . .venv/bin/activate
    python bench/recurrence/seed.py          # all four databases below (~1 min)

One user ``rec@bench.example`` (password ``bench-password-1``) owns 50 calendars
(zones cycled through 10 IANA zones) holding 100,000 single events spread over
2026-01-01 .. 2028-01-01 (15 min to 4 h, ~10% all-day; ~10% with a reminder,
~10% with an attendee). The databases differ only in the recurring events:

========================  ========================================================
``calapp_bench_rec_none``  no recurring event: the baseline
``calapp_bench_rec``       500 active series that started ~5 years before the
                           benchmarked window (November 2026)
``calapp_bench_rec_10y``   the same 500 series started ~10 years before it
``calapp_bench_rec_1y``    the same 500 series started ~1 year before it
========================  ========================================================

"The same series": same ids, rules, zones, weekdays and local times; only DTSTART
moves by whole weeks (so occurrences in 2026 are identical across the three).
The 500 series, 10 per calendar: 100 ``FREQ=DAILY``, 50 weekdays-only daily,
250 ``FREQ=WEEKLY`` (a fifth of them every other week), 100 weekly on 2-3 days.
80% are unbounded, 10% have an UNTIL in 2028-2030 and 10% a COUNT that ends after
2027 in every variant. Each series has one changed occurrence in its first month
and, for a fifth of them, one in November 2026 (moved by an hour) -- exceptions
rows like the API writes them. ``last_end`` is computed with the app's own
``recurrence.last_end``.

The benchmarked month (November 2026) holds ~6,100 occurrences (below the
10,000 limit) and 4,164 single events; the week 1,429 and 1,010.
Rows go in with ``COPY`` into the schema the migrations build (``flask db
upgrade`` on the baseline database, which then serves as the template of the
three others), then ``VACUUM ANALYZE``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import bcrypt
import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from calapp.events import recurrence  # noqa: E402

SEED = 5545
DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
EMAIL = "rec@bench.example"
PASSWORD = "bench-password-1"  # noqa: S105 - bench-only account
JWT_SECRET = "bench-rec-jwt-secret-" + "0123456789abcdef" * 3  # noqa: S105
BASELINE = "calapp_bench_rec_none"
# database -> how many years before November 2026 the series start (None: none)
VARIANTS = {
    BASELINE: None,
    "calapp_bench_rec": 5,
    "calapp_bench_rec_10y": 10,
    "calapp_bench_rec_1y": 1,
}

N_CALENDARS = 50
N_SINGLES = 100_000
SERIES_PER_CALENDAR = 10
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
SPAN_DAYS = 730
NOW = "2025-12-01T00:00:00+00:00"  # created_at/updated_at of every row
ZONES = [
    "Europe/London", "Europe/Berlin", "Europe/Paris", "America/New_York",
    "America/Los_Angeles", "America/Chicago", "Asia/Tokyo", "Australia/Sydney",
    "UTC", "Asia/Kolkata",
]  # fmt: skip
TITLES = ["Standup", "1:1", "Design review", "Planning", "Gym", "Lunch", "Retro"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

EVENT_COLUMNS = [
    "id", "calendar_id", "ical_uid", "title", "description", "location",
    "start_time", "end_time", "timezone", "all_day", "start_date", "end_date",
    "recurrence_rule", "status", "transparency", "tags", "attachments", "sequence",
    "created_by", "updated_by", "created_at", "updated_at", "exdates", "rdates",
    "last_end", "series_id", "original_start_time",
]  # fmt: skip


def log(message: str) -> None:
    print(message, flush=True)


def uid_from(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def db_url(admin_url: str, name: str) -> str:
    return admin_url.rsplit("/", 1)[0] + "/" + name


class Copier:
    """Rows into CSV in memory, then one COPY."""

    def __init__(self, cur, table: str, columns: list[str]):
        self.cur, self.table, self.columns = cur, table, columns
        self.buf = io.StringIO()
        self.writer = csv.writer(self.buf, lineterminator="\n")
        self.count = 0

    def add(self, *row) -> None:
        self.writer.writerow(["\\N" if v is None else v for v in row])
        self.count += 1

    def flush(self) -> int:
        self.buf.seek(0)
        self.cur.copy_expert(
            f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN "
            "WITH (FORMAT csv, NULL '\\N')",
            self.buf,
        )
        return self.count


def admin(admin_url: str, *statements) -> None:
    conn = psycopg2.connect(admin_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        for statement, name, *template in statements:
            cur.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (template[0] if template else name,),
            )
            args = [sql.Identifier(name), *(sql.Identifier(t) for t in template)]
            cur.execute(sql.SQL(statement).format(*args))
    conn.close()


def migrate(url: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "CALAPP_ENV": "development",
        "JWT_SECRET_KEY": JWT_SECRET,
    }
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


# --- the baseline: a user, calendars, single events -------------------------------


def seed_baseline(url: str) -> dict:
    rng = random.Random(SEED)
    conn = psycopg2.connect(url)
    cur = conn.cursor()
    cur.execute("SET synchronous_commit = off")
    user_id = uid_from(rng)
    password_hash = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(12)).decode()
    users = Copier(
        cur,
        "users",
        ["id", "email", "password_hash", "name", "timezone", "is_active",
         "created_at", "updated_at"],
    )  # fmt: skip
    users.add(user_id, EMAIL, password_hash, "Recurrence Bench", "UTC", "t", NOW, NOW)
    users.flush()
    calendars = Copier(
        cur,
        "calendars",
        ["id", "owner_id", "name", "color", "timezone", "is_public", "created_at",
         "updated_at"],
    )  # fmt: skip
    members = Copier(
        cur, "calendar_members", ["calendar_id", "user_id", "role", "created_at",
                                  "updated_at"]
    )  # fmt: skip
    cals = []
    for i in range(N_CALENDARS):
        cal_id, zone = uid_from(rng), ZONES[i % len(ZONES)]
        cals.append((cal_id, zone))
        calendars.add(cal_id, user_id, f"Calendar {i}", "#3366CC", zone, "f", NOW, NOW)
        members.add(cal_id, user_id, "owner", NOW, NOW)
    calendars.flush()
    members.flush()

    events = Copier(cur, "events", EVENT_COLUMNS)
    reminders = Copier(
        cur, "event_reminders", ["id", "event_id", "minutes_before", "created_at"]
    )
    attendees = Copier(
        cur,
        "event_attendees",
        ["id", "event_id", "email", "status", "created_at", "updated_at"],
    )
    for _ in range(N_SINGLES):
        cal_id, zone = rng.choice(cals)
        event_id = uid_from(rng)
        offset = rng.randrange(SPAN_DAYS)
        if rng.random() < 0.1:  # all-day: local midnights
            d0 = date(2026, 1, 1) + timedelta(days=offset)
            d1 = d0 + timedelta(days=1)
            start = datetime(d0.year, d0.month, d0.day, tzinfo=ZoneInfo(zone))
            end = datetime(d1.year, d1.month, d1.day, tzinfo=ZoneInfo(zone))
            start, end = start.astimezone(UTC), end.astimezone(UTC)
            all_day, start_date, end_date = "t", d0, d1
        else:
            start = EPOCH + timedelta(
                days=offset, hours=rng.randint(6, 19), minutes=15 * rng.randrange(4)
            )
            end = start + timedelta(minutes=rng.choice([15, 30, 60, 90, 240]))
            all_day, start_date, end_date = "f", None, None
        events.add(
            event_id, cal_id, f"{event_id}@calapp", rng.choice(TITLES), None, None,
            start.isoformat(), end.isoformat(), zone, all_day, start_date, end_date,
            None, "confirmed", "busy", "{}", "[]", 0, user_id, user_id, NOW, NOW,
            "{}", "{}", end.isoformat(), None, None,
        )  # fmt: skip
        if rng.random() < 0.1:
            reminders.add(uid_from(rng), event_id, rng.choice([5, 10, 30]), NOW)
        if rng.random() < 0.1:
            email = f"guest{rng.randrange(1000)}@example.org"
            attendees.add(uid_from(rng), event_id, email, "needs_action", NOW, NOW)
    events.flush()
    reminders.flush()
    attendees.flush()
    conn.commit()
    conn.close()
    return {"user_id": str(user_id), "calendars": [(str(c), z) for c, z in cals]}


# --- the series -------------------------------------------------------------------


def _rule(rng: random.Random, kind: int) -> str:
    """Series ``kind`` 0-499: 100 daily, 50 weekdays, 250 weekly, 100 multi-day."""
    if kind < 100:
        return "FREQ=DAILY"
    if kind < 150:
        return "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"
    if kind < 400:
        return "FREQ=WEEKLY;INTERVAL=2" if kind % 5 == 0 else "FREQ=WEEKLY"
    days = sorted(rng.sample(range(7), rng.choice([2, 3])))
    return "FREQ=WEEKLY;BYDAY=" + ",".join(DAYS[d] for d in days)


def _per_week(rule: str) -> float:
    if "BYDAY=" in rule:
        return len(rule.split("BYDAY=")[1].split(","))
    if rule == "FREQ=DAILY":
        return 7
    return 0.5 if "INTERVAL=2" in rule else 1


def _bound(rng: random.Random, rule: str, kind: int) -> str:
    """80% unbounded, 10% UNTIL 2028-2030, 10% a COUNT of 13 years of occurrences
    (so it ends after 2029 even in the 10-year variant)."""
    pick = kind % 10
    if pick == 8:
        return f"{rule};UNTIL={rng.choice([2028, 2029, 2030])}1231T235959Z"
    if pick == 9:
        return f"{rule};COUNT={int(_per_week(rule) * 52 * 13)}"
    return rule


def series_rows(info: dict, years: int) -> tuple[list, list]:
    """The 500 series (and their exceptions) starting ``years`` before 2026-11."""
    rng = random.Random(SEED + 1)  # the same choices whatever ``years`` is
    # A Monday about ``years`` before 2026-11-02 (a Monday), in whole fortnights
    # (every-other-week series keep their weeks).
    anchor = date(2026, 11, 2) - timedelta(weeks=2 * round(26.09 * years))
    series, exceptions = [], []
    for kind in range(N_CALENDARS * SERIES_PER_CALENDAR):
        cal_id, zone = info["calendars"][kind % N_CALENDARS]
        event_id = uid_from(rng)
        rule = _bound(rng, _rule(rng, kind), kind)
        first = anchor + timedelta(days=rng.randrange(7) + 7 * rng.randrange(8))
        wall = datetime(
            first.year, first.month, first.day, rng.randint(7, 18), rng.choice([0, 30])
        )
        start = wall.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
        end = start + timedelta(minutes=rng.choice([15, 30, 60]))
        model = recurrence.Series(
            rule=recurrence.normalize_rule(rule), start=start, end=end, timezone=zone
        )
        recurrence.validate(model)
        title = rng.choice(TITLES)
        series.append(
            (
                event_id,
                cal_id,
                zone,
                title,
                rule,
                start,
                end,
                recurrence.last_end(model),
            )
        )
        slots = [next(recurrence.starts_between(model, start, start + timedelta(30)))]
        if rng.random() < 0.2:
            november = recurrence.starts_between(
                model,
                datetime(2026, 11, 1, tzinfo=UTC),
                datetime(2026, 12, 1, tzinfo=UTC),
            )
            pick = rng.randrange(3)
            slots += list(november)[pick : pick + 1]
        for slot in slots:
            exceptions.append(
                (uid_from(rng), event_id, cal_id, zone, title, slot, end - start)
            )
    return series, exceptions


def add_series(url: str, info: dict, years: int) -> dict:
    series, exceptions = series_rows(info, years)
    user_id = info["user_id"]
    conn = psycopg2.connect(url)
    cur = conn.cursor()
    events = Copier(cur, "events", EVENT_COLUMNS)
    for event_id, cal_id, zone, title, rule, start, end, last in series:
        events.add(
            event_id, cal_id, f"{event_id}@calapp", title, None, None,
            start.isoformat(), end.isoformat(), zone, "f", None, None, rule,
            "confirmed", "busy", "{}", "[]", 0, user_id, user_id, NOW, NOW, "{}", "{}",
            last.isoformat(), None, None,
        )  # fmt: skip
    for exc_id, series_id, cal_id, zone, title, slot, length in exceptions:
        moved = slot + timedelta(hours=1)
        events.add(
            exc_id, cal_id, f"{series_id}@calapp", f"{title} (moved)", None, None,
            moved.isoformat(), (moved + length).isoformat(), zone, "f", None, None,
            None, "confirmed", "busy", "{}", "[]", 1, user_id, user_id, NOW, NOW,
            "{}", "{}", (moved + length).isoformat(), series_id, slot.isoformat(),
        )  # fmt: skip
    events.flush()
    conn.commit()
    conn.close()
    return {"series": len(series), "exceptions": len(exceptions)}


def vacuum(url: str) -> None:
    conn = psycopg2.connect(url)
    conn.autocommit = True
    conn.cursor().execute("VACUUM ANALYZE")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--admin-url", default=DEFAULT_ADMIN_URL)
    parser.add_argument(
        "--out", default=str(ROOT / "bench" / "out" / "recurrence-seed.json")
    )
    args = parser.parse_args()
    t0 = time.perf_counter()
    base_url = db_url(args.admin_url, BASELINE)
    log(f"seeding {base_url}")
    admin(
        args.admin_url,
        ("DROP DATABASE IF EXISTS {}", BASELINE),
        ("CREATE DATABASE {}", BASELINE),
    )
    migrate(base_url)
    info = seed_baseline(base_url)
    vacuum(base_url)
    log(f"  baseline: {N_SINGLES:,} single events ({time.perf_counter() - t0:.1f} s)")
    counts = {BASELINE: {"series": 0, "exceptions": 0}}
    for name, years in VARIANTS.items():
        if years is None:
            continue
        t1 = time.perf_counter()
        admin(
            args.admin_url,
            ("DROP DATABASE IF EXISTS {}", name),
            ("CREATE DATABASE {} TEMPLATE {}", name, BASELINE),
        )
        url = db_url(args.admin_url, name)
        counts[name] = add_series(url, info, years)
        vacuum(url)
        log(f"  {name}: {counts[name]} ({time.perf_counter() - t1:.1f} s)")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(
        json.dumps({"user": EMAIL, "user_id": info["user_id"], "counts": counts}) + "\n"
    )
    log(f"total {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
