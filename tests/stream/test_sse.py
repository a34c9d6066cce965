"""GET /stream: Server-Sent Events from a real stream process."""

from __future__ import annotations

import pytest

from tests.stream.helpers import SSEClient

pytestmark = pytest.mark.slow


@pytest.fixture
def owner(committing_db, make_user, auth, client):
    """(headers, calendar id) of a user with one calendar, committed for real."""
    headers = auth.jwt(make_user())
    r = client.post("/calendars", json={"name": "Work"}, headers=headers)
    assert r.status_code == 201
    return headers, r.get_json()["id"]


def make_event(client, headers, calendar_id, title="Standup") -> str:
    r = client.post(
        "/events",
        json={
            "calendar_id": calendar_id,
            "title": title,
            "start_time": "2030-01-07T09:00:00Z",
            "end_time": "2030-01-07T09:15:00Z",
        },
        headers=headers,
    )
    assert r.status_code == 201, r.get_json()
    return r.get_json()["id"]


def test_a_created_event_arrives_as_one_message(stream, owner, client):
    headers, calendar_id = owner
    sse = SSEClient(stream, "/stream", headers)
    event_id = make_event(client, headers, calendar_id)
    name, ident, data = sse.next()
    assert name == "message"
    assert data["type"] == "event" and data["id"] == event_id
    assert data["calendar_id"] == calendar_id and data["op"] == "created"
    assert data["position"] == int(ident)
    assert data["at"].endswith("Z")
    sse.close()


def test_updates_and_deletes_arrive_in_commit_order(stream, owner, client):
    headers, calendar_id = owner
    sse = SSEClient(stream, "/stream?types=event", headers)
    event_id = make_event(client, headers, calendar_id)
    client.put(f"/events/{event_id}", json={"title": "Retro"}, headers=headers)
    client.delete(f"/events/{event_id}", headers=headers)
    got = [sse.next()[2] for _ in range(3)]
    assert [(m["id"], m["op"]) for m in got] == [
        (event_id, "created"),
        (event_id, "updated"),
        (event_id, "deleted"),
    ]
    assert [m["position"] for m in got] == sorted(m["position"] for m in got)
    sse.close()


def test_last_event_id_resumes_without_loss_or_repeat(stream, owner, client):
    headers, calendar_id = owner
    sse = SSEClient(stream, "/stream", headers)
    first = make_event(client, headers, calendar_id, "one")
    _, last_id, data = sse.next()
    assert data["id"] == first
    sse.close()
    missed = [make_event(client, headers, calendar_id, f"missed {n}") for n in range(3)]
    again = SSEClient(stream, "/stream", {**headers, "Last-Event-ID": last_id})
    got = [again.next()[2]["id"] for _ in range(3)]
    assert got == missed
    live = make_event(client, headers, calendar_id, "live")
    assert again.next()[2]["id"] == live
    assert again.quiet_for(1) == []
    again.close()


def test_a_pruned_position_gets_one_resync(stream, owner, client, app):
    import sqlalchemy as sa

    from calapp.changes.models import Change, ChangeLogState
    from calapp.extensions import db

    headers, calendar_id = owner
    make_event(client, headers, calendar_id)
    with app.app_context():
        newest = db.session.scalar(sa.select(sa.func.max(Change.position)))
        # As a prune leaves it: everything before the newest entry is gone.
        db.session.merge(ChangeLogState(id=1, pruned_through=newest))
        db.session.commit()
    sse = SSEClient(stream, "/stream", {**headers, "Last-Event-ID": "1"})
    name, ident, data = sse.next()
    assert name == "resync" and data["type"] == "resync"
    assert int(ident) == data["position"] >= newest
    assert sse.quiet_for(1) == []
    sse.close()


def test_calendar_filter_delivers_that_calendar_only(stream, owner, client):
    headers, calendar_id = owner
    other = client.post("/calendars", json={"name": "Home"}, headers=headers)
    other_id = other.get_json()["id"]
    sse = SSEClient(stream, f"/stream?calendar_id={other_id}", headers)
    make_event(client, headers, calendar_id, "work")
    home = make_event(client, headers, other_id, "home")
    data = sse.next()[2]
    assert (data["id"], data["calendar_id"]) == (home, other_id)
    sse.close()


def test_types_filter(stream, owner, client):
    headers, calendar_id = owner
    sse = SSEClient(stream, "/stream?types=contact", headers)
    make_event(client, headers, calendar_id)
    r = client.post("/contacts", json={"first_name": "Ada"}, headers=headers)
    assert r.status_code == 201, r.get_json()
    data = sse.next()[2]
    assert (data["type"], data["id"], data["calendar_id"]) == (
        "contact",
        r.get_json()["id"],
        None,
    )
    sse.close()


def test_a_calendar_you_cannot_read_is_404(stream, owner, make_user, auth, client):
    _, calendar_id = owner
    stranger = auth.jwt(make_user())
    sse = SSEClient(stream, f"/stream?calendar_id={calendar_id}", stranger)
    assert sse.status == 404 and sse.body["code"] == "not_found"


def test_no_credentials_is_401(stream):
    sse = SSEClient(stream, "/stream")
    assert sse.status == 401 and sse.body["code"] == "unauthorized"
