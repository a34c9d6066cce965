"""Benchmark the public booking endpoints under gunicorn. See bench/booking/README.md.

    . .venv/bin/activate
    python bench/booking/run.py              # seed, then measure (~2.5 min)
    python bench/booking/run.py --no-seed    # reuse calapp_bench_booking as it is

1. Seeds ``calapp_bench_booking`` (``seed.py``) unless ``--no-seed``.
2. Starts gunicorn (``WEB_CONCURRENCY=4`` sync workers, production settings,
   ``RATELIMIT_ENABLED=false``, access log with ``%(M)s`` = ms in the server).
3. wrk on ``GET /booking/{token}/availability`` for 30 days from tomorrow: a
   warm-up, then 1 connection (no queueing: latency ~ service time), then 8.
4. ``reserve.py``: distinct slots reserved from a thread pool.
5. Writes ``bench/out/booking-<UTC time>/``: raw wrk outputs, gunicorn.log,
   results.json and summary.md (the table of bench/booking/README.md).

Server-side figures are read from the access log of each phase.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.booking import reserve  # noqa: E402
from bench.booking.seed import DB_NAME, JWT_SECRET, OUT  # noqa: E402

DB_URL = f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}"
REDIS_URL = "redis://127.0.0.1:6379/14"
WORKERS = 4
# (name, wrk threads, connections, seconds)
PHASES = [("warmup", 1, 4, 5), ("c1", 1, 1, 20), ("c8", 2, 8, 20)]
ACCESS = re.compile(
    r'"GET (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) \S+ (?P<ms>\d+)ms'
)


def log(message: str) -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, log_path: Path, app: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": str(WORKERS),
        "CALAPP_ENV": "production",
        "JWT_SECRET_KEY": JWT_SECRET,
        "DATABASE_URL": DB_URL,
        "REDIS_URL": REDIS_URL,
        "RATELIMIT_ENABLED": "false",
        "AUTO_MIGRATE": "false",
        "LOG_LEVEL": "info",
    }
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "-c", "gunicorn.conf.py", "--no-control-socket", app,
    ]  # fmt: skip
    with open(log_path, "wb") as out:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(  # noqa: S310
                f"http://127.0.0.1:{port}/health", timeout=2
            ) as response:
                if response.status == 200:
                    return process
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            sys.exit("gunicorn did not start:\n" + log_path.read_text())
        time.sleep(0.2)


def wrk(url: str, threads: int, connections: int, seconds: int, out: Path) -> dict:
    result = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "/usr/bin/wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out.write_text(result.stdout + result.stderr)
    text = result.stdout

    def ms(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        value, unit = match.groups()
        factor = {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
        return round(float(value) * factor, 1)

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", text)[1]),
        "requests": int(re.search(r"(\d+) requests in", text)[1]),
        "non_2xx": int(non_2xx[1]) if non_2xx else 0,
        "p50_ms": ms("50"),
        "p90_ms": ms("90"),
        "p99_ms": ms("99"),
    }


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _backends() -> list[int]:
    """PostgreSQL server processes of the bench database (the app's pool)."""
    import psycopg2

    with psycopg2.connect(DB_URL) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (DB_NAME,),
        )
        pids = [row[0] for row in cur.fetchall()]
    conn.close()
    return pids


class CpuMeter:
    """CPU seconds the gunicorn workers and their PostgreSQL backends spend in a
    phase: unlike latency, this does not grow when other work shares the CPUs."""

    def __init__(self, master: int):
        self.master = master

    def snapshot(self) -> dict[str, dict[int, float]]:
        return {
            "app": {pid: _cpu_s(pid) for pid in _children(self.master)},
            "db": {pid: _cpu_s(pid) for pid in _backends()},
        }

    @staticmethod
    def per_request(before: dict, after: dict, requests: int) -> dict:
        used = {
            kind: sum(
                cpu - before[kind].get(pid, 0.0) for pid, cpu in after[kind].items()
            )
            for kind in ("app", "db")
        }
        return {
            f"{kind}_cpu_ms_per_req": round(seconds * 1000 / max(requests, 1), 1)
            for kind, seconds in used.items()
        }


def server_ms(log_path: Path, skip_lines: int, prefix: str) -> tuple[list[int], int]:
    """``%(M)s`` of the access lines after ``skip_lines`` whose path starts so."""
    lines = log_path.read_text().splitlines()
    values = [
        int(m["ms"])
        for line in lines[skip_lines:]
        if (m := ACCESS.search(line)) and m["path"].startswith(prefix)
    ]
    return values, len(lines)


def summary(values: list[int]) -> dict:
    if not values:
        return {}
    return {
        "server_p50_ms": statistics.median(values),
        "server_p90_ms": reserve.percentile(values, 90),
        "server_p99_ms": reserve.percentile(values, 99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-seed", action="store_true")
    parser.add_argument("--reservations", type=int, default=200)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--reserve-days",
        type=int,
        default=90,
        help="days of slots to reserve from (the link books 90 days ahead)",
    )
    parser.add_argument(
        "--app",
        default="wsgi:app",
        help="WSGI app for gunicorn (another module:app to compare a variant)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get update && apt-get install -y wrk")
    out = ROOT / "bench" / "out" / f"booking-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    out.mkdir(parents=True)
    log(f"raw outputs: {out}")
    if not args.no_seed:
        subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "bench" / "booking" / "seed.py")], check=True
        )
    seed = json.loads(OUT.read_text())
    token = seed["token"]
    port = free_port()
    gunicorn_log = out / "gunicorn.log"
    process = start_gunicorn(port, gunicorn_log, args.app)
    base = f"http://127.0.0.1:{port}"
    results: dict = {
        "seed": seed,
        "app": args.app,
        "workers": WORKERS,
        "load_average_before": os.getloadavg(),
        "phases": {},
    }
    try:
        start = datetime.now(UTC).replace(
            hour=0, minute=0, second=0, microsecond=0
        ) + timedelta(days=1)
        end = start + timedelta(days=30)
        path = f"/booking/{token}/availability"
        url = f"{base}{path}?start={reserve.iso(start)}&end={reserve.iso(end)}"
        body = reserve.get_json(url)
        (out / "availability.json").write_text(json.dumps(body, indent=1))
        results["slots_offered"] = len(body["slots"])
        log(f"availability: {len(body['slots'])} slots in 30 days")
        _, seen = server_ms(gunicorn_log, 0, path)
        meter = CpuMeter(process.pid)
        for name, threads, connections, seconds in PHASES:
            cpu_before = meter.snapshot()
            measured = wrk(url, threads, connections, seconds, out / f"wrk-{name}.txt")
            values, seen = server_ms(gunicorn_log, seen, path)
            measured.update(summary(values), connections=connections)
            measured.update(
                meter.per_request(cpu_before, meter.snapshot(), len(values))
            )
            results["phases"][name] = measured
            log(f"{name}: {json.dumps(measured)}")
        _, seen = server_ms(gunicorn_log, seen, "")
        cpu_before = meter.snapshot()
        booked = reserve.run(
            base, token, args.reservations, args.threads, args.reserve_days
        )
        booked.update(
            meter.per_request(cpu_before, meter.snapshot(), booked["attempted"])
        )
        post_ms = [
            int(m[1])
            for line in gunicorn_log.read_text().splitlines()[seen:]
            if "POST /booking/" in line and (m := re.search(r" (\d+)ms ", line))
        ]
        booked.update(summary(post_ms))
        results["reservations"] = booked
        log(f"reservations: {json.dumps(booked)}")
    finally:
        process.terminate()
        process.wait(timeout=30)
    results["load_average_after"] = os.getloadavg()
    (out / "results.json").write_text(json.dumps(results, indent=1))
    (out / "summary.md").write_text(table(results))
    log(table(results))


def table(results: dict) -> str:
    rows = [
        "| measurement | req/s | client p50 / p99 | server p50 / p90 / p99 "
        "| CPU ms/req: app + PostgreSQL |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]

    def row(label: str, rate, r: dict) -> str:
        return (
            f"| {label} | {rate} | {r['p50_ms']:.0f} / {r['p99_ms']:.0f} ms | "
            f"{r.get('server_p50_ms', 0):.0f} / {r.get('server_p90_ms', 0):.0f} / "
            f"{r.get('server_p99_ms', 0):.0f} ms | "
            f"{r['app_cpu_ms_per_req']} + {r['db_cpu_ms_per_req']} |"
        )

    for name in ("c1", "c8"):
        r = results["phases"][name]
        rows.append(
            row(
                f"availability, 30 days, {r['connections']} conn.",
                f"{r['requests_per_s']:.0f}",
                r,
            )
        )
    b = results["reservations"]
    rows.append(
        row(
            f"reserve, {b['attempted']} distinct slots, {b['threads']} threads",
            b["reservations_per_s"],
            b,
        )
    )
    load = ", ".join(f"{x:.1f}" for x in results["load_average_before"])
    return "\n".join(rows) + (
        f"\n\nreserve statuses: {b['statuses']}; slots offered in 30 days: "
        f"{results['slots_offered']}; app: {results['app']}; load average at "
        f"start: {load}\n"
    )


if __name__ == "__main__":
    main()
