"""GET /booking/{token}/month: each local day's status and slot count, agreeing
with the availability listing of that day.

The clock is the fixed Monday of ``helpers`` (2027-03-01 00:00Z); the link is
UTC, 30 minutes, weekdays 09:00-17:00 (16 slots a day), no notice, a year ahead.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.booking.helpers import MONDAY, at


@pytest.fixture
def month(client):
    """``month(token, year, month, **query)``: the answer, status asserted."""

    def get(token, year=2027, month=3, status=200, **query):
        r = client.get(
            f"/booking/{token}/month",
            query_string={"year": year, "month": month, **query},
        )
        assert r.status_code == status, r.get_json()
        return r.get_json()

    return get


def by_date(answer) -> dict:
    return {d["date"]: d for d in answer["days"]}


def listed_per_day(booker, token, answer) -> dict:
    """The number of slots the availability listing gives each local day."""
    zone = ZoneInfo(answer["timezone"])
    counts = {}
    for entry in answer["days"]:
        day = date.fromisoformat(entry["date"])
        start = datetime.combine(day, datetime.min.time(), zone).astimezone(UTC)
        end = datetime.combine(
            day + timedelta(days=1), datetime.min.time(), zone
        ).astimezone(UTC)
        counts[entry["date"]] = len(booker.slots(token, start, end))
    return counts


def test_every_status_through_the_api(
    client, booker, calendar, link, month, owner_headers
):
    token = link["token"]
    tuesday, wednesday = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)
    booker.event(calendar["id"], at(tuesday, "10:00"), at(tuesday, "11:00"))
    booker.event(
        calendar["id"],
        at(wednesday, "09:00"),
        at(wednesday, "17:00"),
        title="Secret surgery",
        description="Do not tell",
    )
    booker.reserve(token, at(MONDAY + timedelta(days=8), "09:00"))
    r = client.post(
        "/time-off",
        json={
            "start_time": "2027-03-04T00:00:00Z",
            "end_time": "2027-03-05T00:00:00Z",
            "reason": "Private leave",
        },
        headers=owner_headers,
    )
    assert r.status_code == 201, r.get_json()
    r = client.put(
        "/users/me",
        json={
            "holiday_country": "DE",
            "holiday_subdivision": "BE",
            "holidays_block": True,
        },
        headers=owner_headers,
    )
    assert r.status_code == 200, r.get_json()

    answer = month(token)
    assert answer["timezone"] == "UTC" and answer["duration_minutes"] == 30
    assert len(answer["days"]) == 31
    days = by_date(answer)
    assert days["2027-03-01"] == {
        "date": "2027-03-01",
        "status": "available",
        "holiday_name": None,
        "slots": 16,
    }
    assert (days["2027-03-02"]["status"], days["2027-03-02"]["slots"]) == (
        "partial",
        14,
    )
    assert (days["2027-03-03"]["status"], days["2027-03-03"]["slots"]) == ("full", 0)
    assert (days["2027-03-04"]["status"], days["2027-03-04"]["slots"]) == (
        "time_off",
        0,
    )
    assert (days["2027-03-06"]["status"], days["2027-03-06"]["slots"]) == ("off", 0)
    assert (days["2027-03-09"]["status"], days["2027-03-09"]["slots"]) == (
        "partial",
        15,
    )
    # International Women's Day is a public holiday in Berlin.
    assert days["2027-03-08"]["status"] == "holiday"
    good_friday = days["2027-03-26"]
    assert good_friday["status"] == "holiday" and good_friday["slots"] == 0
    assert good_friday["holiday_name"]
    assert days["2027-03-25"]["holiday_name"] is None
    # What the listing offers, day by day.
    assert {d: e["slots"] for d, e in days.items()} == listed_per_day(
        booker, token, answer
    )
    # Nothing about the events, bookings or time off is said.
    text = json.dumps(answer)
    for secret in ("Secret", "surgery", "Do not tell", "Private", "Vera", "Busy"):
        assert secret not in text


def test_a_hold_makes_a_day_partial(booker, link, month):
    booker.hold(link["token"], at(MONDAY, "09:00"))
    day = by_date(month(link["token"]))["2027-03-01"]
    assert (day["status"], day["slots"]) == ("partial", 15)


def test_days_before_the_notice_or_beyond_the_horizon_are_off(
    booker, calendar, clock, month
):
    clock.advance(days=10)  # Thursday 2027-03-11 00:00Z
    link = booker.link(calendar["id"], max_days_ahead=7)
    days = by_date(month(link["token"]))
    assert days["2027-03-10"]["status"] == "off"  # past
    assert days["2027-03-11"]["status"] == "available"
    assert days["2027-03-18"]["status"] == "available"  # the last day
    assert days["2027-03-19"]["status"] == "off"  # beyond the horizon


def test_a_dst_month_in_berlin_agrees_with_the_listing(booker, calendar, month):
    link = booker.link(calendar["id"], timezone="Europe/Berlin")
    answer = month(link["token"])
    assert answer["timezone"] == "Europe/Berlin"
    days = by_date(answer)
    # 09:00-17:00 on the wall clock on both sides of the change (28 March).
    assert days["2027-03-26"]["slots"] == 16
    assert days["2027-03-29"]["slots"] == 16
    assert days["2027-03-28"]["status"] == "off"  # a Sunday
    assert {d: e["slots"] for d, e in days.items()} == listed_per_day(
        booker, link["token"], answer
    )


def test_another_zones_days_agree_with_the_listing(booker, link, month):
    answer = month(link["token"], timezone="Pacific/Auckland")
    assert answer["timezone"] == "Pacific/Auckland"
    days = by_date(answer)
    # UTC 09:00-17:00 is 22:00-06:00 in Auckland (NZDT, +13): split at midnight.
    assert days["2027-03-02"]["status"] == "available"
    assert {d: e["slots"] for d, e in days.items()} == listed_per_day(
        booker, link["token"], answer
    )


@pytest.mark.parametrize(
    "query",
    [
        {"year": 2027, "month": 13},
        {"year": 0, "month": 3},
        {"year": 2027, "month": 3, "timezone": "Mars/Olympus_Mons"},
        {"year": "soon", "month": 3},
        {"month": 3},
    ],
)
def test_bad_queries_are_a_400(client, link, query):
    r = client.get(f"/booking/{link['token']}/month", query_string=query)
    assert r.status_code == 400, r.get_json()
    assert r.get_json()["code"] == "validation_error"


def test_an_unknown_or_inactive_link_is_a_404(client, booker, link, month):
    month("nope", status=404)
    r = client.delete(f"/booking-links/{link['token']}", headers=booker.headers)
    assert r.status_code == 204
    month(link["token"], status=404)


def test_the_month_is_documented(client):
    spec = client.get("/openapi.json").get_json()
    operation = spec["paths"]["/booking/{token}/month"]["get"]
    assert operation["operationId"] == "getBookingMonth"
    assert operation["security"] == []
    assert len(operation["description"].split()) >= 8
    assert "429" in operation["responses"]


def test_a_day_with_its_daily_limit_of_bookings_is_full(booker, calendar, month):
    link = booker.link(calendar["id"], max_bookings_per_day=1)
    booker.reserve(link["token"], at(MONDAY, "09:00"))
    days = by_date(month(link["token"]))
    assert (days["2027-03-01"]["status"], days["2027-03-01"]["slots"]) == ("full", 0)
    assert days["2027-03-02"]["status"] == "available"
