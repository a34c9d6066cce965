"""/time-off: owner-only CRUD, and time off as busy in free/busy, booking links
(listing and explanation) and slot finding."""

import pytest

from tests.booking.helpers import NINE_TO_FIVE
from tests.schedules.conftest import utc

TUESDAY = (utc(2027, 3, 9), utc(2027, 3, 10))


@pytest.fixture
def utc_link(planner, calendar, clock):
    """Weekdays 09:00-17:00 UTC, hour slots."""
    return planner.link(calendar["id"], timezone="UTC", working_hours=NINE_TO_FIVE)


def test_time_off_spanning_a_links_window_removes_its_slots(booker, planner, utc_link):
    token = utc_link["token"]
    assert len(booker.starts(token, *TUESDAY)) == 8
    planner.time_off(start_time="2027-03-09T10:30:00Z", end_time="2027-03-09T13:00:00Z")
    assert booker.starts(token, *TUESDAY) == [
        "2027-03-09T09:00:00Z",
        "2027-03-09T13:00:00Z",
        "2027-03-09T14:00:00Z",
        "2027-03-09T15:00:00Z",
        "2027-03-09T16:00:00Z",
    ]


def test_a_reservation_inside_time_off_is_refused(booker, planner, utc_link):
    planner.time_off(start_time="2027-03-09T00:00:00Z", end_time="2027-03-10T00:00:00Z")
    body = booker.reserve(utc_link["token"], utc(2027, 3, 9, 10), 60, status=409)
    assert body["code"] == "slot_unavailable"


def test_whole_days_off_in_the_owners_zone(booker, planner, calendar, clock):
    schedule = planner.schedule(timezone="America/New_York")
    link = planner.link(calendar["id"], schedule_id=schedule["id"])
    entry = planner.time_off(
        all_day=True, start_date="2027-03-09", end_date="2027-03-10", reason="Leave"
    )
    # The default schedule's zone: New York midnights (EST, -5).
    assert entry["start_time"] == "2027-03-09T05:00:00Z"
    assert entry["end_time"] == "2027-03-11T05:00:00Z"
    assert entry["timezone"] == "America/New_York"
    assert entry["all_day"] is True
    token = link["token"]
    assert booker.starts(token, utc(2027, 3, 9), utc(2027, 3, 11, 12)) == []
    assert booker.starts(token, utc(2027, 3, 11), utc(2027, 3, 12))[0] == (
        "2027-03-11T14:00:00Z"
    )


def test_the_explanation_reports_time_off_and_not_its_reason(client, planner, utc_link):
    planner.time_off(
        start_time="2027-03-09T10:30:00Z",
        end_time="2027-03-09T11:30:00Z",
        reason="Dentist",
    )
    r = client.get(
        f"/booking/{utc_link['token']}/explain",
        query_string={"start": "2027-03-09T10:00:00Z"},
    )
    body = r.get_json()
    assert body["offered"] is False
    assert body["reasons"] == [
        {
            "code": "time_off",
            "message": "The owner is on time off from 2027-03-09T10:30:00Z to "
            "2027-03-09T11:00:00Z",
            "start": "2027-03-09T10:30:00Z",
            "end": "2027-03-09T11:00:00Z",
        }
    ]
    assert "Dentist" not in r.get_data(as_text=True)


def test_time_off_is_busy_in_free_busy(client, planner, calendar, owner_headers):
    planner.time_off(start_time="2027-03-09T10:00:00Z", end_time="2027-03-09T12:00:00Z")
    r = client.get(
        "/availability",
        query_string={
            "calendar_id": calendar["id"],
            "start": "2027-03-09T00:00:00Z",
            "end": "2027-03-10T00:00:00Z",
        },
        headers=owner_headers,
    )
    assert r.status_code == 200
    assert r.get_json()["busy"] == [
        {"start": "2027-03-09T10:00:00Z", "end": "2027-03-09T12:00:00Z"}
    ]


def test_find_keeps_time_off_out(client, planner, calendar, owner_headers):
    planner.time_off(start_time="2027-03-09T09:00:00Z", end_time="2027-03-09T16:00:00Z")
    body = {
        "calendar_ids": [calendar["id"]],
        "start": "2027-03-09T00:00:00Z",
        "end": "2027-03-10T00:00:00Z",
        "duration_minutes": 60,
        "timezone": "UTC",
        "working_hours": NINE_TO_FIVE,
    }
    r = client.post("/availability/find", json=body, headers=owner_headers)
    assert [s["start"] for s in r.get_json()["slots"]] == ["2027-03-09T16:00:00Z"]
    del body["duration_minutes"]
    body.update(start="2027-03-09T09:00:00Z", end="2027-03-09T10:00:00Z")
    r = client.post("/availability/explain", json=body, headers=owner_headers)
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["offered"] is False
    assert [reason["code"] for reason in body["reasons"]] == ["time_off"]


def test_crud_and_listing_by_window(planner, client):
    a = planner.time_off(
        start_time="2027-04-01T08:00:00Z", end_time="2027-04-01T09:00:00Z"
    )
    b = planner.time_off(
        all_day=True, start_date="2027-03-20", end_date="2027-03-20", timezone="UTC"
    )
    headers = planner.headers
    listed = client.get("/time-off", headers=headers).get_json()
    assert [t["id"] for t in listed["items"]] == [b["id"], a["id"]]
    window = client.get(
        "/time-off",
        query_string={"start": "2027-03-25T00:00:00Z", "end": "2027-04-30T00:00:00Z"},
        headers=headers,
    ).get_json()
    assert [t["id"] for t in window["items"]] == [a["id"]]
    page = client.get("/time-off?limit=1", headers=headers).get_json()
    assert page["next_cursor"] is not None
    url = f"/time-off/{a['id']}"
    r = client.put(url, json={"end_time": "2027-04-01T10:00:00Z"}, headers=headers)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["end_time"] == "2027-04-01T10:00:00Z"
    r = client.put(
        url,
        json={"all_day": True, "start_date": "2027-04-01", "end_date": "2027-04-02"},
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["start_date"] == "2027-04-01"
    assert client.delete(url, headers=headers).status_code == 204
    assert client.get(url, headers=headers).status_code == 404


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start_time": "2027-04-01T10:00:00Z", "end_time": "2027-04-01T09:00:00Z"},
         "end_time"),
        ({"start_time": "2027-04-01T10:00:00", "end_time": "2027-04-01T11:00:00Z"},
         "start_time"),
        ({"all_day": True, "start_date": "2027-04-03", "end_date": "2027-04-01"},
         "end_date"),
        ({"all_day": True, "start_date": "2027-04-03"}, "end_date"),
        ({"start_time": "2027-04-01T10:00:00Z", "end_time": "2027-04-01T11:00:00Z",
          "start_date": "2027-04-01"}, "start_date"),
        ({"all_day": True, "start_date": "2027-04-01", "end_date": "2027-04-01",
          "timezone": "Nowhere/Land"}, "timezone"),
    ],
)  # fmt: skip
def test_invalid_time_off_is_a_400_naming_the_field(planner, fields, field):
    body = planner.time_off(status=400, **fields)
    assert body["code"] == "validation_error"
    assert field in body["details"]


def test_time_off_is_invisible_to_anyone_else(planner, stranger, client):
    entry = planner.time_off(
        start_time="2027-04-01T08:00:00Z", end_time="2027-04-01T09:00:00Z"
    )
    url = f"/time-off/{entry['id']}"
    assert client.get(url, headers=stranger.headers).status_code == 404
    assert client.delete(url, headers=stranger.headers).status_code == 404
    assert client.get("/time-off", headers=stranger.headers).get_json()["items"] == []
