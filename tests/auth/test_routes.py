from tests.conftest import PASSWORD


def test_register_returns_tokens_and_user(client):
    r = client.post(
        "/auth/register",
        json={"email": " Ada@Example.com ", "password": "analytical1", "name": "Ada"},
    )
    assert r.status_code == 201
    body = r.get_json()
    assert body["user"]["email"] == "ada@example.com"
    assert body["token_type"] == "Bearer" and body["expires_in"] == 900
    me = client.get(
        "/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.status_code == 200 and me.get_json()["name"] == "Ada"


def test_taken_email_is_409_case_insensitively(client, make_user):
    make_user("taken@example.com")
    r = client.post(
        "/auth/register", json={"email": "TAKEN@example.com", "password": "analytical1"}
    )
    assert r.status_code == 409
    assert r.get_json()["code"] == "conflict"


def test_login_then_refresh_rotates(client, user):
    r = client.post("/auth/login", json={"email": user.email, "password": PASSWORD})
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
