"""ICS subscriptions against a local feed that changes and answers 304."""

from __future__ import annotations

import pytest

from tests.connections.peers import Feed, calendar_text, component


def _feed(*events) -> str:
    return calendar_text(*(component(*event) for event in events))


MATHS = ("maths", "20270301T080000Z", "20270301T090000Z", "Maths")
ART = ("art", "20270302T080000Z", "20270302T090000Z", "Art")


@pytest.fixture
def feed():
    server = Feed(_feed(MATHS))
    yield server
    server.stop()


@pytest.fixture
def subscribe(client, headers, lan):
    def make(url):
        r = client.post(
            "/connections", json={"kind": "ics", "url": url}, headers=headers
        )
        assert r.status_code == 201, r.get_json()
        return r.get_json()

    return make


def test_a_feed_is_mirrored_and_refreshed_with_validators(
    feed, subscribe, sync, titles
):
    connection = sync(subscribe(feed.url))
    mirror = connection["calendars"][0]["calendar_id"]
    assert titles(mirror) == {"maths": "Maths"}
    sync(connection)  # unchanged: the feed answers 304
    assert [code for code, _ in feed.requests] == [200, 304]
    assert feed.requests[1][1]["If-None-Match"]
    assert feed.requests[1][1]["If-Modified-Since"] == "Mon, 30 Nov 2026 10:00:00 GMT"
    assert titles(mirror) == {"maths": "Maths"}
    feed.body = _feed(ART)  # maths dropped, art added
    connection = sync(connection)
    assert [code for code, _ in feed.requests][-1] == 200
    assert titles(mirror) == {"art": "Art"}
    assert connection["last_error"] is None


def test_webcal_urls_are_read_as_https(client, headers, lan):
    r = client.post(
        "/connections",
        json={"kind": "ics", "url": "webcal://127.0.0.1:9/feed.ics"},
        headers=headers,
    )
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["url"] == "https://127.0.0.1:9/feed.ics"


def test_a_feed_that_is_not_icalendar_is_an_error_of_the_connection(
    feed, subscribe, sync, titles
):
    connection = sync(subscribe(feed.url))
    feed.body = "<html>moved</html>"
    connection = sync(connection)
    assert connection["consecutive_failures"] == 1
    assert "iCalendar" in connection["last_error"]
    assert titles(connection["calendars"][0]["calendar_id"]) == {"maths": "Maths"}


def test_an_ics_subscription_takes_no_password(client, headers, feed, lan):
    r = client.post(
        "/connections",
        json={"kind": "ics", "url": feed.url, "password": "secret-secret"},
        headers=headers,
    )
    assert r.status_code == 400 and "password" in r.get_json()["details"]


def test_a_feed_larger_than_the_limit_is_refused(
    app, feed, subscribe, sync, monkeypatch
):
    monkeypatch.setitem(app.config, "CONNECTIONS_MAX_BYTES", 100)
    connection = sync(subscribe(feed.url))
    assert connection["consecutive_failures"] == 1
    assert "larger than 100 bytes" in connection["last_error"]
    assert connection["last_synced_at"] is None


def test_listing_connections_costs_the_same_for_one_or_many(
    client, headers, subscribe, statements
):
    def count() -> int:
        statements.clear()
        r = client.get("/connections", headers=headers)
        assert r.status_code == 200
        return len(statements), len(r.get_json()["items"])

    subscribe("https://feeds.example.com/1.ics")
    one, listed = count()
    for n in range(2, 6):
        subscribe(f"https://feeds.example.com/{n}.ics")
    many, listed_many = count()
    assert (listed, listed_many) == (1, 5)
    assert many == one
