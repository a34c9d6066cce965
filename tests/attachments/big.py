"""A large upload and download through a live gunicorn, with the worker's peak
memory measured (shared by tests/attachments/test_memory.py and the benchmark)."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import time
from pathlib import Path
from urllib.parse import urlsplit

MIB = 1024 * 1024
BOUNDARY = "calapp-big-upload-boundary"


def worker_pid(master_pid: int) -> int:
    """The single worker of a ``-w 1`` gunicorn."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text()
    return int(children.split()[0])


def peak_kib(pid: int) -> int:
    """VmHWM: the process' peak resident memory so far."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def request(base: str, method: str, path: str, headers: dict, body=None):
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300)
    conn.request(method, path, body=body, headers=headers)
    return conn, conn.getresponse()


def post_json(base: str, path: str, headers: dict, body: dict) -> dict:
    conn, response = request(
        base, "POST", path, {**headers, "Content-Type": "application/json"},
        json.dumps(body).encode(),
    )  # fmt: skip
    data = json.loads(response.read())
    conn.close()
    assert response.status in (200, 201), data
    return data


def upload(
    base: str, headers: dict, event_id: str, size: int
) -> tuple[dict, str, float]:
    """Stream ``size`` bytes as a multipart upload (the client never holds the
    file either); returns the attachment, the SHA-256 sent, the seconds taken."""
    block = os.urandom(MIB)
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
    ).encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    digest = hashlib.sha256()

    def body():
        yield head
        left = size
        while left:
            chunk = block[: min(MIB, left)]
            digest.update(chunk)
            left -= len(chunk)
            yield chunk
        yield tail

    started = time.perf_counter()
    conn, response = request(
        base,
        "POST",
        f"/events/{event_id}/attachments",
        {
            **headers,
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
            "Content-Length": str(len(head) + size + len(tail)),
        },
        body(),
    )
    data = json.loads(response.read())
    elapsed = time.perf_counter() - started
    conn.close()
    assert response.status == 201, data
    return data, digest.hexdigest(), elapsed


def download(base: str, headers: dict, url: str) -> tuple[int, str, float]:
    """Follow the API (and a redirect to S3) reading 1 MiB at a time; returns
    the size, SHA-256 and seconds taken."""
    started = time.perf_counter()
    parts = urlsplit(url)
    conn, response = request(base, "GET", parts.path, headers)
    if response.status == 302:
        location = response.getheader("Location")
        response.read()
        conn.close()
        target = urlsplit(location)
        conn, response = request(
            f"{target.scheme}://{target.netloc}", "GET",
            f"{target.path}?{target.query}", {},
        )  # fmt: skip
    assert response.status == 200, response.status
    digest, size = hashlib.sha256(), 0
    while chunk := response.read(MIB):
        digest.update(chunk)
        size += len(chunk)
    conn.close()
    return size, digest.hexdigest(), time.perf_counter() - started
