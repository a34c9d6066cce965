"""GET /availability/month: the caller's days from their schedule, minus the busy
time of their calendars, their time off and blocking holidays, agreeing with
POST /availability/find day by day."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

WEEKDAYS = {
    day: [{"start": "09:00", "end": "17:00"}]
    for day in ("mon", "tue", "wed", "thu", "fri")
}


class Me:
    """One signed-in user's requests; asserts the expected status."""

    def __init__(self, client, headers):
        self.client = client
        self.headers = headers

    def post(self, path, body, status=201) -> dict:
        r = self.client.post(path, json=body, headers=self.headers)
        assert r.status_code == status, r.get_json()
        return r.get_json()

    def put_me(self, **fields) -> dict:
        r = self.client.put("/users/me", json=fields, headers=self.headers)
        assert r.status_code == 200, r.get_json()
        return r.get_json()

    def month(self, status=200, **query) -> dict:
        r = self.client.get(
            "/availability/month",
            query_string={"year": 2027, "month": 3, **query},
            headers=self.headers,
        )
        assert r.status_code == status, r.get_json()
        return r.get_json()

    def find_per_day(self, answer, calendar_id) -> dict:
        """Slots POST /availability/find gives each local day of the answer."""
        zone = ZoneInfo(answer["timezone"])
        counts = {}
        for entry in answer["days"]:
            day = date.fromisoformat(entry["date"])
            start = datetime.combine(day, datetime.min.time(), zone)
            end = datetime.combine(day + timedelta(days=1), datetime.min.time(), zone)
            found = self.post(
                "/availability/find",
                {
                    "calendar_ids": [calendar_id],
                    "schedule_id": answer["schedule_id"],
                    "start": start.astimezone(UTC).isoformat(),
                    "end": end.astimezone(UTC).isoformat(),
                    "duration_minutes": answer["duration_minutes"],
                },
                status=200,
            )
            counts[entry["date"]] = len(found["slots"])
        return counts


@pytest.fixture
def me(client, headers):
    return Me(client, headers)


@pytest.fixture
def schedule(me):
    found = me.post(
        "/schedules",
        {"name": "Work", "timezone": "Europe/Berlin", "weekly": WEEKDAYS},
    )
    me.put_me(default_schedule_id=found["id"])
    return found


@pytest.fixture
def calendar(me):
    return me.post("/calendars", {"name": "Work"})


def by_date(answer) -> dict:
    return {d["date"]: d for d in answer["days"]}


def test_every_status_and_find_agrees(me, schedule, calendar):
    def event(start, end, title="Busy"):
        me.post(
            "/events",
            {
                "calendar_id": calendar["id"],
                "title": title,
                "start_time": start,
                "end_time": end,
            },
        )

    # Berlin is UTC+1 until 28 March: 09:00-17:00 local is 08:00-16:00Z.
    event("2027-03-02T09:00:00Z", "2027-03-02T10:00:00Z", "Secret interview")
    event("2027-03-03T08:00:00Z", "2027-03-03T16:00:00Z")
    me.post(
        "/time-off",
        {
            "start_time": "2027-03-04T00:00:00Z",
            "end_time": "2027-03-05T00:00:00Z",
            "reason": "Private leave",
        },
    )
    me.put_me(holiday_country="DE", holiday_subdivision="BE", holidays_block=True)

    answer = me.month()
    assert answer["timezone"] == "Europe/Berlin"
    assert answer["schedule_id"] == schedule["id"]
    assert answer["duration_minutes"] == 30
    days = by_date(answer)
    assert len(days) == 31
    status = {d: (e["status"], e["slots"]) for d, e in days.items()}
    assert status["2027-03-01"] == ("available", 16)
    assert status["2027-03-02"] == ("partial", 14)
    assert status["2027-03-03"] == ("full", 0)
    assert status["2027-03-04"] == ("time_off", 0)
    assert status["2027-03-06"] == ("off", 0)
    assert status["2027-03-08"] == ("holiday", 0)
    assert days["2027-03-08"]["holiday_name"]
    assert status["2027-03-26"] == ("holiday", 0)  # Good Friday
    assert status["2027-03-29"] == ("holiday", 0)  # Easter Monday
    assert status["2027-03-30"] == ("available", 16)  # after the DST change
    assert {d: e["slots"] for d, e in days.items()} == me.find_per_day(
        answer, calendar["id"]
    )
    text = json.dumps(answer)
    assert "Secret" not in text and "Private" not in text


def test_duration_timezone_and_another_schedule(me, schedule, calendar):
    answer = me.month(duration_minutes=60, timezone="UTC")
    assert answer["timezone"] == "UTC"
    assert by_date(answer)["2027-03-01"]["slots"] == 8
    other = me.post(
        "/schedules",
        {
            "name": "Mornings",
            "timezone": "America/New_York",
            "weekly": {"mon": [{"start": "09:00", "end": "12:00"}]},
            "date_overrides": [{"date": "2027-03-15", "windows": []}],
        },
    )
    answer = me.month(schedule_id=other["id"])
    assert answer["schedule_id"] == other["id"]
    assert answer["timezone"] == "America/New_York"
    days = by_date(answer)
    assert (days["2027-03-08"]["status"], days["2027-03-08"]["slots"]) == (
        "available",
        6,
    )
    assert days["2027-03-15"]["status"] == "off"  # the override closes it
    assert days["2027-03-09"]["status"] == "off"
    assert {d: e["slots"] for d, e in days.items()} == me.find_per_day(
        answer, calendar["id"]
    )


def test_without_a_schedule_it_is_a_400(me):
    body = me.month(status=400)
    assert "schedule_id" in body["details"]


def test_someone_elses_schedule_is_a_404(client, make_user, auth, schedule):
    stranger = Me(client, auth.jwt(make_user(name="Sam")))
    stranger.month(status=404, schedule_id=schedule["id"])


@pytest.mark.parametrize(
    "query",
    [
        {"month": 13},
        {"year": 0},
        {"timezone": "Mars/Olympus_Mons"},
        {"duration_minutes": 0},
    ],
)
def test_bad_queries_are_a_400(me, schedule, query):
    body = me.month(status=400, **query)
    assert body["code"] == "validation_error"


def test_it_needs_a_credential_with_availability_read(client, auth, user, schedule):
    r = client.get("/availability/month", query_string={"year": 2027, "month": 3})
    assert r.status_code == 401
    r = client.get(
        "/availability/month",
        query_string={"year": 2027, "month": 3},
        headers=auth.key(user, ["events:read"]),
    )
    assert r.status_code == 403
    r = client.get(
        "/availability/month",
        query_string={"year": 2027, "month": 3},
        headers=auth.key(user, ["availability:read"]),
    )
    assert r.status_code == 200, r.get_json()


def test_the_month_is_documented(client):
    spec = client.get("/openapi.json").get_json()
    operation = spec["paths"]["/availability/month"]["get"]
    assert operation["operationId"] == "getAvailabilityMonth"
    assert len(operation["description"].split()) >= 8
