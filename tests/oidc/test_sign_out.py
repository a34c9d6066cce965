"""Signing out of a session that came from a provider: calapp's session ends and
the answer is the provider's logout URL (RP-Initiated Logout), which the real
provider accepts."""

from __future__ import annotations

import requests

from tests.oidc import conftest as idp
from tests.oidc.conftest import ALLOWED, new_email, path_of, query_of

SIGNED_OUT = "https://app.example.com/signed-out"


def _bearer(body: dict) -> dict:
    return {"Authorization": f"Bearer {body['access_token']}"}


def _allow_sign_out_page(app, monkeypatch):
    monkeypatch.setitem(app.config, "OIDC_REDIRECT_ALLOWLIST", [ALLOWED, SIGNED_OUT])


def test_signing_out_ends_both_sessions(app, client, oidc, monkeypatch):
    _allow_sign_out_page(app, monkeypatch)
    with requests.Session() as person:
        callback = idp.browser(idp.authorize(client), new_email(), session=person)
        tokens = client.get(path_of(callback)).get_json()
        # Signed in at the provider: a new sign-in would not ask for a login.
        assert idp.provider_prompt(person, idp.authorize(client)) != "login"

        r = client.post(
            "/auth/oidc/logout",
            json={"post_logout_redirect_uri": SIGNED_OUT, "state": "bye-1"},
            headers=_bearer(tokens),
        )
        assert r.status_code == 200, r.get_json()
        url = r.get_json()["end_session_url"]
        assert url.startswith(f"{oidc}/session/end?")
        query = query_of(url)
        assert set(query) == {
            "id_token_hint",
            "client_id",
            "post_logout_redirect_uri",
            "state",
        }
        assert query["client_id"] == "calapp"
        # calapp's session is over: its access and refresh tokens.
        assert client.get("/users/me", headers=_bearer(tokens)).status_code == 401
        refresh = {"refresh_token": tokens["refresh_token"]}
        assert client.post("/auth/refresh", json=refresh).status_code == 401

        # The provider accepts the hint and ends its own session.
        assert idp.provider_sign_out(person, url) == f"{SIGNED_OUT}?state=bye-1"
        assert idp.provider_prompt(person, idp.authorize(client)) == "login"


def test_a_redirect_sign_in_can_sign_out_at_the_provider(client, oidc):
    r = idp.sign_in(client, new_email(), redirect_uri=ALLOWED)
    code = query_of(r.headers["Location"])["code"]
    tokens = client.post("/auth/oidc/exchange", json={"code": code}).get_json()
    r = client.post("/auth/oidc/logout", json={}, headers=_bearer(tokens))
    url = r.get_json()["end_session_url"]
    # No page to come back to: neither it nor a state is sent.
    assert set(query_of(url)) == {"id_token_hint", "client_id"}


def test_a_password_session_has_no_provider_to_sign_out_of(client, oidc, headers):
    r = client.post("/auth/oidc/logout", json={"state": "x"}, headers=headers)
    assert r.status_code == 200
    assert r.get_json() == {"end_session_url": None}
    assert client.get("/users/me", headers=headers).status_code == 401


def test_a_sign_out_page_off_the_allow_list_is_refused(client, oidc):
    tokens = idp.sign_in(client, new_email()).get_json()
    r = client.post(
        "/auth/oidc/logout",
        json={"post_logout_redirect_uri": "https://evil.test/out"},
        headers=_bearer(tokens),
    )
    assert r.status_code == 400
    assert r.get_json()["details"] == {
        "post_logout_redirect_uri": [
            "is not on the allow-list (OIDC_REDIRECT_ALLOWLIST)"
        ]
    }
    # Nothing was ended.
    assert client.get("/users/me", headers=_bearer(tokens)).status_code == 200


def test_signing_out_twice_is_a_401(client, oidc):
    tokens = idp.sign_in(client, new_email()).get_json()
    r = client.post("/auth/oidc/logout", json={}, headers=_bearer(tokens))
    assert r.status_code == 200
    r = client.post("/auth/oidc/logout", json={}, headers=_bearer(tokens))
    assert r.status_code == 401
