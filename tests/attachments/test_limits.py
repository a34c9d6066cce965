"""ATTACHMENT_MAX_BYTES and the per-user quota: 413 in the one error format,
and nothing left behind."""

from __future__ import annotations

import pytest


@pytest.fixture
def limits(app, monkeypatch):
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", 1000)
    monkeypatch.setitem(app.config, "ATTACHMENT_QUOTA_BYTES", 2500)


def _objects(store) -> list:
    return [o.key for o in store.objects()]


def test_a_file_over_the_limit_is_a_413(store, limits, files, headers, event):
    r = files.upload(headers, event["id"], b"x" * 1001)
    assert r.status_code == 413
    body = r.get_json()
    assert body["code"] == "payload_too_large"
    assert body["details"] == {"max_bytes": 1000}
    assert _objects(store) == []


def test_a_file_at_the_limit_is_taken(store, limits, files, headers, event):
    assert files.upload(headers, event["id"], b"x" * 1000).status_code == 201


def test_the_quota_counts_every_upload_of_the_user(
    store, limits, files, client, headers, event
):
    for _ in range(2):
        assert files.upload(headers, event["id"], b"x" * 1000).status_code == 201
    r = files.upload(headers, event["id"], b"x" * 600)
    assert r.status_code == 413
    assert r.get_json()["details"] == {"quota_bytes": 2500, "used_bytes": 2000}
    assert files.upload(headers, event["id"], b"x" * 500).status_code == 201
    assert len(_objects(store)) == 3


def test_deleting_frees_quota(limits, files, client, headers, event, disk):
    items = [files.uploaded(headers, event["id"], b"x" * 1000) for _ in range(2)]
    assert files.upload(headers, event["id"], b"x" * 1000).status_code == 413
    path = f"/events/{event['id']}/attachments/{items[0]['id']}"
    assert client.delete(path, headers=headers).status_code == 204
    assert files.upload(headers, event["id"], b"x" * 1000).status_code == 201


def test_the_quota_is_per_user(limits, files, auth, make_user, headers, calendar,
                               event, disk):  # fmt: skip
    editor = make_user()
    files.share(headers, calendar["id"], editor.email, "editor")
    for _ in range(2):
        assert files.upload(headers, event["id"], b"x" * 1000).status_code == 201
    other = auth.jwt(editor)
    assert files.upload(other, event["id"], b"x" * 1000).status_code == 201


def test_a_declared_length_over_the_limit_is_refused_before_reading(
    limits, client, headers, event, disk
):
    r = client.post(
        f"/events/{event['id']}/attachments",
        data=b"--b\r\n",
        headers={**headers, "Content-Type": "multipart/form-data; boundary=b"},
        environ_overrides={"CONTENT_LENGTH": str(10**9)},
    )
    assert r.status_code == 413
    assert r.get_json()["code"] == "payload_too_large"
