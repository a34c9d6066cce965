import pytest

from tests.conftest import PASSWORD

NEW_PASSWORD = "another-horse-7"
USER_FIELDS = {
    "id",
    "email",
    "name",
    "timezone",
    "is_active",
    "is_email_verified",
    "has_password",
    "pending_email",
    "default_schedule_id",
    "holiday_country",
    "holiday_subdivision",
    "holidays_block",
    "created_at",
    "updated_at",
}


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _login(client, email: str, password: str = PASSWORD):
    return client.post("/auth/login", json={"email": email, "password": password})


# --- GET ------------------------------------------------------------------------------


def test_get_me_returns_the_user(client, user, headers):
    r = client.get("/users/me", headers=headers)
    assert r.status_code == 200
    body = r.get_json()
    assert set(body) == USER_FIELDS
    assert body["id"] == str(user.id) and body["email"] == user.email
    assert body["is_active"] is True
    assert body["created_at"].endswith("Z") and body["updated_at"].endswith("Z")


def test_get_me_with_an_api_key(client, user, auth):
    r = client.get("/users/me", headers=auth.key(user, ["account:read"]))
    assert r.status_code == 200
    assert r.get_json()["id"] == str(user.id)


def test_get_me_without_credentials_is_401(client):
    r = client.get("/users/me")
    assert r.status_code == 401
    assert r.get_json()["code"] == "unauthorized"


# --- PUT: profile ---------------------------------------------------------------------


def test_update_name_and_timezone(client, headers):
    r = client.put(
        "/users/me",
        json={"name": "Grace", "timezone": "America/New_York"},
        headers=headers,
    )
    assert r.status_code == 200
    assert r.get_json()["name"] == "Grace"
    assert r.get_json()["timezone"] == "America/New_York"
    again = client.get("/users/me", headers=headers).get_json()
    assert again["name"] == "Grace" and again["timezone"] == "America/New_York"


def test_update_with_an_empty_body_changes_nothing(client, user, headers):
    r = client.put("/users/me", json={}, headers=headers)
    assert r.status_code == 200
    assert r.get_json()["email"] == user.email


def test_update_with_unknown_timezone_is_400(client, headers):
    r = client.put("/users/me", json={"timezone": "Atlantis/Capital"}, headers=headers)
    assert r.status_code == 400
    assert r.get_json()["details"] == {"timezone": ["is not a known IANA timezone"]}


def test_update_with_unknown_field_is_400(client, headers):
    r = client.put("/users/me", json={"is_active": False}, headers=headers)
    assert r.status_code == 400
    assert "is_active" in r.get_json()["details"]


def test_api_key_with_account_write_may_update_the_name(client, user, auth):
    r = client.put(
        "/users/me",
        json={"name": "Agent set"},
        headers=auth.key(user, ["account:write"]),
    )
    assert r.status_code == 200
    assert r.get_json()["name"] == "Agent set"


def test_api_key_without_account_write_cannot_rename_the_account(
    client, user, auth, headers
):
    every_other = ["calendars:write", "events:write", "contacts:write", "account:read"]
    r = client.put(
        "/users/me", json={"name": "Renamed"}, headers=auth.key(user, every_other)
    )
    assert r.status_code == 403
    assert r.get_json()["code"] == "insufficient_scope"
    assert r.get_json()["details"] == {"required": ["account:write"]}
    assert client.get("/users/me", headers=headers).get_json()["name"] == user.name


@pytest.mark.parametrize("path", ["/users/me", "/auth/me"])
def test_reading_the_profile_with_a_key_needs_account_read(client, user, auth, path):
    assert client.get(path, headers=auth.key(user, ["events:write"])).status_code == 403
    r = client.get(path, headers=auth.key(user, ["account:read"]))
    assert r.status_code == 200
    assert r.get_json()["email"] == user.email


# --- PUT: email -----------------------------------------------------------------------


def test_change_email_waits_for_the_new_address_to_be_confirmed(client, user, headers):
    r = client.put(
        "/users/me",
        json={"email": "New@Example.com", "current_password": PASSWORD},
        headers=headers,
    )
    assert r.status_code == 200
    assert r.get_json()["email"] == user.email
    assert r.get_json()["pending_email"] == "new@example.com"
    assert _login(client, user.email).status_code == 200
    assert _login(client, "new@example.com").status_code == 401


def test_change_email_without_current_password_is_400(client, headers):
    r = client.put("/users/me", json={"email": "new@example.com"}, headers=headers)
    assert r.status_code == 400
    body = r.get_json()
    assert body["code"] == "validation_error"
    assert "current_password" in body["details"]


def test_change_email_to_a_taken_email_is_409(client, headers, make_user):
    make_user("taken@example.com")
    r = client.put(
        "/users/me",
        json={"email": "TAKEN@example.com", "current_password": PASSWORD},
        headers=headers,
    )
    assert r.status_code == 409
    body = r.get_json()
    assert body["code"] == "conflict"
    assert "email" in body["details"]


def test_failed_email_change_keeps_the_old_email(client, user, headers, make_user):
    make_user("taken@example.com")
    client.put(
        "/users/me",
        json={"email": "taken@example.com", "current_password": PASSWORD},
        headers=headers,
    )
    assert client.get("/users/me", headers=headers).get_json()["email"] == user.email


def test_invalid_email_is_400(client, headers):
    r = client.put(
        "/users/me",
        json={"email": "nope", "current_password": PASSWORD},
        headers=headers,
    )
    assert r.status_code == 400
    assert "email" in r.get_json()["details"]


# --- PUT: password --------------------------------------------------------------------


def test_change_password_without_current_password_is_400(client, headers):
    r = client.put("/users/me", json={"password": NEW_PASSWORD}, headers=headers)
    assert r.status_code == 400
    body = r.get_json()
    assert body["code"] == "validation_error"
    assert "current_password" in body["details"]


def test_change_password_with_wrong_current_password_is_401(client, headers):
    r = client.put(
        "/users/me",
        json={"password": NEW_PASSWORD, "current_password": "wrong-password-1"},
        headers=headers,
    )
    assert r.status_code == 401
    assert r.get_json()["code"] == "invalid_credentials"


def test_wrong_current_password_keeps_the_session(client, headers):
    client.put(
        "/users/me",
        json={"password": NEW_PASSWORD, "current_password": "wrong-password-1"},
        headers=headers,
    )
    assert client.get("/users/me", headers=headers).status_code == 200


def test_change_password_to_a_weak_one_is_400(client, headers):
    r = client.put(
        "/users/me",
        json={"password": "weak", "current_password": PASSWORD},
        headers=headers,
    )
    assert r.status_code == 400
    assert "password" in r.get_json()["details"]


def test_change_password_replaces_the_old_one(client, user, headers):
    r = client.put(
        "/users/me",
        json={"password": NEW_PASSWORD, "current_password": PASSWORD},
        headers=headers,
    )
    assert r.status_code == 200
    assert _login(client, user.email, NEW_PASSWORD).status_code == 200
    assert _login(client, user.email, PASSWORD).status_code == 401


def test_change_password_ends_other_sessions_and_keeps_this_one(client, user, auth):
    current_access, current_refresh = auth.tokens(user)
    other_access, other_refresh = auth.tokens(user)
    r = client.put(
        "/users/me",
        json={"password": NEW_PASSWORD, "current_password": PASSWORD},
        headers=_bearer(current_access),
    )
    assert r.status_code == 200
    assert client.get("/users/me", headers=_bearer(other_access)).status_code == 401
    assert (
        client.post("/auth/refresh", json={"refresh_token": other_refresh}).status_code
        == 401
    )
    assert client.get("/users/me", headers=_bearer(current_access)).status_code == 200
    assert (
        client.post(
            "/auth/refresh", json={"refresh_token": current_refresh}
        ).status_code
        == 200
    )


@pytest.mark.parametrize(
    "change",
    [{"email": "agent@example.com"}, {"password": NEW_PASSWORD}],
    ids=["email", "password"],
)
def test_api_key_cannot_change_email_or_password(client, user, auth, change):
    key = auth.key(
        user, ["account:write", "calendars:write", "events:write", "contacts:write"]
    )
    r = client.put(
        "/users/me", json={**change, "current_password": PASSWORD}, headers=key
    )
    assert r.status_code == 403
    assert r.get_json()["code"] == "forbidden"
    assert _login(client, user.email).status_code == 200


# --- DELETE ---------------------------------------------------------------------------


def test_delete_me_is_204_and_the_account_is_gone(client, user, headers):
    r = client.delete("/users/me", headers=headers)
    assert r.status_code == 204
    assert r.get_data() == b""
    assert _login(client, user.email).status_code == 401


def test_api_key_cannot_delete_the_account(client, user, auth, headers):
    key = auth.key(
        user, ["account:write", "calendars:write", "events:write", "contacts:write"]
    )
    r = client.delete("/users/me", headers=key)
    assert r.status_code == 403
    assert r.get_json()["code"] == "forbidden"
    assert client.get("/users/me", headers=headers).status_code == 200
