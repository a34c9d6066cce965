"""``POST /connections/{id}/sync?wait=false``: the sync is queued for the job
consumer and the answer is 202 at once; the client polls the connection until
``sync_requested_at`` is null again."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from calapp import queue
from tests.connections.peers import Feed, vevent
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


class SlowFeed(Feed):
    """A feed that holds each answer until ``gate`` opens: a sync in progress."""

    def __init__(self, body: str) -> None:
        self.gate, self.asked = threading.Event(), threading.Event()
        super().__init__(body)

    @property
    def body(self) -> str:
        self.asked.set()
        assert self.gate.wait(30), "the test never let the feed answer"
        return self._body

    @body.setter
    def body(self, value: str) -> None:
        self._body = value


def _in_thread(call):
    result: dict = {}
    thread = threading.Thread(target=lambda: result.update(r=call()), daemon=True)
    thread.start()
    return thread, result


def test_a_sync_asked_for_during_a_running_sync_is_answered_at_once_and_kept(
    client, headers, lan, committing_db, bound_queue
):
    feed = SlowFeed(vevent("maths", "20270301T080000Z", "20270301T090000Z"))
    try:
        r = client.post(
            "/connections", json={"kind": "ics", "url": feed.url}, headers=headers
        )
        assert r.status_code == 201, r.get_json()
        connection = r.get_json()
        path = f"/connections/{connection['id']}/sync"
        running, first = _in_thread(lambda: client.post(path, headers=headers))
        assert feed.asked.wait(30)  # the first sync waits on the feed

        asking, queued = _in_thread(
            lambda: client.post(path, query_string={"wait": "false"}, headers=headers)
        )
        asking.join(10)
        assert not asking.is_alive(), "the request waited for the running sync"
        assert queued["r"].status_code == 202, queued["r"].get_json()
        busy = client.post(path, headers=headers)
        assert busy.status_code == 409 and busy.get_json()["code"] == "conflict"

        feed.gate.set()
        running.join(30)
        assert first["r"].status_code == 200, first["r"].get_json()
        # That sync began before the request: the request is still to be run.
        after = _get(client, headers, connection)
        assert after["last_synced_at"] is not None
        assert after["sync_requested_at"] == queued["r"].get_json()["sync_requested_at"]
        assert [t.args for t in bound_queue.pending()] == [(connection["id"],)]
    finally:
        feed.gate.set()
        feed.stop()
