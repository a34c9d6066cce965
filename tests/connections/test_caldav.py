"""CalDAV accounts against a real Radicale: discovery, sync, read-only mirrors,
failures, and the secret kept out of every answer and sealed in the database."""

from __future__ import annotations

import sqlalchemy as sa

from tests.booking.helpers import iso
from tests.connections.conftest import PASSWORD
from tests.connections.peers import vevent


def test_connecting_discovers_the_accounts_calendars(connect, radicale, work):
    radicale.calendar("ada", "Home")
    connection = connect(name="Radicale")
    assert connection["kind"] == "caldav" and connection["state"] == "active"
    names = sorted(c["name"] for c in connection["calendars"])
    assert names == ["Home", "Work"]
    assert all(c["supports_sync"] for c in connection["calendars"])
    assert all(c["is_busy"] and c["is_shown"] for c in connection["calendars"])
    assert connection["last_synced_at"] is None


def test_initial_sync_mirrors_events_into_a_read_only_calendar(
    client, headers, connect, sync, work, titles
):
    connection = sync(connect())
    assert connection["last_synced_at"] is not None
    assert connection["last_error"] is None
    mirror = connection["calendars"][0]["calendar_id"]
    assert titles(mirror) == {"standup": "Busy elsewhere"}
    calendar = client.get(f"/calendars/{mirror}", headers=headers).get_json()
    assert calendar["source"] == "caldav"
    assert calendar["connection_id"] == connection["id"]


def test_incremental_sync_brings_changes_and_deletions(connect, sync, work, titles):
    connection = sync(connect())
    mirror = connection["calendars"][0]["calendar_id"]
    work.save_event(vevent("review", "20270302T140000Z", "20270302T150000Z", "Review"))
    standup = work.event_by_uid("standup")
    standup.data = vevent("standup", "20270301T100000Z", "20270301T113000Z", "Long")
    standup.save()
    sync(connection)
    assert titles(mirror) == {"standup": "Long", "review": "Review"}
    work.event_by_uid("standup").delete()
    sync(connection)
    assert titles(mirror) == {"review": "Review"}


def test_writes_to_a_mirrored_calendar_are_refused(
    client, headers, connect, sync, work
):
    connection = sync(connect())
    mirror = connection["calendars"][0]["calendar_id"]
    r = client.post(
        "/events",
        json={
            "calendar_id": mirror,
            "title": "Mine",
            "start_time": "2027-03-01T12:00:00Z",
            "end_time": "2027-03-01T13:00:00Z",
        },
        headers=headers,
    )
    assert r.status_code == 403
    assert r.get_json()["details"]["read_only"] is True
    events = client.get(
        "/events", query_string={"calendar_id": mirror}, headers=headers
    ).get_json()["items"]
    r = client.delete(f"/events/{events[0]['id']}", headers=headers)
    assert r.status_code == 403 and "read-only" in r.get_json()["error"]


def test_a_wrong_password_is_refused_when_connecting(connect):
    body = connect(status=400, password="not-the-password")
    assert "password" in body["details"]


def test_failing_after_repeated_errors_with_a_webhook(
    app, client, headers, connect, sync, work, radicale, monkeypatch
):
    monkeypatch.setitem(app.config, "WEBHOOK_ALLOW_PRIVATE", True)
    hook = client.post(
        "/webhooks",
        json={"url": "http://127.0.0.1:9/hook", "events": ["connection.failing"]},
        headers=headers,
    ).get_json()
    connection = sync(connect())
    (radicale.root / "users").write_text("ada:changed-on-the-server\n")
    for attempt in (1, 2):
        connection = sync(connection)
        assert connection["state"] == "active"
        assert connection["consecutive_failures"] == attempt
    connection = sync(connection)
    assert connection["state"] == "failing"
    assert "401" in connection["last_error"]
    deliveries = client.get(
        f"/webhooks/{hook['id']}/deliveries", headers=headers
    ).get_json()["items"]
    assert [d["type"] for d in deliveries] == ["connection.failing"]
    data = deliveries[0]["payload"]["data"]["connection"]
    assert data["id"] == connection["id"] and data["state"] == "failing"
    # the mirror keeps what it had: stale busy time beats none
    mirror = connection["calendars"][0]["calendar_id"]
    r = client.get("/events", query_string={"calendar_id": mirror}, headers=headers)
    assert len(r.get_json()["items"]) == 1


def test_the_password_is_never_returned_nor_stored_in_clear(
    app, client, headers, connect, sync, work
):
    connection = connect()
    answers = [
        connection,
        sync(connection),
        client.get("/connections", headers=headers).get_json(),
        client.get(f"/connections/{connection['id']}", headers=headers).get_json(),
    ]
    assert all(PASSWORD not in str(answer) for answer in answers)
    assert connection["has_password"] is True
    from calapp.extensions import db

    with app.app_context():
        dump = db.session.execute(
            sa.text("SELECT t::text FROM connections t WHERE id = :id"),
            {"id": connection["id"]},
        ).scalar_one()
    assert PASSWORD not in dump
    assert PASSWORD.encode().hex() not in dump


def test_choosing_a_calendar_as_neither_busy_nor_shown_removes_its_mirror(
    client, headers, connect, sync, work
):
    connection = sync(connect())
    remote = connection["calendars"][0]
    r = client.put(
        f"/connections/{connection['id']}",
        json={"calendars": [{"id": remote["id"], "is_busy": False, "is_shown": False}]},
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["calendars"][0]["calendar_id"] is None
    assert (
        client.get(f"/calendars/{remote['calendar_id']}", headers=headers).status_code
        == 404
    )


def test_private_targets_are_refused_by_default(client, headers, radicale):
    r = client.post(
        "/connections",
        json={
            "kind": "caldav",
            "url": radicale.url,
            "username": "ada",
            "password": "x",
        },
        headers=headers,
    )
    assert r.status_code == 400
    assert "url" in r.get_json()["details"]


def test_disconnecting_removes_the_mirrors(client, headers, connect, sync, work):
    connection = sync(connect())
    mirror = connection["calendars"][0]["calendar_id"]
    r = client.delete(f"/connections/{connection['id']}", headers=headers)
    assert r.status_code == 204
    assert client.get(f"/calendars/{mirror}", headers=headers).status_code == 404
    assert (
        client.get(f"/connections/{connection['id']}", headers=headers).status_code
        == 404
    )


def test_the_job_consumer_syncs_due_connections_and_backs_off(
    app, client, headers, connect, work, radicale, clock
):
    from datetime import timedelta

    from calapp.connections import tasks

    connection = connect()
    with app.app_context():
        assert tasks.run(clock()) == 1
        assert tasks.run(clock()) == 0  # next one in sync_interval_minutes
    url = f"/connections/{connection['id']}"
    synced = client.get(url, headers=headers).get_json()
    assert synced["last_synced_at"] is not None
    assert synced["next_sync_at"] > synced["last_synced_at"]
    (radicale.root / "users").write_text("ada:changed-on-the-server\n")
    waits = []
    for _ in range(3):
        clock.advance(days=2)
        with app.app_context():
            assert tasks.run(clock()) == 1
        body = client.get(url, headers=headers).get_json()
        waits.append(body["next_sync_at"])
    assert body["state"] == "failing" and body["consecutive_failures"] == 3
    assert waits == [
        iso(clock() - timedelta(days=4) + timedelta(minutes=15)),
        iso(clock() - timedelta(days=2) + timedelta(minutes=30)),
        iso(clock() + timedelta(minutes=60)),
    ]


def test_a_sync_token_the_server_forgot_means_listing_everything_again(
    app, connect, sync, work, titles
):
    from calapp.connections.models import RemoteCalendar
    from calapp.extensions import db

    connection = sync(connect())
    with app.app_context():
        db.session.execute(
            sa.update(RemoteCalendar)
            .where(RemoteCalendar.connection_id == connection["id"])
            .values(sync_token="http://radicale.org/ns/sync/forgotten")
        )
        db.session.commit()
    work.save_event(vevent("later", "20270303T090000Z", "20270303T100000Z", "Later"))
    connection = sync(connection)
    assert connection["last_error"] is None
    mirror = connection["calendars"][0]["calendar_id"]
    assert titles(mirror) == {"standup": "Busy elsewhere", "later": "Later"}


def test_servers_without_sync_are_read_by_time_range(app, radicale, work, lan):
    """calendar-query (RFC 4791 §7.8): only the events overlapping the range."""
    from datetime import UTC, datetime

    from calapp.connections import caldav

    work.save_event(vevent("far", "20300101T090000Z", "20300101T100000Z", "Far"))
    client = caldav.Client(
        radicale.url, "ada", PASSWORD, timeout=10, max_bytes=10**6, allow_private=True
    )
    objects = client.in_range(
        str(work.url),
        datetime(2027, 1, 1, tzinfo=UTC),
        datetime(2028, 1, 1, tzinfo=UTC),
    )
    assert [data for data in objects.values() if "UID:standup" in data]
    assert not [data for data in objects.values() if "UID:far" in data]


def test_a_mirror_is_stopped_through_its_connection_not_deleted(
    client, headers, connect, sync, work
):
    connection = sync(connect())
    mirror = connection["calendars"][0]["calendar_id"]
    r = client.delete(f"/calendars/{mirror}", headers=headers)
    assert r.status_code == 409
    assert r.get_json()["details"]["connection_id"] == connection["id"]


def test_deleting_the_account_disconnects_and_erases_the_password(
    app, client, headers, connect, work
):
    from calapp.connections.models import Connection
    from calapp.extensions import db

    connection = connect()
    assert client.delete("/users/me", headers=headers).status_code == 204
    with app.app_context():
        row = db.session.get(Connection, connection["id"])
        assert row.deleted_at is not None and row.sealed_password is None
