"""Events CRUD and the validation of every field."""

from __future__ import annotations

import uuid

import pytest

from tests.events.conftest import END, OMIT, START, body_of

EVENT_FIELDS = {
    "id",
    "calendar_id",
    "ical_uid",
    "title",
    "description",
    "location",
    "start_time",
    "end_time",
    "timezone",
    "all_day",
    "start_date",
    "exdates",
    "rdates",
    "end_date",
    "recurrence_rule",
    "status",
    "transparency",
    "source",
    "tags",
    "attachments",
    "reminders",
    "attendees",
    "sequence",
    "series_id",
    "original_start_time",
    "created_by",
    "updated_by",
    "created_at",
    "updated_at",
}


def _post(client, headers, calendar, **fields):
    base = {"calendar_id": calendar["id"], "title": "Standup", "start_time": START}
    body = body_of({**base, "end_time": END}, **fields)
    return client.post("/events", json=body, headers=headers)


def _put(client, headers, event, **fields):
    return client.put(f"/events/{event['id']}", json=fields, headers=headers)


# --- create and read --------------------------------------------------------------


def test_create_returns_every_field(client, headers, user, calendar):
    r = _post(client, headers, calendar, description="Daily", location="Room 1")
    assert r.status_code == 201
    body = r.get_json()
    assert set(body) == EVENT_FIELDS
    assert body["calendar_id"] == calendar["id"]
    assert body["start_time"] == START and body["end_time"] == END
    assert body["all_day"] is False
    assert body["start_date"] is None and body["end_date"] is None
    assert body["status"] == "confirmed" and body["transparency"] == "busy"
    assert body["tags"] == [] and body["attachments"] == []
    assert body["reminders"] == [] and body["attendees"] == []
    assert body["sequence"] == 0
    assert body["series_id"] is None and body["original_start_time"] is None
    assert body["created_by"] == str(user.id) == body["updated_by"]
    assert r.headers["ETag"]


def test_create_then_get_returns_the_same_event(client, headers, make_event):
    created = make_event()
    r = client.get(f"/events/{created['id']}", headers=headers)
    assert r.status_code == 200
    assert r.get_json() == created


def test_instants_with_offsets_are_stored_in_utc(client, headers, calendar):
    r = _post(
        client,
        headers,
        calendar,
        start_time="2026-03-02T10:00:00+01:00",
        end_time="2026-03-02T11:30:00+01:00",
    )
    assert r.get_json()["start_time"] == "2026-03-02T09:00:00Z"
    assert r.get_json()["end_time"] == "2026-03-02T10:30:00Z"


def test_timezone_defaults_to_the_calendars(api, client, headers):
    calendar = api.calendar(headers, timezone="America/New_York")
    assert _post(client, headers, calendar).get_json()["timezone"] == "America/New_York"


def test_timezone_may_be_given(client, headers, calendar):
    r = _post(client, headers, calendar, timezone="Asia/Tokyo")
    assert r.get_json()["timezone"] == "Asia/Tokyo"


def test_ical_uid_is_generated(make_event):
    uid = make_event()["ical_uid"]
    assert uid.endswith("@calapp")
    uuid.UUID(uid.removesuffix("@calapp"))


def test_ical_uid_may_be_given(make_event):
    assert (
        make_event(ical_uid="abc-123@example.com")["ical_uid"] == "abc-123@example.com"
    )


def test_duplicate_ical_uid_in_one_calendar_is_409(
    client, headers, calendar, make_event
):
    first = make_event(ical_uid="same@example.com")
    r = _post(client, headers, calendar, ical_uid="same@example.com")
    assert r.status_code == 409
    body = r.get_json()
    assert body["code"] == "conflict"
    assert body["details"]["event_id"] == first["id"]
    assert "ical_uid" in body["details"]


def test_same_ical_uid_in_another_calendar_is_fine(api, client, headers, make_event):
    make_event(ical_uid="same@example.com")
    other = api.calendar(headers, name="Home")
    assert _post(client, headers, other, ical_uid="same@example.com").status_code == 201


def test_ical_uid_of_a_deleted_event_can_be_reused(
    client, headers, calendar, make_event
):
    first = make_event(ical_uid="same@example.com")
    client.delete(f"/events/{first['id']}", headers=headers)
    assert (
        _post(client, headers, calendar, ical_uid="same@example.com").status_code == 201
    )


def test_create_with_reminders_and_attendees(client, headers, calendar, make_user):
    known = make_user(email="known@example.com")
    r = _post(
        client,
        headers,
        calendar,
        reminders=[60, 10, 60],
        attendees=[
            {"email": " Known@Example.com "},
            {"email": "guest@example.com", "name": "Guest"},
        ],
    )
    assert r.status_code == 201
    body = r.get_json()
    assert [m["minutes_before"] for m in body["reminders"]] == [10, 60]
    by_email = {a["email"]: a for a in body["attendees"]}
    assert set(by_email) == {"known@example.com", "guest@example.com"}
    assert by_email["known@example.com"]["user_id"] == str(known.id)
    assert by_email["guest@example.com"]["user_id"] is None
    assert by_email["guest@example.com"]["name"] == "Guest"
    assert {a["status"] for a in body["attendees"]} == {"needs_action"}


def test_tags_are_trimmed_and_deduplicated(make_event):
    assert make_event(tags=[" a ", "b", "a"])["tags"] == ["a", "b"]


def test_attachments_are_stored(make_event):
    attachment = {
        "name": "agenda.pdf",
        "url": "https://example.com/agenda.pdf",
        "mime_type": "application/pdf",
        "size": 1234,
    }
    assert make_event(attachments=[attachment])["attachments"] == [
        {
            **attachment,
            "id": None,
            "filename": "agenda.pdf",
            "content_type": "application/pdf",
            "sha256": None,
        }
    ]


def test_attachment_optional_fields_are_null(make_event):
    event = make_event(attachments=[{"name": "a", "url": "http://example.com/a"}])
    assert event["attachments"] == [
        {
            "name": "a",
            "url": "http://example.com/a",
            "mime_type": None,
            "size": None,
            "id": None,
            "filename": "a",
            "content_type": None,
            "sha256": None,
        }
    ]


def test_a_link_given_as_events_show_it_is_stored_as_a_link(
    make_event, client, headers
):
    event = make_event(attachments=[{"name": "a", "url": "http://example.com/a"}])
    response = client.put(
        f"/events/{event['id']}",
        json={"attachments": event["attachments"]},
        headers=headers,
    )
    assert response.status_code == 200
    assert response.get_json()["attachments"] == event["attachments"]


@pytest.mark.parametrize(
    "rule, stored",
    [
        ("FREQ=WEEKLY;BYDAY=MO,WE", "FREQ=WEEKLY;BYDAY=MO,WE"),
        ("RRULE:FREQ=DAILY;COUNT=5", "FREQ=DAILY;COUNT=5"),
        ("rrule:freq=monthly;bymonthday=1", "FREQ=MONTHLY;BYMONTHDAY=1"),
    ],
)
def test_recurrence_rule_is_normalised(make_event, rule, stored):
    assert make_event(recurrence_rule=rule)["recurrence_rule"] == stored


def test_recurring_event_is_listed_once(api, headers, make_event):
    make_event(recurrence_rule="FREQ=DAILY")
    assert len(api.list(headers)["items"]) == 1


def test_created_by_cannot_be_sent(client, headers, calendar, user):
    r = _post(client, headers, calendar, created_by=str(user.id))
    assert r.status_code == 400
    assert "created_by" in r.get_json()["details"]


# --- all-day events -----------------------------------------------------------------


@pytest.mark.parametrize(
    "zone, start_utc, end_utc",
    [
        ("Europe/Berlin", "2026-12-24T23:00:00Z", "2026-12-25T23:00:00Z"),
        ("Pacific/Auckland", "2026-12-24T11:00:00Z", "2026-12-25T11:00:00Z"),
        ("America/Los_Angeles", "2026-12-25T08:00:00Z", "2026-12-26T08:00:00Z"),
    ],
)
def test_all_day_event_keeps_its_date_and_starts_at_local_midnight(
    make_event, zone, start_utc, end_utc
):
    event = make_event(start_time="2026-12-25", end_time=OMIT, timezone=zone)
    assert event["all_day"] is True
    assert event["start_date"] == "2026-12-25" and event["end_date"] == "2026-12-26"
    assert event["start_time"] == start_utc and event["end_time"] == end_utc


def test_all_day_event_over_a_dst_change_keeps_its_dates(make_event):
    # Berlin moves to summer time on 2026-03-29: the last day is 23 hours long.
    event = make_event(
        start_time="2026-03-28", end_time="2026-03-30", timezone="Europe/Berlin"
    )
    assert (event["start_date"], event["end_date"]) == ("2026-03-28", "2026-03-30")
    assert event["start_time"] == "2026-03-27T23:00:00Z"
    assert event["end_time"] == "2026-03-29T22:00:00Z"


def test_all_day_event_uses_the_calendars_zone_by_default(api, client, headers):
    calendar = api.calendar(headers, timezone="Pacific/Auckland")
    r = _post(client, headers, calendar, start_time="2026-07-01", end_time=OMIT)
    assert r.get_json()["timezone"] == "Pacific/Auckland"
    assert r.get_json()["start_time"] == "2026-06-30T12:00:00Z"


def test_all_day_event_end_is_exclusive(make_event):
    event = make_event(start_time="2026-12-24", end_time="2026-12-27")
    assert event["end_date"] == "2026-12-27"


def test_all_day_flag_with_instants_is_400(client, headers, calendar):
    r = _post(client, headers, calendar, all_day=True)
    assert r.status_code == 400
    assert "start_time" in r.get_json()["details"]


def test_timed_flag_with_dates_is_400(client, headers, calendar):
    r = _post(
        client,
        headers,
        calendar,
        all_day=False,
        start_time="2026-12-25",
        end_time="2026-12-26",
    )
    assert r.status_code == 400


def test_mixing_a_date_and_an_instant_is_400(client, headers, calendar):
    r = _post(client, headers, calendar, start_time="2026-12-25")
    assert r.status_code == 400
    assert "end_time" in r.get_json()["details"]


def test_all_day_end_not_after_start_is_400(client, headers, calendar):
    r = _post(client, headers, calendar, start_time="2026-12-25", end_time="2026-12-25")
    assert r.status_code == 400
    assert r.get_json()["details"] == {"end_time": ["must be after start_time"]}


def test_a_day_the_zone_skipped_is_400(client, headers, calendar):
    # Samoa skipped 2011-12-30: that day has no length.
    r = _post(
        client,
        headers,
        calendar,
        start_time="2011-12-30",
        end_time=OMIT,
        timezone="Pacific/Apia",
    )
    assert r.status_code == 400


# --- validation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 501}, "title"),
        ({"title": None}, "title"),
        ({"description": "x" * 50_001}, "description"),
        ({"location": "x" * 1001}, "location"),
        ({"start_time": "2026-03-02T09:00:00"}, "start_time"),
        ({"end_time": "2026-03-02T10:00:00"}, "end_time"),
        ({"start_time": "tomorrow"}, "start_time"),
        ({"start_time": "2026-02-30"}, "start_time"),
        ({"start_time": "10000-01-01T00:00:00Z"}, "start_time"),
        ({"start_time": "9999-12-31"}, "start_time"),
        ({"start_time": 1700000000}, "start_time"),
        ({"start_time": "0001-01-01T00:00:00+14:00"}, "start_time"),
        ({"end_time": "9998-12-31T23:59:59-14:00"}, "end_time"),
        (
            {"start_time": "0001-01-01", "end_time": OMIT, "timezone": "Asia/Tokyo"},
            "start_time",
        ),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"status": "maybe"}, "status"),
        ({"transparency": "opaque"}, "transparency"),
        ({"tags": ["x" * 65]}, "tags"),
        ({"tags": [""]}, "tags"),
        ({"tags": [f"t{i}" for i in range(51)]}, "tags"),
        ({"tags": "a"}, "tags"),
        ({"attachments": [{"name": "a"}]}, "attachments"),
        ({"attachments": [{"name": "a", "url": "ftp://example.com/a"}]}, "attachments"),
        ({"attachments": [{"name": "", "url": "https://e.com"}]}, "attachments"),
        (
            {"attachments": [{"name": "a", "url": "https://e.com/" + "x" * 2048}]},
            "attachments",
        ),
        (
            {"attachments": [{"name": "a", "url": "https://e.com", "size": -1}]},
            "attachments",
        ),
        (
            {
                "attachments": [
                    {"name": "a", "url": "https://e.com", "mime_type": "x" * 256}
                ]
            },
            "attachments",
        ),
        (
            {"attachments": [{"name": "a", "url": "https://e.com", "extra": 1}]},
            "attachments",
        ),
        ({"attachments": [{"name": "a", "url": "https://e.com"}] * 21}, "attachments"),
        ({"ical_uid": "x" * 256}, "ical_uid"),
        ({"ical_uid": ""}, "ical_uid"),
        ({"recurrence_rule": "FREQ=SOMETIMES"}, "recurrence_rule"),
        ({"recurrence_rule": "every monday"}, "recurrence_rule"),
        ({"recurrence_rule": "FREQ=DAILY;BYHOUR=99"}, "recurrence_rule"),
        ({"recurrence_rule": "FREQ=DAILY;COUNT=2;UNTIL=20261231"}, "recurrence_rule"),
        ({"recurrence_rule": "FREQ=DAILY\nEXDATE:20260101"}, "recurrence_rule"),
        ({"recurrence_rule": "FREQ=DAILY;" + "X=1;" * 300}, "recurrence_rule"),
        ({"reminders": [-1]}, "reminders"),
        ({"reminders": [40_321]}, "reminders"),
        ({"reminders": [10**30]}, "reminders"),
        ({"reminders": ["10"]}, "reminders"),
        ({"reminders": list(range(11))}, "reminders"),
        ({"attendees": [{"email": "not-an-email"}]}, "attendees"),
        (
            {"attendees": [{"email": "a@example.com"}, {"email": "A@example.com"}]},
            "attendees",
        ),
        ({"title": "nul\x00byte"}, "title"),
        ({"description": "nul\x00byte"}, "description"),
        ({"location": "\x00"}, "location"),
        ({"tags": ["a\x00"]}, "tags"),
        ({"attachments": [{"name": "a\x00", "url": "https://e.com"}]}, "attachments"),
        ({"ical_uid": "a\x00"}, "ical_uid"),
        ({"attendees": [{"email": "a@example.com", "name": "\x00"}]}, "attendees"),
        ({"attendees": [{"email": "a\x00@example.com"}]}, "attendees"),
        ({"title": "lone \ud800 surrogate"}, "title"),
        ({"owner_id": str(uuid.uuid4())}, "owner_id"),
        ({"calendar_id": "not-a-uuid"}, "calendar_id"),
        ({"sequence": 5}, "sequence"),
    ],
)
def test_invalid_field_is_400(client, headers, calendar, fields, field):
    r = _post(client, headers, calendar, **fields)
    assert r.status_code == 400, r.get_json()
    body = r.get_json()
    assert body["code"] == "validation_error"
    assert field in body["details"]


def test_missing_required_fields_are_400(client, headers):
    r = client.post("/events", json={}, headers=headers)
    assert r.status_code == 400
    assert {"calendar_id", "title", "start_time"} <= set(r.get_json()["details"])


def test_timed_event_without_end_is_400(client, headers, calendar):
    r = _post(client, headers, calendar, end_time=OMIT)
    assert r.status_code == 400
    assert "end_time" in r.get_json()["details"]


def test_end_before_start_is_400(client, headers, calendar):
    r = _post(client, headers, calendar, end_time="2026-03-02T08:59:59Z")
    assert r.status_code == 400
    assert r.get_json() == {
        "error": "end_time must not be before start_time",
        "code": "validation_error",
        "details": {"end_time": ["must not be before start_time"]},
    }


def test_a_zero_length_timed_event_is_created_as_given(client, headers, calendar):
    r = _post(client, headers, calendar, end_time=START)
    assert r.status_code == 201
    body = r.get_json()
    assert body["start_time"] == body["end_time"] == START
    got = client.get(f"/events/{body['id']}", headers=headers).get_json()
    assert got["end_time"] == START


def test_unknown_calendar_is_404(client, headers):
    r = client.post(
        "/events",
        json={
            "calendar_id": str(uuid.uuid4()),
            "title": "x",
            "start_time": START,
            "end_time": END,
        },
        headers=headers,
    )
    assert r.status_code == 404


def test_maximal_valid_event_is_accepted(make_event):
    event = make_event(
        title="t" * 500,
        description="d" * 50_000,
        location="l" * 1000,
        tags=[f"{i:02d}" + "x" * 62 for i in range(50)],
        attachments=[
            {"name": "n" * 255, "url": "https://e.com/" + "u" * 2000, "size": 0}
        ]
        * 20,
        reminders=[0, 40_320],
        ical_uid="u" * 255,
    )
    assert len(event["tags"]) == 50 and len(event["attachments"]) == 20


# --- update -------------------------------------------------------------------------


def test_put_is_partial(client, headers, make_event):
    event = make_event(description="keep me")
    r = _put(client, headers, event, title="Retro")
    assert r.status_code == 200
    body = r.get_json()
    assert body["title"] == "Retro" and body["description"] == "keep me"
    assert body["start_time"] == event["start_time"]


def test_put_records_who_changed_it(client, auth, make_user, api, headers, make_event):
    event = make_event()
    editor = make_user()
    api.share(headers, event["calendar_id"], editor.email, "editor")
    r = _put(client, auth.jwt(editor), event, title="Changed")
    assert r.get_json()["updated_by"] == str(editor.id)
    assert r.get_json()["created_by"] == event["created_by"]


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "New"},
        {"location": "Elsewhere"},
        {"status": "cancelled"},
        {"recurrence_rule": "FREQ=DAILY"},
        {"start_time": "2026-03-02T08:00:00Z"},
        {"end_time": "2026-03-02T11:00:00Z"},
    ],
)
def test_sequence_grows_on_significant_changes(client, headers, make_event, fields):
    event = make_event()
    assert _put(client, headers, event, **fields).get_json()["sequence"] == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"description": "more"},
        {"tags": ["x"]},
        {"transparency": "free"},
        {"title": "Standup"},
        {"timezone": "Asia/Tokyo"},
    ],
)
def test_sequence_stays_on_other_changes(client, headers, make_event, fields):
    event = make_event()
    assert _put(client, headers, event, **fields).get_json()["sequence"] == 0


def test_put_start_after_the_kept_end_is_400(client, headers, make_event):
    event = make_event()
    r = _put(client, headers, event, start_time="2026-03-02T10:30:00Z")
    assert r.status_code == 400
    assert r.get_json()["details"] == {"end_time": ["must not be before start_time"]}


def test_put_moves_both_bounds(client, headers, make_event):
    event = make_event()
    r = _put(
        client,
        headers,
        event,
        start_time="2026-03-03T09:00:00Z",
        end_time="2026-03-03T09:30:00Z",
    )
    assert r.status_code == 200
    assert r.get_json()["start_time"] == "2026-03-03T09:00:00Z"


def test_put_naive_instant_is_400(client, headers, make_event):
    r = _put(client, headers, make_event(), end_time="2026-03-02T11:00:00")
    assert r.status_code == 400


def test_put_turns_a_timed_event_all_day(client, headers, make_event):
    r = _put(
        client, headers, make_event(timezone="Europe/Berlin"), start_time="2026-05-01"
    )
    body = r.get_json()
    assert r.status_code == 200
    assert body["all_day"] is True
    assert (body["start_date"], body["end_date"]) == ("2026-05-01", "2026-05-02")
    assert body["start_time"] == "2026-04-30T22:00:00Z"


def test_put_all_day_event_timed_needs_both_instants(client, headers, make_event):
    event = make_event(start_time="2026-05-01", end_time=OMIT)
    r = _put(client, headers, event, start_time="2026-05-01T09:00:00Z")
    assert r.status_code == 400
    assert "end_time" in r.get_json()["details"]
    r = _put(
        client,
        headers,
        event,
        start_time="2026-05-01T09:00:00Z",
        end_time="2026-05-01T10:00:00Z",
    )
    assert r.status_code == 200
    body = r.get_json()
    assert body["all_day"] is False and body["start_date"] is None


def test_put_all_day_flag_alone_is_400(client, headers, make_event):
    r = _put(client, headers, make_event(), all_day=True)
    assert r.status_code == 400
    assert "start_time" in r.get_json()["details"]


def test_put_zone_of_all_day_event_keeps_its_dates(client, headers, make_event):
    event = make_event(start_time="2026-12-25", end_time=OMIT, timezone="Europe/Berlin")
    body = _put(client, headers, event, timezone="Pacific/Auckland").get_json()
    assert (body["start_date"], body["end_date"]) == ("2026-12-25", "2026-12-26")
    assert body["start_time"] == "2026-12-24T11:00:00Z"
    assert body["sequence"] == 1


def test_put_zone_of_timed_event_keeps_its_instants(client, headers, make_event):
    body = _put(client, headers, make_event(), timezone="Asia/Tokyo").get_json()
    assert body["start_time"] == START and body["timezone"] == "Asia/Tokyo"


def test_put_all_day_end_date(client, headers, make_event):
    event = make_event(start_time="2026-12-25", end_time=OMIT)
    body = _put(client, headers, event, end_time="2026-12-28").get_json()
    assert body["end_date"] == "2026-12-28"


def test_put_moves_to_another_calendar(api, client, headers, make_event):
    event = make_event()
    other = api.calendar(headers, name="Home")
    r = _put(client, headers, event, calendar_id=other["id"])
    assert r.status_code == 200
    assert r.get_json()["calendar_id"] == other["id"]


def test_put_move_onto_a_taken_ical_uid_is_409(api, client, headers, make_event):
    event = make_event(ical_uid="dup@example.com")
    other = api.calendar(headers, name="Home")
    api.event(headers, other["id"], ical_uid="dup@example.com")
    r = _put(client, headers, event, calendar_id=other["id"])
    assert r.status_code == 409


def test_put_cannot_change_ical_uid(client, headers, make_event):
    r = _put(client, headers, make_event(), ical_uid="new@example.com")
    assert r.status_code == 400


def test_put_may_clear_optional_fields(client, headers, make_event):
    event = make_event(description="d", location="l", recurrence_rule="FREQ=DAILY")
    body = _put(
        client, headers, event, description=None, location=None, recurrence_rule=None
    ).get_json()
    assert (body["description"], body["location"], body["recurrence_rule"]) == (
        None,
        None,
        None,
    )


def test_put_unknown_field_is_400(client, headers, make_event):
    r = _put(client, headers, make_event(), colour="red")
    assert r.status_code == 400


def test_empty_put_changes_nothing(client, headers, make_event):
    event = make_event()
    r = _put(client, headers, event)
    assert r.status_code == 200
    assert r.get_json() == event


def test_put_unknown_event_is_404(client, headers):
    r = client.put(f"/events/{uuid.uuid4()}", json={"title": "x"}, headers=headers)
    assert r.status_code == 404


# --- delete -------------------------------------------------------------------------


def test_delete_hides_the_event(api, client, headers, make_event):
    event = make_event()
    assert client.delete(f"/events/{event['id']}", headers=headers).status_code == 204
    assert client.get(f"/events/{event['id']}", headers=headers).status_code == 404
    assert api.list(headers)["items"] == []


def test_delete_is_soft(app, client, headers, make_event):
    from calapp.events.models import Event
    from calapp.extensions import db

    event = make_event()
    client.delete(f"/events/{event['id']}", headers=headers)
    with app.app_context():
        row = db.session.get(Event, uuid.UUID(event["id"]))
        assert row is not None and row.deleted_at is not None


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_deleted_event_is_404(client, headers, make_event, method):
    event = make_event()
    client.delete(f"/events/{event['id']}", headers=headers)
    r = getattr(client, method)(f"/events/{event['id']}", json={}, headers=headers)
    assert r.status_code == 404


def test_malformed_id_is_400(client, headers):
    assert client.get("/events/123", headers=headers).status_code == 400


def test_events_of_a_deleted_calendar_are_hidden(
    api, client, headers, calendar, make_event
):
    event = make_event()
    assert (
        client.delete(f"/calendars/{calendar['id']}", headers=headers).status_code
        == 204
    )
    assert client.get(f"/events/{event['id']}", headers=headers).status_code == 404
    assert api.list(headers)["items"] == []


def test_without_credentials_is_401(client):
    assert client.get("/events").status_code == 401


# --- ETag ---------------------------------------------------------------------------


def test_get_with_matching_if_none_match_is_304(client, headers, make_event):
    event = make_event()
    etag = client.get(f"/events/{event['id']}", headers=headers).headers["ETag"]
    r = client.get(f"/events/{event['id']}", headers={**headers, "If-None-Match": etag})
    assert r.status_code == 304
    assert r.headers["ETag"] == etag


def test_get_with_stale_if_none_match_is_200(client, headers, make_event):
    event = make_event()
    r = client.get(
        f"/events/{event['id']}", headers={**headers, "If-None-Match": '"stale"'}
    )
    assert r.status_code == 200


def test_post_etag_is_the_get_etag(client, headers, calendar):
    r = _post(client, headers, calendar)
    get = client.get(f"/events/{r.get_json()['id']}", headers=headers)
    assert r.headers["ETag"] == get.headers["ETag"]


def test_put_with_stale_if_match_is_412(client, headers, make_event):
    event = make_event()
    r = client.put(
        f"/events/{event['id']}",
        json={"title": "x"},
        headers={**headers, "If-Match": '"stale"'},
    )
    assert r.status_code == 412
    assert r.get_json()["code"] == "precondition_failed"
    assert client.get(f"/events/{event['id']}", headers=headers).get_json() == event


def test_put_with_current_if_match_succeeds(client, headers, make_event):
    event = make_event()
    etag = client.get(f"/events/{event['id']}", headers=headers).headers["ETag"]
    r = client.put(
        f"/events/{event['id']}",
        json={"title": "x"},
        headers={**headers, "If-Match": etag},
    )
    assert r.status_code == 200
    assert r.headers["ETag"] != etag


def test_delete_with_stale_if_match_is_412(client, headers, make_event):
    event = make_event()
    r = client.delete(
        f"/events/{event['id']}", headers={**headers, "If-Match": '"stale"'}
    )
    assert r.status_code == 412
    assert client.get(f"/events/{event['id']}", headers=headers).status_code == 200


def test_delete_with_current_if_match_succeeds(client, headers, make_event):
    event = make_event()
    etag = client.get(f"/events/{event['id']}", headers=headers).headers["ETag"]
    r = client.delete(f"/events/{event['id']}", headers={**headers, "If-Match": etag})
    assert r.status_code == 204


@pytest.mark.parametrize(
    "change",
    [
        lambda c, h, e: c.post(
            f"/events/{e}/reminders", json={"minutes_before": 5}, headers=h
        ),
        lambda c, h, e: c.post(
            f"/events/{e}/attendees", json={"email": "x@example.com"}, headers=h
        ),
        lambda c, h, e: c.put(f"/events/{e}", json={"description": "x"}, headers=h),
    ],
    ids=["reminder", "attendee", "field"],
)
def test_any_change_changes_the_etag(client, headers, make_event, change):
    event = make_event()
    url = f"/events/{event['id']}"
    before = client.get(url, headers=headers).headers["ETag"]
    assert change(client, headers, event["id"]).status_code in (200, 201)
    assert client.get(url, headers=headers).headers["ETag"] != before
    r = client.put(url, json={"title": "late"}, headers={**headers, "If-Match": before})
    assert r.status_code == 412
