"""Email verification: the emailed link, POST /auth/verify-email, resending."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.auth.outbox import emails_to, latest_token, token_in, verify
from tests.conftest import PASSWORD
from tests.reminders.harness import eventually

pytestmark = pytest.mark.usefixtures("mail_on")


def _register(client, email="new@example.com"):
    r = client.post("/auth/register", json={"email": email, "password": PASSWORD})
    assert r.status_code == 201
    body = r.get_json()
    return body, {"Authorization": f"Bearer {body['access_token']}"}


def _me(client, headers) -> dict:
    return client.get("/users/me", headers=headers).get_json()


def _confirm(client, token):
    return client.post("/auth/verify-email", json={"token": token})


# --- registering ----------------------------------------------------------------------


def test_register_signs_in_with_an_unverified_email(client):
    body, headers = _register(client)
    assert body["user"]["is_email_verified"] is False
    assert body["user"]["pending_email"] is None
    assert _me(client, headers)["is_email_verified"] is False


def test_register_mails_a_link_to_the_address(client, app):
    _register(client, "New@Example.com")
    [message] = emails_to(app, "new@example.com")
    assert message["Subject"] == "Confirm your email address"
    assert "http://localhost/auth/verify-email#token=" in message.get_content()


def test_the_link_uses_public_base_url(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://cal.example.com/")
    _register(client)
    [message] = emails_to(app, "new@example.com")
    assert "https://cal.example.com/auth/verify-email#token=" in message.get_content()


def test_following_the_link_verifies_the_email(client, app):
    body, headers = _register(client)
    r = verify(client, app, "new@example.com")
    assert r.status_code == 200
    assert r.get_json()["id"] == body["user"]["id"]
    assert r.get_json()["is_email_verified"] is True
    assert _me(client, headers)["is_email_verified"] is True


def test_the_link_works_once(client, app):
    _register(client)
    token = latest_token(app, "new@example.com")
    assert _confirm(client, token).status_code == 200
    r = _confirm(client, token)
    assert r.status_code == 400
    assert r.get_json()["code"] == "validation_error"
    assert r.get_json()["details"] == {"token": ["has already been used"]}


def test_a_used_link_is_no_longer_mailed(client, app):
    _register(client)
    verify(client, app, "new@example.com")
    assert emails_to(app, "new@example.com") == [None]  # the job drops it


def test_an_expired_link_is_refused(client, app, monkeypatch):
    from calapp.users import service

    _register(client)
    token = latest_token(app, "new@example.com")
    later = service.now() + timedelta(hours=24, seconds=1)
    monkeypatch.setattr(service, "now", lambda: later)
    r = _confirm(client, token)
    assert r.status_code == 400
    assert r.get_json()["details"] == {"token": ["has expired"]}


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: t.split(".")[0],
        lambda t: "0" * 32 + "." + t.split(".")[1],
        lambda t: "not-a-token",
        lambda t: "zz" * 16 + ".x",
    ],
    ids=["signature", "no-signature", "other-id", "garbage", "bad-id"],
)
def test_a_forged_or_malformed_token_is_400(client, app, tamper):
    _, headers = _register(client)
    r = _confirm(client, tamper(latest_token(app, "new@example.com")))
    assert r.status_code == 400
    assert r.get_json()["details"] == {"token": ["is not valid"]}
    assert _me(client, headers)["is_email_verified"] is False


def test_a_token_signed_with_another_secret_is_refused(client, app, monkeypatch):
    _register(client)
    original = app.config["SECRET_KEY"]
    monkeypatch.setitem(app.config, "SECRET_KEY", "another-secret-" + "y" * 40)
    token = latest_token(app, "new@example.com")
    monkeypatch.setitem(app.config, "SECRET_KEY", original)
    assert _confirm(client, token).status_code == 400
    assert _confirm(client, latest_token(app, "new@example.com")).status_code == 200


def test_the_verify_page_is_html_that_changes_nothing(client, app):
    _, headers = _register(client)
    r = client.get("/auth/verify-email")
    assert r.status_code == 200
    assert r.mimetype == "text/html"
    assert b"verify.js" in r.get_data()
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    with client.get("/static/verify-email/verify.js") as script:
        assert script.status_code == 200
    assert _me(client, headers)["is_email_verified"] is False


# --- resending ------------------------------------------------------------------------


def _resend(client, headers):
    return client.post("/auth/verify-email/resend", headers=headers)


def _a_minute_later(monkeypatch, minutes=1):
    from calapp.users import service

    later = service.now() + timedelta(minutes=minutes, seconds=1)
    monkeypatch.setattr(service, "now", lambda: later)


def test_resend_mails_a_new_link_and_the_old_one_stops_working(
    client, app, monkeypatch
):
    _, headers = _register(client)
    old = latest_token(app, "new@example.com")
    _a_minute_later(monkeypatch)
    r = _resend(client, headers)
    assert r.status_code == 202
    assert r.get_json() == {"email": "new@example.com"}
    first, second = emails_to(app, "new@example.com")
    assert first is None  # replaced: the job would not send it any more
    assert _confirm(client, old).status_code == 400
    assert _confirm(client, token_in(second)).status_code == 200


def test_resend_within_a_minute_is_429_with_retry_after(client, app):
    _, headers = _register(client)
    r = _resend(client, headers)
    assert r.status_code == 429
    assert r.get_json()["code"] == "rate_limited"
    assert 1 <= int(r.headers["Retry-After"]) <= 61
    assert len(emails_to(app, "new@example.com")) == 1


def test_resend_when_verified_is_409(client, app, monkeypatch):
    _, headers = _register(client)
    verify(client, app, "new@example.com")
    _a_minute_later(monkeypatch)
    r = _resend(client, headers)
    assert r.status_code == 409
    assert r.get_json()["code"] == "conflict"


def test_an_api_key_cannot_resend(client, user, auth):
    r = _resend(client, auth.key(user, ["account:write"]))
    assert r.status_code == 403
    assert r.get_json()["code"] == "forbidden"


def test_resend_needs_a_sign_in(client):
    assert _resend(client, {}).status_code == 401


# --- end to end: a real SMTP server and consumer ------------------------------------


def test_the_link_arrives_by_email_and_links_the_invitations(
    client, app, worker, inbox, make_user, auth
):
    owner = make_user()
    owner_headers = auth.jwt(owner)
    calendar = client.post(
        "/calendars", json={"name": "Team"}, headers=owner_headers
    ).get_json()
    event = client.post(
        "/events",
        json={
            "calendar_id": calendar["id"],
            "title": "Offsite",
            "start_time": "2030-05-01T09:00:00Z",
            "end_time": "2030-05-01T10:00:00Z",
            "attendees": [{"email": "guest@example.com"}],
        },
        headers=owner_headers,
    ).get_json()
    _, headers = _register(client, "guest@example.com")
    assert client.get(f"/events/{event['id']}", headers=headers).status_code == 404

    [message] = eventually(
        lambda: [
            m
            for m in inbox.to("guest@example.com")
            if m["Subject"] == "Confirm your email address"
        ]
    )
    assert _confirm(client, token_in(message)).status_code == 200

    r = client.get(f"/events/{event['id']}", headers=headers)
    assert r.status_code == 200
    assert r.get_json()["title"] == "Offsite"
