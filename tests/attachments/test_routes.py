"""Upload, list, download and delete through the API, on both backends."""

from __future__ import annotations

import hashlib
import os
import urllib.request
from urllib.parse import urlsplit

import pytest

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"1 0 obj\n<<>>\nendobj\n" * 10


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def download(client, headers, item: dict) -> bytes:
    """The file's bytes: streamed by the API (disk) or fetched from the presigned
    URL it redirects to (S3)."""
    r = client.get(_path(item["url"]), headers=headers)
    if r.status_code == 302:
        with urllib.request.urlopen(r.headers["Location"]) as response:  # noqa: S310
            return response.read()
    assert r.status_code == 200, r.get_json()
    data = r.get_data()
    r.close()
    return data


def test_round_trip_is_byte_for_byte(store, files, client, headers, event):
    data = os.urandom(300_000) + b"\x00end"
    item = files.uploaded(headers, event["id"], data, filename="blob.bin")
    assert item["size"] == len(data)
    assert item["sha256"] == hashlib.sha256(data).hexdigest()
    assert item["filename"] == "blob.bin"
    assert item["content_type"] == "application/octet-stream"
    assert download(client, headers, item) == data


def test_an_empty_file_is_kept(store, files, client, headers, event):
    item = files.uploaded(headers, event["id"], b"", filename="empty.txt")
    assert item["size"] == 0
    assert item["sha256"] == hashlib.sha256(b"").hexdigest()
    assert download(client, headers, item) == b""


def test_the_event_shows_its_files_before_its_links(
    files, client, headers, calendar, disk
):
    event = files.event(
        headers,
        calendar["id"],
        attachments=[{"name": "site", "url": "https://example.com/"}],
    )
    item = files.uploaded(headers, event["id"], PDF, filename="agenda.pdf")
    shown = client.get(f"/events/{event['id']}", headers=headers).get_json()
    listed = client.get(
        "/events", query_string={"calendar_id": calendar["id"]}, headers=headers
    ).get_json()["items"][0]
    shape = ("id", "filename", "content_type", "size", "sha256", "url")
    expected_file = {k: item[k] for k in shape}
    assert shown["attachments"][0] == expected_file
    assert shown["attachments"][1]["url"] == "https://example.com/"
    assert shown["attachments"][1]["id"] is None
    assert listed["attachments"] == shown["attachments"]


def test_the_event_etag_changes_with_its_files(files, client, headers, event, disk):
    before = client.get(f"/events/{event['id']}", headers=headers).headers["ETag"]
    files.uploaded(headers, event["id"], PDF)
    after = client.get(f"/events/{event['id']}", headers=headers).headers["ETag"]
    assert before != after


def test_list_pages_through_the_files(files, client, headers, event, disk):
    ids = [files.uploaded(headers, event["id"], b"x%d" % i)["id"] for i in range(3)]
    first = client.get(
        f"/events/{event['id']}/attachments?limit=2", headers=headers
    ).get_json()
    second = client.get(
        f"/events/{event['id']}/attachments",
        query_string={"limit": 2, "cursor": first["next_cursor"]},
        headers=headers,
    ).get_json()
    assert [i["id"] for i in first["items"] + second["items"]] == ids
    assert second["next_cursor"] is None


def test_delete_removes_the_file_and_its_bytes(store, files, client, headers, event):
    item = files.uploaded(headers, event["id"], PDF)
    key = f"{event['id']}/{item['id']}"
    assert store.size(key) == len(PDF)
    r = client.delete(_path(item["url"]), headers=headers)
    assert r.status_code == 204
    assert client.get(_path(item["url"]), headers=headers).status_code == 404
    assert store.size(key) is None
    shown = client.get(f"/events/{event['id']}", headers=headers).get_json()
    assert shown["attachments"] == []


def test_a_lying_content_type_is_not_believed(files, client, headers, event, disk):
    item = files.uploaded(
        headers, event["id"], PNG, filename="page.html", content_type="text/html"
    )
    assert item["content_type"] == "image/png"
    html = files.uploaded(
        headers,
        event["id"],
        b"<html><script>alert(1)</script></html>",
        filename="x.png",
        content_type="image/png",
    )
    assert html["content_type"] == "text/plain"


def test_disk_downloads_are_safe_attachments(files, client, headers, event, disk):
    item = files.uploaded(
        headers, event["id"], b"<script>x</script>", filename="a.html"
    )
    r = client.get(_path(item["url"]), headers=headers)
    r.close()
    assert r.headers["Content-Disposition"].startswith("attachment;")
    assert "a.html" in r.headers["Content-Disposition"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.mimetype == "text/plain"


def test_disk_downloads_serve_ranges(files, client, headers, event, disk):
    data = bytes(range(256)) * 100
    item = files.uploaded(headers, event["id"], data)
    r = client.get(_path(item["url"]), headers={**headers, "Range": "bytes=100-199"})
    assert r.status_code == 206
    assert r.get_data() == data[100:200]
    r.close()
    assert r.headers["Content-Range"] == f"bytes 100-199/{len(data)}"


def test_s3_downloads_redirect_to_a_short_lived_url(files, client, headers, event, s3):
    item = files.uploaded(headers, event["id"], PDF, filename="agenda.pdf")
    r = client.get(_path(item["url"]), headers=headers)
    assert r.status_code == 302
    assert r.headers["Cache-Control"] == "no-store"
    location = r.headers["Location"]
    assert "X-Amz-Expires=300" in location and "X-Amz-Signature=" in location
    with urllib.request.urlopen(location) as response:  # noqa: S310
        assert response.read() == PDF
        assert "attachment" in response.headers["Content-Disposition"]


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("/absolute/path/report.pdf", "report.pdf"),
        ("..", "file"),
        ("", "file"),
        ("bell\x07name.txt", "bell_name.txt"),
        ("what?<now>.txt", "what_now_.txt"),
        (".hidden", "hidden"),
        ("a" * 300 + ".pdf", "a" * 251 + ".pdf"),
    ],
)
def test_filenames_are_sanitised(files, client, headers, event, disk, sent, kept):
    item = files.uploaded(headers, event["id"], b"data", filename=sent)
    assert item["filename"] == kept
    stored = list(disk.root.rglob("*"))
    assert all(disk.root in p.parents for p in stored)
    assert download(client, headers, item) == b"data"


def test_an_upload_without_a_file_field_is_a_400(client, headers, event, disk):
    r = client.post(
        f"/events/{event['id']}/attachments",
        data={"other": "x"},
        content_type="multipart/form-data",
        headers=headers,
    )
    assert r.status_code == 400
    assert r.get_json()["code"] == "validation_error"


def test_an_upload_that_is_not_multipart_is_a_415(client, headers, event, disk):
    r = client.post(
        f"/events/{event['id']}/attachments", json={"file": "x"}, headers=headers
    )
    assert r.status_code == 415
    assert r.get_json()["code"] == "unsupported_media_type"


def test_an_upload_retried_with_its_idempotency_key_is_stored_once(
    files, client, headers, event, disk
):
    keyed = {**headers, "Idempotency-Key": "upload-agenda-1"}
    first = files.upload(keyed, event["id"], b"agenda v1\n", filename="agenda.txt")
    assert first.status_code == 201, first.get_json()
    again = files.upload(keyed, event["id"], b"agenda v1\n", filename="agenda.txt")
    assert again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json()["id"] == first.get_json()["id"]
    listed = client.get(f"/events/{event['id']}/attachments", headers=headers)
    assert [a["id"] for a in listed.get_json()["items"]] == [first.get_json()["id"]]
    elsewhere = files.event(headers, event["calendar_id"])
    other = files.upload(keyed, elsewhere["id"], b"agenda v1\n")
    assert other.status_code == 422
    assert other.get_json()["code"] == "idempotency_key_reused"
