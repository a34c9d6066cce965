"""The invitation builder: METHOD, UID, SEQUENCE, zones, all-day, occurrences."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import icalendar

from calapp.notifications.invitations import build_ics

NOW = datetime(2027, 1, 5, 12, 0, tzinfo=UTC)
ORGANIZER = SimpleNamespace(email="owner@example.com", name="Olivia")


def _event(**fields):
    base = {
        "ical_uid": "abc@calapp",
        "title": "Sync",
        "location": None,
        "description": None,
        "timezone": "Europe/Berlin",
        "all_day": False,
        "start_time": datetime(2027, 3, 18, 8, 0, tzinfo=UTC),
        "end_time": datetime(2027, 3, 18, 9, 0, tzinfo=UTC),
        "start_date": None,
        "end_date": None,
        "series_id": None,
        "original_start_time": None,
        "recurrence_rule": None,
        "exdates": [],
        "rdates": [],
        "status": "confirmed",
    }
    return SimpleNamespace(**{**base, **fields})


def _vevent(text):
    calendar = icalendar.Calendar.from_ical(text)
    [vevent] = calendar.walk("VEVENT")
    return calendar, vevent


def _build(event, method="REQUEST", sequence=0):
    return build_ics(
        event,
        method,
        attendee_email="guest@example.com",
        attendee_name="Guest",
        partstat="NEEDS-ACTION",
        organizer=ORGANIZER,
        sequence=sequence,
        now=NOW,
    )


def test_a_request_names_the_attendee_the_organizer_and_the_sequence():
    calendar, vevent = _vevent(_build(_event(), sequence=3))
    assert calendar["METHOD"] == "REQUEST"
    assert vevent["UID"] == "abc@calapp"
    assert vevent["SEQUENCE"] == 3
    assert vevent["ATTENDEE"] == "mailto:guest@example.com"
    assert vevent["ATTENDEE"].params["PARTSTAT"] == "NEEDS-ACTION"
    assert vevent["ATTENDEE"].params["RSVP"] == "TRUE"
    assert vevent["ORGANIZER"].params["CN"] == "Olivia"
    assert vevent.decoded("DTSTART") == datetime(2027, 3, 18, 8, 0, tzinfo=UTC)


def test_a_cancel_is_status_cancelled():
    calendar, vevent = _vevent(_build(_event(), method="CANCEL", sequence=4))
    assert calendar["METHOD"] == "CANCEL"
    assert vevent["STATUS"] == "CANCELLED"


def test_a_series_keeps_its_zone_rule_and_exdates():
    text = _build(
        _event(
            recurrence_rule="FREQ=WEEKLY;BYDAY=TH",
            exdates=[datetime(2027, 4, 1, 7, 0, tzinfo=UTC)],
        )
    )
    assert "DTSTART;TZID=Europe/Berlin:20270318T090000" in text
    assert "EXDATE;TZID=Europe/Berlin:20270401T090000" in text
    assert "RRULE:FREQ=WEEKLY;BYDAY=TH" in text
    assert "BEGIN:VTIMEZONE" in text


def test_an_all_day_event_uses_dates():
    _, vevent = _vevent(
        _build(
            _event(
                all_day=True, start_date=date(2027, 3, 18), end_date=date(2027, 3, 19)
            )
        )
    )
    assert vevent.decoded("DTSTART") == date(2027, 3, 18)
    assert vevent.decoded("DTEND") == date(2027, 3, 19)


def test_one_changed_occurrence_carries_its_recurrence_id():
    slot = datetime(2027, 3, 25, 8, 0, tzinfo=UTC)
    _, vevent = _vevent(_build(_event(series_id="s", original_start_time=slot)))
    assert vevent.decoded("RECURRENCE-ID") == slot


def test_a_zero_length_event_has_no_end():
    start = datetime(2027, 3, 18, 8, 0, tzinfo=UTC)
    _, vevent = _vevent(_build(_event(end_time=start)))
    assert "DTEND" not in vevent and "DURATION" not in vevent


def test_an_rdate_period_keeps_its_length():
    extra = datetime(2027, 3, 20, 13, 0, tzinfo=UTC)
    plain = datetime(2027, 3, 21, 8, 0, tzinfo=UTC)
    event = _event(
        recurrence_rule="FREQ=WEEKLY;COUNT=3",
        rdates=[extra, plain],
        rdate_periods={"2027-03-20T13:00:00Z": 10800},
    )
    _, vevent = _vevent(_build(event))
    rdates = vevent["RDATE"] if isinstance(vevent["RDATE"], list) else [vevent["RDATE"]]
    values = [d.dt for prop in rdates for d in prop.dts]
    assert (extra, timedelta(hours=3)) in values
    assert plain in values
