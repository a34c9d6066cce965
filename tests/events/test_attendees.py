"""POST/PUT/DELETE /events/{id}/attendees, and linking once an email is verified."""

from __future__ import annotations

import uuid

import pytest

from tests.auth.outbox import bound_queue, mail_on, verify  # noqa: F401 - fixtures
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


@pytest.mark.usefixtures("mail_on")
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


# --- verifying an email links invitations --------------------------------------------


def _register(client, email="later@example.com"):
    r = client.post("/auth/register", json={"email": email, "password": PASSWORD})
    assert r.status_code == 201
    body = r.get_json()
    return body, {"Authorization": f"Bearer {body['access_token']}"}


@pytest.mark.usefixtures("mail_on")
def test_registering_alone_links_nothing(client, headers, make_event):
    event = make_event(attendees=[{"email": "victim@example.com"}])
    _, token = _register(client, "Victim@Example.com")
    assert client.get(f"/events/{event['id']}", headers=token).status_code == 404
    assert client.get("/events", headers=token).get_json()["items"] == []
    body = client.get(f"/events/{event['id']}", headers=headers).get_json()
    assert body["attendees"][0]["user_id"] is None


def test_inviting_an_unverified_account_does_not_link_it(
    client, headers, make_event, make_user, auth
):
    squatter = make_user(email="victim@example.com", email_verified=False)
    event = make_event()
    r = _invite(client, headers, event, "victim@example.com")
    assert r.get_json()["user_id"] is None
    r = client.get(f"/events/{event['id']}", headers=auth.jwt(squatter))
    assert r.status_code == 404


@pytest.mark.usefixtures("mail_on")
def test_verifying_links_earlier_invitations(client, headers, make_event, app):
    event = make_event(attendees=[{"email": "later@example.com"}])
    new_user, token = _register(client, "Later@Example.com")
    assert verify(client, app, "later@example.com").status_code == 200
    body = client.get(f"/events/{event['id']}", headers=headers).get_json()
    assert body["attendees"][0]["user_id"] == new_user["user"]["id"]
    assert client.get(f"/events/{event['id']}", headers=token).status_code == 200
    assert [
        e["id"] for e in client.get("/events", headers=token).get_json()["items"]
    ] == [event["id"]]


@pytest.mark.usefixtures("mail_on")
def test_verifying_changes_the_etag_of_linked_events(client, headers, make_event, app):
    event = make_event(attendees=[{"email": "later@example.com"}])
    url = f"/events/{event['id']}"
    _register(client)
    before = client.get(url, headers=headers).headers["ETag"]
    verify(client, app, "later@example.com")
    assert client.get(url, headers=headers).headers["ETag"] != before


@pytest.mark.usefixtures("mail_on")
def test_verifying_leaves_other_invitations_alone(client, headers, make_event, app):
    event = make_event(attendees=[{"email": "someone@example.com"}])
    _register(client, "other@example.com")
    verify(client, app, "other@example.com")
    body = client.get(f"/events/{event['id']}", headers=headers).get_json()
    assert body["attendees"][0]["user_id"] is None


@pytest.mark.usefixtures("mail_on")
def test_the_linked_attendee_answers_for_itself(client, headers, make_event, app):
    event = make_event(attendees=[{"email": "later@example.com"}])
    _, token = _register(client)
    verify(client, app, "later@example.com")
    r = client.put(
        _url(event, event["attendees"][0]), json={"status": "declined"}, headers=token
    )
    assert r.status_code == 200
    assert r.get_json()["status"] == "declined"
