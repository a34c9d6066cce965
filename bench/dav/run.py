"""CalDAV benchmark: 5,000 objects PUT one by one, an initial client sync, a
month's calendar-query with expand, and an incremental sync after one change.

    . .venv/bin/activate
    python bench/dav/run.py                # ~1-2 min
    python bench/dav/run.py --clients 4    # the upload from 4 clients at once
    python bench/dav/run.py --analyze      # table statistics as autovacuum makes
    sh bench/dav/install_radicale.sh       # once: Radicale 3.9 in bench/.venv-radicale
    python bench/dav/run.py --server both  # Radicale (~15 min), then calapp

Bench-only code. It drops and recreates ``calapp_bench_dav``, builds it with the
real migrations, creates one user, a calendar and an API key (the app password:
no bcrypt per request), starts gunicorn (2 workers, 4 threads) on it and talks
to it over a real socket with ``requests`` and HTTP Basic:

1. **Upload**: 500 weekly series (52 weeks each) and 4,500 single events over
   2026, one PUT each with ``If-None-Match: *``, sequentially (one client) or
   from ``--clients N`` connections at once.
2. **Initial sync**: ``sync-collection`` with no token (hrefs + ETags), then
   ``calendar-multiget`` of every href in batches of 100 (what DAVx5 does).
3. **calendar-query with expand** over March 2026 (20 runs, median).
4. **Incremental sync**: one PUT changes one object, then ``sync-collection``
   with the previous token returns it (20 runs, median of the REPORT alone).

``--server radicale`` (or ``both``) runs the same four steps against Radicale
3.9 from the bench's own venv (its filesystem storage in a new temporary folder,
``auth type = none``: no password check is counted against it), with 5 runs of
the expand and of the incremental sync instead of 20 (its expand takes seconds).

Outputs: ``bench/out/dav-<UTC time>/results.json`` and the figures on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import psycopg2
import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DB_NAME = "calapp_bench_dav"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DB_URL = f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}"
PORT = 3091
RADICALE_PORT = 3092
SERIES, SINGLES = 500, 4_500
RUNS = 20
RADICALE_RUNS = 5  # its month expand takes seconds
ANALYZE_AFTER = 500
ENV = {
    "CALAPP_ENV": "production",
    "JWT_SECRET_KEY": "bench-dav-jwt-secret-" + "0123456789abcdef" * 3,
    "DATABASE_URL": DB_URL,
    "REDIS_URL": "redis://127.0.0.1:6379/14",
    "HUEY_NAME": f"bench-dav-{os.getpid()}",
    "AUTO_MIGRATE": "false",
    "RATELIMIT_ENABLED": "false",
    "LOG_LEVEL": "WARNING",
    "BCRYPT_ROUNDS": "4",
}
D = "DAV:"


def recreate_database() -> None:
    conn = psycopg2.connect(ADMIN_URL)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{DB_NAME}"')
    conn.close()


def setup() -> tuple[str, str, str]:
    """Migrate, then a user, a calendar and an app password: (email, key, path)."""
    os.environ.update(ENV)
    from flask_migrate import upgrade

    from calapp import create_app
    from calapp.api_keys import service as keys
    from calapp.calendars import service as calendars
    from calapp.extensions import db
    from calapp.security import Principal
    from calapp.users import service as users

    app = create_app()
    with app.app_context():
        upgrade()
        user = users.create_user("bench@example.com", "bench-password-1")
        now = users.now()
        calendar = calendars.create(
            Principal(user_id=user.id),
            {"name": "Bench", "timezone": "Europe/Berlin"},
            now,
        )
        _, key = keys.create(user.id, "bench", ["calendars:write", "events:write"], now)
        db.session.commit()
        return user.email, key, f"/dav/calendars/{user.id}/{calendar.id}/"


def series(i: int) -> str:
    day = 5 + i % 5
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:series-{i}@bench\r\nDTSTAMP:20260101T000000Z\r\n"
        f"DTSTART;TZID=Europe/Berlin:202601{day:02d}T{8 + i % 9:02d}0000\r\n"
        f"DTEND;TZID=Europe/Berlin:202601{day:02d}T{8 + i % 9:02d}3000\r\n"
        f"RRULE:FREQ=WEEKLY;COUNT=52\r\nSUMMARY:Series {i}\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )


def single(i: int) -> str:
    month, day, hour = 1 + i % 12, 1 + i % 28, 7 + i % 12
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:single-{i}@bench\r\nDTSTAMP:20260101T000000Z\r\n"
        f"DTSTART:2026{month:02d}{day:02d}T{hour:02d}0000Z\r\n"
        f"DTEND:2026{month:02d}{day:02d}T{hour:02d}4500Z\r\n"
        f"SUMMARY:Single {i}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def sync_body(token: str = "") -> str:
    return (
        '<D:sync-collection xmlns:D="DAV:"><D:sync-token>'
        f"{token}</D:sync-token><D:sync-level>1</D:sync-level>"
        "<D:prop><D:getetag/></D:prop></D:sync-collection>"
    )


def multiget(hrefs: list[str]) -> str:
    inner = "".join(f"<D:href>{h}</D:href>" for h in hrefs)
    return (
        '<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
        f"<D:prop><D:getetag/><C:calendar-data/></D:prop>{inner}</C:calendar-multiget>"
    )


EXPAND = (
    '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
    '<D:prop><D:getetag/><C:calendar-data><C:expand start="20260301T000000Z" '
    'end="20260401T000000Z"/></C:calendar-data></D:prop><C:filter>'
    '<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
    '<C:time-range start="20260301T000000Z" end="20260401T000000Z"/>'
    "</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>"
)


def token_of(body: bytes) -> str:
    import defusedxml.ElementTree as ET

    return ET.fromstring(body).findtext("{DAV:}sync-token")


def upload(base: str, path: str, auth, bodies: list[str], clients: int) -> None:
    """PUT every body as a new object (``If-None-Match: *``), ``clients``
    connections at once, each with its share of the bodies (a client such as
    DAVx5 uploads in parallel)."""

    def one_client(share: list[str]) -> None:
        http = requests.Session()
        http.auth = auth
        for body in share:
            response = http.put(
                f"{base}{path}{uuid.uuid4()}.ics",
                data=body.encode(),
                headers={"If-None-Match": "*", "Content-Type": "text/calendar"},
            )
            assert response.status_code == 201, (response.status_code, response.text)

    shares = [bodies[i::clients] for i in range(clients)]
    with ThreadPoolExecutor(clients) as pool:
        for done in [pool.submit(one_client, share) for share in shares]:
            done.result()


def responses_in(body: bytes) -> int:
    import defusedxml.ElementTree as ET

    return len(ET.fromstring(body).findall("{DAV:}response"))


def measure(base: str, path: str, auth, clients: int, analyze: bool, runs: int):
    """The four measures against a running server (calapp or Radicale)."""
    http = requests.Session()
    http.auth = auth
    results = {}

    bodies = [series(i) for i in range(SERIES)] + [single(i) for i in range(SINGLES)]
    started = time.perf_counter()
    if analyze:
        # As autovacuum would on a default server (this one runs without):
        # the planner's first statistics once the calendar has some rows.
        upload(base, path, auth, bodies[:ANALYZE_AFTER], clients)
        with psycopg2.connect(DB_URL) as conn, conn.cursor() as cur:
            cur.execute("ANALYZE events")
        upload(base, path, auth, bodies[ANALYZE_AFTER:], clients)
    else:
        upload(base, path, auth, bodies, clients)
    results["upload_5000_puts_s"] = round(time.perf_counter() - started, 2)
    results["upload_clients"] = clients
    results["analyze_after_puts"] = ANALYZE_AFTER if analyze else None

    started = time.perf_counter()
    listing = http.request(
        "REPORT", base + path, data=sync_body(), headers={"Depth": "1"}
    )
    assert listing.status_code == 207, (listing.status_code, listing.text[:500])
    import defusedxml.ElementTree as ET

    hrefs = [
        r.findtext("{DAV:}href")
        for r in ET.fromstring(listing.content).findall("{DAV:}response")
    ]
    results["initial_sync_listing_s"] = round(time.perf_counter() - started, 3)
    fetched = 0
    for i in range(0, len(hrefs), 100):
        answer = http.request("REPORT", base + path, data=multiget(hrefs[i : i + 100]))
        fetched += answer.content.count(b"BEGIN:VCALENDAR")
    assert fetched == len(bodies), fetched
    results["initial_sync_s"] = round(time.perf_counter() - started, 2)
    token = token_of(listing.content)

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        answer = http.request(
            "REPORT", base + path, data=EXPAND, headers={"Depth": "1"}
        )
        times.append(time.perf_counter() - started)
        assert answer.status_code == 207, (answer.status_code, answer.text[:500])
    results["expand_month_runs"] = runs
    results["expand_month_ms_median"] = round(statistics.median(times) * 1000, 1)
    results["expand_month_occurrences"] = answer.content.count(b"BEGIN:VEVENT")

    times = []
    for run in range(runs):
        href = hrefs[run]
        body = http.get(base + href).text.replace("SUMMARY:", f"SUMMARY:v{run} ")
        assert http.put(base + href, data=body.encode()).status_code in (200, 201, 204)
        started = time.perf_counter()
        answer = http.request("REPORT", base + path, data=sync_body(token))
        times.append(time.perf_counter() - started)
        assert responses_in(answer.content) == 1, answer.text[:500]
        token = token_of(answer.content)
    results["incremental_sync_ms_median"] = round(statistics.median(times) * 1000, 1)
    return results


def wait_for(url: str) -> None:
    while True:
        try:
            requests.get(url, timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.2)


def run_calapp(clients: int, analyze: bool) -> dict:
    recreate_database()
    email, key, path = setup()
    env = {**os.environ, **ENV, "PORT": str(PORT), "WEB_CONCURRENCY": "2"}
    server = subprocess.Popen(  # noqa: S603
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py",
         "--threads", "4", "wsgi:app"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{PORT}"
    try:
        wait_for(base + "/health")
        return measure(base, path, (email, key), clients, analyze, RUNS)
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_radicale(clients: int) -> dict:
    """The same measures against Radicale from the bench's own venv
    (``bench/dav/install_radicale.sh``), its filesystem storage in a fresh
    folder, no authentication (so no password check counts against it)."""
    python = ROOT / "bench" / ".venv-radicale" / "bin" / "python"
    if not python.exists():
        raise SystemExit("Radicale is not installed: sh bench/dav/install_radicale.sh")
    folder = Path(tempfile.mkdtemp(prefix="bench-radicale-"))
    base = f"http://127.0.0.1:{RADICALE_PORT}"
    server = subprocess.Popen(  # noqa: S603
        [str(python), "-m", "radicale", "--config", "",
         "--server-hosts", f"127.0.0.1:{RADICALE_PORT}",
         "--auth-type", "none", "--rights-type", "owner_only",
         "--storage-filesystem-folder", str(folder),
         "--server-max-content-length", str(100_000_000),
         "--reporting-max-expand-occurrence", "100000",
         "--logging-level", "warning"],
    )  # fmt: skip
    try:
        wait_for(base + "/")
        auth = ("bench", "bench")
        path = "/bench/calendar/"
        made = requests.request("MKCALENDAR", base + path, auth=auth, timeout=30)
        assert made.status_code == 201, (made.status_code, made.text)
        return measure(base, path, auth, clients, False, RADICALE_RUNS)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--clients", type=int, default=1, help="concurrent clients of the upload"
    )
    parser.add_argument(
        "--analyze",
        action="store_true",
        help=f"ANALYZE the events once after {ANALYZE_AFTER} PUTs, as autovacuum "
        "would (the server here runs without it)",
    )
    parser.add_argument(
        "--server",
        choices=("calapp", "radicale", "both"),
        default="calapp",
        help="which server to measure (both: Radicale, then calapp)",
    )
    args = parser.parse_args()
    results = {"load_before": os.getloadavg()[0]}
    if args.server in ("radicale", "both"):
        results["radicale"] = run_radicale(args.clients)
        print(json.dumps(results["radicale"], indent=2), flush=True)
    if args.server in ("calapp", "both"):
        results["calapp"] = run_calapp(args.clients, args.analyze)
    results["load_after"] = os.getloadavg()[0]
    if "radicale" in results and "calapp" in results:
        ours, theirs = results["calapp"], results["radicale"]
        results["initial_sync_speedup"] = round(
            theirs["initial_sync_s"] / ours["initial_sync_s"], 1
        )
    out = ROOT / "bench" / "out" / f"dav-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
