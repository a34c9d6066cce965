"""Attachments benchmark: a 100 MiB file up and down through a live gunicorn
worker, on disk storage and on S3 (moto's S3 server on loopback).

    . .venv/bin/activate
    python bench/attachments/run.py          # ~3 min

Bench-only code. What it does (README.md beside this file; figures in
RESULTS.md):

1. Drops and recreates ``calapp_bench_attachments`` and builds it with the real
   migrations; starts an S3 protocol server (moto) in this process.
2. For each backend, starts gunicorn with one sync worker (``-w 1 --threads 1``,
   so one process holds every byte the server touches), registers a user,
   makes an event, and warms the worker with a 2 MiB round trip.
3. Three times: streams a 100 MiB multipart upload (the client never holds the
   file) and downloads it again (disk: streamed by the API; S3: the API's 302,
   then the presigned URL), checking size and SHA-256; reads the worker's
   VmHWM (peak resident memory) before and after each.

Outputs: ``bench/out/attachments-<UTC time>/results.json`` and the figures on
stdout: MiB/s (median of 3) and the worker's peak memory growth over the
warmed baseline.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from moto.moto_server.werkzeug_app import (  # noqa: E402
    DomainDispatcherApplication,
    create_backend_app,
)
from werkzeug.serving import make_server  # noqa: E402

from tests.attachments import big  # noqa: E402
from tests.servers import free_port, status  # noqa: E402

DB_NAME = "calapp_bench_attachments"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DB_URL = f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}"
SIZE = 100 * big.MIB
ROUNDS = 3
ENV = {
    "CALAPP_ENV": "production",
    "JWT_SECRET_KEY": "bench-attachments-secret-" + "0123456789abcdef" * 3,
    "DATABASE_URL": DB_URL,
    "REDIS_URL": "redis://127.0.0.1:6379/10",
    "HUEY_NAME": f"bench-attachments-{os.getpid()}",
    "AUTO_MIGRATE": "false",
    "RATELIMIT_ENABLED": "false",
    "LOG_LEVEL": "WARNING",
    "BCRYPT_ROUNDS": "4",
    "ATTACHMENT_MAX_BYTES": str(200 * big.MIB),
    "ATTACHMENT_QUOTA_BYTES": str(100 * 1024 * big.MIB),
}


def recreate_database() -> None:
    conn = psycopg2.connect(ADMIN_URL)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(DB_NAME)))  # fmt: skip
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DB_NAME)))
    conn.close()
    subprocess.run(  # noqa: S603
        [str(Path(sys.executable).parent / "flask"), "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT, env={**os.environ, **ENV}, check=True, capture_output=True,
    )  # fmt: skip


def start_s3() -> str:
    port = free_port()
    server = make_server(
        "127.0.0.1", port, DomainDispatcherApplication(create_backend_app),
        threaded=True,
    )  # fmt: skip
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}"


def start_api(extra: dict, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py",
               "-w", "1", "--threads", "1", "--timeout", "600",
               "--no-control-socket", "wsgi:app"]  # fmt: skip
    env = {**os.environ, **ENV, **extra, "PORT": str(port)}
    process = subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    while status(base + "/health") != 200:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn did not start: see {log}")
    return process, base


def measure(backend: str, extra: dict, out: Path) -> dict:
    process, base = start_api(extra, out / f"gunicorn-{backend}.log")
    try:
        email = f"bench-{backend}-{os.getpid()}@example.com"
        account = {"email": email, "password": "bench-password-1"}
        session = big.post_json(base, "/auth/register", {}, account)
        headers = {"Authorization": f"Bearer {session['access_token']}"}
        calendar = big.post_json(base, "/calendars", headers, {"name": "Bench"})
        event = big.post_json(base, "/events", headers, {
            "calendar_id": calendar["id"], "title": "Bench",
            "start_time": "2026-03-02T09:00:00Z", "end_time": "2026-03-02T10:00:00Z",
        })  # fmt: skip
        worker = big.worker_pid(process.pid)
        warm, _, _ = big.upload(base, headers, event["id"], 2 * big.MIB)
        big.download(base, headers, warm["url"])
        baseline = big.peak_kib(worker)
        ups, downs, peaks = [], [], []
        for _ in range(ROUNDS):
            item, sha256, up = big.upload(base, headers, event["id"], SIZE)
            size, got, down = big.download(base, headers, item["url"])
            assert (size, got) == (SIZE, sha256), "the file came back different"
            ups.append(SIZE / big.MIB / up)
            downs.append(SIZE / big.MIB / down)
            peaks.append(big.peak_kib(worker))
        return {
            "backend": backend,
            "file_mib": SIZE // big.MIB,
            "upload_mib_s": round(statistics.median(ups), 1),
            "download_mib_s": round(statistics.median(downs), 1),
            "worker_peak_baseline_mib": round(baseline / 1024, 1),
            "worker_peak_after_mib": round(max(peaks) / 1024, 1),
            "worker_peak_growth_mib": round((max(peaks) - baseline) / 1024, 1),
        }
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "bench" / "out" / f"attachments-{stamp}"
    out.mkdir(parents=True, exist_ok=True)
    recreate_database()
    s3 = start_s3()
    bucket = {"S3_ENDPOINT_URL": s3, "S3_BUCKET": "calapp-bench",
              "S3_ACCESS_KEY_ID": "bench", "S3_SECRET_ACCESS_KEY": "bench"}  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="calapp-bench-files-") as files:
        results = [
            measure("disk", {"ATTACHMENT_DIR": files}, out),
            measure("s3", bucket, out),
        ]
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    for row in results:
        print(json.dumps(row))


if __name__ == "__main__":
    main()
