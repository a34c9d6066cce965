"""Idempotency-Key on the REST API: replay, reuse, expiry, scopes, what is kept."""

from __future__ import annotations

import uuid
from datetime import datetime

from tests.idempotency.conftest import with_key

REPLAYED = "Idempotent-Replayed"
KEPT = ("Content-Type", "ETag", "Location", "Cache-Control")


def _events(client, headers, calendar_id) -> list:
    r = client.get(
        "/events", query_string={"calendar_id": calendar_id}, headers=headers
    )
    assert r.status_code == 200
    return r.get_json()["items"]


def test_a_retry_replays_the_first_answer_and_creates_one_event(
    client, headers, event_body, calendar_id, new_key
):
    key = new_key()
    first = client.post("/events", json=event_body, headers=with_key(headers, key))
    retry = client.post("/events", json=event_body, headers=with_key(headers, key))

    assert first.status_code == retry.status_code == 201
    assert retry.get_data() == first.get_data()
    for name in KEPT:
        assert retry.headers.get(name) == first.headers.get(name), name
    assert retry.headers["ETag"]
    assert retry.headers[REPLAYED] == "true"
    assert REPLAYED not in first.headers
    assert len(_events(client, headers, calendar_id)) == 1


def test_without_a_key_every_request_runs(client, headers, event_body, calendar_id):
    for _ in range(2):
        assert (
            client.post("/events", json=event_body, headers=headers).status_code == 201
        )
    assert len(_events(client, headers, calendar_id)) == 2


def test_the_same_key_with_another_body_is_422(client, headers, event_body, new_key):
    key = new_key()
    assert (
        client.post(
            "/events", json=event_body, headers=with_key(headers, key)
        ).status_code
        == 201
    )
    r = client.post(
        "/events", json={**event_body, "title": "Other"}, headers=with_key(headers, key)
    )
    assert r.status_code == 422
    body = r.get_json()
    assert body["code"] == "idempotency_key_reused"
    assert set(body) == {"error", "code", "details"}
    assert body["details"] == {"method": "POST", "path": "/events"}


def test_the_same_key_on_another_path_is_422(client, headers, event_body, new_key):
    key = new_key()
    assert (
        client.post(
            "/events", json=event_body, headers=with_key(headers, key)
        ).status_code
        == 201
    )
    r = client.post("/calendars", json={"name": "X"}, headers=with_key(headers, key))
    assert r.status_code == 422
    assert r.get_json()["code"] == "idempotency_key_reused"


ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
    b"UID:one@example.com\r\nDTSTAMP:20300101T000000Z\r\n"
    b"DTSTART:20300101T090000Z\r\nDTEND:20300101T100000Z\r\nSUMMARY:x\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_another_query_string_is_another_request(client, headers, new_key):
    key = new_key()

    def import_into(calendar_id: str):
        return client.post(
            "/calendars/import",
            data=ICS,
            content_type="text/calendar",
            query_string={"calendar_id": calendar_id},
            headers=with_key(headers, key),
        )

    assert import_into(str(uuid.uuid4())).status_code == 404
    r = import_into(str(uuid.uuid4()))
    assert r.status_code == 422
    assert r.get_json()["code"] == "idempotency_key_reused"


def test_a_key_older_than_24_hours_runs_again(
    client, headers, event_body, calendar_id, new_key, sql
):
    key = new_key()
    first = client.post("/events", json=event_body, headers=with_key(headers, key))
    assert first.status_code == 201
    sql(
        "UPDATE idempotency_keys SET created_at = created_at - interval '24 hours 1 "
        "minute' WHERE key = :key",
        key=key,
    )
    again = client.post("/events", json=event_body, headers=with_key(headers, key))
    assert again.status_code == 201
    assert REPLAYED not in again.headers
    assert again.get_json()["id"] != first.get_json()["id"]
    assert len(_events(client, headers, calendar_id)) == 2
    # ... and its answer is what the next retry gets.
    retry = client.post("/events", json=event_body, headers=with_key(headers, key))
    assert retry.headers[REPLAYED] == "true"
    assert retry.get_json()["id"] == again.get_json()["id"]


def test_a_key_younger_than_24_hours_still_replays(
    client, headers, event_body, new_key, sql
):
    key = new_key()
    client.post("/events", json=event_body, headers=with_key(headers, key))
    sql(
        "UPDATE idempotency_keys SET created_at = created_at - interval '23 hours 59 "
        "minutes' WHERE key = :key",
        key=key,
    )
    retry = client.post("/events", json=event_body, headers=with_key(headers, key))
    assert retry.headers[REPLAYED] == "true"


def test_keys_are_per_user(client, auth, make_user, new_key):
    key = new_key()
    ada, bob = make_user(), make_user()
    a = client.post(
        "/calendars", json={"name": "Same"}, headers=with_key(auth.jwt(ada), key)
    )
    b = client.post(
        "/calendars", json={"name": "Same"}, headers=with_key(auth.jwt(bob), key)
    )
    assert a.status_code == b.status_code == 201
    assert REPLAYED not in b.headers
    assert a.get_json()["id"] != b.get_json()["id"]
    assert b.get_json()["owner_id"] == str(bob.id)


def test_keys_are_per_api_key(client, auth, user, new_key):
    key = new_key()
    first = auth.key(user, ["calendars:write"])
    second = auth.key(user, ["calendars:write"])
    a = client.post("/calendars", json={"name": "Same"}, headers=with_key(first, key))
    b = client.post("/calendars", json={"name": "Same"}, headers=with_key(second, key))
    assert a.status_code == b.status_code == 201
    assert a.get_json()["id"] != b.get_json()["id"]
    again = client.post(
        "/calendars", json={"name": "Same"}, headers=with_key(first, key)
    )
    assert again.headers[REPLAYED] == "true"
    assert again.get_json()["id"] == a.get_json()["id"]


def test_a_request_that_did_not_run_keeps_the_key_free(
    client, headers, event_body, new_key
):
    """A 400 (invalid body) is not kept: the corrected request runs under the key."""
    key = new_key()
    bad = {**event_body, "end_time": event_body["start_time"], "title": ""}
    r = client.post("/events", json=bad, headers=with_key(headers, key))
    assert r.status_code == 400
    fixed = client.post("/events", json=event_body, headers=with_key(headers, key))
    assert fixed.status_code == 201
    assert REPLAYED not in fixed.headers


def test_a_404_is_kept_and_replayed(client, headers, new_key):
    key = new_key()
    path = f"/events/{uuid.uuid4()}"
    first = client.put(path, json={"title": "x"}, headers=with_key(headers, key))
    retry = client.put(path, json={"title": "x"}, headers=with_key(headers, key))
    assert first.status_code == retry.status_code == 404
    assert retry.get_json() == first.get_json()
    assert retry.headers[REPLAYED] == "true"


def test_a_retried_delete_answers_204_again(client, headers, event_body, new_key):
    event = client.post("/events", json=event_body, headers=headers).get_json()
    key = new_key()
    path = f"/events/{event['id']}"
    assert client.delete(path, headers=with_key(headers, key)).status_code == 204
    retry = client.delete(path, headers=with_key(headers, key))
    assert retry.status_code == 204
    assert retry.headers[REPLAYED] == "true"
    assert client.delete(path, headers=headers).status_code == 404


def test_a_claim_still_running_is_409(client, headers, event_body, new_key, sql):
    key = new_key()
    client.post("/events", json=event_body, headers=with_key(headers, key))
    # As the row is while the first request runs: claimed, no answer yet.
    sql(
        "UPDATE idempotency_keys SET status = NULL, body = NULL, headers = NULL, "
        "locked_at = now() WHERE key = :key",
        key=key,
    )
    r = client.post("/events", json=event_body, headers=with_key(headers, key))
    assert r.status_code == 409
    assert r.get_json()["code"] == "idempotency_in_progress"
    assert "Retry-After" not in r.headers


def test_a_claim_whose_request_died_is_taken_over(
    client, headers, event_body, calendar_id, new_key, sql
):
    key = new_key()
    client.post("/events", json=event_body, headers=with_key(headers, key))
    sql(
        "UPDATE idempotency_keys SET status = NULL, body = NULL, headers = NULL, "
        "locked_at = now() - interval '10 minutes' WHERE key = :key",
        key=key,
    )
    r = client.post("/events", json=event_body, headers=with_key(headers, key))
    assert r.status_code == 201
    assert REPLAYED not in r.headers
    assert len(_events(client, headers, calendar_id)) == 2


def test_a_malformed_key_is_a_400(client, headers, event_body, calendar_id):
    for key in ("", "a" * 256, "with space", "tab\there"):
        r = client.post("/events", json=event_body, headers=with_key(headers, key))
        assert r.status_code == 400, key
        body = r.get_json()
        assert body["code"] == "validation_error"
        assert body["details"] == {
            "Idempotency-Key": [body["details"]["Idempotency-Key"][0]]
        }
    assert _events(client, headers, calendar_id) == []


def test_a_255_character_key_is_accepted(client, headers, event_body):
    key = "k" * 255
    assert (
        client.post(
            "/events", json=event_body, headers=with_key(headers, key)
        ).status_code
        == 201
    )
    retry = client.post("/events", json=event_body, headers=with_key(headers, key))
    assert retry.headers[REPLAYED] == "true"


def test_the_key_is_ignored_on_reads(client, headers, calendar_id, new_key):
    key = new_key()
    client.post("/calendars", json={"name": "A"}, headers=with_key(headers, key))
    r = client.get(f"/calendars/{calendar_id}", headers=with_key(headers, key))
    assert r.status_code == 200
    assert REPLAYED not in r.headers


def test_invalid_credentials_are_401_whatever_the_key(client, event_body, new_key):
    r = client.post(
        "/events",
        json=event_body,
        headers={"Authorization": "Bearer nope", "Idempotency-Key": new_key()},
    )
    assert r.status_code == 401


def test_a_kept_secret_is_not_readable_in_the_table(client, headers, new_key, sql):
    """A new API key is shown once: the replay shows it again, the table never."""
    key = new_key()
    body = {"name": "agent", "scopes": ["events:read"]}
    first = client.post("/api-keys", json=body, headers=with_key(headers, key))
    assert first.status_code == 201
    secret = first.get_json()["key"]
    retry = client.post("/api-keys", json=body, headers=with_key(headers, key))
    assert retry.get_json()["key"] == secret
    [(stored,)] = sql("SELECT body FROM idempotency_keys WHERE key = :key", key=key)
    assert secret.encode() not in bytes(stored)


def test_keys_older_than_24_hours_are_pruned(app, client, headers, event_body, sql):
    from calapp.extensions import db
    from calapp.idempotency import service
    from calapp.users.service import now

    for key in ("old", "new"):
        client.post(
            "/events",
            json={**event_body, "title": key},
            headers=with_key(headers, key),
        )
    sql(
        "UPDATE idempotency_keys SET created_at = now() - interval '25 hours' "
        "WHERE key = 'old'"
    )
    with app.app_context():
        assert service.prune(now()) == 1
        db.session.commit()
    assert sql("SELECT key FROM idempotency_keys ORDER BY key") == [("new",)]


def test_the_prune_runs_hourly_in_the_consumer():
    from calapp import register_tasks
    from calapp.queue import huey

    register_tasks()
    for hour in (0, 13):
        due = {task.name for task in huey.read_periodic(datetime(2030, 1, 1, hour, 23))}
        assert any(name.endswith("prune_idempotency_keys") for name in due)
