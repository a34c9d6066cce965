"""Direct uploads: a presigned PUT (S3's own, or this API's signed URL on disk),
then a completion that verifies the object."""

from __future__ import annotations

import hashlib
import os
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.attachments.test_routes import PDF, _path, download


def start(client, headers, event_id, **body):
    return client.post(
        f"/events/{event_id}/attachments/uploads", json=body, headers=headers
    )


def put(client, url: str, data: bytes) -> int:
    """PUT the bytes where the server said: to S3 over HTTP, or to this API."""
    if urlsplit(url).path.startswith("/attachments/uploads/"):
        r = client.put(_path(url), data=data, content_type="application/octet-stream")
        return r.status_code
    request = urllib.request.Request(  # noqa: S310
        url,
        data=data,
        method="PUT",
        headers={"Content-Type": "application/octet-stream"},
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310
        return response.status


def test_a_direct_upload_round_trips(store, client, headers, event):
    data = PDF + os.urandom(5000)
    r = start(client, headers, event["id"], filename="../big.pdf", size=len(data))
    assert r.status_code == 201, r.get_json()
    upload = r.get_json()
    assert upload["method"] == "PUT"
    assert upload["attachment"]["filename"] == "big.pdf"
    assert upload["attachment"]["sha256"] is None
    listed = client.get(f"/events/{event['id']}/attachments", headers=headers)
    assert listed.get_json()["items"] == []  # pending files are not shown
    assert put(client, upload["upload_url"], data) in (200, 204)
    r = client.post(_path(upload["complete_url"]), headers=headers)
    assert r.status_code == 201, r.get_json()
    item = r.get_json()
    assert item["sha256"] == hashlib.sha256(data).hexdigest()
    assert item["content_type"] == "application/pdf"
    assert item["size"] == len(data)
    assert download(client, headers, item) == data


def test_completing_before_the_put_is_a_400(store, client, headers, event):
    upload = start(client, headers, event["id"], filename="a", size=3).get_json()
    r = client.post(_path(upload["complete_url"]), headers=headers)
    assert r.status_code == 400
    assert r.get_json()["code"] == "validation_error"


def test_a_put_of_another_size_does_not_complete(store, client, headers, event):
    upload = start(client, headers, event["id"], filename="a", size=10).get_json()
    try:
        put(client, upload["upload_url"], b"x" * 4)
    except urllib.error.HTTPError as error:  # S3 may refuse a short body itself
        error.close()
    r = client.post(_path(upload["complete_url"]), headers=headers)
    assert r.status_code == 400
    assert "not the declared 10" in r.get_json()["error"]
    assert put(client, upload["upload_url"], b"y" * 10) in (200, 204)
    assert (
        client.post(_path(upload["complete_url"]), headers=headers).status_code == 201
    )


def test_a_declared_size_over_the_limit_is_a_413(store, app, client, headers, event,
                                                  monkeypatch):  # fmt: skip
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", 100)
    r = start(client, headers, event["id"], filename="a", size=101)
    assert r.status_code == 413
    assert r.get_json()["code"] == "payload_too_large"


def test_pending_uploads_count_against_the_quota(store, app, client, headers, event,
                                                 monkeypatch):  # fmt: skip
    monkeypatch.setitem(app.config, "ATTACHMENT_QUOTA_BYTES", 100)
    assert start(client, headers, event["id"], filename="a", size=60).status_code == 201
    r = start(client, headers, event["id"], filename="b", size=60)
    assert r.status_code == 413
    assert r.get_json()["details"]["used_bytes"] == 60


def test_disk_upload_urls_take_no_more_than_declared(disk, client, headers, event):
    upload = start(client, headers, event["id"], filename="a", size=10).get_json()
    assert put(client, upload["upload_url"], b"x" * 11) == 413
    assert disk.size(f"{event['id']}/{upload['attachment']['id']}") is None


def test_disk_upload_urls_are_signed(disk, client, headers, event):
    upload = start(client, headers, event["id"], filename="a", size=1).get_json()
    forged = _path(upload["upload_url"]).replace("signature=", "signature=x")
    r = client.put(forged, data=b"x", content_type="application/octet-stream")
    assert r.status_code == 404


def test_s3_presigned_downloads_expire(s3, app, files, client, headers, event,
                                       monkeypatch):  # fmt: skip
    monkeypatch.setitem(app.config, "ATTACHMENT_URL_SECONDS", 1)
    item = files.uploaded(headers, event["id"], PDF)
    location = client.get(_path(item["url"]), headers=headers).headers["Location"]
    with urllib.request.urlopen(location) as response:  # noqa: S310
        assert response.read() == PDF
    time.sleep(2.1)
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(location)  # noqa: S310
    error.value.close()
    assert error.value.code == 403


def test_s3_presigned_uploads_expire(s3, app, client, headers, event, monkeypatch):
    monkeypatch.setitem(app.config, "ATTACHMENT_URL_SECONDS", 1)
    upload = start(client, headers, event["id"], filename="a", size=1).get_json()
    time.sleep(2.1)
    with pytest.raises(urllib.error.HTTPError) as error:
        put(client, upload["upload_url"], b"x")
    error.value.close()
    assert error.value.code == 403
