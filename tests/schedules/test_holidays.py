"""Public holidays: the listing, the user's country, and holidays that block a
schedule only when the user says so."""

import pytest

from tests.booking.helpers import NINE_TO_FIVE
from tests.schedules.conftest import utc

# Good Friday 2027 is a public holiday in every German state.
GOOD_FRIDAY = (utc(2027, 3, 26), utc(2027, 3, 27))
THURSDAY = (utc(2027, 3, 25), utc(2027, 3, 26))


def test_the_listing_of_a_subdivisions_year(client, owner_headers):
    r = client.get(
        "/holidays",
        query_string={"country": "de", "subdivision": "by", "year": 2027},
        headers=owner_headers,
    )
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert (body["country"], body["subdivision"], body["year"]) == ("DE", "BY", 2027)
    assert {"date": "2027-01-06", "name": "Epiphany"} in body["items"]
    assert {"date": "2027-03-26", "name": "Good Friday"} in body["items"]
    dates = [item["date"] for item in body["items"]]
    assert dates == sorted(dates)
    # Epiphany is a holiday in Bavaria, not in Berlin.
    berlin = client.get(
        "/holidays",
        query_string={"country": "DE", "subdivision": "BE", "year": 2027},
        headers=owner_headers,
    ).get_json()
    assert "2027-01-06" not in [item["date"] for item in berlin["items"]]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"country": "XX", "year": 2027}, "country"),
        ({"country": "DE", "subdivision": "ZZ", "year": 2027}, "subdivision"),
        ({"country": "DE", "year": 1066}, "year"),
        ({"country": "DE"}, "year"),
    ],
)
def test_unknown_countries_and_subdivisions_are_a_400(
    client, owner_headers, query, field
):
    r = client.get("/holidays", query_string=query, headers=owner_headers)
    assert r.status_code == 400
    assert r.get_json()["code"] == "validation_error"
    assert field in r.get_json()["details"]


def test_the_listing_needs_a_credential(client):
    assert client.get("/holidays?country=DE&year=2027").status_code == 401


def test_a_user_sets_a_country_checked_against_the_holidays_package(planner):
    me = planner.me(holiday_country="au", holiday_subdivision="nsw")
    assert (me["holiday_country"], me["holiday_subdivision"]) == ("AU", "NSW")
    assert me["holidays_block"] is False
    body = planner.me(status=400, holiday_country="Atlantis")
    assert "holiday_country" in body["details"]
    body = planner.me(status=400, holiday_subdivision="BY")
    assert "holiday_subdivision" in body["details"]
    # A new country drops the old subdivision.
    me = planner.me(holiday_country="US")
    assert (me["holiday_country"], me["holiday_subdivision"]) == ("US", None)
    me = planner.me(holiday_country=None)
    assert me["holiday_country"] is None


@pytest.fixture
def berlin_link(planner, calendar, clock):
    schedule = planner.schedule(timezone="Europe/Berlin", weekly=NINE_TO_FIVE)
    return planner.link(calendar["id"], schedule_id=schedule["id"])


def test_a_holiday_blocks_slots_only_when_the_user_lets_it(
    booker, planner, berlin_link
):
    token = berlin_link["token"]
    planner.me(holiday_country="DE", holiday_subdivision="BE")
    assert len(booker.starts(token, *GOOD_FRIDAY)) == 8  # not blocking yet
    planner.me(holidays_block=True)
    assert booker.starts(token, *GOOD_FRIDAY) == []
    assert len(booker.starts(token, *THURSDAY)) == 8
    planner.me(holidays_block=False)
    assert len(booker.starts(token, *GOOD_FRIDAY)) == 8


def test_a_holiday_of_another_country_blocks_nothing(booker, planner, berlin_link):
    planner.me(holiday_country="US", holidays_block=True)
    assert len(booker.starts(berlin_link["token"], *GOOD_FRIDAY)) == 8


def test_the_explanation_names_the_holiday(client, planner, berlin_link):
    planner.me(holiday_country="DE", holidays_block=True)
    r = client.get(
        f"/booking/{berlin_link['token']}/explain",
        query_string={"start": "2027-03-26T09:00:00Z"},
    )
    body = r.get_json()
    assert body["offered"] is False
    (reason,) = body["reasons"]
    assert reason["code"] == "holiday"
    assert reason["name"] == "Good Friday"
    assert (reason["start"], reason["end"]) == (
        "2027-03-26T09:00:00Z",
        "2027-03-26T10:00:00Z",
    )


def test_a_blocking_holiday_is_busy_in_free_busy_and_find(
    client, planner, calendar, owner_headers
):
    planner.schedule(timezone="Europe/Berlin")
    planner.me(holiday_country="DE", holidays_block=True)
    r = client.get(
        "/availability",
        query_string={
            "calendar_id": calendar["id"],
            "start": "2027-03-26T00:00:00Z",
            "end": "2027-03-27T00:00:00Z",
        },
        headers=owner_headers,
    )
    # The whole Berlin day (CET, +1), clipped to the window.
    assert r.get_json()["busy"] == [
        {"start": "2027-03-26T00:00:00Z", "end": "2027-03-26T23:00:00Z"}
    ]
    r = client.post(
        "/availability/find",
        json={
            "calendar_ids": [calendar["id"]],
            "start": "2027-03-25T00:00:00Z",
            "end": "2027-03-27T00:00:00Z",
            "duration_minutes": 60,
            "timezone": "Europe/Berlin",
            "working_hours": NINE_TO_FIVE,
        },
        headers=owner_headers,
    )
    starts = [s["start"] for s in r.get_json()["slots"]]
    assert starts and all(s.startswith("2027-03-25") for s in starts)
