"""POST/GET/DELETE /webhooks, the event types, and who sees what."""

from __future__ import annotations

import pytest

HOOK = "https://hooks.example.com/calapp"


def _create(client, headers, status=201, **fields):
    r = client.post("/webhooks", json={"url": HOOK, **fields}, headers=headers)
    assert r.status_code == status, r.get_json()
    return r.get_json()


def test_a_generated_secret_is_shown_once(client, headers):
    hook = _create(client, headers, events=["event.created", "reminder.due"])
    assert hook["secret"].startswith("whsec_") and len(hook["secret"]) > 40
    assert hook["events"] == ["event.created", "reminder.due"]
    assert hook["secret_hint"] == hook["secret"][:10] + "…"
    listed = client.get("/webhooks", headers=headers).get_json()["items"]
    assert [h["id"] for h in listed] == [hook["id"]]
    assert "secret" not in listed[0]
    assert "secret" not in client.get(f"/webhooks/{hook['id']}", headers=headers).json


def test_a_given_secret_is_kept(client, headers):
    assert _create(client, headers, secret="s" * 20)["secret"] == "s" * 20


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/x",
        "example.com/hook",
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://api.localhost/hook",
        "https://10.1.2.3/hook",
        "http://[::1]/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://0.0.0.0/",
    ],
)
def test_non_http_and_private_targets_are_refused(client, headers, url):
    body = _create(client, headers, status=400, url=url)
    assert body["code"] == "validation_error"
    assert "url" in body["details"]


def test_private_targets_are_allowed_when_configured(client, headers, app, monkeypatch):
    monkeypatch.setitem(app.config, "WEBHOOK_ALLOW_PRIVATE", True)
    _create(client, headers, url="http://127.0.0.1:9/hook")


def test_unknown_event_types_are_refused(client, headers):
    body = _create(client, headers, status=400, events=["event.exploded"])
    assert "events" in body["details"]


def test_webhooks_are_private_to_their_owner(client, headers, auth, make_user):
    hook = _create(client, headers)
    other = auth.jwt(make_user())
    assert client.get(f"/webhooks/{hook['id']}", headers=other).status_code == 404
    assert client.delete(f"/webhooks/{hook['id']}", headers=other).status_code == 404
    r = client.get(f"/webhooks/{hook['id']}/deliveries", headers=other)
    assert r.status_code == 404
    assert client.get("/webhooks", headers=other).get_json()["items"] == []


def test_deleting_a_webhook(client, headers):
    hook = _create(client, headers)
    assert client.delete(f"/webhooks/{hook['id']}", headers=headers).status_code == 204
    assert client.get(f"/webhooks/{hook['id']}", headers=headers).status_code == 404


def test_an_api_key_needs_events_write_to_register(client, auth, user):
    read_only = auth.key(user, ["events:read"])
    body = _create(client, read_only, status=403)
    assert body["code"] == "insufficient_scope"


def test_event_types_list_every_type_with_its_json_schema(client, headers):
    items = client.get("/webhooks/event-types", headers=headers).get_json()["items"]
    assert [i["type"] for i in items] == [
        "event.created",
        "event.updated",
        "event.deleted",
        "booking.created",
        "booking.cancelled",
        "booking.requested",
        "booking.approved",
        "booking.declined",
        "reminder.due",
        "connection.failing",
    ]
    due = items[-2]["schema"]
    assert due["properties"]["type"]["enum"] == ["reminder.due"]
    data = due["properties"]["data"]["properties"]
    assert {"reminder", "event", "occurrence_start", "due_at", "is_late"} <= set(data)
    assert "$ref" not in str(due)


def test_the_payload_schemas_are_openapi_components(client):
    schemas = client.get("/openapi.json").get_json()["components"]["schemas"]
    payload = schemas["WebhookPayload"]
    assert payload["discriminator"]["propertyName"] == "type"
    assert len(payload["oneOf"]) == 10
    assert "WebhookReminderDue" in schemas and "WebhookBookingCancelled" in schemas
