"""A 100 MiB upload and download through a live gunicorn worker, on both
backends: the worker's peak memory does not grow with the file."""

from __future__ import annotations

import pytest

from tests.attachments import big
from tests.attachments.conftest import S3_KEYS
from tests.servers import GUNICORN, Servers, free_port, server_env

SIZE = 100 * big.MIB
SMALL = 20 * big.MIB
# What a transfer may add to the worker's peak: 64 KiB reads on disk; on S3 one
# 5 MiB part, which the MinIO client copies a few times while it sends it.
MAX_GROWTH_KIB = 40 * 1024
# A file five times larger may add no more than allocator noise on top of that.
MAX_SIZE_EFFECT_KIB = 8 * 1024


@pytest.fixture(params=["disk", "s3"])
def live(request, database_url, tmp_path, committing_db):
    env = {
        "ATTACHMENT_DIR": str(tmp_path / "files"),
        "ATTACHMENT_MAX_BYTES": str(200 * big.MIB),
        "ATTACHMENT_QUOTA_BYTES": str(10 * 1024 * big.MIB),
    }
    if request.param == "s3":
        env.update(
            S3_ENDPOINT_URL=request.getfixturevalue("s3_endpoint"),
            S3_BUCKET="calapp-memory-test",
            S3_ACCESS_KEY_ID=S3_KEYS["access_key"],
            S3_SECRET_ACCESS_KEY=S3_KEYS["secret_key"],
        )
    servers = Servers(database_url, tmp_path)
    port = free_port()
    command = [GUNICORN, "-c", "gunicorn.conf.py", "-w", "1", "--threads", "1",
               "--timeout", "300", "--no-control-socket", "wsgi:app"]  # fmt: skip
    environ = server_env(database_url, PORT=str(port), WEB_CONCURRENCY="1", **env)
    try:
        base = servers._start(command, environ, port, "/health", f"big-{port}")
        yield base, servers.processes[-1].pid
    finally:
        servers.stop()


def test_a_100_mib_round_trip_keeps_memory_flat(live, auth, make_user):
    base, master = live
    headers = auth.jwt(make_user())
    calendar = big.post_json(base, "/calendars", headers, {"name": "Big"})
    event = big.post_json(
        base,
        "/events",
        headers,
        {"calendar_id": calendar["id"], "title": "Big", "start_time":
         "2026-03-02T09:00:00Z", "end_time": "2026-03-02T10:00:00Z"},
    )  # fmt: skip
    worker = big.worker_pid(master)
    warm, _, _ = big.upload(base, headers, event["id"], 2 * big.MIB)
    big.download(base, headers, warm["url"])
    before = big.peak_kib(worker)
    small, _, _ = big.upload(base, headers, event["id"], SMALL)
    big.download(base, headers, small["url"])
    after_small = big.peak_kib(worker)

    item, sha256, _ = big.upload(base, headers, event["id"], SIZE)
    after_upload = big.peak_kib(worker)
    size, downloaded, _ = big.download(base, headers, item["url"])
    after_download = big.peak_kib(worker)

    assert item["size"] == SIZE and item["sha256"] == sha256
    assert (size, downloaded) == (SIZE, sha256)
    peaks = (before, after_small, after_upload, after_download)
    assert after_download - before < MAX_GROWTH_KIB, peaks
    assert after_download - after_small < MAX_SIZE_EFFECT_KIB, peaks
