"""MCP benchmark: ``tools/call list_events`` against the same ``GET /events``.

    . .venv/bin/activate
    python bench/mcp/run.py            # ~2 min: recreate the database, seed, measure

Bench-only code. What it does (README.md beside this file has the figures):

1. Drops and recreates ``calapp_bench_mcp``, builds it with the real migrations,
   and seeds through the app: one user, an API key with every scope, a calendar
   with 400 single events over 2030 and 10 weekly series.
2. Starts gunicorn as production runs it (``CALAPP_ENV=production``, sync
   workers, ``WEB_CONCURRENCY=2``, the rate limit off so it does not count).
3. From one client thread (no queueing: latency ~ service time + HTTP), over a
   new connection per request as the sync worker closes each one, alternates
   the two calls with the same arguments: a 31-day window (``start``, ``end``,
   ``limit=50``; the series expanded), the API key in ``X-API-Key``. A warm-up,
   then ``ROUNDS`` of each; median and p95 of each, and their ratio.
4. Reads the time spent in the server from gunicorn's access log (whole ms).
5. Writes ``bench/out/mcp-<UTC time>/results.json`` and prints the figures.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DB_NAME = "calapp_bench_mcp"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DB_URL = f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}"
JWT_SECRET = "bench-mcp-secret-" + "0123456789abcdef" * 3  # noqa: S105
WARMUP, ROUNDS = 100, 600
SINGLE_EVENTS, SERIES = 400, 10
WINDOW = {"start": "2030-03-01T00:00:00Z", "end": "2030-04-01T00:00:00Z", "limit": 50}

ENV = {
    "CALAPP_ENV": "production",
    "JWT_SECRET_KEY": JWT_SECRET,
    "DATABASE_URL": DB_URL,
    "REDIS_URL": "redis://127.0.0.1:6379/13",
    "HUEY_NAME": f"bench-mcp-{os.getpid()}",
    "AUTO_MIGRATE": "false",
    "RATELIMIT_ENABLED": "false",
    "LOG_LEVEL": "WARNING",
    "WEB_CONCURRENCY": "2",
}


def log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


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
        env={**os.environ, **ENV},
        check=True,
        capture_output=True,
    )


def seed() -> str:
    """The seeded user's API key (every scope)."""
    os.environ.update(ENV)
    from calapp import create_app
    from calapp.security import ALL_SCOPES

    app = create_app()
    client = app.test_client()
    r = client.post(
        "/auth/register",
        json={"email": "bench@bench.example", "password": "bench-password-1"},
    )
    assert r.status_code == 201, r.get_json()
    headers = {"Authorization": f"Bearer {r.get_json()['access_token']}"}
    r = client.post(
        "/api-keys",
        json={"name": "bench", "scopes": sorted(ALL_SCOPES)},
        headers=headers,
    )
    assert r.status_code == 201, r.get_json()
    key = r.get_json()["key"]
    r = client.post("/calendars", json={"name": "Bench"}, headers=headers)
    calendar_id = r.get_json()["id"]
    first = datetime(2030, 1, 1, 9, tzinfo=UTC)
    for n in range(SINGLE_EVENTS):
        start = first + timedelta(hours=n * 21)
        event = {
            "calendar_id": calendar_id,
            "title": f"Meeting {n}",
            "description": "Agenda: the usual.",
            "location": "Room 4",
            "start_time": start.isoformat(),
            "end_time": (start + timedelta(minutes=45)).isoformat(),
            "tags": ["bench"],
            "reminders": [10],
        }
        r = client.post("/events", json=event, headers=headers)
        assert r.status_code == 201, r.get_json()
    for n in range(SERIES):
        start = first + timedelta(days=n % 7, hours=n)
        event = {
            "calendar_id": calendar_id,
            "title": f"Weekly {n}",
            "start_time": start.isoformat(),
            "end_time": (start + timedelta(minutes=30)).isoformat(),
            "recurrence_rule": "FREQ=WEEKLY",
        }
        r = client.post("/events", json=event, headers=headers)
        assert r.status_code == 201, r.get_json()
    return key


def start_gunicorn(port: int, log_path: Path) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "-c", "gunicorn.conf.py", "--no-control-socket", "wsgi:app",
    ]  # fmt: skip
    with open(log_path, "wb") as out:
        process = subprocess.Popen(  # noqa: S603
            command,
            cwd=ROOT,
            env={**os.environ, **ENV, "PORT": str(port)},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _ = request(port, "GET", "/health", None, {})
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not start:\n" + log_path.read_text())


def request(port: int, method: str, path: str, body, headers) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure(port: int, key: str) -> dict:
    rest_path = "/events?" + urlencode(WINDOW)
    rest_headers = {"X-API-Key": key}
    mcp_body = json.dumps(
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "tools/call",
            "params": {"name": "list_events", "arguments": WINDOW},
        }
    )
    mcp_headers = {
        "X-API-Key": key,
        "Content-Type": "application/json",
        "Accept": "application/json, text/event-stream",
        "MCP-Protocol-Version": "2025-06-18",
    }

    def rest() -> tuple[float, int]:
        started = time.perf_counter()
        status, body = request(port, "GET", rest_path, None, rest_headers)
        elapsed = time.perf_counter() - started
        assert status == 200, body
        return elapsed, len(json.loads(body)["items"])

    def mcp() -> tuple[float, int]:
        started = time.perf_counter()
        status, body = request(port, "POST", "/mcp", mcp_body, mcp_headers)
        elapsed = time.perf_counter() - started
        assert status == 200, body
        result = json.loads(body)["result"]
        assert not result.get("isError"), result
        return elapsed, len(result["structuredContent"]["items"])

    for _ in range(WARMUP):
        rest()
        mcp()
    times: dict[str, list[float]] = {"rest": [], "mcp": []}
    sizes = {}
    for n in range(ROUNDS):
        # Alternate which goes first, so neither always follows the other.
        order = (
            (("rest", rest), ("mcp", mcp)) if n % 2 else (("mcp", mcp), ("rest", rest))
        )
        for name, call in order:
            elapsed, items = call()
            times[name].append(elapsed * 1000)
            sizes[name] = items
    assert sizes["rest"] == sizes["mcp"], sizes
    figures = {
        name: {
            "median_ms": round(statistics.median(values), 2),
            "p95_ms": round(percentile(values, 0.95), 2),
            "mean_ms": round(statistics.fmean(values), 2),
        }
        for name, values in times.items()
    }
    return {
        "items per page": sizes["rest"],
        "rounds": ROUNDS,
        "GET /events": figures["rest"],
        "tools/call list_events": figures["mcp"],
        "ratio median (mcp / rest)": round(
            figures["mcp"]["median_ms"] / figures["rest"]["median_ms"], 2
        ),
        "ratio p95 (mcp / rest)": round(
            figures["mcp"]["p95_ms"] / figures["rest"]["p95_ms"], 2
        ),
    }


ACCESS = re.compile(r'"(GET /events|POST /mcp)\S* HTTP/[\d.]+" 200 \d+ (\d+)ms')


def server_side(log_path: Path) -> dict:
    """Median and p95 of the time in the server (the access log's ms), after
    the warm-up."""
    times: dict[str, list[int]] = {"GET /events": [], "POST /mcp": []}
    for line in log_path.read_text().splitlines():
        match = ACCESS.search(line)
        if match:
            times[match[1]].append(int(match[2]))
    return {
        name: {
            "median_ms": statistics.median(values[WARMUP:]),
            "p95_ms": percentile(values[WARMUP:], 0.95),
        }
        for name, values in times.items()
    }


def main() -> None:
    out = ROOT / "bench" / "out" / f"mcp-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    out.mkdir(parents=True, exist_ok=True)
    log(f"recreating {DB_NAME}")
    recreate_database()
    log("seeding")
    key = seed()
    port = free_port()
    process = start_gunicorn(port, out / "gunicorn.log")
    try:
        log(f"measuring on :{port}")
        results = measure(port, key)
    finally:
        process.terminate()
        process.wait(timeout=30)
    results["server side (access log, whole ms)"] = server_side(out / "gunicorn.log")
    (out / "results.json").write_text(json.dumps(results, indent=2))
    log(json.dumps(results, indent=2))
    log(f"results in {out / 'results.json'}")


if __name__ == "__main__":
    main()
