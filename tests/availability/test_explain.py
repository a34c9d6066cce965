"""POST /availability/explain: would /availability/find offer a slot, and why not."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta

import pytest

from tests.events.conftest import Api

DAY = "2026-03-02"  # a Monday


def _at(hhmm: str) -> str:
    return f"{DAY}T{hhmm}:00Z"


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def calendar(api, headers):
    return api.calendar(headers)


@pytest.fixture
def event(api, headers, calendar):
    def make(start, end, calendar_id=None, **fields):
        return api.event(
            headers,
            calendar_id or calendar["id"],
            start_time=_at(start),
            end_time=_at(end),
            **fields,
        )

    return make


@pytest.fixture
def explain(client, headers, calendar):
    """``explain(hhmm, status=200, headers=..., **fields)``: the answer's body (a
    field given None is left out)."""

    def post(hhmm, status=200, headers=headers, **fields):
        body = {
            "calendar_ids": [calendar["id"]],
            "start": _at(hhmm),
            "duration_minutes": 60,
            "timezone": "UTC",
            **fields,
        }
        body = {name: value for name, value in body.items() if value is not None}
        r = client.post("/availability/explain", json=body, headers=headers)
        assert r.status_code == status, r.get_json()
        return r.get_json()

    return post


def codes(answer) -> list[str]:
    return [reason["code"] for reason in answer["reasons"]]


def test_an_offered_slot_says_so_and_is_found(client, headers, calendar, explain):
    answer = explain("10:00")
    assert answer["offered"] is True and answer["reasons"] == []
    assert answer["slot"] == {"start": _at("10:00"), "end": _at("11:00")}
    assert answer["calendar_ids"] == [calendar["id"]]
    r = client.post(
        "/availability/find",
        json={
            "calendar_ids": [calendar["id"]],
            "start": _at("09:00"),
            "end": _at("12:00"),
            "duration_minutes": 60,
            "timezone": "UTC",
        },
        headers=headers,
    )
    assert {"start": _at("10:00"), "end": _at("11:00")} in r.get_json()["slots"]


def test_end_may_be_given_instead_of_a_duration(explain):
    answer = explain("10:00", duration_minutes=None, end=_at("10:30"))
    assert answer["duration_minutes"] == 30 and answer["offered"] is True


def test_outside_working_hours(explain):
    answer = explain(
        "17:00", working_hours={"mon": [{"start": "09:00", "end": "17:00"}]}
    )
    assert codes(answer) == ["outside_working_hours"]
    assert answer["reasons"][0]["windows"] == [
        {"start": _at("09:00"), "end": _at("17:00")}
    ]


def test_not_on_interval(explain):
    answer = explain("10:30")  # hourly slots from local midnight
    assert codes(answer) == ["not_on_interval"]
    reason = answer["reasons"][0]
    assert (reason["previous_start"], reason["next_start"]) == (
        _at("10:00"),
        _at("11:00"),
    )
    assert explain("10:30", slot_interval_minutes=30)["offered"] is True


def test_busy_names_the_event_to_its_owner(event, calendar, explain):
    standup = event("10:30", "11:30", title="Board meeting")
    answer = explain("10:00")
    assert codes(answer) == ["busy"]
    reason = answer["reasons"][0]
    assert (reason["start"], reason["end"]) == (_at("10:30"), _at("11:00"))
    assert reason["calendar_id"] == calendar["id"]
    assert reason["event"] == {
        "id": standup["id"],
        "title": "Board meeting",
        "calendar_id": calendar["id"],
    }


def test_buffer_names_the_event(event, explain):
    lunch = event("11:00", "12:00", title="Lunch")
    answer = explain("10:00", buffer_minutes=15)
    assert codes(answer) == ["buffer"]
    reason = answer["reasons"][0]
    assert reason["buffer_minutes"] == 15
    assert (reason["start"], reason["end"]) == (_at("11:00"), _at("11:15"))
    assert reason["event"]["id"] == lunch["id"]


def test_an_occurrence_names_its_series(event, explain):
    series = event("10:00", "10:30", title="Daily", recurrence_rule="FREQ=DAILY")
    answer = explain("10:00")
    assert [r["event"]["id"] for r in answer["reasons"]] == [series["id"]]
    later = explain("10:00", start="2026-03-05T10:00:00Z")
    assert [r["event"]["title"] for r in later["reasons"]] == ["Daily"]


def test_a_viewer_may_read_the_events_so_they_are_named(
    api, headers, calendar, event, make_user, auth, explain
):
    viewer = make_user()
    api.share(headers, calendar["id"], viewer.email, "viewer")
    event("10:00", "11:00", title="Dentist")
    answer = explain("10:00", headers=auth.jwt(viewer))
    assert answer["reasons"][0]["event"]["title"] == "Dentist"


def test_a_stranger_learns_nothing_of_the_events(event, make_user, auth, explain):
    dentist = event("10:00", "11:00", title="Dentist")
    stranger = make_user()
    body = explain("10:00", status=404, headers=auth.jwt(stranger))
    assert body["code"] == "not_found"
    assert "Dentist" not in json.dumps(body) and dentist["id"] not in json.dumps(body)


def test_a_key_without_events_read_hears_only_busy(
    user, calendar, event, auth, explain
):
    first = event("10:00", "10:20", title="Dentist")
    second = event("10:20", "10:40", title="Therapy")
    key = auth.key(user, ["availability:read"])
    answer = explain("10:00", headers=key)
    assert codes(answer) == ["busy"]
    reason = answer["reasons"][0]
    assert "event" not in reason
    assert reason["calendar_id"] == calendar["id"]
    assert (reason["start"], reason["end"]) == (_at("10:00"), _at("10:40"))
    text = json.dumps(answer)
    for secret in ("Dentist", "Therapy", first["id"], second["id"]):
        assert secret not in text


def test_a_key_with_events_read_hears_the_names(user, event, auth, explain):
    event("10:00", "11:00", title="Dentist")
    key = auth.key(user, ["availability:read", "events:read"])
    assert explain("10:00", headers=key)["reasons"][0]["event"]["title"] == "Dentist"


def test_each_calendar_in_the_way_is_named(api, headers, calendar, event, explain):
    other = api.calendar(headers, name="Home")
    event("10:00", "11:00", calendar_id=other["id"], title="School run")
    answer = explain("10:00", calendar_ids=[calendar["id"], other["id"]])
    assert [r["calendar_id"] for r in answer["reasons"]] == [other["id"]]


def test_the_explanation_agrees_with_find(client, headers, calendar, event, explain):
    event("10:05", "10:50")
    event("13:00", "13:10", recurrence_rule="FREQ=DAILY")
    rules = {
        "duration_minutes": 30,
        "buffer_minutes": 10,
        "slot_interval_minutes": 15,
        "timezone": "Europe/Berlin",
        "working_hours": {"mon": [{"start": "09:00", "end": "16:00"}]},
    }
    r = client.post(
        "/availability/find",
        json={
            "calendar_ids": [calendar["id"]],
            "start": _at("06:00"),
            "end": _at("17:00"),
            **rules,
        },
        headers=headers,
    )
    found = {slot["start"] for slot in r.get_json()["slots"]}
    assert found
    start = datetime.fromisoformat(_at("07:00"))
    while start < datetime.fromisoformat(_at("16:00")):
        text = start.isoformat().replace("+00:00", "Z")
        answer = explain(text[11:16], **rules)
        assert answer["offered"] == (text in found), (text, answer)
        start += timedelta(minutes=5)


@pytest.mark.parametrize(
    "fields",
    [
        {"duration_minutes": 30, "end": _at("10:30")},
        {"duration_minutes": None},
        {"duration_minutes": None, "end": _at("10:00")},
        {"duration_minutes": None, "end": "2026-03-02T10:30:30Z"},
        {"working_hours": {"mon": [{"start": "10:00", "end": "09:00"}]}},
        {"start": "1850-01-01T10:00:00Z"},
    ],
)
def test_bad_bodies_are_400(explain, fields):
    body = explain("10:00", status=400, **fields)
    assert body["code"] == "validation_error"


def test_unknown_calendar_is_404(explain):
    body = explain("10:00", status=404, calendar_ids=[str(uuid.uuid4())])
    assert body["code"] == "not_found"


def test_explain_needs_a_sign_in(client, calendar):
    r = client.post("/availability/explain", json={})
    assert r.status_code == 401


def test_explain_needs_the_availability_scope(user, auth, explain):
    body = explain("10:00", status=403, headers=auth.key(user, ["events:read"]))
    assert body["code"] == "insufficient_scope"


def test_explain_is_documented(client):
    spec = client.get("/openapi.json").get_json()
    operation = spec["paths"]["/availability/explain"]["post"]
    assert operation["operationId"] == "explainAvailability"
    assert operation["x-required-scopes"] == ["availability:read"]
    assert len(operation["description"].split()) >= 8
    assert "requestBody" in operation
