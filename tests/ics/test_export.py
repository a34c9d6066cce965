"""GET /calendars/{id}/export.ics: content, validity, streaming, ETag, access."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from calapp.ics.export import portable_rule, trigger
from tests.events.conftest import OMIT
from tests.ics.conftest import calendar_file, event, parse

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def vevents(calendar) -> dict[str, list]:
    out: dict[str, list] = {}
    for component in calendar.walk("VEVENT"):
        out.setdefault(str(component["SUMMARY"]), []).append(component)
    return out


def test_export_is_a_valid_vcalendar_with_its_header(ics, headers, calendar, sample):
    data = ics.exported(headers, calendar["id"])
    cal = parse(data)
    assert cal["VERSION"] == "2.0" and cal["CALSCALE"] == "GREGORIAN"
    assert cal["PRODID"] == "-//calapp//calapp 1.0//EN"
    assert cal["X-WR-CALNAME"] == "Work" and cal["X-WR-TIMEZONE"] == "Europe/Berlin"
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")


def test_one_vtimezone_per_zone_used(ics, headers, calendar, sample):
    cal = parse(ics.exported(headers, calendar["id"]))
    assert sorted(str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")) == [
        "America/New_York",
        "Europe/Berlin",
    ]  # UTC needs none; the all-day event has no TZID


def test_every_line_is_folded_at_75_octets(ics, headers, calendar, sample):
    data = ics.exported(headers, calendar["id"])
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    data.decode("utf-8")  # folding never splits a character


def test_a_timed_event_with_everything(ics, headers, calendar, sample):
    cal = parse(ics.exported(headers, calendar["id"]))
    meeting = vevents(cal)["Planning, Q3; all hands"][0]
    assert str(meeting["UID"]) == sample["meeting"]["ical_uid"]
    assert meeting["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert meeting["DTSTART"].dt == datetime(2026, 3, 2, 10, 0, tzinfo=BERLIN)
    assert meeting["DTEND"].dt == datetime(2026, 3, 2, 11, 30, tzinfo=BERLIN)
    assert str(meeting["DESCRIPTION"]).startswith("Line one\nLine two")
    assert str(meeting["LOCATION"]) == "Room 1"
    assert (str(meeting["STATUS"]), str(meeting["TRANSP"])) == (
        "TENTATIVE",
        "TRANSPARENT",
    )
    assert meeting["CATEGORIES"].cats == ["work", "a,b"]
    attach = meeting["ATTACH"]
    assert str(attach) == "https://files.example.com/agenda.pdf"
    assert (attach.params["FILENAME"], attach.params["FMTTYPE"]) == (
        "Agenda.pdf",
        "application/pdf",
    )
    assert int(meeting["SEQUENCE"]) == 0
    assert meeting["DTSTAMP"].dt == meeting["LAST-MODIFIED"].dt


def test_organizer_attendees_and_alarms(ics, headers, user, calendar, sample):
    cal = parse(ics.exported(headers, calendar["id"]))
    meeting = vevents(cal)["Planning, Q3; all hands"][0]
    assert str(meeting["ORGANIZER"]) == f"mailto:{user.email}"
    attendees = meeting["ATTENDEE"]
    assert [str(a) for a in attendees] == ["mailto:grace@example.com", "mailto:x@y.org"]
    assert attendees[0].params["CN"] == "Grace"
    assert [a.params["PARTSTAT"] for a in attendees] == ["NEEDS-ACTION"] * 2
    alarms = [a for a in meeting.subcomponents if a.name == "VALARM"]
    assert [a["TRIGGER"].dt for a in alarms] == [
        -timedelta(minutes=15),
        -timedelta(days=1),
    ]
    assert {str(a["ACTION"]) for a in alarms} == {"DISPLAY"}


def test_an_all_day_event_has_dates(ics, headers, calendar, sample):
    cal = parse(ics.exported(headers, calendar["id"]))
    holiday = vevents(cal)["Holiday"][0]
    assert holiday["DTSTART"].dt == date(2026, 5, 1)
    assert holiday["DTEND"].dt == date(2026, 5, 2)
    assert holiday["DTSTART"].params.get("VALUE") == "DATE"


def test_a_utc_event_is_written_in_utc(ics, headers, calendar, sample):
    data = ics.exported(headers, calendar["id"])
    assert b"DTSTART:20260201T120000Z\r\n" in data


def test_a_series_with_exdate_rdate_and_its_exceptions(ics, headers, calendar, sample):
    cal = parse(ics.exported(headers, calendar["id"]))
    found = vevents(cal)
    uid = sample["weekly"]["ical_uid"]
    series = found["Weekly"][0]
    assert str(series["UID"]) == uid
    assert dict(series["RRULE"]) == {"FREQ": ["WEEKLY"], "BYDAY": ["MO"], "COUNT": [10]}
    assert series["EXDATE"].dts[0].dt == datetime(2026, 1, 12, 10, tzinfo=NEW_YORK)
    assert series["RDATE"].dts[0].dt == datetime(2026, 1, 21, 15, tzinfo=NEW_YORK)
    moved = found["Weekly (moved)"][0]
    assert str(moved["UID"]) == uid
    assert moved["RECURRENCE-ID"].dt == datetime(2026, 1, 19, 10, tzinfo=NEW_YORK)
    assert moved["DTSTART"].dt == datetime(2026, 1, 20, 10, tzinfo=NEW_YORK)
    cancelled = [c for c in found["Weekly"] if "RECURRENCE-ID" in c]
    assert len(cancelled) == 1 and str(cancelled[0]["STATUS"]) == "CANCELLED"
    assert cancelled[0]["RECURRENCE-ID"].dt == datetime(
        2026, 1, 26, 10, tzinfo=NEW_YORK
    )


def test_deleted_events_are_not_exported(ics, api, client, headers, calendar):
    gone = api.event(headers, calendar["id"], title="Gone")
    api.event(headers, calendar["id"], title="Stays")
    assert client.delete(f"/events/{gone['id']}", headers=headers).status_code == 204
    titles = list(vevents(parse(ics.exported(headers, calendar["id"]))))
    assert titles == ["Stays"]


def test_an_empty_calendar_exports(ics, headers, calendar):
    cal = parse(ics.exported(headers, calendar["id"]))
    assert cal.walk("VEVENT") == [] and cal.walk("VTIMEZONE") == []


def test_the_export_is_streamed_in_batches(ics, headers, calendar):
    events = [event(f"e{i}@x", f"SUMMARY:Event {i}") for i in range(1200)]
    ics.imported(headers, calendar_file(*events), calendar_id=calendar["id"])
    r = ics.client.get(
        f"/calendars/{calendar['id']}/export.ics", headers=headers, buffered=False
    )
    assert r.status_code == 200 and r.is_streamed
    chunks = list(r.response)
    r.close()
    assert len(chunks) >= 4  # header, 3 batches of at most 500, END
    cal = parse(b"".join(chunks))
    assert len(cal.walk("VEVENT")) == 1200


def test_an_all_day_event_in_another_zone_keeps_it(ics, api, headers, calendar):
    api.event(headers, calendar["id"], title="Tokyo day", timezone="Asia/Tokyo",
              start_time="2026-07-01", end_time=OMIT)  # fmt: skip
    data = ics.exported(headers, calendar["id"])
    assert b"X-CALAPP-TIMEZONE:Asia/Tokyo\r\n" in data


# --- ETag ---------------------------------------------------------------------------


def test_if_none_match_gives_a_304(ics, headers, calendar, sample):
    first = ics.export(headers, calendar["id"])
    etag = first.headers["ETag"]
    again = ics.export(headers, calendar["id"])
    assert again.headers["ETag"] == etag and again.get_data() == first.get_data()
    r = ics.export({**headers, "If-None-Match": etag}, calendar["id"])
    assert r.status_code == 304 and r.get_data() == b""
    assert r.headers["ETag"] == etag


def test_if_modified_since_gives_a_304(ics, headers, calendar, sample):
    first = ics.export(headers, calendar["id"])
    since = {**headers, "If-Modified-Since": first.headers["Last-Modified"]}
    assert ics.export(since, calendar["id"]).status_code == 304


@pytest.mark.parametrize("change", ["update", "delete", "reminder", "rename"])
def test_any_change_changes_the_etag(ics, client, headers, calendar, sample, change):
    etag = ics.export(headers, calendar["id"]).headers["ETag"]
    event_id = sample["meeting"]["id"]
    if change == "update":
        r = client.put(f"/events/{event_id}", json={"location": "B"}, headers=headers)
    elif change == "delete":
        r = client.delete(f"/events/{event_id}", headers=headers)
    elif change == "reminder":
        r = client.post(
            f"/events/{event_id}/reminders", json={"minutes_before": 5}, headers=headers
        )
    else:
        r = client.put(
            f"/calendars/{calendar['id']}", json={"name": "W"}, headers=headers
        )
    assert r.status_code in (200, 201, 204), r.get_json()
    r = ics.export({**headers, "If-None-Match": etag}, calendar["id"])
    assert r.status_code == 200 and r.headers["ETag"] != etag


def test_an_import_changes_the_etag(ics, headers, calendar, sample):
    etag = ics.export(headers, calendar["id"]).headers["ETag"]
    ics.imported(
        headers, calendar_file(event("n@x", "SUMMARY:n")), calendar_id=calendar["id"]
    )
    assert ics.export(headers, calendar["id"]).headers["ETag"] != etag


def test_head_sends_the_headers_only(client, headers, calendar):
    r = client.head(f"/calendars/{calendar['id']}/export.ics", headers=headers)
    assert r.status_code == 200 and r.get_data() == b"" and r.headers["ETag"]


# --- access -------------------------------------------------------------------------


def test_a_viewer_can_export(ics, api, headers, calendar, sample, auth, make_user):
    viewer = make_user()
    api.share(headers, calendar["id"], viewer.email, "viewer")
    r = ics.export(auth.jwt(viewer), calendar["id"])
    assert r.status_code == 200
    assert r.headers["Content-Disposition"] == 'attachment; filename="Work.ics"'


def test_a_stranger_gets_a_404(ics, calendar, auth, make_user):
    r = ics.export(auth.jwt(make_user()), calendar["id"])
    assert r.status_code == 404 and r.get_json()["code"] == "not_found"


def test_an_api_key_needs_calendars_read_and_events_read(ics, user, calendar, auth):
    key = auth.key(user, ["calendars:read", "events:read"])
    assert ics.export(key, calendar["id"]).status_code == 200
    r = ics.export(auth.key(user, ["contacts:read"]), calendar["id"])
    assert r.status_code == 403 and r.get_json()["code"] == "insufficient_scope"


@pytest.mark.parametrize("scopes", [["calendars:read"], ["calendars:write"]])
def test_a_calendars_key_cannot_export_the_events(
    ics, api, headers, user, calendar, auth, scopes
):
    api.event(headers, calendar["id"], title="Salary review")
    r = ics.export(auth.key(user, scopes), calendar["id"])
    assert r.status_code == 403
    body = r.get_json()
    assert body["code"] == "insufficient_scope"
    assert body["details"] == {"required": ["calendars:read", "events:read"]}
    assert "Salary review" not in r.get_data(as_text=True)


# --- values -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "zone", "all_day", "portable"),
    [
        ("FREQ=DAILY;COUNT=3", "Europe/Berlin", False, "FREQ=DAILY;COUNT=3"),
        ("FREQ=DAILY;UNTIL=20260110T080000Z", "Europe/Berlin", False,
         "FREQ=DAILY;UNTIL=20260110T080000Z"),
        # A DATE UNTIL includes its whole local day: 23:59:59 Berlin (CET).
        ("FREQ=DAILY;UNTIL=20260110", "Europe/Berlin", False,
         "FREQ=DAILY;UNTIL=20260110T225959Z"),
        ("FREQ=DAILY;UNTIL=20260110T090000", "America/New_York", False,
         "FREQ=DAILY;UNTIL=20260110T140000Z"),
        ("FREQ=DAILY;UNTIL=20260110", "Europe/Berlin", True,
         "FREQ=DAILY;UNTIL=20260110"),
        # An all-day series: the local date of a UTC UNTIL.
        ("FREQ=DAILY;UNTIL=20260109T230000Z", "Europe/Berlin", True,
         "FREQ=DAILY;UNTIL=20260110"),
    ],
)  # fmt: skip
def test_until_gets_the_type_rfc_5545_requires(rule, zone, all_day, portable):
    assert portable_rule(rule, zone, all_day) == portable


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "PT0S"), (15, "-PT15M"), (90, "-PT90M"), (120, "-PT2H"), (2880, "-P2D"),
     (10080, "-P1W")],
)  # fmt: skip
def test_reminder_triggers(minutes, text):
    assert trigger(minutes) == text
