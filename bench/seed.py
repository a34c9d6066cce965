"""Seed the benchmark database ``calapp_bench``: reproducible, bulk, fast.

    . .venv/bin/activate
    python bench/seed.py                # drop + create calapp_bench, migrate, load
    python bench/seed.py --admin-url postgresql://postgres@127.0.0.1:5432/postgres

What it loads (fixed random seed: the same rows, ids included, on every run):

- 1,000 users ``user0000@bench.example`` .. ``user0999@bench.example``, all with the
  password ``bench-password-1`` (one bcrypt hash, computed once and reused).
- 5,000 calendars, 5 per user (Work, Personal, Family, Projects, Holidays), each
  with its owner's ``calendar_members`` row. Sharing, so that permissions matter:
  users are in 50 teams of 20 and every Work calendar is shared with the owner's
  team (one teammate editor, the rest viewers); every Family calendar is shared
  with one other user as editor. Users 0-9 are "assistants" who can also view
  150 further random calendars each: user0000 (the one ``bench/run.sh`` signs in
  as) reads ~170 calendars, so one week of its events is more than a 50-row page.
- 200,000 single (non-recurring) events from 2026-01-01 to 2028-01-01 (Work
  calendars get 3x the events of the others): 15 min to 8 h timed events, all-day
  and multi-day all-day events (dates and midnights in the calendar's zone);
  ~30% with tags, ~half with a description, ~40% with a location; ~10% with 1-2
  reminders and ~10% with 1-2 attendees (half of them seeded users, so the
  "invited to" branch of the permission check has rows). ``last_end = end_time``.
- 50 contacts per user (50,000).

Everything goes in with PostgreSQL ``COPY`` (psycopg2 ``copy_expert``) into the
schema the real migrations build (``flask --app wsgi db upgrade``), then ANALYZE.
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

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261121
DB_NAME = "calapp_bench"
DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PASSWORD = "bench-password-1"  # noqa: S105 - bench-only accounts
# Any fixed, long secret: tokens of one run stay valid across gunicorn restarts.
JWT_SECRET = "bench-jwt-secret-" + "0123456789abcdef" * 3  # noqa: S105

N_USERS = 1_000
CALENDARS_PER_USER = 5
N_EVENTS = 200_000
CONTACTS_PER_USER = 50
TEAM_SIZE = 20
ASSISTANTS = 10
ASSISTANT_EXTRA_CALENDARS = 150

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
SPAN_DAYS = 730  # two years
NOW = datetime(2025, 12, 1, tzinfo=UTC)  # created_at/updated_at of every row

ZONES = [
    "Europe/London", "Europe/Berlin", "Europe/Paris", "America/New_York",
    "America/Los_Angeles", "America/Chicago", "Asia/Tokyo", "Australia/Sydney",
    "UTC", "Asia/Kolkata",
]  # fmt: skip
CALENDAR_NAMES = ["Work", "Personal", "Family", "Projects", "Holidays"]
COLORS = ["#3366CC", "#DC3912", "#FF9900", "#109618", "#990099"]
FIRST = [
    "Ada", "Abigail", "Gabriel", "Fabian", "Sabrina", "Alan", "Grace", "Linus",
    "Margaret", "Ken", "Barbara", "Dennis", "Frances", "John", "Radia", "Edsger",
    "Hedy", "Tim", "Katherine", "Donald", "Shafi", "Leslie", "Niklaus", "Barbara",
    "Robin", "Annie", "Claude", "Joan", "Marvin", "Evelyn",
]  # fmt: skip
LAST = [
    "Lovelace", "Abbott", "Turing", "Hopper", "Torvalds", "Hamilton", "Thompson",
    "Liskov", "Ritchie", "Allen", "Backus", "Perlman", "Dijkstra", "Lamarr",
    "Berners-Lee", "Johnson", "Knuth", "Goldwasser", "Lamport", "Wirth", "Crabtree",
    "Milner", "Easley", "Shannon", "Clarke", "Minsky", "Berezin", "Kahan",
    "Sabatini", "Fabre",
]  # fmt: skip
COMPANIES = [
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Abstergo", "Soylent",
    "Stark Industries", "Wayne Enterprises", "Cyberdyne", None, None,
]  # fmt: skip
TITLES = [
    "Standup", "1:1", "Design review", "Planning", "Retro", "Lunch", "Dentist",
    "Gym", "Customer call", "Interview", "All hands", "Focus time", "Dinner",
    "Flight", "School run", "Board meeting", "Code review", "Workshop",
    "Doctor", "Birthday party",
]  # fmt: skip
TAGS = ["work", "personal", "travel", "health", "family", "urgent", "remote", "q3"]
LOCATIONS = ["Room 1", "Room 2", "Zoom", "Cafe", "HQ 4th floor", "Home", "Client site"]
DESCRIPTIONS = [
    "Agenda in the shared doc.",
    "Bring the quarterly numbers and the roadmap draft.",
    "Dial-in details in the invite. Please be on time.",
    "Notes from last time are attached to the ticket.",
]
# (weight, kind, minutes or days)
LENGTHS = [
    (30, "timed", 30), (25, "timed", 60), (8, "timed", 15), (10, "timed", 90),
    (8, "timed", 120), (3, "timed", 240), (2, "timed", 480),
    (9, "allday", 1), (5, "allday", 3),
]  # fmt: skip


def log(message: str) -> None:
    print(message, flush=True)


class Timer:
    def __init__(self, label: str):
        self.label = label

    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        log(f"  {self.label:<42} {time.perf_counter() - self.t0:7.2f} s")


def uid_from(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def db_url(admin_url: str, name: str) -> str:
    return admin_url.rsplit("/", 1)[0] + "/" + name


def pg_array(values) -> str:
    """A PostgreSQL array literal for COPY CSV (values are simple words)."""
    return "{" + ",".join(values) + "}"


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
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
    )


class Copier:
    """Rows into CSV in memory, then one COPY per table."""

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


def seed(url: str) -> dict:
    rng = random.Random(SEED)
    now = NOW.isoformat()
    conn = psycopg2.connect(url)
    cur = conn.cursor()
    cur.execute("SET maintenance_work_mem = '512MB'")
    cur.execute("SET synchronous_commit = off")

    # --- users ---------------------------------------------------------------------
    with Timer("bcrypt hash (once, 12 rounds)"):
        password_hash = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(12)).decode()
    users = []
    with Timer(f"users ({N_USERS:,})"):
        out = Copier(
            cur,
            "users",
            ["id", "email", "password_hash", "name", "timezone", "is_active",
             "created_at", "updated_at"],
        )  # fmt: skip
        for i in range(N_USERS):
            user_id = uid_from(rng)
            zone = ZONES[i % len(ZONES)]
            email = f"user{i:04d}@bench.example"
            users.append((user_id, email, zone))
            out.add(
                user_id, email, password_hash, f"Bench User {i}", zone, "t", now, now
            )
        out.flush()

    # --- calendars and members -------------------------------------------------------
    calendars = []  # (id, owner index, kind, zone)
    members: dict[tuple[uuid.UUID, uuid.UUID], str] = {}
    with Timer(f"calendars ({N_USERS * CALENDARS_PER_USER:,}) + members"):
        out = Copier(
            cur,
            "calendars",
            ["id", "owner_id", "name", "description", "color", "timezone",
             "is_public", "created_at", "updated_at"],
        )  # fmt: skip
        for i, (user_id, _, zone) in enumerate(users):
            for k, name in enumerate(CALENDAR_NAMES):
                cal_id = uid_from(rng)
                calendars.append((cal_id, i, k, zone))
                out.add(cal_id, user_id, name, None, COLORS[k], zone, "f", now, now)
                members[(cal_id, user_id)] = "owner"
        out.flush()
        work = [c for c in calendars if c[2] == 0]
        family = [c for c in calendars if c[2] == 2]
        for cal_id, owner, _, _ in work:  # shared with the owner's team
            team = owner // TEAM_SIZE
            mates = [
                m for m in range(team * TEAM_SIZE, (team + 1) * TEAM_SIZE) if m != owner
            ]
            editor = rng.choice(mates)
            for m in mates:
                members[(cal_id, users[m][0])] = "editor" if m == editor else "viewer"
        for cal_id, owner, _, _ in family:  # shared with one other user
            other = rng.randrange(N_USERS)
            if other != owner:
                members.setdefault((cal_id, users[other][0]), "editor")
        for a in range(ASSISTANTS):
            for cal_id, *_ in rng.sample(calendars, ASSISTANT_EXTRA_CALENDARS):
                members.setdefault((cal_id, users[a][0]), "viewer")
        out = Copier(
            cur,
            "calendar_members",
            ["calendar_id", "user_id", "role", "created_at", "updated_at"],
        )
        for (cal_id, user_id), role in members.items():
            out.add(cal_id, user_id, role, now, now)
        out.flush()
    log(f"    calendar_members rows: {len(members):,}")

    # --- events, reminders, attendees -----------------------------------------------
    weights = [3 if c[2] == 0 else 1 for c in calendars]
    length_weights = [w for w, _, _ in LENGTHS]
    zones = {z: ZoneInfo(z) for z in ZONES}
    n_reminders = n_attendees = 0
    with Timer(f"events ({N_EVENTS:,}) + reminders + attendees"):
        ev = Copier(
            cur,
            "events",
            ["id", "calendar_id", "ical_uid", "title", "description", "location",
             "start_time", "end_time", "timezone", "all_day", "start_date", "end_date",
             "recurrence_rule", "status", "transparency", "tags", "attachments",
             "sequence", "created_by", "updated_by", "created_at", "updated_at",
             "exdates", "rdates", "last_end"],
        )  # fmt: skip
        rem = Copier(
            cur, "event_reminders", ["id", "event_id", "minutes_before", "created_at"]
        )
        att = Copier(
            cur,
            "event_attendees",
            ["id", "event_id", "email", "name", "user_id", "status", "created_at",
             "updated_at"],
        )  # fmt: skip
        t_gen = time.perf_counter()
        picked = rng.choices(calendars, weights=weights, k=N_EVENTS)
        for cal_id, owner, _, zone in picked:
            event_id = uid_from(rng)
            _, kind, size = rng.choices(LENGTHS, weights=length_weights)[0]
            day = rng.randrange(SPAN_DAYS)
            if kind == "timed":
                start = EPOCH + timedelta(
                    days=day, hours=rng.randint(6, 19), minutes=15 * rng.randrange(4)
                )
                end = start + timedelta(minutes=size)
                all_day, start_date, end_date = "f", None, None
            else:
                d0 = date(2026, 1, 1) + timedelta(days=day)
                d1 = d0 + timedelta(days=size)
                tz = zones[zone]
                start = datetime(d0.year, d0.month, d0.day, tzinfo=tz).astimezone(UTC)
                end = datetime(d1.year, d1.month, d1.day, tzinfo=tz).astimezone(UTC)
                all_day, start_date, end_date = "t", d0, d1
            r = rng.random()
            tags = pg_array(rng.sample(TAGS, rng.randint(1, 3))) if r < 0.3 else "{}"
            description = rng.choice(DESCRIPTIONS) if rng.random() < 0.5 else None
            location = rng.choice(LOCATIONS) if rng.random() < 0.4 else None
            status = "tentative" if rng.random() < 0.05 else "confirmed"
            transparency = "free" if all_day == "t" and rng.random() < 0.5 else "busy"
            owner_id = users[owner][0]
            ev.add(
                event_id, cal_id, f"{event_id}@calapp", rng.choice(TITLES),
                description, location, start.isoformat(), end.isoformat(), zone,
                all_day, start_date, end_date, None, status, transparency, tags,
                "[]", 0, owner_id, owner_id, now, now, "{}", "{}", end.isoformat(),
            )  # fmt: skip
            if rng.random() < 0.10:
                for minutes in rng.sample([5, 10, 15, 30, 60, 1440], rng.randint(1, 2)):
                    rem.add(uid_from(rng), event_id, minutes, now)
                    n_reminders += 1
            if rng.random() < 0.10:
                emails = set()  # unique per event (uq_event_attendees_email)
                for _ in range(rng.randint(1, 2)):
                    if rng.random() < 0.5:
                        other = rng.randrange(N_USERS)
                        email, user_id = users[other][1], users[other][0]
                        name = f"Bench User {other}"
                    else:
                        email = f"guest{rng.randrange(100_000)}@example.org"
                        user_id, name = None, None
                    if email in emails:
                        continue
                    emails.add(email)
                    att.add(
                        uid_from(rng), event_id, email, name, user_id,
                        rng.choice(["needs_action", "accepted", "declined"]), now, now,
                    )  # fmt: skip
                    n_attendees += 1
        log(f"    generated in {time.perf_counter() - t_gen:.2f} s")
        with Timer("COPY events (with its indexes)"):
            ev.flush()
        with Timer("COPY reminders + attendees"):
            rem.flush()
            att.flush()
    log(f"    reminders: {n_reminders:,}  attendees: {att.count:,}")

    # --- contacts --------------------------------------------------------------------
    with Timer(f"contacts ({N_USERS * CONTACTS_PER_USER:,})"):
        from phonenumbers import PhoneNumberFormat, format_number, parse

        out = Copier(
            cur,
            "contacts",
            ["id", "owner_id", "uid", "first_name", "last_name", "email", "phone",
             "phone_e164", "company", "notes", "created_at", "updated_at"],
        )  # fmt: skip
        for user_id, _, _ in users:
            for _ in range(CONTACTS_PER_USER):
                contact_id = uid_from(rng)
                first, last = rng.choice(FIRST), rng.choice(LAST)
                email = f"{first}.{last}{rng.randrange(1000)}@example.com".lower()
                if rng.random() < 0.7:  # a valid UK London number: E.164 known
                    local = f"20 7946 {rng.randrange(10_000):04d}"
                    phone = f"+44 {local}"
                    e164 = format_number(parse(phone, None), PhoneNumberFormat.E164)
                else:
                    phone, e164 = (f"555-{rng.randrange(10_000):04d}", None)
                out.add(
                    contact_id, user_id, f"{contact_id}@calapp", first, last,
                    email, phone, e164, rng.choice(COMPANIES), None, now, now,
                )  # fmt: skip
        out.flush()

    with Timer("commit"):
        conn.commit()
    conn.autocommit = True
    with Timer("VACUUM ANALYZE"):
        cur.execute("VACUUM ANALYZE")
    counts = {}
    for table in ("users", "calendars", "calendar_members", "events",
                  "event_reminders", "event_attendees", "contacts"):  # fmt: skip
        cur.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
        counts[table] = cur.fetchone()[0]
    cur.execute(
        "SELECT count(*) FROM calendar_members WHERE user_id = %s", (str(users[0][0]),)
    )
    counts["bench_user_calendars"] = cur.fetchone()[0]
    conn.close()
    return {
        "bench_user": users[0][1],
        "bench_user_id": str(users[0][0]),
        "password": PASSWORD,
        # The Work calendar of the bench user (POST /events writes there).
        "bench_calendar_id": str(calendars[0][0]),
        "counts": counts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--admin-url", default=DEFAULT_ADMIN_URL)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "seed.json"))
    args = parser.parse_args()
    url = db_url(args.admin_url, DB_NAME)
    t0 = time.perf_counter()
    log(f"seeding {url}")
    with Timer("drop + create database"):
        recreate_database(args.admin_url)
    with Timer("migrations (flask db upgrade)"):
        migrate(url)
    info = seed(url)
    info["database_url"] = url
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(info, indent=2) + "\n")
    log(json.dumps(info["counts"]))
    log(f"total {time.perf_counter() - t0:.1f} s; details in {args.out}")


if __name__ == "__main__":
    main()
