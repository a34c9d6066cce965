"""Busy time of connected calendars counts: free/busy, slot finding and booking
links skip it; a calendar chosen as not busy blocks nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.booking.helpers import MONDAY, Booker, at, iso

TEN, ELEVEN = at(MONDAY, "10:00"), at(MONDAY, "11:00")


@pytest.fixture
def own(client, headers):
    return Booker(client, headers).calendar(name="Mine")


@pytest.fixture
def connected(connect, sync, work, clock):
    """Ada's Radicale account connected and synced: busy Monday 10:00-11:00."""
    return sync(connect())


def _find(client, headers, calendar_id):
    r = client.post(
        "/availability/find",
        json={
            "calendar_ids": [calendar_id],
            "start": iso(at(MONDAY, "09:00")),
            "end": iso(at(MONDAY, "12:00")),
            "duration_minutes": 60,
            "timezone": "UTC",
        },
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    return [s["start"] for s in r.get_json()["slots"]]


def test_free_busy_of_an_own_calendar_includes_connected_busy(
    client, headers, own, connected
):
    r = client.get(
        "/availability",
        query_string={
            "calendar_id": own["id"],
            "start": iso(MONDAY),
            "end": iso(MONDAY + timedelta(days=1)),
        },
        headers=headers,
    )
    assert r.get_json()["busy"] == [{"start": iso(TEN), "end": iso(ELEVEN)}]


def test_slot_finding_skips_connected_busy(client, headers, own, connected):
    assert _find(client, headers, own["id"]) == [
        iso(at(MONDAY, "09:00")),
        iso(at(MONDAY, "11:00")),
    ]


def test_a_booking_link_neither_offers_nor_accepts_connected_busy_time(
    client, headers, own, connected
):
    booker = Booker(client, headers)
    link = booker.link(own["id"])
    starts = booker.starts(link["token"], MONDAY, MONDAY + timedelta(days=1))
    assert iso(at(MONDAY, "09:30")) in starts
    assert iso(TEN) not in starts and iso(at(MONDAY, "10:30")) not in starts
    r = booker.reserve(link["token"], TEN, status=409)
    assert r["code"] == "slot_unavailable"


def test_a_calendar_chosen_as_not_busy_blocks_nothing(client, headers, own, connected):
    remote = connected["calendars"][0]
    r = client.put(
        f"/connections/{connected['id']}",
        json={"calendars": [{"id": remote["id"], "is_busy": False}]},
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    assert iso(TEN) in _find(client, headers, own["id"])


def test_a_hidden_busy_calendar_is_not_listed_but_blocks_time(
    client, headers, own, connected
):
    remote = connected["calendars"][0]
    client.put(
        f"/connections/{connected['id']}",
        json={"calendars": [{"id": remote["id"], "is_shown": False}]},
        headers=headers,
    )
    listed = [
        c["id"] for c in client.get("/calendars", headers=headers).get_json()["items"]
    ]
    assert remote["calendar_id"] not in listed
    events = client.get(
        "/events",
        query_string={"start": iso(MONDAY), "end": iso(MONDAY + timedelta(days=1))},
        headers=headers,
    ).get_json()["items"]
    assert events == []
    assert iso(TEN) not in _find(client, headers, own["id"])


def test_explain_names_the_connected_calendar_that_is_busy(
    client, headers, own, connected
):
    r = client.post(
        "/availability/explain",
        json={
            "calendar_ids": [own["id"]],
            "start": iso(TEN),
            "duration_minutes": 60,
            "timezone": "UTC",
        },
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["offered"] is False
    [reason] = body["reasons"]
    assert reason["calendar_id"] == connected["calendars"][0]["calendar_id"]
    assert reason["event"]["title"] == "Busy elsewhere"


def test_no_booking_link_on_a_connected_calendar(client, headers, connected):
    mirror = connected["calendars"][0]["calendar_id"]
    body = Booker(client, headers).link(mirror, status=403)
    assert body["details"]["read_only"] is True
