"""Who receives what: tickets, API key scopes, revocation, unsharing."""

from __future__ import annotations

import pytest

from tests.stream.helpers import SSEClient, WSClient
from tests.stream.test_sse import make_event, owner  # noqa: F401 - fixture

pytestmark = pytest.mark.slow


def ticket(client, headers) -> str:
    r = client.post("/stream/tickets", headers=headers)
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert 0 < body["expires_in"] <= 60
    return body["ticket"]


def test_a_ticket_opens_one_stream_once(stream, owner, client):  # noqa: F811
    headers, calendar_id = owner
    value = ticket(client, headers)
    sse = SSEClient(stream, f"/stream?ticket={value}")
    assert sse.status == 200
    event_id = make_event(client, headers, calendar_id)
    assert sse.next()[2]["id"] == event_id
    sse.close()
    again = SSEClient(stream, f"/stream?ticket={value}")
    assert again.status == 401 and "already used" in again.body["error"]


def test_a_ticket_opens_a_websocket(stream, owner, client):  # noqa: F811
    headers, calendar_id = owner
    ws = WSClient(stream, f"/ws?ticket={ticket(client, headers)}")
    event_id = make_event(client, headers, calendar_id)
    assert ws.next()["id"] == event_id
    ws.close()


def test_an_expired_ticket_is_refused(stream, owner, client, app, monkeypatch):  # noqa: F811
    import itsdangerous

    headers, _ = owner
    value = ticket(client, headers)
    real = itsdangerous.timed.TimestampSigner.get_timestamp
    monkeypatch.setattr(
        itsdangerous.timed.TimestampSigner,
        "get_timestamp",
        lambda self: real(self) - 3600,
    )
    old = ticket(client, headers)
    monkeypatch.undo()
    sse = SSEClient(stream, f"/stream?ticket={old}")
    assert sse.status == 401 and "expired" in sse.body["error"]
    fresh = SSEClient(stream, f"/stream?ticket={value}")
    assert fresh.status == 200
    fresh.close()


def test_a_forged_ticket_is_refused(stream):
    sse = SSEClient(stream, "/stream?ticket=eyJ1IjoiMSJ9.forged.sig")
    assert sse.status == 401 and sse.body["code"] == "unauthorized"


def test_an_api_key_receives_only_the_types_it_may_read(
    stream,
    owner,  # noqa: F811
    client,
    auth,
    make_user,
):
    headers, calendar_id = owner
    user = make_user()
    key = auth.key(user, ["contacts:read"])
    mine = auth.jwt(user)
    calendar = client.post("/calendars", json={"name": "K"}, headers=mine).get_json()
    sse = SSEClient(stream, "/stream", key)
    make_event(client, mine, calendar["id"])
    contact = client.post(
        "/contacts", json={"first_name": "Ada"}, headers=mine
    ).get_json()
    data = sse.next()[2]
    assert (data["type"], data["id"]) == ("contact", contact["id"])
    sse.close()


def test_an_api_key_asking_for_a_type_beyond_its_scopes_is_403(
    stream, auth, make_user, committing_db
):
    key = auth.key(make_user(), ["contacts:read"])
    sse = SSEClient(stream, "/stream?types=event", key)
    assert sse.status == 403 and sse.body["code"] == "insufficient_scope"
    assert sse.body["details"]["required"] == ["events:read"]


def test_a_revoked_key_closes_its_stream(
    stream, client, auth, make_user, committing_db
):
    user = make_user()
    key = auth.key(user, ["events:read"])
    sse = SSEClient(stream, "/stream", key)
    keys = client.get("/api-keys", headers=auth.jwt(user)).get_json()["items"]
    r = client.delete(f"/api-keys/{keys[0]['id']}", headers=auth.jwt(user))
    assert r.status_code == 204
    name, _, data = sse.next()
    assert (name, data["type"], data["reason"]) == ("closed", "closed", "revoked")
    assert sse.next() is None  # the server ended the response
    sse.close()


def test_logout_closes_the_websocket(stream, client, make_user, committing_db):
    from tests.conftest import PASSWORD

    user = make_user()
    r = client.post("/auth/login", json={"email": user.email, "password": PASSWORD})
    tokens = r.get_json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    ws = WSClient(stream, "/ws", headers)
    r = client.post(
        "/auth/logout", json={"refresh_token": tokens["refresh_token"]}, headers=headers
    )
    assert r.status_code == 204
    message = ws.next()
    assert (message["type"], message["reason"]) == ("closed", "revoked")
    assert ws.next() is None
    ws.close()


def test_an_unshared_member_receives_nothing_more(
    stream,
    owner,  # noqa: F811
    client,
    auth,
    make_user,
):
    headers, calendar_id = owner
    member = make_user()
    r = client.post(
        f"/calendars/{calendar_id}/share",
        json={"user_id": str(member.id), "role": "viewer"},
        headers=headers,
    )
    assert r.status_code == 201, r.get_json()
    sse = SSEClient(stream, "/stream", auth.jwt(member))
    shared = make_event(client, headers, calendar_id, "before")
    assert sse.next()[2]["id"] == shared
    r = client.delete(f"/calendars/{calendar_id}/members/{member.id}", headers=headers)
    assert r.status_code == 204
    data = sse.next()[2]
    assert (data["type"], data["id"], data["op"]) == (
        "membership",
        str(member.id),
        "deleted",
    )
    make_event(client, headers, calendar_id, "after")
    assert sse.quiet_for(3) == []
    sse.close()


def test_a_new_share_starts_delivery_at_once(
    stream,
    owner,  # noqa: F811
    client,
    auth,
    make_user,
):
    headers, calendar_id = owner
    member = make_user()
    sse = SSEClient(stream, "/stream", auth.jwt(member))
    client.post(
        f"/calendars/{calendar_id}/share",
        json={"user_id": str(member.id), "role": "viewer"},
        headers=headers,
    )
    assert sse.next()[2]["type"] == "membership"
    event_id = make_event(client, headers, calendar_id)
    assert sse.next()[2]["id"] == event_id
    sse.close()
