"""POST/PUT/DELETE /events/{id}/attendees and linking on registration."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import PASSWORD


def _invite(client, headers, event, email, **fields):
    return client.post(
        f"/events/{event['id']}/attendees",
        json={"email": email, **fields},
        headers=headers,
    )


def _url(event, attendee):
    return f"/events/{event['id']}/attendees/{attendee['id']}"


def test_invite_returns_the_attendee(client, headers, make_event):
    r = _invite(client, headers, make_event(), "  Guest@Example.COM ", name="Guest")
    assert r.status_code == 201
    body = r.get_json()
    assert set(body) == {"id", "email", "name", "user_id", "status"}
    assert body["email"] == "guest@example.com"
    assert body["name"] == "Guest"
    assert body["user_id"] is None
    assert body["status"] == "needs_action"


def test_a_registered_email_links_the_user(client, headers, make_event, make_user):
    known = make_user(email="known@example.com")
    r = _invite(client, headers, make_event(), "KNOWN@example.com")
    assert r.get_json()["user_id"] == str(known.id)


def test_inviting_twice_is_409(client, headers, make_event):
    event = make_event()
    first = _invite(client, headers, event, "guest@example.com").get_json()
    r = _invite(client, headers, event, "GUEST@example.com ")
    assert r.status_code == 409
    assert r.get_json()["details"]["attendee_id"] == first["id"]


def test_the_same_email_on_two_events_is_fine(client, headers, make_event):
    assert _invite(client, headers, make_event(), "g@example.com").status_code == 201
    assert _invite(client, headers, make_event(), "g@example.com").status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-email"},
        {"email": ""},
        {"email": "a@example.com", "name": "x" * 201},
        {"email": "a@example.com", "user_id": str(uuid.uuid4())},
        {"email": "a@example.com", "status": "accepted"},
        {"name": "No email"},
    ],
)
def test_invalid_invite_is_400(client, headers, make_event, body):
    r = client.post(
        f"/events/{make_event()['id']}/attendees", json=body, headers=headers
    )
    assert r.status_code == 400


def test_editor_sets_a_status_and_name(client, headers, make_event):
    event = make_event()
    attendee = _invite(client, headers, event, "g@example.com").get_json()
    r = client.put(
        _url(event, attendee), json={"status": "accepted", "name": "G"}, headers=headers
    )
    assert r.status_code == 200
    assert r.get_json()["status"] == "accepted" and r.get_json()["name"] == "G"


@pytest.mark.parametrize(
    "status", ["needs_action", "accepted", "declined", "tentative"]
)
def test_every_rsvp_status_is_accepted(client, headers, make_event, status):
    event = make_event(attendees=[{"email": "g@example.com"}])
    r = client.put(
        _url(event, event["attendees"][0]), json={"status": status}, headers=headers
    )
    assert r.get_json()["status"] == status


@pytest.mark.parametrize("body", [{"status": "maybe"}, {"email": "x@example.com"}])
def test_invalid_update_is_400(client, headers, make_event, body):
    event = make_event(attendees=[{"email": "g@example.com"}])
    r = client.put(_url(event, event["attendees"][0]), json=body, headers=headers)
    assert r.status_code == 400


def test_update_unknown_attendee_is_404(client, headers, make_event):
    event = make_event()
    r = client.put(
        _url(event, {"id": uuid.uuid4()}), json={"status": "accepted"}, headers=headers
    )
    assert r.status_code == 404


def test_attendee_of_another_event_is_404(client, headers, make_event):
    one = make_event(attendees=[{"email": "g@example.com"}])
    other = make_event()
    r = client.put(
        _url(other, one["attendees"][0]), json={"status": "accepted"}, headers=headers
    )
    assert r.status_code == 404


def test_remove_an_attendee(client, headers, make_event):
    event = make_event(attendees=[{"email": "g@example.com"}])
    r = client.delete(_url(event, event["attendees"][0]), headers=headers)
    assert r.status_code == 204
    assert (
        client.get(f"/events/{event['id']}", headers=headers).get_json()["attendees"]
        == []
    )


def test_remove_unknown_attendee_is_404(client, headers, make_event):
    r = client.delete(_url(make_event(), {"id": uuid.uuid4()}), headers=headers)
    assert r.status_code == 404


def test_a_removed_attendee_can_be_invited_again(client, headers, make_event):
    event = make_event(attendees=[{"email": "g@example.com"}])
    client.delete(_url(event, event["attendees"][0]), headers=headers)
    assert _invite(client, headers, event, "g@example.com").status_code == 201


def test_attendees_are_listed_by_email(client, headers, make_event):
    event = make_event()
    for email in ("c@example.com", "a@example.com", "b@example.com"):
        _invite(client, headers, event, email)
    body = client.get(f"/events/{event['id']}", headers=headers).get_json()
    assert [a["email"] for a in body["attendees"]] == [
        "a@example.com",
        "b@example.com",
        "c@example.com",
    ]


# --- registration links invitations -------------------------------------------------


def test_registering_links_earlier_invitations(client, headers, make_event):
    event = make_event(attendees=[{"email": "later@example.com"}])
    r = client.post(
        "/auth/register", json={"email": "Later@Example.com", "password": PASSWORD}
    )
    assert r.status_code == 201
    new_user = r.get_json()
    token = {"Authorization": f"Bearer {new_user['access_token']}"}
    body = client.get(f"/events/{event['id']}", headers=headers).get_json()
    assert body["attendees"][0]["user_id"] == new_user["user"]["id"]
    seen = client.get(f"/events/{event['id']}", headers=token)
    assert seen.status_code == 200
    assert [
        e["id"] for e in client.get("/events", headers=token).get_json()["items"]
    ] == [event["id"]]


def test_registering_changes_the_etag_of_linked_events(client, headers, make_event):
    event = make_event(attendees=[{"email": "later@example.com"}])
    url = f"/events/{event['id']}"
    before = client.get(url, headers=headers).headers["ETag"]
    client.post(
        "/auth/register", json={"email": "later@example.com", "password": PASSWORD}
    )
    assert client.get(url, headers=headers).headers["ETag"] != before


def test_registering_leaves_other_invitations_alone(client, headers, make_event):
    event = make_event(attendees=[{"email": "someone@example.com"}])
    client.post(
        "/auth/register", json={"email": "other@example.com", "password": PASSWORD}
    )
    body = client.get(f"/events/{event['id']}", headers=headers).get_json()
    assert body["attendees"][0]["user_id"] is None


def test_the_linked_attendee_answers_for_itself(client, headers, make_event):
    event = make_event(attendees=[{"email": "later@example.com"}])
    r = client.post(
        "/auth/register", json={"email": "later@example.com", "password": PASSWORD}
    )
    token = {"Authorization": f"Bearer {r.get_json()['access_token']}"}
    r = client.put(
        _url(event, event["attendees"][0]), json={"status": "declined"}, headers=token
    )
    assert r.status_code == 200
    assert r.get_json()["status"] == "declined"
