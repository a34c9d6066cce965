"""A sign-in started with a client app's redirect_uri that fails after its state
was checked goes back to that app with ``error``, ``error_description`` and the
app's ``state`` (RFC 6749 §4.1.2.1); a bad state stays a JSON error."""

from __future__ import annotations

from calapp.auth.models import AuthSession
from calapp.oidc.models import UserIdentity
from tests.oidc import conftest as idp
from tests.oidc.conftest import ALLOWED, new_email, path_of, query_of
from tests.oidc.test_sign_in import _count


def _back_to_app(r, prefix: str = ALLOWED + "?") -> dict:
    """The app's redirect: its query, once checked to carry no code."""
    assert r.status_code == 302, r.get_json()
    assert r.headers["Location"].startswith(prefix)
    assert r.headers["Cache-Control"] == "no-store"
    query = query_of(r.headers["Location"])
    assert "code" not in query
    return query


def _cancelled(client, **query):
    callback = idp.browser(idp.authorize(client, **query), new_email(), cancel=True)
    return client.get(path_of(callback))


def test_a_cancelled_sign_in_goes_back_to_the_app(client, oidc):
    r = _cancelled(client, redirect_uri=ALLOWED, state="app-state-7")
    query = _back_to_app(r)
    assert query == {
        "error": "oidc_rejected",
        "error_description": "Local IdP did not sign you in: access_denied",
        "provider_error": "access_denied",
        "state": "app-state-7",
    }


def test_a_cancelled_sign_in_without_redirect_uri_is_json(client, oidc):
    r = _cancelled(client)
    assert r.status_code == 401
    body = r.get_json()
    assert body["code"] == "oidc_rejected"
    assert body["details"]["error"] == "access_denied"


def test_an_unverified_email_goes_back_to_the_app(app, client, oidc, make_user):
    existing = make_user(new_email())
    r = idp.sign_in(
        client, f"{existing.email}|unverified", redirect_uri=ALLOWED, state="s-1"
    )
    query = _back_to_app(r)
    assert query["error"] == "email_unverified"
    assert query["state"] == "s-1"
    assert "verified" in query["error_description"]
    assert "provider_error" not in query
    # Nothing half-written: no identity, no session for the account.
    assert _count(app, UserIdentity, UserIdentity.owner_id == existing.id) == 0
    assert _count(app, AuthSession, AuthSession.user_id == existing.id) == 0


def test_an_invalid_id_token_goes_back_to_the_app(client, oidc):
    r = idp.sign_in(client, "x" * 250 + new_email(), redirect_uri=ALLOWED)
    query = _back_to_app(r)
    assert query["error"] == "invalid_id_token"
    # The app sent no state: none comes back.
    assert "state" not in query


def test_a_refused_code_goes_back_to_the_app(client, oidc):
    first = idp.browser(idp.authorize(client), new_email())
    assert client.get(path_of(first)).status_code == 200
    # A redirect-mode sign-in presented with an already used code.
    state = query_of(idp.authorize(client, redirect_uri=ALLOWED, state="s-2"))["state"]
    query = {"state": state, "code": query_of(first)["code"], "iss": oidc}
    r = client.get("/auth/oidc/local/callback", query_string=query)
    assert _back_to_app(r) == {
        "error": "oidc_rejected",
        "error_description": "Local IdP refused the authorization code",
        "provider_error": "invalid_grant",
        "state": "s-2",
    }


def test_the_app_page_keeps_its_own_query(app, client, oidc, monkeypatch):
    monkeypatch.setitem(
        app.config, "OIDC_REDIRECT_ALLOWLIST", ["https://app.example.com/*"]
    )
    page = "https://app.example.com/auth/done?tab=calendar"
    r = _cancelled(client, redirect_uri=page)
    query = _back_to_app(r, prefix=page + "&")
    assert query["tab"] == "calendar"
    assert query["error"] == "oidc_rejected"


def test_a_replayed_state_of_a_redirect_sign_in_stays_json(client, oidc):
    callback = idp.browser(idp.authorize(client, redirect_uri=ALLOWED), new_email())
    assert client.get(path_of(callback)).status_code == 302
    r = client.get(path_of(callback))
    assert r.status_code == 400
    assert r.get_json()["code"] == "invalid_state"
    assert "Location" not in r.headers


def test_an_expired_state_of_a_redirect_sign_in_stays_json(
    app, client, oidc, monkeypatch
):
    monkeypatch.setitem(app.config, "OIDC_STATE_SECONDS", 0)
    r = idp.sign_in(client, new_email(), redirect_uri=ALLOWED, state="s-3")
    assert r.status_code == 400
    assert r.get_json()["code"] == "invalid_state"


def test_a_state_of_a_redirect_sign_in_at_an_unknown_provider_stays_json(client, oidc):
    callback = idp.browser(idp.authorize(client, redirect_uri=ALLOWED), new_email())
    r = client.get(path_of(callback).replace("/local/", "/elsewhere/"))
    assert r.status_code == 404
    assert r.get_json()["code"] == "not_found"
