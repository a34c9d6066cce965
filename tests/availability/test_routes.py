"""GET /availability (free/busy) and POST /availability/find (common slots)."""

from __future__ import annotations

import uuid

import pytest

from tests.events.conftest import Api

WINDOW = {"start": "2026-03-02T00:00:00Z", "end": "2026-03-03T00:00:00Z"}
WEEKLY = "FREQ=WEEKLY;COUNT=10"  # Mondays from 2026-03-02 09:00Z


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def calendar(api, headers):
    return api.calendar(headers)


@pytest.fixture
def event(api, headers, calendar):
    """``event(start, end, **fields)``: an event on ``calendar`` (times as HH:MM on
    2026-03-02 UTC, or full RFC 3339 instants)."""

    def make(start, end, **fields):
        return api.event(
            headers,
            calendar["id"],
            start_time=_at(start),
            end_time=_at(end),
            **fields,
        )

    return make


@pytest.fixture
def busy(client, headers, calendar):
    """``busy(**params)``: the merged busy blocks of ``calendar`` as (start, end)."""

    def get(**params):
        r = client.get(
            "/availability",
            query_string={"calendar_id": calendar["id"], **WINDOW, **params},
            headers=headers,
        )
        assert r.status_code == 200, r.get_json()
        return _pairs(r.get_json()["busy"])

    return get


@pytest.fixture
def find(client, headers, calendar):
    """``find(**fields)``: POST /availability/find over ``calendar``."""

    def post(**fields):
        body = {
            "calendar_ids": [calendar["id"]],
            "start": _at("09:00"),
            "end": _at("12:00"),
            "duration_minutes": 60,
            "timezone": "UTC",
            **fields,
        }
        return client.post("/availability/find", json=body, headers=headers)

    return post


def _at(value: str) -> str:
    return value if "T" in value else f"2026-03-02T{value}:00Z"


def _pairs(blocks: list[dict]) -> list[tuple[str, str]]:
    return [(b["start"], b["end"]) for b in blocks]


def _slots(response) -> list[tuple[str, str]]:
    assert response.status_code == 200, response.get_json()
    return _pairs(response.get_json()["slots"])


# --- GET /availability: what is busy --------------------------------------------------


def test_a_single_event_is_busy(event, busy):
    event("09:00", "10:00")
    assert busy() == [(_at("09:00"), _at("10:00"))]


def test_the_body_names_the_window_and_calendar(client, headers, calendar):
    r = client.get(
        "/availability",
        query_string={"calendar_id": calendar["id"], **WINDOW},
        headers=headers,
    )
    assert r.get_json() == {
        "calendar_id": calendar["id"],
        **WINDOW,
        "busy": [],
        "calendars": [{"calendar_id": calendar["id"], "busy": []}],
        "participants": [],
    }


def test_occurrences_of_a_weekly_event_in_the_window_are_busy(event, busy):
    event("09:00", "10:00", recurrence_rule=WEEKLY)
    assert busy(start="2026-03-01T00:00:00Z", end="2026-03-17T00:00:00Z") == [
        ("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z"),
        ("2026-03-09T09:00:00Z", "2026-03-09T10:00:00Z"),
        ("2026-03-16T09:00:00Z", "2026-03-16T10:00:00Z"),
    ]


def test_an_edited_occurrence_is_busy_at_its_new_time_only(
    client, headers, event, busy
):
    series = event("09:00", "10:00", recurrence_rule=WEEKLY)
    r = client.put(
        f"/events/{series['id']}/instances/2026-03-09T09:00:00Z",
        json={
            "start_time": "2026-03-10T14:00:00Z",
            "end_time": "2026-03-10T15:00:00Z",
        },
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    assert busy(start="2026-03-08T00:00:00Z", end="2026-03-12T00:00:00Z") == [
        ("2026-03-10T14:00:00Z", "2026-03-10T15:00:00Z")
    ]


def test_an_occurrence_moved_into_the_window_is_busy(client, headers, event, busy):
    series = event("09:00", "10:00", recurrence_rule=WEEKLY)
    r = client.put(
        f"/events/{series['id']}/instances/2026-03-09T09:00:00Z",
        json={"start_time": _at("15:00"), "end_time": _at("16:00")},
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    assert busy(start=_at("12:00")) == [(_at("15:00"), _at("16:00"))]


def test_an_all_day_event_is_busy_all_day(api, headers, calendar, busy):
    api.event(headers, calendar["id"], start_time="2026-03-02", end_time="2026-03-03")
    assert busy(start="2026-03-01T12:00:00Z", end="2026-03-03T12:00:00Z") == [
        ("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z")
    ]


def test_a_cancelled_occurrence_is_not_busy(client, headers, event, busy):
    series = event("09:00", "10:00", recurrence_rule=WEEKLY)
    r = client.delete(
        f"/events/{series['id']}/instances/2026-03-09T09:00:00Z", headers=headers
    )
    assert r.status_code == 204
    assert busy(start="2026-03-01T00:00:00Z", end="2026-03-17T00:00:00Z") == [
        ("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z"),
        ("2026-03-16T09:00:00Z", "2026-03-16T10:00:00Z"),
    ]


@pytest.mark.parametrize("fields", [{"status": "cancelled"}, {"transparency": "free"}])
def test_cancelled_and_free_events_are_not_busy(event, busy, fields):
    event("09:00", "10:00", **fields)
    assert busy() == []


def test_a_tentative_event_is_busy(event, busy):
    event("09:00", "10:00", status="tentative")
    assert busy() == [(_at("09:00"), _at("10:00"))]


def _rsvp(client, headers, event, status):
    url = f"/events/{event['id']}/attendees/{event['attendees'][0]['id']}"
    r = client.put(url, json={"status": status}, headers=headers)
    assert r.status_code == 200, r.get_json()


def test_an_invitation_the_owner_declined_is_not_busy(
    client, headers, user, event, busy
):
    invitation = event("09:00", "10:00", attendees=[{"email": user.email}])
    _rsvp(client, headers, invitation, "declined")
    assert busy() == []


def test_an_invitation_the_owner_accepted_is_busy(client, headers, user, event, busy):
    invitation = event("09:00", "10:00", attendees=[{"email": user.email}])
    _rsvp(client, headers, invitation, "accepted")
    assert busy() == [(_at("09:00"), _at("10:00"))]


def test_an_event_another_attendee_declined_is_still_busy(client, headers, event, busy):
    meeting = event("09:00", "10:00", attendees=[{"email": "guest@example.com"}])
    _rsvp(client, headers, meeting, "declined")
    assert busy() == [(_at("09:00"), _at("10:00"))]


def test_a_declined_weekly_invitation_frees_every_occurrence(
    client, headers, user, event, busy
):
    series = event(
        "09:00", "10:00", recurrence_rule=WEEKLY, attendees=[{"email": user.email}]
    )
    _rsvp(client, headers, series, "declined")
    assert busy(start="2026-03-01T00:00:00Z", end="2026-03-17T00:00:00Z") == []


def test_a_deleted_event_is_not_busy(client, headers, event, busy):
    gone = event("09:00", "10:00")
    assert client.delete(f"/events/{gone['id']}", headers=headers).status_code == 204
    assert busy() == []


# --- GET /availability: shape of the blocks -------------------------------------------


@pytest.mark.parametrize(
    "second", [("09:30", "11:00"), ("10:00", "11:00")], ids=["overlapping", "touching"]
)
def test_overlapping_and_touching_events_merge(event, busy, second):
    event("09:00", "10:00")
    event(*second)
    assert busy() == [(_at("09:00"), _at("11:00"))]


def test_separate_events_stay_separate_blocks(event, busy):
    event("09:00", "10:00")
    event("10:01", "11:00")
    assert busy() == [(_at("09:00"), _at("10:00")), (_at("10:01"), _at("11:00"))]


def test_blocks_are_clipped_to_the_window(event, busy):
    event("2026-03-01T22:00:00Z", "2026-03-02T01:00:00Z")
    event("23:00", "2026-03-03T02:00:00Z")
    assert busy() == [
        ("2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z"),
        ("2026-03-02T23:00:00Z", "2026-03-03T00:00:00Z"),
    ]


def test_events_outside_the_window_are_not_busy(event, busy):
    event("2026-03-01T23:00:00Z", "2026-03-02T00:00:00Z")
    event("2026-03-03T00:00:00Z", "2026-03-03T01:00:00Z")
    assert busy() == []


# --- GET /availability: several calendars ---------------------------------------------


def test_several_calendars_give_one_entry_each_in_order_and_a_merged_union(
    client, api, headers, calendar
):
    other = api.calendar(headers, name="Home")
    api.event(headers, calendar["id"], start_time=_at("09:00"), end_time=_at("10:00"))
    api.event(headers, other["id"], start_time=_at("09:30"), end_time=_at("11:00"))
    r = client.get(
        "/availability",
        query_string={"calendar_id": [other["id"], calendar["id"]], **WINDOW},
        headers=headers,
    )
    body = r.get_json()
    assert [c["calendar_id"] for c in body["calendars"]] == [
        other["id"],
        calendar["id"],
    ]
    assert [_pairs(c["busy"]) for c in body["calendars"]] == [
        [(_at("09:30"), _at("11:00"))],
        [(_at("09:00"), _at("10:00"))],
    ]
    assert _pairs(body["busy"]) == [(_at("09:00"), _at("11:00"))]


def test_calendar_id_is_the_first_calendar_asked(client, api, headers, calendar):
    other = api.calendar(headers, name="Home")
    r = client.get(
        "/availability",
        query_string={"calendar_id": [other["id"], calendar["id"]], **WINDOW},
        headers=headers,
    )
    assert r.get_json()["calendar_id"] == other["id"]


# --- GET /availability: access --------------------------------------------------------


def test_a_stranger_gets_404(client, auth, make_user, calendar):
    r = client.get(
        "/availability",
        query_string={"calendar_id": calendar["id"], **WINDOW},
        headers=auth.jwt(make_user()),
    )
    assert r.status_code == 404
    assert r.get_json()["code"] == "not_found"


def test_one_unreadable_calendar_among_several_is_404(
    client, api, auth, make_user, headers, calendar
):
    stranger = make_user()
    theirs = api.calendar(auth.jwt(stranger))
    r = client.get(
        "/availability",
        query_string={"calendar_id": [calendar["id"], theirs["id"]], **WINDOW},
        headers=headers,
    )
    assert r.status_code == 404


def test_an_unknown_calendar_is_404(client, headers):
    r = client.get(
        "/availability",
        query_string={"calendar_id": str(uuid.uuid4()), **WINDOW},
        headers=headers,
    )
    assert r.status_code == 404


def test_a_viewer_reads_availability(client, api, auth, make_user, headers, event):
    viewer = make_user()
    calendar_id = event("09:00", "10:00")["calendar_id"]
    api.share(headers, calendar_id, viewer.email, "viewer")
    r = client.get(
        "/availability",
        query_string={"calendar_id": calendar_id, **WINDOW},
        headers=auth.jwt(viewer),
    )
    assert r.status_code == 200
    assert _pairs(r.get_json()["busy"]) == [(_at("09:00"), _at("10:00"))]


def test_an_api_key_with_availability_read_works(client, auth, user, calendar):
    r = client.get(
        "/availability",
        query_string={"calendar_id": calendar["id"], **WINDOW},
        headers=auth.key(user, ["availability:read"]),
    )
    assert r.status_code == 200


def test_an_api_key_without_availability_read_is_403(client, auth, user, calendar):
    r = client.get(
        "/availability",
        query_string={"calendar_id": calendar["id"], **WINDOW},
        headers=auth.key(user, ["events:read"]),
    )
    assert r.status_code == 403
    assert r.get_json()["code"] == "insufficient_scope"


def test_no_credentials_is_401(client, calendar):
    r = client.get(
        "/availability", query_string={"calendar_id": calendar["id"], **WINDOW}
    )
    assert r.status_code == 401


# --- GET /availability: validation ----------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-01-01T00:00:00Z", "2027-01-02T00:00:01Z"),
        ("2026-03-02T00:00:00Z", "2026-03-02T00:00:00Z"),
        ("2026-03-02T00:00:00Z", "2026-03-01T00:00:00Z"),
    ],
    ids=["longer-than-366-days", "empty", "reversed"],
)
def test_a_bad_window_is_400(client, headers, calendar, start, end):
    r = client.get(
        "/availability",
        query_string={"calendar_id": calendar["id"], "start": start, "end": end},
        headers=headers,
    )
    assert r.status_code == 400
    assert "end" in r.get_json()["details"]


def test_a_window_of_exactly_366_days_is_allowed(busy):
    assert busy(start="2026-01-01T00:00:00Z", end="2027-01-02T00:00:00Z") == []


def test_missing_calendar_id_is_400(client, headers):
    r = client.get("/availability", query_string=WINDOW, headers=headers)
    assert r.status_code == 400
    assert "calendar_id" in r.get_json()["details"]


# --- POST /availability/find ----------------------------------------------------------


def test_find_returns_slots_free_in_every_calendar_in_order(
    client, api, headers, calendar
):
    other = api.calendar(headers, name="Home")
    api.event(headers, calendar["id"], start_time=_at("09:00"), end_time=_at("10:00"))
    api.event(headers, other["id"], start_time=_at("10:30"), end_time=_at("11:00"))
    r = client.post(
        "/availability/find",
        json={
            "calendar_ids": [calendar["id"], other["id"]],
            "start": _at("09:00"),
            "end": _at("14:00"),
            "duration_minutes": 60,
            "timezone": "UTC",
        },
        headers=headers,
    )
    assert _slots(r) == [
        (_at("11:00"), _at("12:00")),
        (_at("12:00"), _at("13:00")),
        (_at("13:00"), _at("14:00")),
    ]


def test_find_echoes_its_request(find, calendar):
    body = find(timezone="Europe/Berlin").get_json()
    assert {k: body[k] for k in ("calendar_ids", "timezone", "duration_minutes")} == {
        "calendar_ids": [calendar["id"]],
        "timezone": "Europe/Berlin",
        "duration_minutes": 60,
    }


def test_working_hours_are_local_wall_time_across_dst(find):
    # Berlin moves from +01:00 to +02:00 on Sunday 2026-03-29.
    r = find(
        start="2026-03-27T00:00:00Z",
        end="2026-03-31T00:00:00Z",
        duration_minutes=480,
        timezone="Europe/Berlin",
        working_hours={
            "mon": [{"start": "09:00", "end": "17:00"}],
            "fri": [{"start": "09:00", "end": "17:00"}],
        },
    )
    assert _slots(r) == [
        ("2026-03-27T08:00:00Z", "2026-03-27T16:00:00Z"),
        ("2026-03-30T07:00:00Z", "2026-03-30T15:00:00Z"),
    ]


def test_days_missing_from_working_hours_are_closed(find):
    r = find(
        start="2026-03-02T00:00:00Z",  # a Monday
        end="2026-03-04T00:00:00Z",
        working_hours={"tue": [{"start": "09:00", "end": "11:00"}]},
    )
    assert _slots(r) == [
        ("2026-03-03T09:00:00Z", "2026-03-03T10:00:00Z"),
        ("2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z"),
    ]


def test_busy_blocks_remove_slots_inside_working_hours(find, event):
    event("10:00", "11:00")
    r = find(
        start="2026-03-02T00:00:00Z",
        end="2026-03-03T00:00:00Z",
        working_hours={"mon": [{"start": "09:00", "end": "12:00"}]},
    )
    assert _slots(r) == [(_at("09:00"), _at("10:00")), (_at("11:00"), _at("12:00"))]


def test_buffer_minutes_widens_busy_blocks(find, event):
    event("10:00", "11:00")
    r = find(duration_minutes=30, buffer_minutes=15)
    assert _slots(r) == [(_at("09:00"), _at("09:30")), (_at("11:30"), _at("12:00"))]


def test_without_buffer_slots_may_touch_busy_blocks(find, event):
    event("10:00", "11:00")
    r = find(duration_minutes=30)
    assert _slots(r) == [
        (_at("09:00"), _at("09:30")),
        (_at("09:30"), _at("10:00")),
        (_at("11:00"), _at("11:30")),
        (_at("11:30"), _at("12:00")),
    ]


def test_slot_interval_minutes_sets_the_step_between_starts(find):
    r = find(end=_at("11:00"), slot_interval_minutes=30)
    assert _slots(r) == [
        (_at("09:00"), _at("10:00")),
        (_at("09:30"), _at("10:30")),
        (_at("10:00"), _at("11:00")),
    ]


def test_without_working_hours_the_whole_day_is_open(find):
    r = find(start="2026-03-01T22:00:00Z", end="2026-03-02T02:00:00Z")
    assert _slots(r) == [
        ("2026-03-01T22:00:00Z", "2026-03-01T23:00:00Z"),
        ("2026-03-01T23:00:00Z", "2026-03-02T00:00:00Z"),
        ("2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z"),
        ("2026-03-02T01:00:00Z", "2026-03-02T02:00:00Z"),
    ]


def test_recurring_occurrences_block_find(find, event):
    event("09:00", "10:00", recurrence_rule=WEEKLY)
    r = find(start="2026-03-09T09:00:00Z", end="2026-03-09T11:00:00Z")
    assert _slots(r) == [("2026-03-09T10:00:00Z", "2026-03-09T11:00:00Z")]


def test_find_on_a_stranger_calendar_is_404(client, auth, make_user, calendar):
    r = client.post(
        "/availability/find",
        json={
            "calendar_ids": [calendar["id"]],
            "start": _at("09:00"),
            "end": _at("12:00"),
            "duration_minutes": 60,
            "timezone": "UTC",
        },
        headers=auth.jwt(make_user()),
    )
    assert r.status_code == 404


def test_find_window_longer_than_62_days_is_400(find):
    r = find(start="2026-03-01T00:00:00Z", end="2026-05-02T00:00:01Z")
    assert r.status_code == 400
    assert "end" in r.get_json()["details"]


def test_find_window_of_exactly_62_days_is_allowed(find):
    r = find(start="2026-03-01T00:00:00Z", end="2026-05-02T00:00:00Z")
    assert r.status_code == 200


def test_find_reversed_window_is_400(find):
    r = find(start=_at("12:00"), end=_at("09:00"))
    assert r.status_code == 400
    assert "end" in r.get_json()["details"]


@pytest.mark.parametrize(
    "working_hours",
    [
        {"mon": [{"start": "25:00", "end": "26:00"}]},
        {"mon": [{"start": "09:00", "end": "25:00"}]},
        {
            "mon": [
                {"start": "09:00", "end": "12:00"},
                {"start": "11:00", "end": "13:00"},
            ]
        },
        {"someday": [{"start": "09:00", "end": "17:00"}]},
        {"mon": [{"start": "17:00", "end": "09:00"}]},
    ],
    ids=["start-25h", "end-25h", "overlapping", "unknown-day", "end-before-start"],
)
def test_bad_working_hours_are_400(find, working_hours):
    r = find(working_hours=working_hours)
    assert r.status_code == 400
    assert "working_hours" in r.get_json()["details"]


@pytest.mark.parametrize("minutes", [4, 0, -5])
def test_duration_under_5_minutes_is_400(find, minutes):
    r = find(duration_minutes=minutes)
    assert r.status_code == 400
    assert "duration_minutes" in r.get_json()["details"]


def test_buffer_applies_to_busy_blocks_just_outside_the_window(find, event):
    event("08:00", "09:00")
    event("12:00", "13:00")
    r = find(duration_minutes=30, buffer_minutes=15)
    assert _slots(r) == [
        (_at("09:30"), _at("10:00")),
        (_at("10:00"), _at("10:30")),
        (_at("10:30"), _at("11:00")),
        (_at("11:00"), _at("11:30")),
    ]


def test_the_same_question_again_sees_every_change_in_between(
    client, headers, api, event, busy
):
    first = event("09:00", "10:00")
    before = busy()
    second = event("11:00", "12:00")
    added = busy()
    other = api.calendar(headers, name="Other")
    r = client.put(
        f"/events/{first['id']}", json={"calendar_id": other["id"]}, headers=headers
    )
    assert r.status_code == 200, r.get_json()
    moved_away = busy()
    r = client.delete(f"/events/{second['id']}", headers=headers)
    assert r.status_code == 204
    deleted = busy()

    nine, eleven = (_at("09:00"), _at("10:00")), (_at("11:00"), _at("12:00"))
    assert before == [nine]
    assert added == [nine, eleven]
    assert moved_away == [eleven]
    assert deleted == []
