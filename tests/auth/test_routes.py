import pytest

from calapp.security import PASSWORD_RULE
from tests.conftest import PASSWORD


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _login(client, user, password: str = PASSWORD):
    return client.post("/auth/login", json={"email": user.email, "password": password})


def _deactivate(app, user) -> None:
    from calapp.extensions import db
    from calapp.users import service
    from calapp.users.models import User

    with app.app_context():
        service.deactivate(db.session.get(User, user.id), service.now())
        db.session.commit()


# --- register -------------------------------------------------------------------------


def test_register_returns_tokens_and_user(client):
    r = client.post(
        "/auth/register",
        json={"email": " Ada@Example.com ", "password": "analytical1", "name": "Ada"},
    )
    assert r.status_code == 201
    body = r.get_json()
    assert body["user"]["email"] == "ada@example.com"
    assert body["token_type"] == "Bearer" and body["expires_in"] == 900
    me = client.get("/auth/me", headers=_bearer(body["access_token"]))
    assert me.status_code == 200 and me.get_json()["name"] == "Ada"


def test_register_keeps_the_given_timezone(client):
    r = client.post(
        "/auth/register",
        json={
            "email": "tz@example.com",
            "password": "analytical1",
            "timezone": "Europe/Berlin",
        },
    )
    assert r.status_code == 201
    assert r.get_json()["user"]["timezone"] == "Europe/Berlin"


def test_taken_email_is_409_case_insensitively(client, make_user):
    make_user("taken@example.com")
    r = client.post(
        "/auth/register", json={"email": "TAKEN@example.com", "password": "analytical1"}
    )
    assert r.status_code == 409
    assert r.get_json()["code"] == "conflict"


@pytest.mark.parametrize(
    "password",
    ["short1", "nodigitsatall", "1234567890123", "a1" * 37],
    ids=["too-short", "no-digit", "no-letter", "over-72-bytes"],
)
def test_weak_password_is_400_and_the_message_states_the_rule(client, password):
    r = client.post(
        "/auth/register", json={"email": "weak@example.com", "password": password}
    )
    assert r.status_code == 400
    body = r.get_json()
    assert body["code"] == "validation_error"
    assert PASSWORD_RULE in body["error"]
    assert "10-72" in body["error"] and "letter" in body["error"]
    assert body["details"] == {"password": [PASSWORD_RULE]}


def test_invalid_email_is_400_with_field_details(client):
    r = client.post(
        "/auth/register", json={"email": "not-an-email", "password": "analytical1"}
    )
    assert r.status_code == 400
    body = r.get_json()
    assert body["code"] == "validation_error"
    assert list(body["details"]) == ["email"]


def test_unknown_field_is_400(client):
    r = client.post(
        "/auth/register",
        json={
            "email": "owner@example.com",
            "password": "analytical1",
            "is_admin": True,
        },
    )
    assert r.status_code == 400
    body = r.get_json()
    assert body["code"] == "validation_error"
    assert "is_admin" in body["details"]


@pytest.mark.parametrize("timezone", ["Mars/Olympus_Mons", "+02:00", "CEST", ""])
def test_unknown_or_offset_timezone_is_400(client, timezone):
    r = client.post(
        "/auth/register",
        json={
            "email": "zone@example.com",
            "password": "analytical1",
            "timezone": timezone,
        },
    )
    assert r.status_code == 400
    body = r.get_json()
    assert body["code"] == "validation_error"
    assert body["details"] == {"timezone": ["is not a known IANA timezone"]}


def test_missing_password_is_400(client):
    r = client.post("/auth/register", json={"email": "nopw@example.com"})
    assert r.status_code == 400
    assert "password" in r.get_json()["details"]


# --- login ----------------------------------------------------------------------------


def test_login_returns_a_working_token_pair(client, user):
    r = _login(client, user)
    assert r.status_code == 200
    body = r.get_json()
    assert body["user"]["id"] == str(user.id)
    assert set(body) == {
        "user",
        "access_token",
        "refresh_token",
        "token_type",
        "expires_in",
    }
    assert (
        client.get("/auth/me", headers=_bearer(body["access_token"])).status_code == 200
    )


def test_login_email_is_case_insensitive(client, make_user):
    make_user("mixed@example.com")
    r = client.post(
        "/auth/login", json={"email": "MIXED@Example.COM", "password": PASSWORD}
    )
    assert r.status_code == 200


def test_unknown_email_and_wrong_password_give_the_same_401(client, user):
    unknown = client.post(
        "/auth/login", json={"email": "nobody@example.com", "password": PASSWORD}
    )
    wrong = _login(client, user, "wrong-password-1")
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.get_json() == wrong.get_json()
    assert wrong.get_json()["code"] == "invalid_credentials"


def test_deactivated_user_cannot_log_in(app, client, user):
    _deactivate(app, user)
    r = _login(client, user)
    assert r.status_code == 401
    assert r.get_json()["code"] == "invalid_credentials"


def test_deactivating_ends_existing_sessions(app, client, user, auth):
    headers = auth.jwt(user)
    _deactivate(app, user)
    assert client.get("/auth/me", headers=headers).status_code == 401


# --- refresh --------------------------------------------------------------------------


def test_refresh_returns_new_working_tokens(client, user):
    first = _login(client, user).get_json()
    r = client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert r.status_code == 200
    body = r.get_json()
    assert body["refresh_token"] != first["refresh_token"]
    assert body["user"]["id"] == str(user.id)
    assert (
        client.get("/auth/me", headers=_bearer(body["access_token"])).status_code == 200
    )


def test_login_then_refresh_rotates(client, user):
    r = _login(client, user)
    assert r.status_code == 200
    first = r.get_json()["refresh_token"]
    r = client.post("/auth/refresh", json={"refresh_token": first})
    assert r.status_code == 200
    second = r.get_json()["refresh_token"]
    assert second != first
    # presenting the rotated token again revokes the whole chain
    r = client.post("/auth/refresh", json={"refresh_token": first})
    assert r.status_code == 401
    r = client.post("/auth/refresh", json={"refresh_token": second})
    assert r.status_code == 401


def test_reusing_a_rotated_refresh_token_ends_the_session_access_tokens(client, user):
    login = _login(client, user).get_json()
    rotated = client.post(
        "/auth/refresh", json={"refresh_token": login["refresh_token"]}
    ).get_json()
    reuse = client.post("/auth/refresh", json={"refresh_token": login["refresh_token"]})
    assert reuse.status_code == 401
    assert reuse.get_json()["code"] == "unauthorized"
    for token in (login["access_token"], rotated["access_token"]):
        assert client.get("/auth/me", headers=_bearer(token)).status_code == 401


def test_reuse_does_not_end_the_users_other_sessions(client, user):
    other = _login(client, user).get_json()
    login = _login(client, user).get_json()
    client.post("/auth/refresh", json={"refresh_token": login["refresh_token"]})
    client.post("/auth/refresh", json={"refresh_token": login["refresh_token"]})
    assert (
        client.get("/auth/me", headers=_bearer(other["access_token"])).status_code
        == 200
    )
    r = client.post("/auth/refresh", json={"refresh_token": other["refresh_token"]})
    assert r.status_code == 200


def test_unknown_refresh_token_is_401(client):
    r = client.post("/auth/refresh", json={"refresh_token": "not-a-real-token"})
    assert r.status_code == 401
    assert r.get_json()["code"] == "unauthorized"


def test_refresh_of_a_deactivated_user_is_401(app, client, user):
    login = _login(client, user).get_json()
    _deactivate(app, user)
    r = client.post("/auth/refresh", json={"refresh_token": login["refresh_token"]})
    assert r.status_code == 401


# --- logout ---------------------------------------------------------------------------


def test_logout_ends_the_current_session(client, user):
    login = _login(client, user).get_json()
    r = client.post("/auth/logout", json={}, headers=_bearer(login["access_token"]))
    assert r.status_code == 204
    assert (
        client.get("/auth/me", headers=_bearer(login["access_token"])).status_code
        == 401
    )
    r = client.post("/auth/refresh", json={"refresh_token": login["refresh_token"]})
    assert r.status_code == 401


def test_logout_without_a_body_ends_the_current_session(client, user):
    login = _login(client, user).get_json()
    r = client.post("/auth/logout", headers=_bearer(login["access_token"]))
    assert r.status_code == 204
    assert (
        client.get("/auth/me", headers=_bearer(login["access_token"])).status_code
        == 401
    )


def test_logout_with_a_refresh_token_ends_that_session_only(client, user):
    current = _login(client, user).get_json()
    other = _login(client, user).get_json()
    r = client.post(
        "/auth/logout",
        json={"refresh_token": other["refresh_token"]},
        headers=_bearer(current["access_token"]),
    )
    assert r.status_code == 204
    assert (
        client.get("/auth/me", headers=_bearer(other["access_token"])).status_code
        == 401
    )
    assert (
        client.get("/auth/me", headers=_bearer(current["access_token"])).status_code
        == 200
    )


def test_logout_with_another_users_refresh_token_changes_nothing(
    client, user, make_user
):
    victim = make_user()
    theirs = _login(client, victim).get_json()
    mine = _login(client, user).get_json()
    r = client.post(
        "/auth/logout",
        json={"refresh_token": theirs["refresh_token"]},
        headers=_bearer(mine["access_token"]),
    )
    assert r.status_code == 204
    assert (
        client.get("/auth/me", headers=_bearer(theirs["access_token"])).status_code
        == 200
    )


def test_logout_all_ends_every_session(client, user):
    sessions = [_login(client, user).get_json() for _ in range(3)]
    r = client.post(
        "/auth/logout", json={"all": True}, headers=_bearer(sessions[0]["access_token"])
    )
    assert r.status_code == 204
    for session in sessions:
        me = client.get("/auth/me", headers=_bearer(session["access_token"]))
        assert me.status_code == 401
        refresh = client.post(
            "/auth/refresh", json={"refresh_token": session["refresh_token"]}
        )
        assert refresh.status_code == 401


def test_logout_requires_authentication(client):
    r = client.post("/auth/logout", json={})
    assert r.status_code == 401
    assert r.get_json()["code"] == "unauthorized"


# --- caching --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/auth/login", "/auth/register"])
def test_token_responses_are_not_cached(client, user, path):
    email = user.email if path == "/auth/login" else "fresh@example.com"
    r = client.post(path, json={"email": email, "password": PASSWORD})
    assert r.status_code in (200, 201)
    assert r.headers["Cache-Control"] == "no-store"


def test_auth_errors_are_not_cached(client):
    r = client.post(
        "/auth/login", json={"email": "nobody@example.com", "password": PASSWORD}
    )
    assert r.status_code == 401
    assert r.headers["Cache-Control"] == "no-store"


def test_me_is_not_cached(client, headers):
    r = client.get("/auth/me", headers=headers)
    assert r.headers["Cache-Control"] == "no-store"
