"""Hardening benchmark (issue 10, item 1): the denial-of-service inputs, measured.

    . .venv/bin/activate
    python bench/hardening/run.py [--admin-url postgresql://postgres@127.0.0.1:5432/postgres]
                                  [--only NAME ...]

1. Drops and recreates ``calapp_bench_hardening``, builds it with the
   migrations, and adds the bench user with one calendar.
2. Each case runs in its own process, through the whole HTTP stack in process
   (Flask test client, JWT auth, real PostgreSQL): ``POST /events`` with each
   rule of ``inputs.RULES``, ``POST /calendars/import`` of each file of
   ``inputs.FILES``, and ``parse`` of each file alone (``calapp.ics.text``).
3. Prints one line per case (status, CPU seconds of the process, peak-RSS
   growth) and writes them to ``bench/out/hardening-<UTC>/results.json``.

Targets: a request ≤ 1 s of CPU; an import ≤ 2 s per MiB and a peak-RSS growth
≤ 10x the upload.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from inputs import FILES, RULES  # noqa: E402

DB_NAME = "calapp_bench_hardening"
DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
JWT_SECRET = "bench-jwt-secret-" + "0123456789abcdef" * 3
USER = "bench@hardening.example"
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def recreate_database(admin_url: str) -> str:
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
    return admin_url.rsplit("/", 1)[0] + "/" + DB_NAME


def environment(url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "CALAPP_ENV": "production",
        "JWT_SECRET_KEY": JWT_SECRET,
        "LOG_LEVEL": "WARNING",
    }


def prepare(url: str) -> str:
    """Migrations, the bench user and its calendar; the calendar's id."""
    subprocess.run(  # noqa: S603 - our own venv's flask
        [str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env={**environment(url), "CALAPP_ENV": "development"},
        check=True,
        capture_output=True,
    )
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
        calendar = calendars.create(
            Principal(user.id),
            {"name": "Bench", "timezone": "Europe/Berlin"},
            users.now(),
        )
        db.session.commit()
        return str(calendar.id)


# --- one case, in a fresh process ----------------------------------------------------


def peak_rss_mb() -> float:
    """VmHWM: the peak RSS of this process (``ru_maxrss`` survives exec)."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


def one(kind: str, name: str, calendar_id: str) -> dict:
    if kind == "parse":
        from calapp.ics import text as ical

        data = FILES[name]()
        base, cpu = peak_rss_mb(), time.process_time()
        ical.parse(ical.decode(data)[0], "VCALENDAR")
        return _result(kind, name, 200, cpu, base, len(data))
    from calapp import create_app
    from calapp.auth import service as auth
    from calapp.extensions import db
    from calapp.users import service as users

    app = create_app({"RATELIMIT_ENABLED": False, "AUTO_MIGRATE": False})
    with app.app_context():
        token = auth.start_session(users.find_by_email(USER), users.now())
        db.session.commit()
    headers = {"Authorization": f"Bearer {token.access_token}"}
    client = app.test_client()
    client.get("/events", headers=headers)  # warm-up: imports, pools
    if kind == "event":
        body = {
            "calendar_id": calendar_id,
            "title": name,
            "start_time": "2026-01-05T09:00:00Z",
            "end_time": "2026-01-05T10:00:00Z",
            "timezone": "Europe/Berlin",
            "recurrence_rule": RULES[name],
        }
        base, cpu = peak_rss_mb(), time.process_time()
        r = client.post("/events", json=body, headers=headers)
        return _result(kind, name, r.status_code, cpu, base, 0, r.get_json())
    data = FILES[name]()
    base, cpu = peak_rss_mb(), time.process_time()
    r = client.post(
        "/calendars/import",
        query_string={"calendar_id": calendar_id},
        data=data,
        content_type="text/calendar",
        headers=headers,
    )
    return _result(kind, name, r.status_code, cpu, base, len(data), r.get_json())


def _result(kind, name, status, cpu, base, size, body=None) -> dict:
    out = {
        "kind": kind,
        "case": name,
        "status": status,
        "cpu_seconds": round(time.process_time() - cpu, 3),
        "peak_rss_growth_mb": round(peak_rss_mb() - base, 1),
        "bytes": size,
    }
    if size:
        mib = size / 2**20
        out["cpu_s_per_mib"] = round(out["cpu_seconds"] / mib, 3)
        out["rss_growth_x_upload"] = round(out["peak_rss_growth_mb"] / mib, 2)
    if isinstance(body, dict):
        if "code" in body:
            out["error"] = body.get("error", "")[:120]
        for key in ("created", "updated", "skipped"):
            if key in body:
                out[key] = body[key]
        if "errors" in body:
            out["import_errors"] = len(body["errors"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--admin-url", default=DEFAULT_ADMIN_URL)
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--one", nargs=3, metavar=("KIND", "NAME", "CALENDAR"))
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(*args.one)))
        return
    url = recreate_database(args.admin_url)
    calendar_id = prepare(url)
    cases = [
        *(("event", n) for n in RULES),
        *(("parse", n) for n in FILES),
        *(("import", n) for n in FILES),
    ]
    results = []
    for kind, name in cases:
        if args.only and name not in args.only:
            continue
        done = subprocess.run(  # noqa: S603 - this script, our venv
            [PYTHON, __file__, "--one", kind, name, calendar_id],
            cwd=ROOT,
            env=environment(url),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode:
            result = {"kind": kind, "case": name, "failed": done.stderr[-500:]}
        else:
            result = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(result)
        print(json.dumps(result), flush=True)
    out = ROOT / "bench" / "out" / f"hardening-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=1))
    print(f"results: {out / 'results.json'}")


if __name__ == "__main__":
    main()
