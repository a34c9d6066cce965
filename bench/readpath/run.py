"""The read path, side by side in one run. See bench/readpath/README.md.

    . .venv/bin/activate
    python bench/readpath/run.py                  # everything (~6 min, more
                                                  # the first time: Radicale venv)
    python bench/readpath/run.py --skip-radicale  # calapp only

(a) ``GET /events`` one week, limit 50, JWT, against the Core+dict ceiling, under
    gunicorn in production mode on ``calapp_bench`` (``bench/seed.py``);
(b) the month window (March 2027) of the generated 5,000-event calendar
    (``generate.py``), every page at limit 200, against Radicale 3.9 (its own
    venv, the same file, a CalDAV REPORT with ``expand`` over the same month);
(c) the year 2027 of that calendar paged to its end, and page 1 against page 70;
(d) the public booking availability for 30 days on ``calapp_bench_booking``
    (``bench/booking/seed.py``: 200 series + 5,000 events), 8 connections.

Writes ``bench/out/readpath-<UTC time>/`` (raw wrk outputs, logs, results.json,
summary.md); the figures go into bench/readpath/RESULTS.md by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.booking.run import CpuMeter, free_port  # noqa: E402
from bench.booking.seed import migrate  # noqa: E402
from bench.readpath.generate import calendar  # noqa: E402

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
JWT_SECRET = "bench-jwt-secret-" + "0123456789abcdef" * 3
REDIS_URL = "redis://127.0.0.1:6379/14"
WORKERS = 4
READPATH_DB = "calapp_bench_readpath"
RADICALE = "radicale==3.9.0"
RADICALE_VENV = ROOT / "bench" / ".venv-radicale"
MONTH = ("2027-03-01T00:00:00Z", "2027-04-01T00:00:00Z")
YEAR = ("2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z")
WEEK = "start=2026-11-23T00:00:00Z&end=2026-11-30T00:00:00Z&limit=50"


def log(message: str) -> None:
    print(message, flush=True)


def db_url(name: str) -> str:
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + name


# --- servers ---------------------------------------------------------------------


class Server:
    """gunicorn in production mode (``gunicorn.conf.py``) on one database."""

    def __init__(self, database: str, app: str, out: Path, name: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.database = database
        env = {
            **os.environ,
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(WORKERS),
            "CALAPP_ENV": "production",
            "JWT_SECRET_KEY": JWT_SECRET,
            "DATABASE_URL": db_url(database),
            "REDIS_URL": REDIS_URL,
            "RATELIMIT_ENABLED": "false",
            "AUTO_MIGRATE": "false",
            "ICS_MAX_BYTES": str(20 * 1024 * 1024),
        }
        command = [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "-c", "gunicorn.conf.py", "--no-control-socket", app,
        ]  # fmt: skip
        self.log_path = out / f"gunicorn-{name}.log"
        with open(self.log_path, "wb") as handle:
            self.process = subprocess.Popen(  # noqa: S603
                command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT
            )
        self._wait(f"{self.base}/health")

    def _wait(self, url: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2):  # noqa: S310
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        sys.exit("gunicorn did not start:\n" + self.log_path.read_text())

    def meter(self):
        import bench.booking.run as booking_run

        booking_run.DB_NAME = self.database  # CpuMeter's backends: this database
        booking_run.DB_URL = db_url(self.database)
        return CpuMeter(self.process.pid)  # gunicorn workers + their backends

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def call(method: str, url: str, body=None, headers=None, timeout=600):
    """``(status, body bytes, seconds)`` of one HTTP request."""
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    request = urllib.request.Request(url, data=data, method=method)  # noqa: S310
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    if isinstance(body, dict):
        request.add_header("Content-Type", "application/json")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            payload = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        payload, status = error.read(), error.code
    return status, payload, time.perf_counter() - started


def login(base: str, email: str, password: str) -> dict:
    status, payload, _ = call(
        "POST", f"{base}/auth/login", {"email": email, "password": password}
    )
    assert status == 200, payload
    return {"Authorization": "Bearer " + json.loads(payload)["access_token"]}


def wrk(url: str, connections: int, seconds: int, out: Path, header=None) -> dict:
    """wrk ``--latency`` on ``url`` (with one ``header``): req/s and percentiles."""
    threads = min(2, connections)  # wrk needs a connection per thread
    command = [shutil.which("wrk") or "/usr/bin/wrk", f"-t{threads}",
               f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",
               url]  # fmt: skip
    if header:
        command += ["-H", header]
    text = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=True
    ).stdout
    out.write_text(text)

    def ms(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        value, unit = match.groups()
        return round(float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit], 1)

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", text)[1]),
        "requests": int(re.search(r"(\d+) requests in", text)[1]),
        "non_2xx": int(non_2xx[1]) if non_2xx else 0,
        "p50_ms": ms("50"),
        "p90_ms": ms("90"),
        "p99_ms": ms("99"),
    }


def measured(meter, url: str, connections: int, seconds: int, out: Path, header=None):
    """wrk on ``url`` with CPU per request of the app and PostgreSQL."""
    wrk(url, 2, 3, out.with_suffix(".warmup.txt"), header)
    before = meter.snapshot()
    result = wrk(url, connections, seconds, out, header)
    after = meter.snapshot()
    return {**result, **meter.per_request(before, after, result["requests"])}


# --- (a) the events list against the ceiling --------------------------------------


def events_list(out: Path, seconds: int) -> dict:
    if not (ROOT / "bench" / "out" / "seed.json").exists():
        log("seeding calapp_bench (bench/seed.py)")
        subprocess.run([sys.executable, "bench/seed.py"], cwd=ROOT, check=True)  # noqa: S603
    seed = json.loads((ROOT / "bench" / "out" / "seed.json").read_text())
    server = Server("calapp_bench", "bench.wsgi_bench:app", out, "list")
    try:
        auth = login(server.base, seed["bench_user"], seed["password"])
        header = "Authorization: " + auth["Authorization"]
        real = f"{server.base}/events?{WEEK}"
        ceiling = (
            f"{server.base}/bench/events-ceiling?{WEEK}&user={seed['bench_user_id']}"
        )
        ids = [
            [item["id"] for item in json.loads(call("GET", url, headers=h)[1])["items"]]
            for url, h in ((real, auth), (ceiling, {}))
        ]
        assert ids[0] == ids[1], "the ceiling and the list differ"
        meter = server.meter()
        rounds = []
        for n in (1, 2):
            ceil = measured(meter, ceiling, 16, seconds, out / f"a{n}-ceiling.txt")
            lst = measured(
                meter, real, 16, seconds, out / f"a{n}-list.txt", header=header
            )
            rounds.append({"ceiling": ceil, "list": lst})
        ratio = sum(r["list"]["requests_per_s"] for r in rounds) / sum(
            r["ceiling"]["requests_per_s"] for r in rounds
        )
        return {"rounds": rounds, "ratio": round(ratio, 3)}
    finally:
        server.stop()


# --- (b) and (c): the generated calendar ------------------------------------------


def recreate(name: str) -> None:
    import psycopg2
    from psycopg2 import sql

    conn = psycopg2.connect(ADMIN_URL)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    conn.close()


def seed_readpath() -> None:
    log(f"creating {READPATH_DB}")
    recreate(READPATH_DB)
    migrate(db_url(READPATH_DB))
    code = (
        "from calapp import create_app\n"
        "from calapp.extensions import db\n"
        "from calapp.users import service\n"
        "app = create_app({'AUTO_MIGRATE': False, 'BCRYPT_ROUNDS': 4})\n"
        "with app.app_context():\n"
        "    service.create_user('reader@bench.example', 'bench-password-1')\n"
        "    db.session.commit()\n"
    )
    env = {
        **os.environ,
        "DATABASE_URL": db_url(READPATH_DB),
        "CALAPP_ENV": "development",
        "JWT_SECRET_KEY": JWT_SECRET,
    }
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)  # noqa: S603


def walk(base: str, auth: dict, window: tuple[str, str], limit: int) -> dict:
    """Every page of a window: count, pages, seconds per page (client side)."""
    cursor, pages, items, keys = None, [], 0, set()
    while True:
        query = {"start": window[0], "end": window[1], "limit": limit}
        if cursor:
            query["cursor"] = cursor
        status, payload, took = call(
            "GET", f"{base}/events?{urllib.parse.urlencode(query)}", headers=auth
        )
        assert status == 200, payload[:300]
        page = json.loads(payload)
        pages.append({"seconds": took, "cursor": cursor})
        items += len(page["items"])
        keys.update((i["start_time"], i["id"]) for i in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            assert len(keys) == items, "an item was listed twice"
            return {"items": items, "pages": pages}


def calendar_phase(out: Path, ics: Path) -> dict:
    seed_readpath()
    server = Server(READPATH_DB, "wsgi:app", out, "calendar")
    try:
        auth = login(server.base, "reader@bench.example", "bench-password-1")
        status, payload, took = call(
            "POST",
            f"{server.base}/calendars/import",
            ics.read_bytes(),
            {**auth, "Content-Type": "text/calendar"},
        )
        assert status == 201, payload[:500]
        log(f"  imported in {took:.1f} s: {json.loads(payload).get('created')} created")
        month = [walk(server.base, auth, MONTH, 200) for _ in range(6)]
        totals = sorted(sum(p["seconds"] for p in m["pages"]) for m in month[1:])
        year = [walk(server.base, auth, YEAR, 200) for _ in range(2)]
        year_total = min(sum(p["seconds"] for p in y["pages"]) for y in year)
        pages = year[-1]["pages"]
        deep = {}
        for n in (1, 70):
            if len(pages) < n:
                continue
            query = {"start": YEAR[0], "end": YEAR[1], "limit": 200}
            if pages[n - 1]["cursor"]:
                query["cursor"] = pages[n - 1]["cursor"]
            url = f"{server.base}/events?{urllib.parse.urlencode(query)}"
            times = [call("GET", url, headers=auth)[2] for _ in range(30)]
            deep[f"page_{n}_ms_median"] = round(statistics.median(times) * 1000, 1)
        return {
            "month": {
                "occurrences": month[0]["items"],
                "pages": len(month[0]["pages"]),
                "total_ms_median": round(statistics.median(totals) * 1000, 1),
                "total_ms_min": round(totals[0] * 1000, 1),
            },
            "year": {
                "items": year[-1]["items"],
                "pages": len(pages),
                "total_ms": round(year_total * 1000, 1),
                **deep,
            },
        }
    finally:
        server.stop()


def radicale_phase(out: Path, ics: Path) -> dict:
    python = RADICALE_VENV / "bin" / "python"
    if not python.exists():
        log(f"creating {RADICALE_VENV} with {RADICALE}")
        subprocess.run([sys.executable, "-m", "venv", str(RADICALE_VENV)], check=True)  # noqa: S603
        subprocess.run(  # noqa: S603
            [str(python), "-m", "pip", "install", "-q", RADICALE], check=True
        )
    version = subprocess.run(  # noqa: S603
        [str(python), "-c", "import radicale; print(radicale.VERSION)"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    storage = out / "radicale-storage"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(out / "radicale.log", "wb") as handle:
        process = subprocess.Popen(  # noqa: S603
            [
                str(python), "-m", "radicale",
                "--server-hosts", f"127.0.0.1:{port}",
                "--auth-type", "none",
                "--storage-filesystem-folder", str(storage),
                "--logging-level", "warning",
            ],
            stdout=handle, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        for _ in range(100):
            try:
                call("GET", f"{base}/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        who = {"Authorization": "Basic YmVuY2g6YmVuY2g="}  # bench:bench
        status, payload, took = call(
            "PUT",
            f"{base}/bench/readpath/",
            ics.read_bytes(),
            {**who, "Content-Type": "text/calendar"},
        )
        assert status in (200, 201), payload[:500]
        log(f"  uploaded to Radicale {version} in {took:.1f} s")
        start, end = (x.replace("-", "").replace(":", "") for x in MONTH)
        report = f"""<?xml version="1.0" encoding="utf-8" ?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><C:calendar-data>
    <C:expand start="{start}" end="{end}"/>
  </C:calendar-data></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="{start}" end="{end}"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>""".encode()
        runs = []
        for _ in range(3):
            status, payload, took = call(
                "REPORT",
                f"{base}/bench/readpath/",
                report,
                {**who, "Depth": "1", "Content-Type": "application/xml"},
            )
            assert status == 207, payload[:500]
            runs.append(took)
        (out / "radicale-report.xml").write_bytes(payload)
        return {
            "version": version,
            "report_ms": [round(t * 1000, 1) for t in runs],
            "report_ms_median": round(statistics.median(runs) * 1000, 1),
            "vevents": payload.count(b"BEGIN:VEVENT"),
        }
    finally:
        process.terminate()
        process.wait(timeout=30)


# --- (d) booking availability -----------------------------------------------------


def availability_phase(out: Path, seconds: int) -> dict:
    log("seeding calapp_bench_booking (bench/booking/seed.py)")
    subprocess.run([sys.executable, "bench/booking/seed.py"], cwd=ROOT, check=True)  # noqa: S603
    info = json.loads((ROOT / "bench" / "out" / "booking-seed.json").read_text())
    server = Server("calapp_bench_booking", "wsgi:app", out, "booking")
    try:
        tomorrow = datetime.now(UTC).replace(
            hour=0, minute=0, second=0, microsecond=0
        ) + timedelta(days=1)
        window = {
            "start": tomorrow.isoformat().replace("+00:00", "Z"),
            "end": (tomorrow + timedelta(days=30)).isoformat().replace("+00:00", "Z"),
        }
        url = (
            f"{server.base}/booking/{info['token']}/availability?"
            + urllib.parse.urlencode(window)
        )
        status, payload, _ = call("GET", url)
        assert status == 200, payload[:300]
        meter = server.meter()
        return {
            "slots": len(json.loads(payload)["slots"]),
            "c1": measured(meter, url, 1, seconds, out / "d-c1.txt"),
            "c8": measured(meter, url, 8, seconds, out / "d-c8.txt"),
        }
    finally:
        server.stop()


# --- main --------------------------------------------------------------------------


def machine() -> dict:
    with open("/proc/loadavg") as handle:
        load = handle.read().split()[:3]
    return {"load_before": load, "cpus": os.cpu_count()}


def summary(results: dict) -> str:
    lines = ["| measurement | figure | target |", "| --- | --- | --- |"]
    a = results.get("list")
    if a:
        for n, r in enumerate(a["rounds"], 1):
            c, lst = r["ceiling"], r["list"]
            lines.append(
                f"| (a) round {n}: ceiling / list req/s | {c['requests_per_s']} / "
                f"{lst['requests_per_s']} | |"
            )
            lines.append(
                f"| (a) round {n}: CPU ms/req app+PG, ceiling / list | "
                f"{c['app_cpu_ms_per_req']}+{c['db_cpu_ms_per_req']} / "
                f"{lst['app_cpu_ms_per_req']}+{lst['db_cpu_ms_per_req']} | |"
            )
        lines.append(f"| (a) list / ceiling req/s | {a['ratio']:.0%} | ≥ 80 % |")
    b = results.get("calendar")
    if b:
        m, y = b["month"], b["year"]
        lines.append(
            f"| (b) month, {m['occurrences']} items in {m['pages']} pages: total "
            f"(median of 5 / best) | {m['total_ms_median']} / {m['total_ms_min']} ms "
            "| ≤ 150 ms |"
        )
        lines.append(
            f"| (c) year, {y['items']} items in {y['pages']} pages: total | "
            f"{y['total_ms']} ms ({y['total_ms'] / m['total_ms_median']:.1f}x the "
            "month) | ≤ 12x |"
        )
        if "page_70_ms_median" in y:
            lines.append(
                f"| (c) page 1 / page 70 (median of 30) | {y['page_1_ms_median']} / "
                f"{y['page_70_ms_median']} ms | within 1.3x |"
            )
    r = results.get("radicale")
    if r and b:
        lines.append(
            f"| (b) Radicale {r['version']} REPORT expand, month ({r['vevents']} "
            f"VEVENTs) | {r['report_ms_median']} ms "
            f"({r['report_ms_median'] / b['month']['total_ms_median']:.0f}x calapp) "
            "| calapp ≥ 100x faster |"
        )
    d = results.get("availability")
    if d:
        for key in ("c1", "c8"):
            x = d[key]
            lines.append(
                f"| (d) availability 30 days, {key}: req/s, p50, CPU ms/req app+PG | "
                f"{x['requests_per_s']}, {x['p50_ms']} ms, "
                f"{x['app_cpu_ms_per_req']}+{x['db_cpu_ms_per_req']} | "
                + ("p50 ≤ 30 ms, ≤ 8 ms CPU |" if key == "c8" else "|")
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-radicale", action="store_true")
    parser.add_argument("--only", choices=("list", "calendar", "availability"))
    parser.add_argument("--duration", type=int, default=20, help="wrk seconds")
    args = parser.parse_args()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "bench" / "out" / f"readpath-{stamp}"
    out.mkdir(parents=True)
    ics = out / "calendar.ics"
    ics.write_text(calendar(), newline="")
    results: dict = {"machine": machine()}

    def save() -> None:  # after each phase: a later failure keeps the figures
        (out / "results.json").write_text(json.dumps(results, indent=2))

    if args.only in (None, "list"):
        log("(a) events list against the ceiling")
        results["list"] = events_list(out, args.duration)
        save()
    if args.only in (None, "calendar"):
        log("(b, c) the generated calendar in calapp")
        results["calendar"] = calendar_phase(out, ics)
        save()
        if not args.skip_radicale:
            log("(b) the same month in Radicale")
            results["radicale"] = radicale_phase(out, ics)
            save()
    if args.only in (None, "availability"):
        log("(d) booking availability")
        results["availability"] = availability_phase(out, args.duration)
    results["machine"]["load_after"] = machine()["load_before"]
    (out / "results.json").write_text(json.dumps(results, indent=2))
    text = summary(results)
    (out / "summary.md").write_text(text)
    log(text)
    log(f"outputs in {out}")


if __name__ == "__main__":
    main()
