"""Errors gunicorn answers itself are in the one error format too (API.md §1).

A real gunicorn with the project's gunicorn.conf.py, spoken to over a raw socket:
an over-long request line (414), an over-large header (431), a malformed request
line (400), and a database outage behind it (503, from the app).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.booking.conftest import _free_port, _get
from tests.conftest import TEST_REDIS_URL
from tests.test_database_outage import refusing

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gunicorn(database_url, tmp_path_factory):
    """(host, port) of one gunicorn worker serving the test database."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("gunicorn-errors") / "gunicorn.log"
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "CALAPP_ENV": "testing",
        "DATABASE_URL": database_url,
        "AUTO_MIGRATE": "false",
        "RATELIMIT_ENABLED": "false",
        "REDIS_URL": TEST_REDIS_URL,
        "LOG_LEVEL": "WARNING",
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "-c", "gunicorn.conf.py",
        "--no-control-socket",
        "wsgi:app",
    ]  # fmt: skip
    with open(log_path, "wb") as log:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 60
        while _get(f"http://127.0.0.1:{port}/health") != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gunicorn did not start:\n" + log_path.read_text())
            time.sleep(0.2)
        yield ("127.0.0.1", port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _raw(address, request: bytes) -> tuple[int, dict, bytes]:
    """Send ``request`` as is; return (status, headers, body)."""
    with socket.create_connection(address, timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (x.partition(":") for x in lines)}
    return int(status_line.split()[1]), headers, body


def _assert_error(response, status: int, code: str) -> dict:
    got, headers, body = response
    assert got == status, body[:300]
    assert headers["content-type"].startswith("application/json"), headers
    parsed = json.loads(body)
    assert set(parsed) <= {"error", "code", "details"}
    assert parsed["code"] == code
    assert isinstance(parsed["error"], str) and parsed["error"]
    return parsed


def _get_request(path: str, *headers: str) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: localhost", "Connection: close", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_a_10_kb_request_line_is_414_json(gunicorn):
    r = _raw(gunicorn, _get_request("/events?search=" + "a" * 10_240))
    _assert_error(r, 414, "uri_too_long")


def test_a_20_kb_header_is_431_json(gunicorn):
    r = _raw(gunicorn, _get_request("/health", "X-Padding: " + "b" * 20_480))
    _assert_error(r, 431, "headers_too_large")


def test_a_malformed_request_line_is_400_json(gunicorn):
    r = _raw(gunicorn, b"THIS IS NOT HTTP\r\n\r\n")
    _assert_error(r, 400, "validation_error")


def test_requests_within_the_limits_reach_the_app(gunicorn):
    r = _raw(gunicorn, _get_request("/no/such/route?q=" + "a" * 4000))
    _assert_error(r, 404, "not_found")


def test_a_database_outage_behind_gunicorn_is_503_json(
    gunicorn, committing_db, database_url
):
    key = "X-API-Key: cal_" + "x" * 43
    with refusing(database_url):
        status, headers, _ = r = _raw(gunicorn, _get_request("/calendars", key))
        _assert_error(r, 503, "service_unavailable")
        assert headers["retry-after"] == "5"
        assert _raw(gunicorn, _get_request("/health"))[0] == 200
    assert _raw(gunicorn, _get_request("/calendars", key))[0] == 401
