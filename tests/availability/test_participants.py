"""Participants in free/busy and group slot finding: people by user id or email,
busy across the calendars they share with the caller."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.events.conftest import Api

WINDOW = {"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T15:00:00Z"}


def _at(hhmm: str) -> str:
    return f"2026-03-02T{hhmm}:00Z"


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def me(make_user, auth):
    user = make_user()
    return user, auth.jwt(user)


@pytest.fixture
def person(api, make_user, auth, me):
    """``person(busy=[("09:00", "10:00")], role="freebusy")``: a user who owns a
    calendar with those busy hours, shared with ``me`` at ``role`` (None: not
    shared)."""

    def make(busy=(), role="freebusy", **user_fields):
        user = make_user(**user_fields)
        headers = auth.jwt(user)
        calendar = api.calendar(headers, name=f"{user.email}'s")
        if role:
            api.share(headers, calendar["id"], me[0].email, role)
        for start, end in busy:
            api.event(
                headers,
                calendar["id"],
                title="Private",
                start_time=_at(start),
                end_time=_at(end),
            )
        user.headers, user.calendar = headers, calendar
        return user

    return make


@pytest.fixture
def find(client, me):
    def post(**fields):
        body = {**WINDOW, "duration_minutes": 60, "timezone": "UTC", **fields}
        return client.post("/availability/find", json=body, headers=me[1])

    return post


def _starts(slots) -> list[str]:
    return [s["start"][11:16] for s in slots]


# --- the group ----------------------------------------------------------------------


@pytest.fixture
def team(api, person, me):
    """Three required people (one is me) and two optional ones.

    Slots 09–15 UTC, an hour each. Required: Ann busy 09–10, Ben busy 11–12 (on
    a second shared calendar) and 10–11 on one he did not share, me busy 14–15.
    Optional: Olga busy 10–11, Otto busy 10–11 and 13–14.
    """
    ann = person(busy=[("09:00", "10:00")])
    ben = person(role="viewer")
    second = api.calendar(ben.headers, name="Ben's gym")
    api.share(ben.headers, second["id"], me[0].email, "freebusy")
    api.event(ben.headers, second["id"], start_time=_at("11:00"), end_time=_at("12:00"))
    unshared = api.calendar(ben.headers, name="Ben's secret")
    api.event(
        ben.headers, unshared["id"], start_time=_at("10:00"), end_time=_at("11:00")
    )
    mine = api.calendar(me[1])
    api.event(me[1], mine["id"], start_time=_at("14:00"), end_time=_at("15:00"))
    olga = person(busy=[("10:00", "11:00")])
    otto = person(busy=[("10:00", "11:00"), ("13:00", "14:00")])
    return {
        "required": [ann.email, str(ben.id), me[0].email],
        "optional": [olga.email.upper(), str(otto.id)],
        "olga": olga,
        "otto": otto,
    }


def test_slots_where_all_required_participants_are_free(find, team):
    r = find(participants=team["required"])
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert _starts(body["slots"]) == ["10:00", "12:00", "13:00"]
    assert body["participants"] == team["required"]
    assert "optional_participants" not in body


def test_optional_participants_rank_the_slots_by_how_many_are_free(find, team):
    r = find(participants=team["required"], optional_participants=team["optional"])
    assert r.status_code == 200, r.get_json()
    olga, otto = team["optional"]
    assert [
        (s["start"][11:16], s["optional_free"], s["optional_free_count"])
        for s in r.get_json()["slots"]
    ] == [
        ("12:00", [olga, otto], 2),
        ("13:00", [olga], 1),
        ("10:00", [], 0),
    ]
    assert r.get_json()["optional_participants"] == team["optional"]


def test_min_required_drops_slots_with_too_few_optional_participants(find, team):
    r = find(
        participants=team["required"],
        optional_participants=team["optional"],
        min_required=1,
    )
    assert _starts(r.get_json()["slots"]) == ["12:00", "13:00"]
    r = find(
        participants=team["required"],
        optional_participants=team["optional"],
        min_required=2,
    )
    assert _starts(r.get_json()["slots"]) == ["12:00"]


def test_participants_and_calendars_combine(api, find, team, person):
    room = person(busy=[("12:00", "13:00")])
    r = find(calendar_ids=[room.calendar["id"]], participants=team["required"])
    assert _starts(r.get_json()["slots"]) == ["10:00", "13:00"]


def test_the_buffer_applies_to_participants(find, person):
    ann = person(busy=[("11:00", "11:30")])
    r = find(participants=[ann.email], buffer_minutes=30)
    assert _starts(r.get_json()["slots"]) == ["09:00", "12:00", "13:00", "14:00"]


def test_a_participants_time_off_is_busy_and_keeps_slots_out(client, me, find, person):
    ann = person(busy=[("09:00", "10:00")])
    r = client.post(
        "/time-off",
        json={
            "start_time": _at("12:00"),
            "end_time": _at("13:30"),
            "reason": "Dentist",
        },
        headers=ann.headers,
    )
    assert r.status_code == 201, r.get_json()
    r = find(participants=[ann.email])
    assert _starts(r.get_json()["slots"]) == ["10:00", "11:00", "14:00"]
    assert "Dentist" not in r.get_data(as_text=True)
    r = client.get(
        "/availability",
        query_string={"participant": ann.email, **WINDOW},
        headers=me[1],
    )
    assert r.get_json()["participants"][0]["busy"] == [
        {"start": _at("09:00"), "end": _at("10:00")},
        {"start": _at("12:00"), "end": _at("13:30")},
    ]
    assert "Dentist" not in r.get_data(as_text=True)


def test_only_optional_participants_are_enough(find, team):
    r = find(optional_participants=team["optional"], min_required=2)
    assert r.status_code == 200, r.get_json()
    assert _starts(r.get_json()["slots"]) == ["09:00", "11:00", "12:00", "14:00"]


def test_free_busy_of_participants_shows_blocks_only(client, me, person):
    ann = person(busy=[("09:00", "10:00")])
    ben = person(busy=[("09:30", "11:00")], role="viewer")
    r = client.get(
        "/availability",
        query_string={
            "participant": [ann.email, str(ben.id)],
            "start": "2026-03-02T00:00:00Z",
            "end": "2026-03-03T00:00:00Z",
        },
        headers=me[1],
    )
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["calendar_id"] is None and body["calendars"] == []
    assert body["busy"] == [{"start": _at("09:00"), "end": _at("11:00")}]
    assert body["participants"] == [
        {
            "participant": ann.email,
            "busy": [{"start": _at("09:00"), "end": _at("10:00")}],
        },
        {
            "participant": str(ben.id),
            "busy": [{"start": _at("09:30"), "end": _at("11:00")}],
        },
    ]
    assert "Private" not in r.get_data(as_text=True)
    assert ann.calendar["id"] not in r.get_data(as_text=True)


# --- who cannot be a participant ---------------------------------------------------


def test_unknown_and_not_shared_participants_are_the_same_404(find, person):
    stranger = person(busy=[("09:00", "10:00")], role=None)

    def error(given):
        r = find(participants=[given])
        assert r.status_code == 404, r.get_json()
        body = r.get_json()
        assert body["code"] == "not_found"
        assert body["details"] == {"participants": [given]}
        return body["error"].replace(given, "<who>")

    assert error(stranger.email) == error("nobody@example.com")
    assert error(str(stranger.id)) == error("00000000-0000-4000-8000-000000000000")
    assert error(stranger.email) == error(str(stranger.id))


def test_every_missing_participant_is_named(find, person):
    ann = person()
    r = find(
        participants=[ann.email, "x@example.com"],
        optional_participants=["y@example.com"],
    )
    assert r.status_code == 404
    assert r.get_json()["details"] == {
        "participants": ["x@example.com", "y@example.com"]
    }


def test_a_calendar_shared_by_someone_else_does_not_count_for_them(
    api, find, person, me
):
    ann = person()
    carl = person(busy=[("09:00", "15:00")], role=None)
    # Ann is a member of Carl's calendar, which Carl shares with me too: it is
    # Carl's, not Ann's.
    api.share(carl.headers, carl.calendar["id"], ann.email, "editor")
    api.share(carl.headers, carl.calendar["id"], me[0].email, "viewer")
    r = find(participants=[ann.email])
    assert len(r.get_json()["slots"]) == 6


def test_an_unverified_email_finds_no_participant(find, person):
    ghost = person(email_verified=False)
    assert find(participants=[ghost.email]).status_code == 404
    assert find(participants=[str(ghost.id)]).status_code == 200


def test_a_deleted_participant_is_unknown(client, find, person):
    ann = person()
    r = client.delete(
        "/users/me", json={"password": "correct-horse-9"}, headers=ann.headers
    )
    assert r.status_code == 204, r.get_json()
    assert find(participants=[str(ann.id)]).status_code == 404


# --- validation -------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields, field",
    [
        ({}, "calendar_ids"),
        ({"participants": ["not a person"]}, "participants"),
        (
            {
                "participants": ["a@example.com"],
                "optional_participants": ["a@example.com"],
            },
            "optional_participants",
        ),
        (
            {"optional_participants": ["a@example.com"], "min_required": 2},
            "min_required",
        ),
    ],
)
def test_bad_participant_fields_are_400(find, fields, field):
    r = find(**fields)
    assert r.status_code == 400, r.get_json()
    assert r.get_json()["code"] == "validation_error"
    assert field in r.get_json()["details"]


def test_free_busy_needs_a_calendar_or_a_participant(client, me):
    r = client.get(
        "/availability",
        query_string={"start": WINDOW["start"], "end": WINDOW["end"]},
        headers=me[1],
    )
    assert r.status_code == 400
    assert "calendar_id" in r.get_json()["details"]


# --- cost ---------------------------------------------------------------------------


def test_more_participants_and_calendars_cost_no_more_queries(app, find, person):
    from calapp.extensions import db

    people = [person(busy=[("09:00", "10:00")]) for _ in range(6)]
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    def queries(group) -> int:
        statements.clear()
        with app.app_context():
            engine = db.engine
        sa.event.listen(engine, "before_cursor_execute", count)
        try:
            r = find(
                calendar_ids=[p.calendar["id"] for p in group],
                participants=[group[0].email],
                optional_participants=[p.email for p in group[1:]],
            )
            assert r.status_code == 200, r.get_json()
        finally:
            sa.event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    two = queries(people[:2])
    six = queries(people)
    assert 0 < six == two
