"""Group finding with each participant's own working hours (their default
schedule) and the time off of optional participants."""

from __future__ import annotations

from tests.availability.test_participants import (  # noqa: F401 - fixtures
    _at,
    _starts,
    api,
    find,
    me,
    person,
)


def _schedule(client, user, weekly, timezone="UTC"):
    r = client.post(
        "/schedules",
        json={"name": "Hours", "timezone": timezone, "weekly": weekly},
        headers=user.headers,
    )
    assert r.status_code == 201, r.get_json()
    r = client.put(
        "/users/me",
        json={"default_schedule_id": r.get_json()["id"]},
        headers=user.headers,
    )
    assert r.status_code == 200, r.get_json()


def _time_off(client, user, start, end):
    r = client.post(
        "/time-off",
        json={"start_time": _at(start), "end_time": _at(end), "reason": "Leave"},
        headers=user.headers,
    )
    assert r.status_code == 201, r.get_json()


def _ranking(response) -> list[tuple[str, int]]:
    assert response.status_code == 200, response.get_json()
    return [
        (s["start"][11:16], s["optional_free_count"])
        for s in response.get_json()["slots"]
    ]


def test_a_participants_default_schedule_is_their_working_hours(
    client,
    find,  # noqa: F811 - the imported fixture
    person,  # noqa: F811 - the imported fixture
):
    # 2026-03-02 is a Monday. Ann works 11-14 UTC; Ben has no schedule.
    ann = person()
    _schedule(client, ann, {"mon": [{"start": "11:00", "end": "14:00"}]})
    ben = person(busy=[("12:00", "13:00")])
    r = find(participants=[ann.email, ben.email])
    assert r.status_code == 200, r.get_json()
    assert _starts(r.get_json()["slots"]) == ["11:00", "13:00"]
    assert "Hours" not in r.get_data(as_text=True)


def test_a_schedule_in_another_zone_is_read_in_that_zone(
    client,
    find,  # noqa: F811 - the imported fixture
    person,  # noqa: F811 - the imported fixture
):
    # 09:00-11:00 in New York on 2 March (EST, UTC-5) is 14:00-16:00 UTC.
    ann = person()
    _schedule(
        client,
        ann,
        {"mon": [{"start": "09:00", "end": "11:00"}]},
        timezone="America/New_York",
    )
    r = find(participants=[ann.email])
    assert _starts(r.get_json()["slots"]) == ["14:00"]


def test_an_optional_participant_on_leave_is_not_counted_as_free(
    client,
    find,  # noqa: F811 - the imported fixture
    person,  # noqa: F811 - the imported fixture
):
    ann = person()
    olga = person()
    otto = person()
    _time_off(client, olga, "09:00", "12:00")
    r = find(
        participants=[ann.email],
        optional_participants=[olga.email, otto.email],
        min_required=1,
    )
    assert _ranking(r) == [
        ("12:00", 2),
        ("13:00", 2),
        ("14:00", 2),
        ("09:00", 1),
        ("10:00", 1),
        ("11:00", 1),
    ]
    assert "Leave" not in r.get_data(as_text=True)


def test_an_optional_participants_schedule_ranks_too(
    client,
    find,  # noqa: F811 - the imported fixture
    person,  # noqa: F811 - the imported fixture
):
    ann = person()
    olga = person()
    _schedule(client, olga, {"mon": [{"start": "13:00", "end": "15:00"}]})
    r = find(participants=[ann.email], optional_participants=[olga.email])
    ranking = _ranking(r)
    assert ranking[:2] == [("13:00", 1), ("14:00", 1)]
    assert {count for _, count in ranking[2:]} == {0}


# --- the month of a group -----------------------------------------------------------


WEEKDAYS = {
    day: [{"start": "09:00", "end": "17:00"}]
    for day in ("mon", "tue", "wed", "thu", "fri")
}


def _my_schedule(client, headers):
    r = client.post(
        "/schedules",
        json={"name": "Mine", "timezone": "UTC", "weekly": WEEKDAYS},
        headers=headers,
    )
    assert r.status_code == 201, r.get_json()
    r = client.put(
        "/users/me", json={"default_schedule_id": r.get_json()["id"]}, headers=headers
    )
    assert r.status_code == 200, r.get_json()


def _month(client, caller, participants=()):
    r = client.get(
        "/availability/month",
        query_string={
            "year": 2026,
            "month": 3,
            "timezone": "UTC",
            "duration_minutes": 60,
            "participant": list(participants),
        },
        headers=caller[1],
    )
    return r


def test_the_month_of_a_group_counts_everyones_time(
    client,
    me,  # noqa: F811 - the imported fixture
    person,  # noqa: F811 - the imported fixture
):
    _my_schedule(client, me[1])
    ann = person()
    _schedule(
        client,
        ann,
        {
            "mon": [{"start": "13:00", "end": "17:00"}],
            **{day: WEEKDAYS[day] for day in ("tue", "wed", "thu", "fri")},
        },
    )
    api_event = client.post(
        "/events",
        json={
            "calendar_id": ann.calendar["id"],
            "title": "Workshop",
            "start_time": "2026-03-03T08:00:00Z",
            "end_time": "2026-03-03T18:00:00Z",
        },
        headers=ann.headers,
    )
    assert api_event.status_code == 201, api_event.get_json()
    r = client.post(
        "/time-off",
        json={"start_time": "2026-03-04T00:00:00Z", "end_time": "2026-03-05T00:00:00Z"},
        headers=ann.headers,
    )
    assert r.status_code == 201, r.get_json()

    alone = _month(client, me)
    assert alone.status_code == 200, alone.get_json()
    group = _month(client, me, [ann.email])
    assert group.status_code == 200, group.get_json()
    assert group.get_json()["participants"] == [ann.email]
    by_day = {d["date"]: (d["slots"], d["status"]) for d in group.get_json()["days"]}
    mine = {d["date"]: d["slots"] for d in alone.get_json()["days"]}
    assert mine["2026-03-02"] == mine["2026-03-03"] == mine["2026-03-04"] == 8
    assert by_day["2026-03-02"] == (4, "partial")  # Ann works from 13:00
    assert by_day["2026-03-03"][0] == 0  # Ann's workshop
    assert by_day["2026-03-04"][0] == 0  # Ann's day off
    assert by_day["2026-03-05"] == (8, "available")
    assert "Workshop" not in group.get_data(as_text=True)


def test_the_month_of_someone_who_shares_nothing_is_a_404(
    client,
    me,  # noqa: F811 - the imported fixture
    person,  # noqa: F811 - the imported fixture
):
    _my_schedule(client, me[1])
    stranger = person(role=None)
    r = _month(client, me, [stranger.email])
    assert r.status_code == 404
    assert r.get_json()["details"]["participants"] == [stranger.email]


# --- explain with participants ------------------------------------------------------


def _explain(client, caller, start, **fields):
    body = {"start": _at(start), "duration_minutes": 60, "timezone": "UTC", **fields}
    return client.post("/availability/explain", json=body, headers=caller[1])


def test_explain_names_the_participant_in_the_way(
    client,
    me,  # noqa: F811 - the imported fixture
    person,  # noqa: F811 - the imported fixture
):
    ann = person(busy=[("10:00", "11:00")])
    olga = person()
    _schedule(client, olga, {"mon": [{"start": "11:00", "end": "17:00"}]})
    _time_off(client, olga, "13:00", "14:00")
    group = [ann.email, olga.email]

    r = _explain(client, me, "10:00", participants=group)
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["offered"] is False
    assert body["participants"] == group
    codes = {(x["code"], x.get("participant")) for x in body["reasons"]}
    assert codes == {("busy", ann.email), ("outside_working_hours", olga.email)}
    outside = [x for x in body["reasons"] if x["code"] == "outside_working_hours"]
    assert "windows" not in outside[0]  # her hours are not shown
    assert all("event" not in x for x in body["reasons"])  # freebusy: no names
    assert "Private" not in r.get_data(as_text=True)

    r = _explain(client, me, "13:00", participants=group)
    assert [(x["code"], x["participant"]) for x in r.get_json()["reasons"]] == [
        ("time_off", olga.email)
    ]
    assert "Leave" not in r.get_data(as_text=True)

    r = _explain(client, me, "11:00", participants=group)
    assert r.get_json()["offered"] is True and r.get_json()["reasons"] == []


def test_explain_needs_a_calendar_or_a_participant(
    client,
    me,  # noqa: F811 - the imported fixture
):
    r = _explain(client, me, "10:00")
    assert r.status_code == 400
    assert "calendar_ids" in r.get_json()["details"]
