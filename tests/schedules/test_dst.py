"""Schedules across DST changes: windows stay on the local wall clock, in the
schedule's zone, on booking links and in slot finding; date overrides too."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.booking.helpers import iso
from tests.schedules.conftest import utc

TWO_MORNING_HOURS = {
    day: [{"start": "09:00", "end": "11:00"}]
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}


def _link(booker, planner, calendar, zone, **schedule):
    made = planner.schedule(timezone=zone, weekly=TWO_MORNING_HOURS, **schedule)
    return planner.link(calendar["id"], schedule_id=made["id"], max_days_ahead=365)


@pytest.mark.parametrize(
    ("zone", "first_day", "expected"),
    [
        # Europe/Berlin springs forward on 2027-03-28 (CET +1 → CEST +2).
        (
            "Europe/Berlin",
            utc(2027, 3, 27),
            ["2027-03-27T08:00:00Z", "2027-03-27T09:00:00Z",
             "2027-03-28T07:00:00Z", "2027-03-28T08:00:00Z",
             "2027-03-29T07:00:00Z", "2027-03-29T08:00:00Z"],
        ),
        # Europe/Berlin falls back on 2027-10-31.
        (
            "Europe/Berlin",
            utc(2027, 10, 30),
            ["2027-10-30T07:00:00Z", "2027-10-30T08:00:00Z",
             "2027-10-31T08:00:00Z", "2027-10-31T09:00:00Z",
             "2027-11-01T08:00:00Z", "2027-11-01T09:00:00Z"],
        ),
        # America/New_York springs forward on 2027-03-14 (EST -5 → EDT -4).
        (
            "America/New_York",
            utc(2027, 3, 13),
            ["2027-03-13T14:00:00Z", "2027-03-13T15:00:00Z",
             "2027-03-14T13:00:00Z", "2027-03-14T14:00:00Z",
             "2027-03-15T13:00:00Z", "2027-03-15T14:00:00Z"],
        ),
        # America/New_York falls back on 2027-11-07.
        (
            "America/New_York",
            utc(2027, 11, 6),
            ["2027-11-06T13:00:00Z", "2027-11-06T14:00:00Z",
             "2027-11-07T14:00:00Z", "2027-11-07T15:00:00Z",
             "2027-11-08T14:00:00Z", "2027-11-08T15:00:00Z"],
        ),
        # Australia/Sydney (southern hemisphere) falls back on 2027-04-04
        # (AEDT +11 → AEST +10): 09:00 local is the previous UTC day.
        (
            "Australia/Sydney",
            utc(2027, 4, 3),
            ["2027-04-02T22:00:00Z", "2027-04-02T23:00:00Z",
             "2027-04-03T23:00:00Z", "2027-04-04T00:00:00Z",
             "2027-04-04T23:00:00Z", "2027-04-05T00:00:00Z"],
        ),
        # ... and springs forward on 2027-10-03.
        (
            "Australia/Sydney",
            utc(2027, 10, 2),
            ["2027-10-01T23:00:00Z", "2027-10-02T00:00:00Z",
             "2027-10-02T22:00:00Z", "2027-10-02T23:00:00Z",
             "2027-10-03T22:00:00Z", "2027-10-03T23:00:00Z"],
        ),
    ],
)  # fmt: skip
def test_a_schedule_keeps_its_local_hours_across_a_dst_change(
    booker, planner, calendar, clock, zone, first_day, expected
):
    link = _link(booker, planner, calendar, zone)
    # Three local days: from the first one's local midnight on.
    start = datetime.combine(first_day.date(), time(0), ZoneInfo(zone))
    found = booker.starts(link["token"], start, start + timedelta(days=3))
    assert found == expected


def test_the_link_shows_the_schedules_zone_and_hours(booker, planner, calendar, clock):
    link = _link(booker, planner, calendar, "Australia/Sydney")
    settings = link["settings"]
    assert settings["timezone"] == "Australia/Sydney"
    assert settings["schedule_id"] is not None
    assert settings["working_hours"]["mon"] == [{"start": "09:00", "end": "11:00"}]
    r = booker.client.get(
        f"/booking/{link['token']}/availability",
        query_string={"start": iso(utc(2027, 4, 1)), "end": iso(utc(2027, 4, 2))},
    )
    assert r.get_json()["timezone"] == "Australia/Sydney"
    public = booker.client.get(f"/booking/{link['token']}").get_json()
    assert public["timezone"] == "Australia/Sydney"


def test_a_date_override_on_the_spring_forward_day_loses_the_missing_hour(
    booker, planner, calendar, clock
):
    # 01:00-04:00 on 2027-03-28 in Berlin: 02:00-03:00 does not exist, so the
    # window is 00:00Z-02:00Z, two hours.
    link = _link(
        booker,
        planner,
        calendar,
        "Europe/Berlin",
        date_overrides=[
            {"date": "2027-03-28", "windows": [{"start": "01:00", "end": "04:00"}]}
        ],
    )
    found = booker.starts(link["token"], utc(2027, 3, 27, 23), utc(2027, 3, 28, 22))
    assert found == ["2027-03-28T00:00:00Z", "2027-03-28T01:00:00Z"]


def test_a_date_override_on_the_fall_back_day_gains_the_repeated_hour(
    booker, planner, calendar, clock
):
    # 00:00-03:00 on 2027-11-07 in New York: 01:00-02:00 happens twice, so the
    # window is 04:00Z-08:00Z, four hours.
    link = _link(
        booker,
        planner,
        calendar,
        "America/New_York",
        date_overrides=[
            {"date": "2027-11-07", "windows": [{"start": "00:00", "end": "03:00"}]}
        ],
    )
    found = booker.starts(link["token"], utc(2027, 11, 7, 4), utc(2027, 11, 8, 4))
    assert found == [
        "2027-11-07T04:00:00Z",
        "2027-11-07T05:00:00Z",
        "2027-11-07T06:00:00Z",
        "2027-11-07T07:00:00Z",
    ]


def test_a_date_override_without_windows_closes_the_day(
    booker, planner, calendar, clock
):
    link = _link(
        booker,
        planner,
        calendar,
        "Europe/Berlin",
        date_overrides=[{"date": "2027-03-10", "windows": []}],
    )
    assert booker.starts(link["token"], utc(2027, 3, 10), utc(2027, 3, 11)) == []
    assert booker.starts(link["token"], utc(2027, 3, 11), utc(2027, 3, 12)) == [
        "2027-03-11T08:00:00Z",
        "2027-03-11T09:00:00Z",
    ]


def test_the_explanation_names_the_override_days_windows(
    booker, planner, calendar, clock
):
    link = _link(
        booker,
        planner,
        calendar,
        "Europe/Berlin",
        date_overrides=[
            {"date": "2027-03-10", "windows": [{"start": "14:00", "end": "15:00"}]}
        ],
    )
    r = booker.client.get(
        f"/booking/{link['token']}/explain",
        query_string={"start": "2027-03-10T08:00:00Z"},
    )
    (reason,) = r.get_json()["reasons"]
    assert reason["code"] == "outside_working_hours"
    assert reason["windows"] == [
        {"start": "2027-03-10T13:00:00Z", "end": "2027-03-10T14:00:00Z"}
    ]


def test_find_uses_a_schedule_across_a_dst_change(
    client, planner, calendar, owner_headers
):
    made = planner.schedule(timezone="America/New_York", weekly=TWO_MORNING_HOURS)
    r = client.post(
        "/availability/find",
        json={
            "calendar_ids": [calendar["id"]],
            "start": "2027-03-13T00:00:00Z",
            "end": "2027-03-15T00:00:00Z",
            "duration_minutes": 60,
            "schedule_id": made["id"],
        },
        headers=owner_headers,
    )
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["timezone"] == "America/New_York"
    assert body["schedule_id"] == made["id"]
    assert [s["start"] for s in body["slots"]] == [
        "2027-03-13T14:00:00Z",
        "2027-03-13T15:00:00Z",
        "2027-03-14T13:00:00Z",
        "2027-03-14T14:00:00Z",
    ]
