"""Booking fixtures: an owner, a calendar and a link on a fixed clock, and a real
multi-worker gunicorn on the test database, for race and browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.booking.helpers import MONDAY, Booker, Clock
from tests.conftest import TEST_REDIS_URL

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clock(monkeypatch):
    from calapp.users import service

    value = Clock(MONDAY)
    monkeypatch.setattr(service, "now", value)
    return value


@pytest.fixture
def owner(make_user):
    return make_user(name="Olivia Owner")


@pytest.fixture
def owner_headers(auth, owner):
    return auth.jwt(owner)


@pytest.fixture
def booker(client, owner_headers):
    return Booker(client, owner_headers)


@pytest.fixture
def calendar(booker):
    return booker.calendar()


@pytest.fixture
def link(booker, calendar, clock):
    return booker.link(calendar["id"])


# --- gunicorn ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
            return response.status
    except (urllib.error.URLError, OSError):
        return 0


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    """Base URL of a gunicorn serving the test database (stopped at the end)."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": "4",
        "CALAPP_ENV": "testing",
        "JWT_SECRET_KEY": os.environ["JWT_SECRET_KEY"],
        "DATABASE_URL": database_url,
        "AUTO_MIGRATE": "false",
        "RATELIMIT_ENABLED": "false",
        "REDIS_URL": TEST_REDIS_URL,
        "LOG_LEVEL": "WARNING",
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "-c", "gunicorn.conf.py",
        "--threads", "4",
        "--no-control-socket",  # never collide with another local gunicorn
        "wsgi:app",
    ]  # fmt: skip
    with open(log_path, "wb") as log:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while _get(f"{base}/health") != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gunicorn did not start:\n" + log_path.read_text())
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
