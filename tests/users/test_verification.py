"""Changing the email waits for the new address's link; everything that finds an
account by email (invitations, sharing) finds only verified addresses; admins
vouch for addresses from the CLI."""

from __future__ import annotations

import pytest

from tests.auth.outbox import (  # noqa: F401 - fixtures
    bound_queue,
    emails_to,
    latest_token,
    mail_on,
    verify,
)
from tests.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("mail_on")


def _change_email(client, headers, email):
    return client.put(
        "/users/me",
        json={"email": email, "current_password": PASSWORD},
        headers=headers,
    )


def _login(client, email):
    return client.post("/auth/login", json={"email": email, "password": PASSWORD})


def _me(client, headers) -> dict:
    return client.get("/users/me", headers=headers).get_json()


def _event_inviting(client, auth, make_user, email) -> dict:
    owner = auth.jwt(make_user())
    calendar = client.post("/calendars", json={"name": "Team"}, headers=owner)
    r = client.post(
        "/events",
        json={
            "calendar_id": calendar.get_json()["id"],
            "title": "Board meeting",
            "start_time": "2030-05-01T09:00:00Z",
            "end_time": "2030-05-01T10:00:00Z",
            "attendees": [{"email": email}],
        },
        headers=owner,
    )
    assert r.status_code == 201
    return r.get_json()


# --- changing the email ---------------------------------------------------------------


def test_a_new_email_is_pending_and_mailed_a_link(client, app, user, headers):
    r = _change_email(client, headers, "New@Example.com")
    assert r.status_code == 200
    assert r.get_json()["email"] == user.email
    assert r.get_json()["pending_email"] == "new@example.com"
    assert len(emails_to(app, "new@example.com")) == 1
    assert emails_to(app, user.email) == []


def test_switching_to_an_invited_address_shows_nothing_until_verified(
    client, app, auth, make_user, user, headers
):
    event = _event_inviting(client, auth, make_user, "ceo@example.com")
    _change_email(client, headers, "ceo@example.com")
    assert client.get(f"/events/{event['id']}", headers=headers).status_code == 404
    assert client.get("/events", headers=headers).get_json()["items"] == []


def test_following_the_link_switches_the_email_and_links_its_invitations(
    client, app, auth, make_user, user, headers
):
    event = _event_inviting(client, auth, make_user, "new@example.com")
    _change_email(client, headers, "new@example.com")
    r = verify(client, app, "new@example.com")
    assert r.status_code == 200
    me = _me(client, headers)
    assert me["email"] == "new@example.com"
    assert me["pending_email"] is None and me["is_email_verified"] is True
    assert _login(client, "new@example.com").status_code == 200
    assert _login(client, user.email).status_code == 401
    assert client.get(f"/events/{event['id']}", headers=headers).status_code == 200


def test_only_the_latest_requested_address_can_be_confirmed(client, app, user, headers):
    _change_email(client, headers, "first@example.com")
    first = latest_token(app, "first@example.com")
    _change_email(client, headers, "second@example.com")
    r = client.post("/auth/verify-email", json={"token": first})
    assert r.status_code == 400
    assert _me(client, headers)["email"] == user.email
    assert verify(client, app, "second@example.com").status_code == 200
    assert _me(client, headers)["email"] == "second@example.com"


def test_an_email_change_link_cannot_be_replayed(client, app, headers):
    _change_email(client, headers, "b@example.com")
    token_b = latest_token(app, "b@example.com")
    assert client.post("/auth/verify-email", json={"token": token_b}).status_code == 200
    _change_email(client, headers, "c@example.com")
    assert verify(client, app, "c@example.com").status_code == 200
    r = client.post("/auth/verify-email", json={"token": token_b})
    assert r.status_code == 400
    assert r.get_json()["details"] == {"token": ["has already been used"]}
    assert _me(client, headers)["email"] == "c@example.com"


def test_asking_for_the_current_email_cancels_the_change(client, app, user, headers):
    _change_email(client, headers, "new@example.com")
    token = latest_token(app, "new@example.com")
    r = _change_email(client, headers, user.email.upper())
    assert r.status_code == 200 and r.get_json()["pending_email"] is None
    assert client.post("/auth/verify-email", json={"token": token}).status_code == 400
    assert _me(client, headers)["email"] == user.email


def test_an_address_taken_before_the_link_is_followed_is_409(
    client, app, make_user, user, headers
):
    _change_email(client, headers, "wanted@example.com")
    make_user(email="wanted@example.com")
    r = verify(client, app, "wanted@example.com")
    assert r.status_code == 409
    assert r.get_json()["code"] == "conflict"
    assert _me(client, headers)["email"] == user.email


def test_resend_mails_the_pending_address(client, app, user, headers, monkeypatch):
    from datetime import timedelta

    from calapp.users import service

    _change_email(client, headers, "new@example.com")
    later = service.now() + timedelta(minutes=2)
    monkeypatch.setattr(service, "now", lambda: later)
    r = client.post("/auth/verify-email/resend", headers=headers)
    assert r.status_code == 202 and r.get_json() == {"email": "new@example.com"}
    assert len(emails_to(app, "new@example.com")) == 2


# --- everything that finds an account by email ----------------------------------------


def test_sharing_by_email_finds_only_a_verified_account(
    client, app, auth, make_user, headers
):
    calendar_id = client.post(
        "/calendars", json={"name": "Plans"}, headers=headers
    ).get_json()["id"]
    url = f"/calendars/{calendar_id}/share"
    r = client.post(
        "/auth/register", json={"email": "bob@example.com", "password": PASSWORD}
    )
    bob = {"Authorization": f"Bearer {r.get_json()['access_token']}"}
    body = {"email": "bob@example.com", "role": "viewer"}

    def bobs_calendars():
        return [c["id"] for c in client.get("/calendars", headers=bob).json["items"]]

    r = client.post(url, json=body, headers=headers)
    assert r.status_code == 404
    assert calendar_id not in bobs_calendars()

    verify(client, app, "bob@example.com")
    assert client.post(url, json=body, headers=headers).status_code == 201
    assert calendar_id in bobs_calendars()


def test_an_ics_import_does_not_link_an_unverified_account(
    client, auth, make_user, headers
):
    squatter = make_user(email="cfo@example.com", email_verified=False)
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:budget@x\r\nDTSTAMP:20300101T000000Z\r\n"
        b"DTSTART:20300501T090000Z\r\nDTEND:20300501T100000Z\r\nSUMMARY:Budget\r\n"
        b"ATTENDEE:mailto:cfo@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    r = client.post(
        "/calendars/import",
        data=data,
        headers={**headers, "Content-Type": "text/calendar"},
    )
    assert r.status_code == 201, r.get_json()
    assert client.get("/events", headers=auth.jwt(squatter)).get_json()["items"] == []


# --- the admin CLI --------------------------------------------------------------------


def _cli(app, *args):
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result


def test_cli_users_are_verified_unless_told_otherwise(app, client, auth, make_user):
    event = _event_inviting(client, auth, make_user, "admin-made@example.com")
    _cli(app, "users", "create", "admin-made@example.com", "--password", PASSWORD)
    _cli(app, "users", "create", "later@example.com", "--password", PASSWORD,
         "--unverified")  # fmt: skip
    made = _login(client, "admin-made@example.com").get_json()
    assert made["user"]["is_email_verified"] is True
    token = {"Authorization": f"Bearer {made['access_token']}"}
    assert client.get(f"/events/{event['id']}", headers=token).status_code == 200
    later = _login(client, "later@example.com").get_json()
    assert later["user"]["is_email_verified"] is False


def test_cli_verify_email_links_the_invitations(app, client, auth, make_user):
    event = _event_inviting(client, auth, make_user, "late@example.com")
    r = client.post(
        "/auth/register", json={"email": "late@example.com", "password": PASSWORD}
    )
    token = {"Authorization": f"Bearer {r.get_json()['access_token']}"}
    assert client.get(f"/events/{event['id']}", headers=token).status_code == 404
    result = _cli(app, "users", "verify-email", "late@example.com")
    assert "verified" in result.output
    assert client.get(f"/events/{event['id']}", headers=token).status_code == 200
