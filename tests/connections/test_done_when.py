"""Issue 16 end to end: a person signs in through a real OpenID provider,
connects a Radicale CalDAV account and a locally served ICS feed, the sync
runs, and their booking link neither offers nor accepts a time that is busy
only in the Radicale calendar, nor one busy only in the feed."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from tests.booking.helpers import MONDAY, Booker, at, iso
from tests.connections.conftest import PASSWORD
from tests.connections.peers import Feed, vevent
from tests.oidc.conftest import sign_in


@pytest.fixture
def feed():
    server = Feed(vevent("dentist", "20270301T140000Z", "20270301T150000Z"))
    yield server
    server.stop()


@pytest.fixture
def signed_in(client, oidc):
    """Tokens from the provider's callback: no password was ever set."""
    email = f"ada-{uuid.uuid4().hex[:10]}@example.com"
    r = sign_in(client, email)
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["user"]["email"] == email and body["user"]["has_password"] is False
    return {"Authorization": f"Bearer {body['access_token']}"}


def _connect(client, headers, body) -> dict:
    r = client.post("/connections", json=body, headers=headers)
    assert r.status_code == 201, r.get_json()
    r = client.post(f"/connections/{r.get_json()['id']}/sync", headers=headers)
    assert r.status_code == 200, r.get_json()
    connection = r.get_json()
    assert connection["last_error"] is None and connection["last_synced_at"]
    return connection


def test_a_booking_link_never_offers_time_busy_in_any_connected_calendar(
    request, client, signed_in, radicale, lan, feed
):
    # The signed-in person's other calendars: a standup in their Radicale
    # account, a dentist appointment in a feed they subscribe to.
    work = radicale.calendar("ada", "Work")
    work.save_event(vevent("standup", "20270301T100000Z", "20270301T110000Z"))
    request.getfixturevalue("clock")  # the API's time: Monday 2027-03-01 00:00
    caldav = _connect(
        client,
        signed_in,
        {
            "kind": "caldav",
            "url": radicale.url,
            "username": "ada",
            "password": PASSWORD,
        },
    )
    ics = _connect(client, signed_in, {"kind": "ics", "url": feed.url})
    assert [c["name"] for c in caldav["calendars"]] == ["Work"]
    assert len(ics["calendars"]) == 1

    # A booking link on their own calendar, which holds nothing.
    booker = Booker(client, signed_in)
    own = booker.calendar(name="Bookings")
    link = booker.link(own["id"])
    starts = booker.starts(link["token"], MONDAY, MONDAY + timedelta(days=1))
    for busy in ("10:00", "10:30", "14:00", "14:30"):
        assert iso(at(MONDAY, busy)) not in starts
    for free in ("09:00", "09:30", "11:00", "13:30", "15:00"):
        assert iso(at(MONDAY, free)) in starts

    radicale_busy = booker.reserve(link["token"], at(MONDAY, "10:00"), status=409)
    feed_busy = booker.reserve(link["token"], at(MONDAY, "14:30"), status=409)
    assert radicale_busy["code"] == feed_busy["code"] == "slot_unavailable"
    booker.reserve(link["token"], at(MONDAY, "11:00"))  # a free time books
