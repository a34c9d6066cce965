"""Real servers as subprocesses on the test database: the API (gunicorn, sync
workers) and the stream process (gunicorn, gevent worker)."""

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
from huey import RedisHuey

from calapp.queue import WEBHOOK_QUEUE_SUFFIX
from tests.conftest import TEST_REDIS_URL

PROJECT_ROOT = Path(__file__).resolve().parents[1]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return 0


# The job queue the servers enqueue into (wake-ups of deliveries nobody consumes
# here): a name of this run's own, emptied when the servers stop.
HUEY_NAME = f"calapp-test-servers-{os.getpid()}"


def server_env(database_url: str, **extra) -> dict:
    return {
        **os.environ,
        "CALAPP_ENV": "testing",
        "JWT_SECRET_KEY": os.environ["JWT_SECRET_KEY"],
        "DATABASE_URL": database_url,
        "REDIS_URL": TEST_REDIS_URL,
        "HUEY_NAME": HUEY_NAME,
        "AUTO_MIGRATE": "false",
        "RATELIMIT_ENABLED": "false",
        "BCRYPT_ROUNDS": "4",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


class Servers:
    """Start gunicorns as real subprocesses; stop them all at the end."""

    def __init__(self, database_url: str, logs: Path) -> None:
        self.database_url = database_url
        self.logs = logs
        self.processes: list[subprocess.Popen] = []

    def api(self, workers: int = 2, threads: int = 4) -> str:
        port = free_port()
        env = server_env(
            self.database_url, PORT=str(port), WEB_CONCURRENCY=str(workers)
        )
        command = [GUNICORN, "-c", "gunicorn.conf.py", "--threads", str(threads),
                   "--no-control-socket", "wsgi:app"]  # fmt: skip
        return self._start(command, env, port, "/health", f"api-{port}")

    def stream(self, **extra) -> str:
        port = free_port()
        env = server_env(
            self.database_url,
            STREAM_PORT=str(port),
            STREAM_LIVENESS_SECONDS="1",
            STREAM_WS_RESUME_WAIT_SECONDS="1",
            **extra,
        )
        command = [GUNICORN, "-c", "gunicorn.stream.conf.py",
                   "--no-control-socket", "wsgi_stream:app"]  # fmt: skip
        return self._start(command, env, port, "/health", f"stream-{port}")

    def _start(self, command, env, port, probe, name) -> str:
        log_path = self.logs / f"{name}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(  # noqa: S603
                command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        self.processes.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while status(base + probe) != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{name} did not start:\n" + log_path.read_text())
            time.sleep(0.2)
        return base

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for name in (HUEY_NAME, HUEY_NAME + WEBHOOK_QUEUE_SUFFIX):
            queue = RedisHuey(name, url=TEST_REDIS_URL)
            queue.flush()
            # Closed now, not whenever the collector gets to it: an unclosed
            # socket found later fails the session (filterwarnings = error).
            queue.storage.pool.disconnect()
