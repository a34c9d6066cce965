"""The whole sign-in flow against a real OpenID provider (see conftest)."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from calapp.auth.models import AuthSession
from calapp.extensions import db
from calapp.oidc.models import UserIdentity
from calapp.users.models import User
from tests.oidc.conftest import (
    ALLOWED,
    authorize,
    browser,
    new_email,
    path_of,
    query_of,
    sign_in,
)


def _bearer(body: dict) -> dict:
    return {"Authorization": f"Bearer {body['access_token']}"}


def _count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(
            sa.select(sa.func.count()).select_from(model).where(*where)
        )


def test_first_sign_in_creates_an_account_without_a_password(client, oidc):
    email = new_email()
    r = sign_in(client, email)
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    # POST /auth/login's answer, field for field.
    assert set(body) == {
        "user",
        "access_token",
        "refresh_token",
        "token_type",
        "expires_in",
    }
    assert body["user"]["email"] == email
    assert body["user"]["is_email_verified"] is True
    assert body["user"]["has_password"] is False
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 900
    me = client.get("/users/me", headers=_bearer(body))
    assert me.get_json()["id"] == body["user"]["id"]
    identities = client.get("/users/me/identities", headers=_bearer(body)).get_json()
    [identity] = identities["items"]
    assert identity["provider"] == "local"
    assert identity["subject"] == email
    assert identity["email"] == email
    assert identities["next_cursor"] is None
    # No password: signing in with one is refused like a wrong password.
    r = client.post("/auth/login", json={"email": email, "password": "whatever-123"})
    assert r.status_code == 401


def test_the_refresh_token_of_a_provider_sign_in_rotates(client, oidc):
    body = sign_in(client, new_email()).get_json()
    r = client.post("/auth/refresh", json={"refresh_token": body["refresh_token"]})
    assert r.status_code == 200
    assert r.get_json()["user"]["id"] == body["user"]["id"]


def test_a_second_sign_in_is_the_same_account(app, client, oidc):
    email = new_email()
    first = sign_in(client, email).get_json()
    second = sign_in(client, email).get_json()
    assert second["user"]["id"] == first["user"]["id"]
    assert second["access_token"] != first["access_token"]
    assert _count(app, UserIdentity, UserIdentity.subject == email) == 1
    assert _count(app, User, User.email == email) == 1


def test_a_verified_email_links_the_existing_password_account(
    app, client, oidc, make_user
):
    existing = make_user(new_email(), email_verified=False)
    r = sign_in(client, existing.email)
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["user"]["id"] == str(existing.id)
    # The provider vouched for the address: it counts as verified now.
    assert body["user"]["is_email_verified"] is True
    # The password still works next to the linked identity.
    r = client.post(
        "/auth/login", json={"email": existing.email, "password": "correct-horse-9"}
    )
    assert r.status_code == 200, r.get_json()


def test_an_unverified_email_does_not_take_over_an_existing_account(
    app, client, oidc, make_user
):
    existing = make_user(new_email())
    r = sign_in(client, f"{existing.email}|unverified")
    assert r.status_code == 409
    body = r.get_json()
    assert body["code"] == "email_unverified"
    assert set(body) <= {"error", "code", "details"}
    # Nothing half-written: no identity, no session for the account.
    assert _count(app, UserIdentity, UserIdentity.owner_id == existing.id) == 0
    assert _count(app, AuthSession, AuthSession.user_id == existing.id) == 0


def test_an_unverified_email_of_nobody_makes_an_unverified_account(client, oidc):
    email = new_email()
    r = sign_in(client, f"{email}|unverified")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["user"]["is_email_verified"] is False


def test_a_made_up_state_is_refused(client, oidc):
    r = client.get("/auth/oidc/local/callback?code=abc&state=made-up")
    assert r.status_code == 400
    assert r.get_json()["code"] == "invalid_state"
    r = client.get("/auth/oidc/local/callback?code=abc")
    assert r.status_code == 400
    assert r.get_json()["code"] == "invalid_state"


def test_a_state_works_once(client, oidc):
    callback = browser(authorize(client), new_email())
    assert client.get(path_of(callback)).status_code == 200
    r = client.get(path_of(callback))
    assert r.status_code == 400
    assert r.get_json()["code"] == "invalid_state"


def test_a_state_is_spent_even_when_the_sign_in_fails(client, oidc):
    location = authorize(client)
    state = query_of(location)["state"]
    r = client.get(f"/auth/oidc/local/callback?state={state}&error=access_denied")
    assert r.status_code == 401
    assert r.get_json()["code"] == "oidc_rejected"
    assert r.get_json()["details"]["error"] == "access_denied"
    r = client.get(f"/auth/oidc/local/callback?state={state}&code=x")
    assert r.get_json()["code"] == "invalid_state"


def test_a_replayed_authorization_code_is_refused(app, client, oidc):
    email = new_email()
    first = browser(authorize(client), email)
    assert client.get(path_of(first)).status_code == 200
    # The same code with the state of a new sign-in: the provider refuses it.
    state = query_of(authorize(client))["state"]
    query = {"state": state, "code": query_of(first)["code"], "iss": oidc}
    r = client.get("/auth/oidc/local/callback", query_string=query)
    assert r.status_code == 401
    assert r.get_json()["code"] == "oidc_rejected"
    assert r.get_json()["details"]["error"] == "invalid_grant"


def test_a_callback_with_another_issuer_is_refused(client, oidc):
    callback = browser(authorize(client), new_email())
    r = client.get(path_of(callback).replace("iss=", "iss=https%3A%2F%2Fevil.test"))
    assert r.status_code == 401
    assert r.get_json()["code"] == "oidc_rejected"


def test_a_callback_without_the_promised_issuer_is_refused(client, oidc):
    callback = browser(authorize(client), new_email())
    query = {k: v for k, v in query_of(callback).items() if k != "iss"}
    r = client.get("/auth/oidc/local/callback", query_string=query)
    assert r.status_code == 401
    assert r.get_json()["code"] == "oidc_rejected"


def test_the_redirect_carries_a_one_time_code_not_tokens(client, oidc):
    email = new_email()
    r = sign_in(client, email, redirect_uri=ALLOWED, state="app-state-1")
    assert r.status_code == 302
    location = r.headers["Location"]
    assert location.startswith(ALLOWED + "?")
    assert r.headers["Cache-Control"] == "no-store"
    query = query_of(location)
    assert set(query) == {"code", "state"}
    assert query["state"] == "app-state-1"
    r = client.post("/auth/oidc/exchange", json={"code": query["code"]})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["user"]["email"] == email
    assert client.get("/users/me", headers=_bearer(r.get_json())).status_code == 200


def test_the_one_time_code_works_once(client, oidc):
    r = sign_in(client, new_email(), redirect_uri=ALLOWED)
    code = query_of(r.headers["Location"])["code"]
    assert client.post("/auth/oidc/exchange", json={"code": code}).status_code == 200
    r = client.post("/auth/oidc/exchange", json={"code": code})
    assert r.status_code == 401
    assert r.get_json()["code"] == "invalid_login_code"


def test_an_unknown_one_time_code_is_refused(client, oidc):
    r = client.post("/auth/oidc/exchange", json={"code": "not-a-code"})
    assert r.status_code == 401
    assert r.get_json()["code"] == "invalid_login_code"


def test_a_redirect_uri_off_the_allow_list_is_refused(client, oidc):
    for uri in (
        "https://evil.test/signed-in",
        "https://app.example.com/signed-in/../elsewhere",
        "https://app.example.com/signed-in#x",
    ):
        r = client.get("/auth/oidc/local/authorize", query_string={"redirect_uri": uri})
        assert r.status_code == 400, uri
        assert r.get_json()["details"] == {
            "redirect_uri": ["is not on the allow-list (OIDC_REDIRECT_ALLOWLIST)"]
        }


def test_a_prefix_entry_never_matches_another_host(app, client, oidc, monkeypatch):
    monkeypatch.setitem(
        app.config, "OIDC_REDIRECT_ALLOWLIST", ["https://app.example.com/*"]
    )
    ok = {"redirect_uri": "https://app.example.com/any/page"}
    assert client.get("/auth/oidc/local/authorize", query_string=ok).status_code == 302
    evil = {"redirect_uri": "https://app.example.com.evil.test/x"}
    r = client.get("/auth/oidc/local/authorize", query_string=evil)
    assert r.status_code == 400


def test_the_authorize_redirect_asks_for_pkce_state_and_nonce(client, oidc):
    query = query_of(authorize(client))
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43
    assert query["state"] and query["nonce"]
    assert query["client_id"] == "calapp"
    assert query["redirect_uri"] == "http://localhost/auth/oidc/local/callback"
    assert set(query["scope"].split()) == {"openid", "email", "profile"}


def test_providers_are_listed_for_a_login_page(client, oidc):
    r = client.get("/auth/oidc/providers")
    assert r.get_json() == {
        "items": [
            {
                "name": "local",
                "display_name": "Local IdP",
                "issuer": oidc,
                "authorize_url": "/auth/oidc/local/authorize",
            }
        ],
        "next_cursor": None,
    }


def test_without_providers_every_provider_is_unknown(client):
    assert client.get("/auth/oidc/providers").get_json()["items"] == []
    for path in ("/auth/oidc/google/authorize", "/auth/oidc/google/callback"):
        r = client.get(path)
        assert r.status_code == 404
        assert r.get_json()["code"] == "not_found"


def test_an_unreachable_provider_is_a_503(app, client, monkeypatch):
    from calapp.oidc import providers
    from tests.servers import free_port

    config = {
        "name": "down",
        "display_name": "Down",
        "issuer": f"http://127.0.0.1:{free_port()}",
        "client_id": "x",
        "client_secret": "y",
        "scopes": ["openid"],
    }
    monkeypatch.setitem(app.config, "OIDC_PROVIDERS", {"down": config})
    providers.forget()
    r = client.get("/auth/oidc/down/authorize")
    assert r.status_code == 503
    assert r.get_json()["code"] == "service_unavailable"
    assert "Retry-After" in r.headers


def test_sign_in_is_rate_limited_per_client(app, client, oidc, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_AUTH", "2 per minute")
    codes = [client.get("/auth/oidc/local/authorize").status_code for _ in range(3)]
    assert codes == [302, 302, 429]


def test_an_expired_state_is_refused(app, client, oidc, monkeypatch):
    monkeypatch.setitem(app.config, "OIDC_STATE_SECONDS", 0)
    r = sign_in(client, new_email())
    assert r.status_code == 400
    assert r.get_json()["code"] == "invalid_state"


def test_a_state_of_another_provider_is_refused(app, client, oidc, monkeypatch):
    from tests.oidc.conftest import provider_config

    other = {**provider_config(oidc, "other-app"), "name": "other"}
    monkeypatch.setitem(
        app.config,
        "OIDC_PROVIDERS",
        {**app.config["OIDC_PROVIDERS"], "other": other},
    )
    callback = browser(authorize(client), new_email())
    r = client.get(path_of(callback).replace("/local/", "/other/"))
    assert r.status_code == 400
    assert r.get_json()["code"] == "invalid_state"
    # Spent all the same.
    assert client.get(path_of(callback)).get_json()["code"] == "invalid_state"


def test_an_expired_one_time_code_is_refused(app, client, oidc, monkeypatch):
    monkeypatch.setitem(app.config, "OIDC_EXCHANGE_CODE_SECONDS", 0)
    r = sign_in(client, new_email(), redirect_uri=ALLOWED)
    code = query_of(r.headers["Location"])["code"]
    r = client.post("/auth/oidc/exchange", json={"code": code})
    assert r.status_code == 401
    assert r.get_json()["code"] == "invalid_login_code"


def test_the_callback_url_follows_the_configured_base(app, client, oidc, monkeypatch):
    monkeypatch.setitem(
        app.config, "OIDC_CALLBACK_BASE_URL", "https://calendar.example.com"
    )
    query = query_of(authorize(client))
    assert query["redirect_uri"] == (
        "https://calendar.example.com/auth/oidc/local/callback"
    )


def test_a_deactivated_account_cannot_sign_in(app, client, oidc, make_user):
    from calapp.users import service as users_service

    existing = make_user(new_email())
    with app.app_context():
        user = db.session.get(User, existing.id)
        users_service.deactivate(user, users_service.now())
        db.session.commit()
    r = sign_in(client, existing.email)
    assert r.status_code == 401
    assert r.get_json()["code"] == "invalid_credentials"
    assert _count(app, UserIdentity, UserIdentity.owner_id == existing.id) == 0


def test_a_new_account_needs_an_email(app, client, oidc):
    r = sign_in(client, f"no-email-{uuid.uuid4().hex[:8]}")
    assert r.status_code == 403
    assert r.get_json()["code"] == "email_missing"


def test_a_subject_longer_than_255_characters_is_refused(client, oidc):
    r = sign_in(client, "x" * 250 + new_email())
    assert r.status_code == 401
    assert r.get_json()["code"] == "invalid_id_token"
    assert r.get_json()["details"] == {"reason": "sub"}
