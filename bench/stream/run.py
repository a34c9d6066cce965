"""Benchmark of the stream process: N idle subscribers, changes at a fixed rate.

Starts an API gunicorn and one stream process (gevent worker) on a database of
its own, opens N concurrent SSE subscribers (one user, one calendar), creates
events through the API at RATE per second for SECONDS, and reports the stream
worker's RSS and the commit-to-delivery latency (the entry's ``at``, stamped at
commit, to its arrival at each subscriber), p50/p99 over every delivery.

    .venv/bin/python bench/stream/run.py --subscribers 1000 --rate 50 --seconds 20
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
import psycopg2  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DB = "calapp_bench_stream"
LOGS = Path(tempfile.mkdtemp(prefix="bench-stream-"))


def call(base, method, path, body=None, headers=None):
    request = urllib.request.Request(  # noqa: S310
        base + path,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json", **(headers or {})},
        method=method,
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.loads(response.read() or b"null")


def wait_up(base, process, log):
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{base} exited:\n{Path(log).read_text()}")
        try:
            urllib.request.urlopen(base + "/health", timeout=2)  # noqa: S310
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"{base} did not start")


def start(command, env, log):
    with open(log, "wb") as out:
        return subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def subscribe(host, port, token, latencies, counts, index, ready):
    sock = socket.create_connection((host, port))
    sock.sendall(
        f"GET /stream?types=event HTTP/1.1\r\nHost: {host}\r\n"
        f"Authorization: Bearer {token}\r\n\r\n".encode()
    )
    buffer = b""
    is_ready = False
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return
        now = time.time()
        if not is_ready and b": connected" in chunk:
            is_ready = True
            ready.append(index)
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            if line.startswith(b"data: "):
                data = json.loads(line[6:])
                at = datetime.fromisoformat(data["at"].replace("Z", "+00:00"))
                latencies.append(now - at.timestamp())
                counts[index] += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()

    admin = psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DB}")
        cursor.execute(f"CREATE DATABASE {DB}")
    env = {
        **os.environ,
        "CALAPP_ENV": "development",
        "DATABASE_URL": f"postgresql://postgres@127.0.0.1:5432/{DB}",
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "RATELIMIT_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
        "PORT": "3719",
        "STREAM_PORT": "3720",
        "WEB_CONCURRENCY": "3",
    }
    api = start(
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--no-control-socket",
         "wsgi:app"], env, str(LOGS / "api.log"),
    )  # fmt: skip
    wait_up("http://127.0.0.1:3719", api, str(LOGS / "api.log"))
    stream = start(
        [str(BIN / "gunicorn"), "-c", "gunicorn.stream.conf.py",
         "--no-control-socket", "wsgi_stream:app"], env, str(LOGS / "stream.log"),
    )  # fmt: skip
    try:
        wait_up("http://127.0.0.1:3720", stream, str(LOGS / "stream.log"))
        run(args, stream.pid)
    finally:
        stream.terminate()
        api.terminate()
        stream.wait()
        api.wait()


def run(args, stream_master: int) -> None:
    base = "http://127.0.0.1:3719"
    user = call(
        base,
        "POST",
        "/auth/register",
        {"email": "bench@example.com", "password": "bench-password-1"},
    )
    headers = {"Authorization": f"Bearer {user['access_token']}"}
    calendar = call(base, "POST", "/calendars", {"name": "Bench"}, headers)
    worker = worker_pid(stream_master)
    idle_rss = rss_mb(worker)

    latencies: list[float] = []
    counts = [0] * args.subscribers
    ready: list[int] = []
    greenlets = [
        gevent.spawn(
            subscribe, "127.0.0.1", 3720, user["access_token"], latencies, counts, i,
            ready,
        )
        for i in range(args.subscribers)
    ]  # fmt: skip
    deadline = time.monotonic() + 120
    while len(ready) < args.subscribers and time.monotonic() < deadline:
        gevent.sleep(0.2)
    connected_rss = rss_mb(worker)

    total = int(args.rate * args.seconds)
    start_at = datetime(2030, 1, 1, tzinfo=UTC)
    began = time.monotonic()
    peak_rss = connected_rss
    for n in range(total):
        gevent.sleep(max(0.0, began + n / args.rate - time.monotonic()))
        gevent.spawn(
            call,
            base,
            "POST",
            "/events",
            {
                "calendar_id": calendar["id"],
                "title": f"e{n}",
                "start_time": (start_at + timedelta(hours=n)).isoformat(),
                "end_time": (start_at + timedelta(hours=n, minutes=30)).isoformat(),
            },
            headers,
        )
        if n % 50 == 0:
            peak_rss = max(peak_rss, rss_mb(worker))
    elapsed = time.monotonic() - began
    expected = total * len(ready)
    deadline = time.monotonic() + 30
    while len(latencies) < expected and time.monotonic() < deadline:
        gevent.sleep(0.2)
    peak_rss = max(peak_rss, rss_mb(worker))
    gevent.killall(greenlets, block=False)

    ordered = sorted(latencies)

    def pct(p):
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    print(f"logs:                    {LOGS}")
    print(f"subscribers connected:   {len(ready)} / {args.subscribers}")
    print(f"changes committed:       {total} in {elapsed:.1f} s "
          f"({total / elapsed:.1f}/s)")  # fmt: skip
    print(f"deliveries:              {len(latencies)} of {expected}")
    print(f"stream worker RSS (MB):  idle {idle_rss:.0f}, "
          f"{len(ready)} connected {connected_rss:.0f}, "
          f"peak {peak_rss:.0f}")  # fmt: skip
    if ordered:
        print(f"commit-to-delivery (ms): p50 {pct(50):.0f}, p90 {pct(90):.0f}, "
              f"p99 {pct(99):.0f}, max {ordered[-1] * 1000:.0f}, "
              f"mean {statistics.fmean(ordered) * 1000:.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
