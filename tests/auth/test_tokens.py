"""JWT edge cases, seen through GET /auth/me."""

import base64
import json
from datetime import timedelta

import jwt as pyjwt
import pytest
from flask_jwt_extended import (
    create_access_token,
    create_refresh_token,
    decode_token,
)

from tests.conftest import PASSWORD


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _b64(data: dict) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@pytest.fixture
def access_token(auth, user) -> str:
    return auth.tokens(user)[0]


@pytest.fixture
def claims(app, access_token) -> dict:
    """The claims of a real access token (user_id and sid of a live session)."""
    with app.app_context():
        return decode_token(access_token)


def _me(client, token: str):
    return client.get("/auth/me", headers=_bearer(token))


def _assert_401(response, code: str = "unauthorized") -> None:
    assert response.status_code == 401
    body = response.get_json()
    assert body["code"] == code
    assert isinstance(body["error"], str) and body["error"]


def test_a_valid_token_works(client, access_token):
    assert _me(client, access_token).status_code == 200


def test_expired_token_is_401_token_expired(app, client, claims):
    with app.app_context():
        token = create_access_token(
            identity=claims["sub"],
            additional_claims={"user_id": claims["user_id"], "sid": claims["sid"]},
            expires_delta=timedelta(seconds=-60),
        )
    _assert_401(_me(client, token), "token_expired")


def test_tampered_signature_is_401(client, access_token):
    header, payload, signature = access_token.split(".")
    # Change a middle character: the last one may only carry padding bits.
    swapped = "A" if signature[10] != "A" else "B"
    forged = f"{header}.{payload}.{signature[:10]}{swapped}{signature[11:]}"
    _assert_401(_me(client, forged))


def test_tampered_payload_is_401(client, access_token, make_user):
    header, payload, signature = access_token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["user_id"] = str(make_user().id)
    _assert_401(_me(client, f"{header}.{_b64(claims)}.{signature}"))


def test_alg_none_token_is_401(client, claims):
    token = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."
    _assert_401(_me(client, token))


def test_refresh_type_jwt_is_not_an_access_token(app, client, claims):
    with app.app_context():
        token = create_refresh_token(
            identity=claims["sub"],
            additional_claims={"user_id": claims["user_id"], "sid": claims["sid"]},
        )
    _assert_401(_me(client, token))


def test_token_signed_with_another_secret_is_401(client, claims):
    token = pyjwt.encode(claims, "another-secret-" + "y" * 48, algorithm="HS256")
    _assert_401(_me(client, token))


def test_token_without_a_session_id_is_401(app, client, claims):
    with app.app_context():
        token = create_access_token(
            identity=claims["sub"], additional_claims={"user_id": claims["user_id"]}
        )
    _assert_401(_me(client, token))


def test_garbage_token_is_401(client):
    _assert_401(_me(client, "not.a.jwt"))


@pytest.mark.parametrize("value", ["Bearer", "Bearer ", "Basic dXNlcjpwdw==", "Token"])
def test_malformed_authorization_header_is_401(client, value):
    _assert_401(client.get("/auth/me", headers={"Authorization": value}))


def test_no_credentials_is_401(client):
    _assert_401(client.get("/auth/me"))


def test_deleted_users_access_token_stops_working_at_once(client, user, headers):
    assert client.delete("/users/me", headers=headers).status_code == 204
    _assert_401(client.get("/auth/me", headers=headers))


def test_deleted_users_api_keys_stop_working_at_once(client, user, headers, auth):
    key = auth.key(user, ["events:read"])
    assert client.delete("/users/me", headers=headers).status_code == 204
    _assert_401(client.get("/auth/me", headers=key))


def test_deleted_users_refresh_token_stops_working(client, user, auth):
    access, refresh = auth.tokens(user)
    assert client.delete("/users/me", headers=_bearer(access)).status_code == 204
    r = client.post("/auth/refresh", json={"refresh_token": refresh})
    _assert_401(r)


def test_deleted_users_email_can_register_again(client, user, headers):
    assert client.delete("/users/me", headers=headers).status_code == 204
    r = client.post(
        "/auth/register", json={"email": user.email, "password": "brand-new-pw-1"}
    )
    assert r.status_code == 201
    assert r.get_json()["user"]["id"] != str(user.id)


def test_deleted_user_cannot_log_in(client, user, headers):
    assert client.delete("/users/me", headers=headers).status_code == 204
    r = client.post("/auth/login", json={"email": user.email, "password": PASSWORD})
    _assert_401(r, "invalid_credentials")
