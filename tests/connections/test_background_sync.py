"""``POST /connections/{id}/sync?wait=false``: the sync is queued for the job
consumer and the answer is 202 at once; the client polls the connection until
``sync_requested_at`` is null again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from calapp import queue
from tests.reminders.harness import Clock, Worker, eventually


def _queue(client, headers, connection, status=202):
    r = client.post(
        f"/connections/{connection['id']}/sync",
        query_string={"wait": "false"},
        headers=headers,
    )
    assert r.status_code == status, r.get_json()
    return r.get_json()


def _get(client, headers, connection) -> dict:
    r = client.get(f"/connections/{connection['id']}", headers=headers)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


@pytest.fixture
def consumer(app, committing_db, bound_queue, monkeypatch):
    """A real huey consumer (thread workers) on the test Redis, as in
    tests/reminders; the tasks' clock a minute ahead of the API's."""
    monkeypatch.setattr(queue, "clock", Clock(datetime.now(UTC) + timedelta(minutes=1)))
    running = Worker(app, bound_queue, queue.webhook_huey)
    running.start()
    yield running
    running.stop()


def test_a_queued_sync_runs_in_the_consumer_and_the_client_sees_it_end(
    client, headers, connect, work, titles, consumer
):
    connection = connect()
    answer = _queue(client, headers, connection)
    assert answer["id"] == connection["id"]
    assert answer["sync_requested_at"] is not None
    assert answer["last_synced_at"] is None

    done = eventually(
        lambda: (
            (c := _get(client, headers, connection))["sync_requested_at"] is None and c
        )
    )
    assert done["last_synced_at"] is not None and done["last_error"] is None
    assert titles(done["calendars"][0]["calendar_id"]) == {"standup": "Busy elsewhere"}


def test_a_queued_sync_that_fails_shows_its_error(
    client, headers, connect, radicale, consumer
):
    radicale.calendar("ada", "Work")
    connection = connect()
    radicale.stop()  # the server is gone before the consumer gets to it
    _queue(client, headers, connection)
    done = eventually(
        lambda: (
            (c := _get(client, headers, connection))["sync_requested_at"] is None and c
        )
    )
    assert done["consecutive_failures"] == 1
    assert done["last_error"] and done["last_synced_at"] is None


def test_the_answer_is_immediate_and_the_sync_is_on_the_queue(
    client, headers, connect, work, bound_queue, clock
):
    connection = connect()
    answer = _queue(client, headers, connection)
    assert answer["sync_requested_at"] == "2027-03-01T00:00:00Z"
    # The sweep is the safety net should the queued task be lost.
    assert answer["next_sync_at"] == "2027-03-01T00:00:00Z"
    [task] = bound_queue.pending()
    assert task.name.endswith("sync_connection")
    assert task.args == (connection["id"],)


def test_a_sync_that_began_before_the_request_does_not_answer_it(
    client, headers, connect, work, sync, bound_queue, clock
):
    connection = connect()
    clock.advance(minutes=5)
    _queue(client, headers, connection)
    clock.advance(minutes=-1)  # a sync that started a minute before the request
    assert sync(connection)["sync_requested_at"] == "2027-03-01T00:05:00Z"
    clock.advance(minutes=2)
    assert sync(connection)["sync_requested_at"] is None


def test_wait_true_is_the_default_and_answers_after_the_sync(
    client, headers, connect, work, sync, clock
):
    r = client.post(
        f"/connections/{connect()['id']}/sync",
        query_string={"wait": "true"},
        headers=headers,
    )
    assert r.status_code == 200
    assert r.get_json()["last_synced_at"] == "2027-03-01T00:00:00Z"
    assert r.get_json()["sync_requested_at"] is None


def test_a_queued_sync_of_someone_elses_connection_is_not_found(
    client, auth, make_user, connect, work, bound_queue
):
    connection = connect()
    stranger = auth.jwt(make_user())
    body = _queue(client, stranger, connection, status=404)
    assert body["code"] == "not_found"
    assert bound_queue.pending() == []


def test_wait_must_be_a_boolean(client, headers, connect, work):
    r = client.post(
        f"/connections/{connect()['id']}/sync",
        query_string={"wait": "later"},
        headers=headers,
    )
    assert r.status_code == 400
    assert r.get_json()["code"] == "validation_error"
    assert "wait" in str(r.get_json()["details"])
