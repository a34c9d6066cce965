"""Linked identities: list and unlink, never the last way to sign in."""

from __future__ import annotations

import uuid

from tests.oidc.conftest import sign_in


def _email() -> str:
    return f"ident-{uuid.uuid4().hex[:10]}@example.com"


def _bearer(body: dict) -> dict:
    return {"Authorization": f"Bearer {body['access_token']}"}


def _identity(client, headers) -> dict:
    [identity] = client.get("/users/me/identities", headers=headers).get_json()["items"]
    return identity


def test_the_only_way_to_sign_in_cannot_be_unlinked(client, oidc):
    headers = _bearer(sign_in(client, _email()).get_json())
    identity = _identity(client, headers)
    r = client.delete(f"/users/me/identities/{identity['id']}", headers=headers)
    assert r.status_code == 409
    assert r.get_json()["code"] == "last_sign_in_method"
    assert _identity(client, headers)["id"] == identity["id"]


def test_with_a_password_set_the_identity_can_be_unlinked(client, oidc):
    email = _email()
    headers = _bearer(sign_in(client, email).get_json())
    # No current password to give: the account has none yet.
    r = client.put("/users/me", json={"password": "a-new-password-1"}, headers=headers)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["has_password"] is True
    identity = _identity(client, headers)
    r = client.delete(f"/users/me/identities/{identity['id']}", headers=headers)
    assert r.status_code == 204
    listed = client.get("/users/me/identities", headers=headers).get_json()
    assert listed["items"] == []
    login = {"email": email, "password": "a-new-password-1"}
    r = client.post("/auth/login", json=login)
    assert r.status_code == 200


def test_a_password_account_unlinks_its_identity(client, oidc, make_user, auth):
    existing = make_user(_email())
    sign_in(client, existing.email)
    headers = auth.jwt(existing)
    identity = _identity(client, headers)
    r = client.delete(f"/users/me/identities/{identity['id']}", headers=headers)
    assert r.status_code == 204


def test_someone_elses_identity_is_not_found(client, oidc, headers):
    other = _bearer(sign_in(client, _email()).get_json())
    identity = _identity(client, other)
    r = client.delete(f"/users/me/identities/{identity['id']}", headers=headers)
    assert r.status_code == 404
    assert r.get_json()["code"] == "not_found"
    r = client.delete(f"/users/me/identities/{uuid.uuid4()}", headers=headers)
    assert r.status_code == 404


def test_an_api_key_may_list_but_not_unlink(client, oidc, make_user, auth):
    existing = make_user(_email())
    sign_in(client, existing.email)
    key = auth.key(existing, ["account:read"])
    identity = _identity(client, key)
    r = client.delete(f"/users/me/identities/{identity['id']}", headers=key)
    assert r.status_code == 403


def test_a_deleted_account_frees_its_identity(client, oidc):
    email = _email()
    first = sign_in(client, email).get_json()
    r = client.delete("/users/me", headers=_bearer(first))
    assert r.status_code == 204
    again = sign_in(client, email)
    assert again.status_code == 200, again.get_json()
    assert again.get_json()["user"]["id"] != first["user"]["id"]
    assert (
        len(
            client.get(
                "/users/me/identities", headers=_bearer(again.get_json())
            ).get_json()["items"]
        )
        == 1
    )


def _link(client, headers, login: str, **body):
    from tests.oidc.conftest import browser, path_of

    r = client.post(
        "/users/me/identities", json={"provider": "local", **body}, headers=headers
    )
    assert r.status_code == 200, r.get_json()
    return client.get(path_of(browser(r.get_json()["authorize_url"], login)))


def test_a_signed_in_user_links_a_provider_that_does_not_verify_emails(
    client, oidc, make_user, auth
):
    existing = make_user(_email())
    headers = auth.jwt(existing)
    # Refused by email alone...
    login = f"{existing.email}|unverified"
    assert sign_in(client, login).get_json()["code"] == "email_unverified"
    # ...linked when the signed-in owner asks for it.
    r = _link(client, headers, login)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["user"]["id"] == str(existing.id)
    assert _identity(client, headers)["subject"] == login
    r = sign_in(client, login)
    assert r.status_code == 200
    assert r.get_json()["user"]["id"] == str(existing.id)


def test_an_identity_of_another_account_is_not_linked(client, oidc, make_user, auth):
    login = _email()
    sign_in(client, login)
    headers = auth.jwt(make_user(_email()))
    r = _link(client, headers, login)
    assert r.status_code == 409
    assert r.get_json()["code"] == "identity_taken"
    assert client.get("/users/me/identities", headers=headers).get_json()["items"] == []


def test_linking_needs_a_known_provider_and_a_person(client, oidc, make_user, auth):
    user = make_user(_email())
    body = {"provider": "nope"}
    r = client.post("/users/me/identities", json=body, headers=auth.jwt(user))
    assert r.status_code == 404
    key = auth.key(user, ["account:write"])
    r = client.post("/users/me/identities", json={"provider": "local"}, headers=key)
    assert r.status_code == 403


def test_an_identity_of_a_removed_provider_is_no_way_to_sign_in(app, client, oidc):
    from calapp.extensions import db
    from calapp.oidc.models import UserIdentity

    body = sign_in(client, _email()).get_json()
    headers = _bearer(body)
    identity = _identity(client, headers)
    # Also linked at a provider that has since been removed from the config.
    with app.app_context():
        db.session.add(
            UserIdentity(
                owner_id=uuid.UUID(body["user"]["id"]),
                provider="retired",
                subject="old-subject",
            )
        )
        db.session.commit()
    r = client.delete(f"/users/me/identities/{identity['id']}", headers=headers)
    assert r.status_code == 409
    assert r.get_json()["code"] == "last_sign_in_method"
