"""Errors gunicorn answers itself are in the one error format too (API.md §1).

A real gunicorn with the project's gunicorn.conf.py, spoken to over a raw socket:
an over-long request line (414), an over-large header (431), a malformed request
line (400), and a database outage behind it (503, from the app).
"""

from __future__ import annotations

import json
import socket

import pytest

from tests.servers import Servers
from tests.test_database_outage import refusing


@pytest.fixture(scope="module")
def gunicorn(database_url, tmp_path_factory):
    """(host, port) of one gunicorn worker serving the test database."""
    servers = Servers(database_url, tmp_path_factory.mktemp("gunicorn-errors"))
    try:
        base = servers.api(workers=1, threads=1)
        yield ("127.0.0.1", int(base.rsplit(":", 1)[1]))
    finally:
        servers.stop()


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


def test_the_stream_process_answers_its_own_errors_as_json(
    database_url, tmp_path_factory
):
    servers = Servers(database_url, tmp_path_factory.mktemp("stream-errors"))
    try:
        base = servers.stream()
        address = ("127.0.0.1", int(base.rsplit(":", 1)[1]))
        r = _raw(address, _get_request("/stream?types=" + "a" * 10_240))
        _assert_error(r, 414, "uri_too_long")
    finally:
        servers.stop()
