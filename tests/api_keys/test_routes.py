import re
import uuid
from datetime import timedelta

import pytest

from calapp.security import ALL_SCOPES
from tests.conftest import TEST_REDIS_URL

KEY_FIELDS = {
    "id",
    "name",
    "scopes",
    "prefix",
    "created_at",
    "expires_at",
    "last_used_at",
    "revoked_at",
}


def _documented_operations() -> list[dict]:
    """Every operation of the OpenAPI doc, read once at collection time.

    The doc comes from a throwaway app (no request reaches a database). The shared
    ``limiter`` follows the newest app's storage, so its state is put back after.
    """
    from calapp import create_app
    from calapp.extensions import limiter

    saved = dict(vars(limiter))
    try:
        app = create_app(
            {
                "DATABASE_URL": "postgresql+psycopg2://unused@127.0.0.1:1/unused",
                "REDIS_URL": TEST_REDIS_URL,
                "TESTING": True,
                "AUTO_MIGRATE": False,
            }
        )
        spec = app.test_client().get("/openapi.json").get_json()
    finally:
        vars(limiter).clear()
        vars(limiter).update(saved)
    return [
        {
            "method": method.upper(),
            "path": path,
            "scopes": op.get("x-required-scopes") or [],
            "api_key_allowed": op.get("x-api-key-allowed", True),
            "secured": bool(op.get("security")),
        }
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def _op_id(op: dict) -> str:
    return f"{op['method']} {op['path']}"


OPERATIONS = _documented_operations()
SCOPED = [op for op in OPERATIONS if op["scopes"] and op["api_key_allowed"]]
JWT_ONLY = [op for op in OPERATIONS if op["secured"] and not op["api_key_allowed"]]
# Reads with scopes, called with a key that holds them (or, through "write implies
# read", only the write scope). /auth/me (no scope) keeps the list from being empty.
SCOPED_READS = [op for op in SCOPED if op["method"] == "GET"] or [
    op for op in OPERATIONS if _op_id(op) == "GET /auth/me"
]


def _url(path: str) -> str:
    """A concrete URL for a documented path: every parameter gets a fresh UUID."""
    return re.sub(r"\{[^}]+\}", lambda _: str(uuid.uuid4()), path)


def _unrelated_scope(required: list[str]) -> str:
    """A scope on a resource none of ``required`` is about (write implies read)."""
    resources = {scope.split(":")[0] for scope in required}
    return next(s for s in sorted(ALL_SCOPES) if s.split(":")[0] not in resources)


def _create(client, headers, **body):
    return client.post(
        "/api-keys",
        json={"name": "agent", "scopes": ["account:read"], **body},
        headers=headers,
    )


def _list(client, headers, **query):
    return client.get("/api-keys", query_string=query, headers=headers)


# --- create ---------------------------------------------------------------------------


def test_create_returns_the_secret_once(client, headers):
    r = _create(client, headers, scopes=["events:read", "events:write"])
    assert r.status_code == 201
    body = r.get_json()
    assert set(body) == KEY_FIELDS | {"key"}
    assert body["key"].startswith("cal_") and len(body["key"]) >= 40
    assert body["key"].startswith(body["prefix"])
    assert body["scopes"] == ["events:read", "events:write"]
    assert body["revoked_at"] is None and body["last_used_at"] is None


def test_list_never_contains_the_secret(client, headers):
    created = _create(client, headers).get_json()
    items = _list(client, headers).get_json()["items"]
    assert [item["id"] for item in items] == [created["id"]]
    assert set(items[0]) == KEY_FIELDS
    assert created["key"] not in str(items)


def test_the_new_key_authenticates(client, user, headers):
    key = _create(client, headers).get_json()["key"]
    r = client.get("/auth/me", headers={"X-API-Key": key})
    assert r.status_code == 200
    assert r.get_json()["id"] == str(user.id)


def test_the_key_is_accepted_as_a_bearer_token(client, user, headers):
    key = _create(client, headers).get_json()["key"]
    r = client.get("/auth/me", headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 200


def test_unknown_key_is_401(client):
    r = client.get("/auth/me", headers={"X-API-Key": "cal_" + "x" * 43})
    assert r.status_code == 401
    assert r.get_json()["code"] == "unauthorized"


def test_scopes_as_an_object_are_returned_as_a_list(client, headers):
    r = _create(
        client, headers, scopes={"events": ["read", "write"], "contacts": ["read"]}
    )
    assert r.status_code == 201
    assert r.get_json()["scopes"] == ["contacts:read", "events:read", "events:write"]


@pytest.mark.parametrize(
    "scopes",
    [["events:admin"], ["nothing:read"], {"events": ["delete"]}, [], "events:read"],
    ids=["unknown-action", "unknown-resource", "object-unknown", "empty", "string"],
)
def test_invalid_scopes_are_400_with_details(client, headers, scopes):
    r = _create(client, headers, scopes=scopes)
    assert r.status_code == 400
    body = r.get_json()
    assert body["code"] == "validation_error"
    assert list(body["details"]) == ["scopes"]


def test_expires_at_in_the_past_is_400(client, headers):
    r = _create(client, headers, expires_at="2000-01-01T00:00:00Z")
    assert r.status_code == 400
    assert list(r.get_json()["details"]) == ["expires_at"]


def test_naive_expires_at_is_400(client, headers):
    r = _create(client, headers, expires_at="2999-01-01T00:00:00")
    assert r.status_code == 400
    assert list(r.get_json()["details"]) == ["expires_at"]


def test_expires_at_is_returned_in_utc(client, headers):
    r = _create(client, headers, expires_at="2999-01-01T02:00:00+02:00")
    assert r.status_code == 201
    assert r.get_json()["expires_at"] == "2999-01-01T00:00:00Z"


def test_missing_name_is_400(client, headers):
    r = client.post("/api-keys", json={"scopes": ["events:read"]}, headers=headers)
    assert r.status_code == 400
    assert "name" in r.get_json()["details"]


def test_an_expired_key_is_401(app, client, user):
    from calapp.api_keys import service
    from calapp.extensions import db
    from calapp.users.service import now

    with app.app_context():
        past = now() - timedelta(days=2)
        _, secret = service.create(
            user.id, "old", ["events:read"], past, past + timedelta(days=1)
        )
        db.session.commit()
    r = client.get("/auth/me", headers={"X-API-Key": secret})
    assert r.status_code == 401
    assert r.get_json()["code"] == "unauthorized"


# --- list -----------------------------------------------------------------------------


def test_list_with_limit_1_walks_every_key_once(client, user, headers, auth):
    created = [
        _create(client, headers, name=f"k{i}").get_json()["id"] for i in range(4)
    ]
    seen, cursor = [], None
    for _ in range(10):
        query = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = _list(client, headers, **query).get_json()
        assert len(page["items"]) <= 1
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(created)
    assert len(seen) == len(set(seen))
    assert seen == list(reversed(created))  # newest first


def test_list_shows_only_your_keys(client, headers, make_user, auth):
    auth.key(make_user(), ["events:read"])
    assert _list(client, headers).get_json() == {"items": [], "next_cursor": None}


@pytest.mark.parametrize("limit", [0, 201, "many"])
def test_list_with_a_bad_limit_is_400(client, headers, limit):
    r = _list(client, headers, limit=limit)
    assert r.status_code == 400
    assert "limit" in r.get_json()["details"]


def test_list_with_a_tampered_cursor_is_400(client, headers):
    for name in ("a", "b"):
        _create(client, headers, name=name)
    cursor = _list(client, headers, limit=1).get_json()["next_cursor"]
    r = _list(client, headers, limit=1, cursor=cursor[:-2] + "xx")
    assert r.status_code == 400
    assert r.get_json()["details"] == {
        "cursor": ["is invalid: pass next_cursor from the previous page unchanged"]
    }


def test_last_used_at_is_set_after_use(client, headers):
    key = _create(client, headers).get_json()["key"]
    assert client.get("/auth/me", headers={"X-API-Key": key}).status_code == 200
    (item,) = _list(client, headers).get_json()["items"]
    assert item["last_used_at"] is not None and item["last_used_at"].endswith("Z")


# --- revoke ---------------------------------------------------------------------------


def test_revoked_key_gets_401_at_once(client, headers):
    created = _create(client, headers).get_json()
    api_key = {"X-API-Key": created["key"]}
    assert client.get("/auth/me", headers=api_key).status_code == 200
    r = client.delete(f"/api-keys/{created['id']}", headers=headers)
    assert r.status_code == 204
    assert client.get("/auth/me", headers=api_key).status_code == 401


def test_revoked_key_stays_listed_with_revoked_at(client, headers):
    created = _create(client, headers).get_json()
    client.delete(f"/api-keys/{created['id']}", headers=headers)
    (item,) = _list(client, headers).get_json()["items"]
    assert item["revoked_at"] is not None


def test_revoking_twice_is_204(client, headers):
    created = _create(client, headers).get_json()
    client.delete(f"/api-keys/{created['id']}", headers=headers)
    assert (
        client.delete(f"/api-keys/{created['id']}", headers=headers).status_code == 204
    )


def test_revoking_someone_elses_key_is_404(client, headers, make_user, auth):
    other = make_user()
    theirs = _create(client, auth.jwt(other)).get_json()
    r = client.delete(f"/api-keys/{theirs['id']}", headers=headers)
    assert r.status_code == 404
    assert r.get_json()["code"] == "not_found"
    assert (
        client.get("/auth/me", headers={"X-API-Key": theirs["key"]}).status_code == 200
    )


def test_revoking_an_unknown_key_is_404(client, headers):
    r = client.delete(f"/api-keys/{uuid.uuid4()}", headers=headers)
    assert r.status_code == 404
    assert r.get_json()["code"] == "not_found"


def test_revoking_a_malformed_id_is_400(client, headers):
    r = client.delete("/api-keys/not-a-uuid", headers=headers)
    assert r.status_code == 400
    assert r.get_json()["code"] == "validation_error"


# --- what keys may not do -------------------------------------------------------------


def test_an_events_read_key_cannot_list_api_keys(client, user, auth):
    r = client.get("/api-keys", headers=auth.key(user, ["events:read"]))
    assert r.status_code == 403
    assert r.get_json()["code"] == "forbidden"


def test_a_key_cannot_create_api_keys(client, user, auth):
    key = auth.key(user, sorted(ALL_SCOPES))
    r = client.post(
        "/api-keys", json={"name": "child", "scopes": ["events:read"]}, headers=key
    )
    assert r.status_code == 403
    assert r.get_json()["code"] == "forbidden"


def test_a_key_cannot_revoke_api_keys(client, user, auth, headers):
    created = _create(client, headers).get_json()
    key = auth.key(user, sorted(ALL_SCOPES))
    assert client.delete(f"/api-keys/{created['id']}", headers=key).status_code == 403
    assert (
        client.get("/auth/me", headers={"X-API-Key": created["key"]}).status_code == 200
    )


def test_the_doc_lists_jwt_only_operations():
    # Guards the parametrised tests below against an empty (vacuous) doc.
    assert {"GET /api-keys", "POST /api-keys", "DELETE /users/me"} <= {
        _op_id(op) for op in JWT_ONLY
    }


@pytest.mark.parametrize("op", JWT_ONLY, ids=_op_id)
def test_api_keys_are_refused_by_jwt_only_operations(client, user, auth, op):
    key = auth.key(user, sorted(ALL_SCOPES))
    r = client.open(_url(op["path"]), method=op["method"], headers=key)
    assert r.status_code == 403
    assert r.get_json()["code"] == "forbidden"


@pytest.mark.parametrize("op", SCOPED or JWT_ONLY, ids=_op_id)
def test_a_key_without_the_documented_scope_is_refused(client, user, auth, op):
    """Every operation with ``x-required-scopes`` refuses a key with none of them.

    While no operation documents scopes, the same check runs against the JWT-only
    operations with an events:read key, so this test is never empty.
    """
    if not op["scopes"]:
        r = client.open(
            _url(op["path"]),
            method=op["method"],
            headers=auth.key(user, ["events:read"]),
        )
        assert r.status_code == 403
        assert r.get_json()["code"] == "forbidden"
        return
    key = auth.key(user, [_unrelated_scope(op["scopes"])])
    r = client.open(_url(op["path"]), method=op["method"], headers=key)
    assert r.status_code == 403
    body = r.get_json()
    assert body["code"] == "insufficient_scope"
    assert body["details"]["required"] == op["scopes"]


@pytest.mark.parametrize("op", SCOPED_READS, ids=_op_id)
def test_a_key_with_the_documented_scopes_is_let_through(client, user, auth, op):
    key = auth.key(user, op["scopes"] or ["events:read"])
    r = client.open(_url(op["path"]), method=op["method"], headers=key)
    assert r.status_code not in (401, 403), r.get_json()


@pytest.mark.parametrize("op", SCOPED_READS, ids=_op_id)
def test_a_write_scope_implies_the_read_scope(client, user, auth, op):
    # availability has no write scope: its read scope stays as it is
    scopes = [
        scope.replace(":read", ":write")
        if scope.replace(":read", ":write") in ALL_SCOPES
        else scope
        for scope in op["scopes"]
    ]
    key = auth.key(user, scopes or ["events:write"])
    r = client.open(_url(op["path"]), method=op["method"], headers=key)
    assert r.status_code not in (401, 403), r.get_json()
