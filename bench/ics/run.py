"""ICS import and export benchmark: 10,000-event import, 10k and 100k exports.

    . .venv/bin/activate
    python bench/ics/run.py [--admin-url postgresql://postgres@127.0.0.1:5432/postgres]
                            [--rounds 3]

1. Drops and recreates ``calapp_bench_ics`` and builds it with the migrations.
2. Generates ten 10,000-VEVENT files (``generate.py``, prefixes b0..b9).
3. Import: ``measure.py import b0.ics`` into a new calendar, ``--rounds`` times
   (each run creates its own 10k calendar), once more with tracemalloc, and the
   same file again into the first calendar (everything skipped).
4. Loads b0..b9 into one calendar (100,000 events) through the import service.
5. Export of the first 10k calendar and of the 100k calendar, ``--rounds`` times
   each plus one tracemalloc run each.

Every measurement runs in its own process. Results: ``bench/out/ics-<UTC>/``
(``results.json``, ``summary.md``) and the table on stdout.
"""

from __future__ import annotations

import argparse
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
sys.path.insert(0, str(ROOT / "bench" / "ics"))

from generate import generate  # noqa: E402

DB_NAME = "calapp_bench_ics"
DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
JWT_SECRET = "bench-jwt-secret-" + "0123456789abcdef" * 3
USER = "bench@ics.example"
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def log(message: str) -> None:
    print(message, flush=True)


def recreate_database(admin_url: str) -> None:
    conn = psycopg2.connect(admin_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (DB_NAME,),
        )
        name = sql.Identifier(DB_NAME)
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(name))
        cur.execute(sql.SQL("CREATE DATABASE {}").format(name))
    conn.close()


def environment(url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "CALAPP_ENV": "production",
        "JWT_SECRET_KEY": JWT_SECRET,
        "LOG_LEVEL": "WARNING",
    }


def migrate(url: str) -> None:
    subprocess.run(  # noqa: S603 - our own venv's flask
        [str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env={**environment(url), "CALAPP_ENV": "development"},
        check=True,
        capture_output=True,
    )


def seed_user(url: str) -> str:
    """The bench user and an empty calendar (export warm-up); its id."""
    os.environ.update(environment(url))
    from calapp import create_app
    from calapp.calendars import service as calendars
    from calapp.extensions import db
    from calapp.security import Principal
    from calapp.users import service as users

    app = create_app({"AUTO_MIGRATE": False})
    with app.app_context():
        user = users.create_user(USER, "bench-password-1", timezone="Europe/Berlin")
        db.session.flush()
        empty = calendars.create(
            Principal(user.id), {"name": "Empty", "timezone": "UTC"}, users.now()
        )
        db.session.commit()
        return str(empty.id)


def load_100k(url: str, files: list[Path]) -> str:
    """Import every file into one new calendar (not measured); its id."""
    from calapp import create_app
    from calapp.calendars import service as calendars
    from calapp.extensions import db
    from calapp.ics import import_
    from calapp.security import Principal
    from calapp.users import service as users

    app = create_app({"AUTO_MIGRATE": False})
    with app.app_context():
        user = users.find_by_email(USER)
        principal = Principal(user.id)
        big = calendars.create(
            principal, {"name": "100k", "timezone": "Europe/Berlin"}, users.now()
        )
        db.session.commit()
        for path in files:
            report, _ = import_.run(
                principal,
                path.read_bytes(),
                calendar_id=big.id,
                mode="merge",
                dry_run=False,
                now=users.now(),
            )
            db.session.commit()
            assert not report.errors, report.errors[:3]
        return str(big.id)


def analyze(url: str) -> None:
    """What autovacuum does soon after a bulk load. Without statistics the
    planner sorts the 100,000 rows (on disk) instead of reading them in order
    from ix_events_calendar_start, and the first row comes after the last."""
    conn = psycopg2.connect(url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("ANALYZE events, event_reminders, event_attendees")
    conn.close()


def measure(url: str, *args: str) -> dict:
    done = subprocess.run(  # noqa: S603 - our own script
        [PYTHON, str(ROOT / "bench" / "ics" / "measure.py"), *args],
        cwd=ROOT,
        env=environment(url),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def series(url: str, rounds: int, *args: str) -> dict:
    """``rounds`` timed runs (median) and one tracemalloc run."""
    timed = [measure(url, *args) for _ in range(rounds)]
    traced = measure(url, *args, "--trace")
    best = sorted(timed, key=lambda r: r["seconds"])[len(timed) // 2]
    return {
        **best,
        "seconds_all": [r["seconds"] for r in timed],
        "median_seconds": statistics.median(r["seconds"] for r in timed),
        "tracemalloc_peak_mb": traced["tracemalloc_peak_mb"],
        "traced_seconds": traced["seconds"],
        "runs": timed,
    }


def row(name: str, r: dict) -> str:
    runs = ", ".join(f"{s:.2f}" for s in r["seconds_all"])
    rate = round(r["events"] / r["median_seconds"])
    return (
        f"| {name} | {r['events']:,} | {r['bytes'] / 2**20:.1f} MiB | "
        f"{r['median_seconds']:.2f} s ({runs}) | {rate:,} | {r['cpu_seconds']:.2f} s | "
        f"{r['tracemalloc_peak_mb']:.1f} MiB | {r['maxrss_growth_mb']:.1f} MiB |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--admin-url", default=DEFAULT_ADMIN_URL)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    url = args.admin_url.rsplit("/", 1)[0] + "/" + DB_NAME
    out = ROOT / "bench" / "out" / f"ics-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    out.mkdir(parents=True)
    log(f"database {DB_NAME}: recreate and migrate")
    recreate_database(args.admin_url)
    migrate(url)
    empty = seed_user(url)
    files = []
    for n in range(10):
        path = out / f"b{n}.ics"
        path.write_bytes(generate(f"b{n}"))
        files.append(path)
    log(f"files: 10 x {files[0].stat().st_size:,} bytes in {out}")
    results = {}
    log("import b0.ics into a new calendar ...")
    results["import"] = series(url, args.rounds, "import", str(files[0]))
    first = results["import"]["runs"][0]["calendar_id"]
    log("re-import b0.ics into the same calendar (all skipped) ...")
    results["reimport"] = series(
        url, args.rounds, "import", str(files[0]), "--calendar-id", first
    )
    log("loading 100,000 events ...")
    started = time.perf_counter()
    big = load_100k(url, files)
    log(f"  {time.perf_counter() - started:.1f} s")
    analyze(url)
    for name, calendar_id in (("export_10k", first), ("export_100k", big)):
        log(f"{name} ...")
        results[name] = series(
            url, args.rounds, "export", calendar_id, "--warm-calendar-id", empty
        )
    table = [
        "| measurement | events | file | wall time, median (runs) | events/s | "
        "app CPU | tracemalloc peak | peak RSS growth |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        row("import 10k into a new calendar", results["import"]),
        row("re-import the same file (all skipped)", results["reimport"]),
        row("export 10k", results["export_10k"]),
        row("export 100k", results["export_100k"]),
    ]
    (out / "results.json").write_text(json.dumps(results, indent=2))
    (out / "summary.md").write_text("\n".join(table) + "\n")
    log("\n".join(table))
    log(f"results in {out}")


if __name__ == "__main__":
    main()
