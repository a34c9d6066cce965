"""Who may see and change an event's files: exactly who may read and edit it."""

from __future__ import annotations

import pytest

from tests.attachments.test_routes import PDF, _path, download


@pytest.fixture
def shared(files, auth, make_user, headers, calendar, event, disk):
    """The owner's event with one file; a viewer, an editor, an invited user and
    a stranger."""
    people = {name: make_user() for name in ("viewer", "editor", "invitee", "stranger")}
    files.share(headers, calendar["id"], people["viewer"].email, "viewer")
    files.share(headers, calendar["id"], people["editor"].email, "editor")
    r = files.client.post(
        f"/events/{event['id']}/attendees",
        json={"email": people["invitee"].email},
        headers=headers,
    )
    assert r.status_code == 201
    item = files.uploaded(headers, event["id"], PDF, filename="contract.pdf")
    return {name: auth.jwt(user) for name, user in people.items()}, item


@pytest.mark.parametrize("who", ["viewer", "editor", "invitee"])
def test_readers_list_and_download(shared, files, client, event, who):
    people, item = shared
    listed = client.get(f"/events/{event['id']}/attachments", headers=people[who])
    assert [i["id"] for i in listed.get_json()["items"]] == [item["id"]]
    assert download(client, people[who], item) == PDF


@pytest.mark.parametrize("who", ["viewer", "invitee"])
def test_readers_cannot_upload_or_delete(shared, files, client, event, who):
    people, item = shared
    r = files.upload(people[who], event["id"], b"x")
    assert r.status_code == 403
    assert r.get_json()["code"] == "forbidden"
    assert client.delete(_path(item["url"]), headers=people[who]).status_code == 403


def test_an_editor_uploads_and_deletes(shared, files, client, event):
    people, item = shared
    mine = files.uploaded(people["editor"], event["id"], b"minutes")
    assert (
        client.delete(_path(mine["url"]), headers=people["editor"]).status_code == 204
    )
    assert (
        client.delete(_path(item["url"]), headers=people["editor"]).status_code == 204
    )


def test_a_stranger_sees_nothing(shared, files, client, event):
    people, item = shared
    stranger = people["stranger"]
    for response in (
        client.get(f"/events/{event['id']}/attachments", headers=stranger),
        client.get(_path(item["url"]), headers=stranger),
        client.delete(_path(item["url"]), headers=stranger),
        files.upload(stranger, event["id"], b"x"),
        client.post(
            f"/events/{event['id']}/attachments/uploads",
            json={"filename": "a", "size": 1},
            headers=stranger,
        ),
    ):
        assert response.status_code == 404, response.get_json()
        assert response.get_json()["code"] == "not_found"


def test_a_file_of_another_event_is_not_found_through_this_one(
    files, client, headers, calendar, event, disk
):
    other = files.event(headers, calendar["id"], title="Other")
    item = files.uploaded(headers, other["id"], PDF)
    r = client.get(f"/events/{event['id']}/attachments/{item['id']}", headers=headers)
    assert r.status_code == 404


def test_a_read_only_api_key_cannot_upload(files, auth, user, event, disk):
    key = auth.key(user, ["events:read"])
    r = files.upload(key, event["id"], b"x")
    assert r.status_code == 403
    assert r.get_json()["code"] == "insufficient_scope"


def test_without_credentials_it_is_a_401(files, client, event, disk):
    r = files.upload({}, event["id"], b"x")
    assert r.status_code == 401


def test_a_deleted_event_hides_its_files(files, client, headers, event, disk):
    item = files.uploaded(headers, event["id"], PDF)
    assert client.delete(f"/events/{event['id']}", headers=headers).status_code == 204
    assert client.get(_path(item["url"]), headers=headers).status_code == 404


def test_exceptions_show_the_series_files_by_reference(
    files, client, headers, calendar, disk
):
    series = files.event(headers, calendar["id"], recurrence_rule="FREQ=DAILY;COUNT=3")
    item = files.uploaded(headers, series["id"], PDF, filename="agenda.pdf")
    r = client.put(
        f"/events/{series['id']}/instances/2026-03-03T09:00:00Z",
        json={"title": "Moved"},
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    exception = r.get_json()
    assert exception["id"] != series["id"]
    assert [a["id"] for a in exception["attachments"]] == [item["id"]]
    through_exception = f"/events/{exception['id']}/attachments/{item['id']}"
    r = client.get(through_exception, headers=headers)
    assert r.get_data() == PDF
    r.close()
    assert len(list(disk.root.rglob("*.pdf"))) == 0  # keys are ids, not names
    assert sum(1 for p in disk.root.rglob("*") if p.is_file()) == 1
    window = client.get(
        "/events",
        query_string={"start": "2026-03-01T00:00:00Z", "end": "2026-03-05T00:00:00Z"},
        headers=headers,
    ).get_json()["items"]
    assert [[a["id"] for a in e["attachments"]] for e in window] == [[item["id"]]] * 3
