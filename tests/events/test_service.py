"""Service-level rules: time resolution, rule parsing, fields, linking."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

import marshmallow as ma
import pytest

from calapp.errors import ValidationError
from calapp.events.schemas import DateOrInstant, parse_rule
from calapp.events.service import local_midnight, resolve_times

NINE = datetime(2026, 3, 2, 9, tzinfo=UTC)
TEN = datetime(2026, 3, 2, 10, tzinfo=UTC)


def _stored(**fields):
    """A stand-in for a stored Event with only the time columns."""
    defaults = {
        "all_day": False,
        "start_time": NINE,
        "end_time": TEN,
        "start_date": None,
        "end_date": None,
    }
    return SimpleNamespace(**{**defaults, **fields})


# --- DateOrInstant --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-12-25", date(2026, 12, 25)),
        ("2026-12-25T10:00:00+02:00", datetime(2026, 12, 25, 8, tzinfo=UTC)),
        ("2026-12-25T10:00:00Z", datetime(2026, 12, 25, 10, tzinfo=UTC)),
    ],
)
def test_date_or_instant_loads_both(text, expected):
    assert DateOrInstant().deserialize(text) == expected


@pytest.mark.parametrize(
    "text",
    ["2026-12-25T10:00:00", "2026-13-01", "9999-01-01", "", "25/12/2026", "\x00"],
)
def test_date_or_instant_rejects(text):
    with pytest.raises(ma.ValidationError):
        DateOrInstant().deserialize(text)


# --- parse_rule ---------------------------------------------------------------------


def test_parse_rule_drops_the_prefix_and_upper_cases():
    assert parse_rule(" RRULE:freq=weekly;byday=mo ") == "FREQ=WEEKLY;BYDAY=MO"


@pytest.mark.parametrize(
    "rule",
    ["", "RRULE:", "BYDAY=MO", "FREQ=DAILY;;", "FREQ=DAILY;BYSETPOS=0", "FREQ = DAILY"],
)
def test_parse_rule_rejects(rule):
    with pytest.raises(ma.ValidationError):
        parse_rule(rule)


def test_parse_rule_reports_dateutils_reason():
    with pytest.raises(ma.ValidationError, match="hour must be in 0..23"):
        parse_rule("FREQ=DAILY;BYHOUR=24")


# --- resolve_times ------------------------------------------------------------------


def test_timed_times_pass_through():
    times = resolve_times({"start_time": NINE, "end_time": TEN}, "UTC")
    assert times == {
        "start_time": NINE,
        "end_time": TEN,
        "all_day": False,
        "start_date": None,
        "end_date": None,
    }


def test_a_date_start_makes_an_all_day_event_of_one_day():
    times = resolve_times({"start_time": date(2026, 12, 25)}, "Europe/Berlin")
    assert times["all_day"] is True
    assert times["end_date"] == date(2026, 12, 26)
    assert times["start_time"] == datetime(2026, 12, 24, 23, tzinfo=UTC)


def test_update_keeps_the_stored_end():
    current = _stored()
    times = resolve_times(
        {"start_time": datetime(2026, 3, 2, 9, 30, tzinfo=UTC)}, "UTC", current
    )
    assert times["end_time"] == TEN


def test_update_of_the_zone_moves_an_all_day_event():
    current = _stored(
        all_day=True,
        start_date=date(2026, 12, 25),
        end_date=date(2026, 12, 26),
    )
    times = resolve_times({"timezone": "Asia/Tokyo"}, "Asia/Tokyo", current)
    assert times["start_time"] == datetime(2026, 12, 24, 15, tzinfo=UTC)
    assert times["start_date"] == date(2026, 12, 25)


def test_end_before_start_is_the_documented_error():
    with pytest.raises(ValidationError) as caught:
        resolve_times({"start_time": TEN, "end_time": NINE}, "UTC")
    assert caught.value.to_dict() == {
        "error": "end_time must not be before start_time",
        "code": "validation_error",
        "details": {"end_time": ["must not be before start_time"]},
    }


def test_a_timed_event_may_have_zero_length():
    # RFC 5545 §3.6.1: a DTSTART without DTEND or DURATION.
    times = resolve_times({"start_time": TEN, "end_time": TEN}, "UTC")
    assert times["end_time"] == times["start_time"] == TEN


def test_local_midnight_in_auckland_summer():
    assert local_midnight(date(2027, 1, 1), "Pacific/Auckland") == datetime(
        2026, 12, 31, 11, tzinfo=UTC
    )


def test_local_midnight_out_of_range_is_400():
    with pytest.raises(ValidationError):
        local_midnight(date(1, 1, 1), "Pacific/Auckland")


# --- linking on registration and the system principal -------------------------------


def test_create_user_links_pending_invitations(
    app, api, headers, make_event, make_user
):
    from calapp.events.models import EventAttendee
    from calapp.extensions import db

    event = make_event(attendees=[{"email": "pending@example.com"}])
    user = make_user(email="Pending@example.com")
    with app.app_context():
        row = db.session.get(EventAttendee, event["attendees"][0]["id"])
        assert row.user_id == user.id


def test_link_leaves_rows_already_linked(app, make_event, make_user):
    import uuid

    from calapp.events.attendees import link_registered_user
    from calapp.extensions import db

    first = make_user(email="taken@example.com")
    event = make_event(attendees=[{"email": "taken@example.com"}])
    with app.app_context():
        assert link_registered_user(uuid.uuid4(), "taken@example.com", NINE) == 0
        db.session.rollback()
    assert event["attendees"][0]["user_id"] == str(first.id)


def test_the_system_principal_lists_every_live_event(app, api, auth, make_user):
    from calapp.events import service
    from calapp.security import Principal

    for _ in range(2):
        headers = auth.jwt(make_user())
        api.event(headers, api.calendar(headers)["id"])
    with app.app_context():
        items, cursor = service.list_page(Principal.system(), limit=10, cursor=None)
    assert len(items) == 2 and cursor is None


def test_a_concurrent_ical_uid_is_a_409_not_a_500(
    client, headers, calendar, monkeypatch
):
    """The unique index catches what the pre-check cannot see (a racing writer)."""
    from calapp.events import service

    body = {
        "calendar_id": calendar["id"],
        "title": "x",
        "start_time": "2026-03-02T09:00:00Z",
        "end_time": "2026-03-02T10:00:00Z",
        "ical_uid": "race@example.com",
    }
    assert client.post("/events", json=body, headers=headers).status_code == 201
    monkeypatch.setattr(service, "_check_uid_free", lambda *args, **kwargs: None)
    r = client.post("/events", json=body, headers=headers)
    assert r.status_code == 409
    assert "ical_uid" in r.get_json()["details"]
