"""GET /booking/{token}/explain: whether a link offers a slot, and every reason why not.

The clock is the fixed Monday of ``helpers`` (2027-03-01 00:00Z); the link is
UTC, 30 minutes, weekdays 09:00-17:00, no notice, a year ahead.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from tests.booking.helpers import MONDAY, at, iso


@pytest.fixture
def explain(client):
    """``explain(token, start)``: the 200 answer of the public explanation."""

    def get(token, start, status=200):
        r = client.get(f"/booking/{token}/explain", query_string={"start": iso(start)})
        assert r.status_code == status, r.get_json()
        return r.get_json()

    return get


def codes(answer) -> list[str]:
    return [reason["code"] for reason in answer["reasons"]]


def test_an_offered_slot_says_so_and_is_listed(booker, link, explain):
    answer = explain(link["token"], at(MONDAY, "10:00"))
    assert answer["offered"] is True
    assert answer["reasons"] == []
    assert answer["slot"] == {
        "start": "2027-03-01T10:00:00Z",
        "end": "2027-03-01T10:30:00Z",
    }
    assert answer["duration_minutes"] == 30 and answer["timezone"] == "UTC"
    assert "2027-03-01T10:00:00Z" in booker.starts(
        link["token"], MONDAY, MONDAY + timedelta(days=1)
    )


def test_outside_working_hours(link, explain):
    answer = explain(link["token"], at(MONDAY, "16:45"))
    assert answer["offered"] is False
    assert codes(answer) == ["outside_working_hours"]
    reason = answer["reasons"][0]
    assert reason["day"] == "2027-03-01"
    assert reason["windows"] == [
        {"start": "2027-03-01T09:00:00Z", "end": "2027-03-01T17:00:00Z"}
    ]


def test_a_closed_day_is_outside_working_hours(link, explain):
    saturday = MONDAY + timedelta(days=5)
    answer = explain(link["token"], at(saturday, "10:00"))
    assert codes(answer) == ["outside_working_hours"]
    assert answer["reasons"][0]["windows"] == []


def test_not_on_interval(booker, calendar, clock, explain):
    link = booker.link(calendar["id"], slot_interval_minutes=20)
    answer = explain(link["token"], at(MONDAY, "09:30"))
    assert codes(answer) == ["not_on_interval"]
    reason = answer["reasons"][0]
    assert reason["limit"] == 20
    assert reason["previous_start"] == "2027-03-01T09:20:00Z"
    assert reason["next_start"] == "2027-03-01T09:40:00Z"
    assert "2027-03-01T09:30:00Z" not in booker.starts(
        link["token"], MONDAY, MONDAY + timedelta(days=1)
    )


def test_busy_says_when_and_never_what(booker, link, calendar, explain):
    event = booker.event(
        calendar["id"],
        at(MONDAY, "10:15"),
        at(MONDAY, "11:00"),
        title="Therapy with Dr Secret",
        description="private notes",
        location="Room 7",
    )
    answer = explain(link["token"], at(MONDAY, "10:00"))
    assert answer["offered"] is False
    assert codes(answer) == ["busy"]
    reason = answer["reasons"][0]
    assert (reason["start"], reason["end"]) == (
        "2027-03-01T10:15:00Z",
        "2027-03-01T10:30:00Z",
    )
    text = json.dumps(answer)
    for secret in (
        "Therapy",
        "Secret",
        "private",
        "Room 7",
        event["id"],
        calendar["id"],
        event["ical_uid"],
    ):
        assert secret not in text
    assert set(reason) <= {"code", "message", "start", "end"}


def test_buffer(booker, calendar, clock, explain):
    link = booker.link(calendar["id"], buffer_minutes=15)
    booker.event(calendar["id"], at(MONDAY, "10:30"), at(MONDAY, "11:00"))
    answer = explain(link["token"], at(MONDAY, "10:00"))
    assert codes(answer) == ["buffer"]
    reason = answer["reasons"][0]
    assert reason["buffer_minutes"] == 15
    assert (reason["start"], reason["end"]) == (
        "2027-03-01T10:30:00Z",
        "2027-03-01T10:45:00Z",
    )


def test_min_notice(booker, calendar, clock, explain):
    link = booker.link(calendar["id"], min_notice_minutes=24 * 60)
    answer = explain(link["token"], at(MONDAY, "10:00"))
    assert codes(answer) == ["min_notice"]
    assert answer["reasons"][0]["earliest_start"] == "2027-03-02T00:00:00Z"
    assert answer["reasons"][0]["limit"] == 24 * 60


def test_a_past_slot_is_min_notice(booker, link, clock, explain):
    clock.advance(hours=12)
    assert codes(explain(link["token"], at(MONDAY, "10:00"))) == ["min_notice"]


def test_beyond_horizon(booker, calendar, clock, explain):
    link = booker.link(calendar["id"], max_days_ahead=3)
    answer = explain(link["token"], at(MONDAY + timedelta(days=4), "10:00"))
    assert codes(answer) == ["beyond_horizon"]
    assert answer["reasons"][0]["last_day"] == "2027-03-04"
    assert codes(explain(link["token"], at(MONDAY + timedelta(days=3), "10:00"))) == []


def test_daily_limit(booker, calendar, clock, explain):
    link = booker.link(calendar["id"], max_bookings_per_day=1)
    booker.reserve(link["token"], at(MONDAY, "09:00"))
    answer = explain(link["token"], at(MONDAY, "14:00"))
    assert codes(answer) == ["daily_limit"]
    reason = answer["reasons"][0]
    assert (reason["day"], reason["limit"], reason["count"]) == ("2027-03-01", 1, 1)


def test_a_booked_slot_is_busy_once(booker, link, explain):
    booker.reserve(link["token"], at(MONDAY, "10:00"))
    answer = explain(link["token"], at(MONDAY, "10:00"))
    assert codes(answer) == ["busy"]


def test_held(booker, link, clock, explain):
    hold = booker.hold(link["token"], at(MONDAY, "10:00"))
    answer = explain(link["token"], at(MONDAY, "10:00"))
    assert codes(answer) == ["held"]
    reason = answer["reasons"][0]
    assert reason["expires_at"] == hold["expires_at"]
    assert "hal@example.com" not in json.dumps(answer)
    clock.advance(minutes=5)
    assert explain(link["token"], at(MONDAY, "10:00"))["offered"] is True


def test_link_inactive(client, booker, link, owner_headers, explain):
    r = client.delete(f"/booking-links/{link['token']}", headers=owner_headers)
    assert r.status_code == 204
    answer = explain(link["token"], at(MONDAY, "10:00"))
    assert answer["offered"] is False
    assert codes(answer) == ["link_inactive"]


def test_every_reason_is_given_at_once(booker, calendar, clock, explain):
    link = booker.link(
        calendar["id"], min_notice_minutes=24 * 60, max_days_ahead=0, buffer_minutes=10
    )
    booker.event(calendar["id"], at(MONDAY, "18:00"), at(MONDAY, "18:30"))
    booker.event(calendar["id"], at(MONDAY, "18:40"), at(MONDAY, "19:00"))
    answer = explain(link["token"], at(MONDAY + timedelta(days=1), "18:10"))
    assert codes(answer) == [
        "outside_working_hours",
        "beyond_horizon",
    ]
    answer = explain(link["token"], at(MONDAY, "18:10"))
    assert codes(answer) == ["outside_working_hours", "min_notice", "busy", "buffer"]


def test_the_explanation_agrees_with_the_listing_all_day(
    booker, calendar, clock, explain
):
    link = booker.link(calendar["id"], buffer_minutes=10, slot_interval_minutes=15)
    booker.event(calendar["id"], at(MONDAY, "11:05"), at(MONDAY, "11:50"))
    booker.reserve(link["token"], at(MONDAY, "14:00"))
    booker.hold(link["token"], at(MONDAY, "15:30"))
    listed = set(booker.starts(link["token"], MONDAY, MONDAY + timedelta(days=1)))
    assert listed
    start = at(MONDAY, "08:00")
    while start < at(MONDAY, "18:00"):
        answer = explain(link["token"], start)
        assert answer["offered"] == (iso(start) in listed), (iso(start), answer)
        start += timedelta(minutes=5)


def test_unknown_link_is_404(explain):
    body = explain("no-such-token", MONDAY, status=404)
    assert body["code"] == "not_found"


def test_start_is_required_and_must_carry_an_offset(client, link):
    r = client.get(f"/booking/{link['token']}/explain")
    assert r.status_code == 400
    assert r.get_json()["code"] == "validation_error"
    r = client.get(
        f"/booking/{link['token']}/explain", query_string={"start": "2027-03-01T10:00"}
    )
    assert r.status_code == 400


def test_explain_is_rate_limited_like_the_other_public_endpoints(
    app, client, link, monkeypatch
):
    monkeypatch.setitem(app.config, "RATELIMIT_PUBLIC", "2/minute")
    url = f"/booking/{link['token']}/explain"
    query = {"start": iso(at(MONDAY, "10:00"))}
    statuses = [client.get(url, query_string=query).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_a_refused_reservation_carries_the_same_reasons(booker, link, explain):
    booker.hold(link["token"], at(MONDAY, "10:00"))
    body = booker.reserve(link["token"], at(MONDAY, "10:00"), status=409)
    assert body["code"] == "slot_unavailable"
    assert body["details"]["reasons"] == ["held"]
    assert body["details"]["reasons"] == codes(
        explain(link["token"], at(MONDAY, "10:00"))
    )
    assert "someone holds" in body["error"]


def test_explain_is_documented(client):
    spec = client.get("/openapi.json").get_json()
    operation = spec["paths"]["/booking/{token}/explain"]["get"]
    assert operation["operationId"] == "explainBookingSlot"
    assert operation["security"] == []
    assert len(operation["description"].split()) >= 8
    reason = spec["components"]["schemas"]["Reason"]
    assert "event" not in reason["properties"]
    assert set(reason["properties"]["code"]["enum"]) == {
        "outside_working_hours",
        "not_on_interval",
        "min_notice",
        "beyond_horizon",
        "daily_limit",
        "busy",
        "buffer",
        "held",
        "link_inactive",
        "time_off",
        "holiday",
    }
