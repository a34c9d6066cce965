"""Real peers on loopback for the connection tests (and the benchmark): a
Radicale CalDAV server in a temporary directory, and an ICS feed server that
answers conditional requests."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import caldav

from tests.servers import free_port, status


class Radicale:
    """``python -m radicale`` with plain htpasswd users and filesystem storage."""

    def __init__(self, root: Path, users: dict[str, str]) -> None:
        self.root = root
        self.users = users
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.storage = root / "collections"
        (root / "users").write_text(
            "".join(f"{name}:{password}\n" for name, password in users.items())
        )
        self.process: subprocess.Popen | None = None

    def start(self) -> Radicale:
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter
            [
                sys.executable,
                "-m",
                "radicale",
                "--server-hosts",
                f"127.0.0.1:{self.port}",
                "--auth-type",
                "htpasswd",
                "--auth-htpasswd-filename",
                str(self.root / "users"),
                "--auth-htpasswd-encryption",
                "plain",
                "--storage-filesystem-folder",
                str(self.storage),
                "--rights-type",
                "owner_only",
                "--logging-level",
                "error",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while status(self.url) == 0:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("Radicale did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)

    def principal(self, user: str) -> caldav.Principal:
        client = caldav.DAVClient(
            url=self.url, username=user, password=self.users[user]
        )
        return client.principal()

    def calendar(self, user: str, name: str) -> caldav.Calendar:
        return self.principal(user).make_calendar(name=name, cal_id=name.lower())


def component(uid: str, start: str, end: str, summary: str) -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n"
        f"DTSTART:{start}\r\nDTEND:{end}\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\n"
    )


def calendar_text(*components: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n"
        + "".join(components)
        + "END:VCALENDAR\r\n"
    )


def vevent(uid: str, start: str, end: str, summary: str = "Busy elsewhere") -> str:
    return calendar_text(component(uid, start, end, summary))


class Feed:
    """An ICS feed: ``body`` can change between requests; ETag and
    Last-Modified validators, 304 to a conditional request that still matches."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.requests: list[tuple[int, dict]] = []
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                data = feed.body.encode()
                tag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == tag:
                    feed.requests.append((304, dict(self.headers)))
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                feed.requests.append((200, dict(self.headers)))
                self.send_response(200)
                self.send_header("Content-Type", "text/calendar; charset=utf-8")
                self.send_header("ETag", tag)
                self.send_header("Last-Modified", "Mon, 30 Nov 2026 10:00:00 GMT")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feed.ics"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
