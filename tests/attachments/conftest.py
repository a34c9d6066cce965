"""Attachment fixtures: both storage backends, a real S3 protocol server (moto
in server mode on loopback), events to attach to, and an upload helper."""

from __future__ import annotations

import io
import threading
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

import pytest
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    create_backend_app,
)
from werkzeug.serving import make_server

from calapp.attachments import storage
from tests.servers import free_port

START = "2026-03-02T09:00:00Z"
END = "2026-03-02T10:00:00Z"
S3_KEYS = {"access_key": "calapp-test", "secret_key": "calapp-test-secret"}


EXPIRED = (
    b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code>'
    b"<Message>Request has expired</Message></Error>"
)


class PresignedExpiry:
    """AWS S3's rule that moto 5 does not apply: a presigned (SigV4 query) URL
    is refused with 403 once ``X-Amz-Date`` + ``X-Amz-Expires`` has passed."""

    def __init__(self, app) -> None:
        self.app = app

    def __call__(self, environ, start_response):
        query = parse_qs(environ.get("QUERY_STRING", ""))
        if "X-Amz-Date" in query and "X-Amz-Expires" in query:
            signed = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ")
            lifetime = timedelta(seconds=int(query["X-Amz-Expires"][0]))
            if datetime.now(UTC) > signed.replace(tzinfo=UTC) + lifetime:
                start_response("403 Forbidden", [("Content-Type", "application/xml")])
                return [EXPIRED]
        return self.app(environ, start_response)


@pytest.fixture(scope="session")
def s3_endpoint():
    """An S3 protocol server (moto's) on loopback for the whole run."""
    port = free_port()
    app = PresignedExpiry(DomainDispatcherApplication(create_backend_app))
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    thread.join()


def make_s3(endpoint: str) -> storage.S3Storage:
    return storage.S3Storage(
        endpoint,
        f"calapp-test-{uuid.uuid4().hex[:12]}",
        S3_KEYS["access_key"],
        S3_KEYS["secret_key"],
    )


@pytest.fixture(params=["disk", "s3"])
def store(request, app, tmp_path):
    """Each test using it runs once per backend."""
    if request.param == "disk":
        backend = storage.DiskStorage(tmp_path / "attachments")
    else:
        backend = make_s3(request.getfixturevalue("s3_endpoint"))
    previous = app.extensions.get("attachment_storage")
    storage.use(app, backend)
    yield backend
    app.extensions["attachment_storage"] = previous


@pytest.fixture
def disk(app, tmp_path):
    backend = storage.DiskStorage(tmp_path / "attachments")
    previous = app.extensions.get("attachment_storage")
    storage.use(app, backend)
    yield backend
    app.extensions["attachment_storage"] = previous


@pytest.fixture
def s3(app, s3_endpoint):
    backend = make_s3(s3_endpoint)
    previous = app.extensions.get("attachment_storage")
    storage.use(app, backend)
    yield backend
    app.extensions["attachment_storage"] = previous


class Files:
    """Helpers over the test client; ``upload`` returns the response."""

    def __init__(self, client):
        self.client = client

    def calendar(self, headers) -> dict:
        r = self.client.post("/calendars", json={"name": "Work"}, headers=headers)
        assert r.status_code == 201, r.get_json()
        return r.get_json()

    def event(self, headers, calendar_id, **fields) -> dict:
        body = {"calendar_id": calendar_id, "title": "Review", "start_time": START,
                "end_time": END, **fields}  # fmt: skip
        r = self.client.post("/events", json=body, headers=headers)
        assert r.status_code == 201, r.get_json()
        return r.get_json()

    def share(self, headers, calendar_id, email, role) -> None:
        r = self.client.post(
            f"/calendars/{calendar_id}/share",
            json={"email": email, "role": role},
            headers=headers,
        )
        assert r.status_code == 201, r.get_json()

    def upload(self, headers, event_id, data: bytes, filename="notes.txt",
               content_type="application/octet-stream"):  # fmt: skip
        return self.client.post(
            f"/events/{event_id}/attachments",
            data={"file": (io.BytesIO(data), filename, content_type)},
            content_type="multipart/form-data",
            headers=headers,
        )

    def uploaded(self, headers, event_id, data: bytes, **kwargs) -> dict:
        r = self.upload(headers, event_id, data, **kwargs)
        assert r.status_code == 201, r.get_json()
        return r.get_json()


@pytest.fixture
def files(client):
    return Files(client)


@pytest.fixture
def calendar(files, headers):
    return files.calendar(headers)


@pytest.fixture
def event(files, headers, calendar):
    return files.event(headers, calendar["id"])
