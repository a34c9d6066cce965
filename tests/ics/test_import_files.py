"""POST /calendars/import with real-world files: Google, Outlook, Apple, vendor
TZIDs, missing ends, date mixes, encodings, broken events, recurrence."""

from __future__ import annotations

import pytest

from tests.ics.conftest import (
    by_uid,
    calendar_file,
    event,
    fixture_bytes,
    repaired_for,
)

# --- real-world files -----------------------------------------------------------------


def test_google_export_creates_a_calendar_named_and_zoned_by_the_file(
    ics, api, headers
):
    report = ics.imported(headers, fixture_bytes("google_floating_times.ics"))
    assert report["created"] == 4 and report["errors"] == []
    r = ics.client.get(f"/calendars/{report['calendar_id']}", headers=headers)
    body = r.get_json()
    assert (body["name"], body["timezone"]) == ("Team (Google)", "Europe/Berlin")
    assert body["description"] == "Shared team calendar"


def test_google_floating_times_are_read_in_x_wr_timezone(ics, headers):
    report = ics.imported(headers, fixture_bytes("google_floating_times.ics"))
    events = by_uid(ics.events(headers, report["calendar_id"]))
    floating = events["floating-1@google.com"]
    assert floating["start_time"] == "2026-03-02T08:00:00Z"  # 09:00 in Berlin
    assert floating["timezone"] == "Europe/Berlin"
    assert events["utc-1@google.com"]["timezone"] == "UTC"


def test_google_attendees_alarms_and_text_are_mapped(ics, headers):
    report = ics.imported(headers, fixture_bytes("google_floating_times.ics"))
    review = by_uid(ics.events(headers, report["calendar_id"]))["utc-1@google.com"]
    assert [(a["email"], a["name"], a["status"]) for a in review["attendees"]] == [
        ("ada@example.com", "Ada Lovelace", "accepted"),
        ("grace@example.com", None, "needs_action"),  # CN was the address
    ]
    assert [r["minutes_before"] for r in review["reminders"]] == [10, 30]
    assert review["description"].endswith("Agenda:\n- numbers, tables; charts")
    assert review["location"] is None  # an empty LOCATION
    assert review["sequence"] == 2


def test_google_recurring_event_keeps_rule_exdate_and_wall_time(ics, headers):
    report = ics.imported(headers, fixture_bytes("google_floating_times.ics"))
    cid = report["calendar_id"]
    standup = by_uid(ics.events(headers, cid))["standup@google.com"]
    assert (
        standup["recurrence_rule"]
        == "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261228T083000Z;WKST=MO"
    )
    assert standup["exdates"] == ["2026-04-06T07:30:00Z"]
    april = ics.occurrences(
        headers, cid, "2026-03-23T00:00:00Z", "2026-04-14T00:00:00Z"
    )
    starts = [o["start_time"] for o in april if o["title"] == "Standup"]
    # 09:30 Berlin: 08:30Z in winter, 07:30Z after the switch; 6 April is excluded.
    assert starts == [
        "2026-03-23T08:30:00Z",
        "2026-03-30T07:30:00Z",
        "2026-04-13T07:30:00Z",
    ]


def test_all_day_dates_and_transparency(ics, headers):
    report = ics.imported(headers, fixture_bytes("google_floating_times.ics"))
    labour = by_uid(ics.events(headers, report["calendar_id"]))["labour-day@google.com"]
    assert labour["all_day"] is True
    assert (labour["start_date"], labour["end_date"]) == ("2026-05-01", "2026-05-02")
    assert labour["transparency"] == "free"


def test_outlook_windows_zone_names_are_mapped_and_reported(ics, headers):
    report = ics.imported(headers, fixture_bytes("outlook_windows_tz.ics"))
    assert report["errors"] == []
    assert repaired_for(report, None) == [
        "TZID 'W. Europe Standard Time' read as Europe/Berlin (its VTIMEZONE "
        "agrees in 2026)",
        "TZID 'Pacific Standard Time' read as America/Los_Angeles (its VTIMEZONE "
        "agrees in 2026)",
    ]
    events = {e["title"]: e for e in ics.events(headers, report["calendar_id"])}
    review = events["Quarterly review"]
    assert (review["timezone"], review["start_time"]) == (
        "Europe/Berlin",
        "2026-03-18T13:00:00Z",
    )
    assert events["West coast sync"]["timezone"] == "America/Los_Angeles"
    assert events["West coast sync"]["start_time"] == "2026-01-07T17:00:00Z"


def test_outlook_folded_uid_attendees_and_alarm(ics, headers):
    report = ics.imported(headers, fixture_bytes("outlook_windows_tz.ics"))
    events = {e["title"]: e for e in ics.events(headers, report["calendar_id"])}
    review = events["Quarterly review"]
    assert review["ical_uid"].startswith("040000008200E00074C5B7101A82E008")
    assert review["ical_uid"].endswith("C9A1B7E0C2D5")  # unfolded across lines
    assert [(a["email"], a["status"]) for a in review["attendees"]] == [
        ("ada@example.com", "declined"),  # lower-cased
        ("alan@example.com", "accepted"),
    ]
    assert [r["minutes_before"] for r in review["reminders"]] == [15]


def test_outlook_midnight_to_midnight_all_day_event_is_all_day(ics, headers):
    report = ics.imported(headers, fixture_bytes("outlook_windows_tz.ics"))
    offsite = {e["title"]: e for e in ics.events(headers, report["calendar_id"])}[
        "Company offsite"
    ]
    assert offsite["all_day"] is True
    assert (offsite["start_date"], offsite["end_date"]) == ("2026-06-12", "2026-06-14")
    assert offsite["transparency"] == "free"


def test_custom_vtimezone_is_matched_by_its_offsets(ics, headers):
    report = ics.imported(headers, fixture_bytes("outlook_custom_tz.ics"))
    events = by_uid(ics.events(headers, report["calendar_id"]))
    eastern = events["custom-eastern@outlook"]
    assert eastern["timezone"] == "America/New_York"
    assert eastern["start_time"] == "2026-07-15T14:00:00Z"  # 10:00 EDT
    assert (
        "TZID 'Customized Time Zone' read as America/New_York (same UTC offsets "
        "as its VTIMEZONE)" in repaired_for(report, None)
    )


def test_custom_vtimezone_matching_no_zone_falls_back_to_utc(ics, headers):
    report = ics.imported(headers, fixture_bytes("outlook_custom_tz.ics"))
    mars = by_uid(ics.events(headers, report["calendar_id"]))["custom-mars@outlook"]
    assert mars["timezone"] == "UTC"
    assert mars["start_time"] == "2026-07-15T06:43:00Z"  # 10:00 at +03:17
    assert any(
        "'Mars Base Time' matches no IANA zone" in w for w in repaired_for(report, None)
    )


def test_vendor_prefixed_and_display_name_tzids(ics, headers):
    report = ics.imported(headers, fixture_bytes("vendor_prefixed_tzids.ics"))
    zones = {
        e["ical_uid"]: e["timezone"] for e in ics.events(headers, report["calendar_id"])
    }
    assert zones == {
        "mozilla@example.com": "Europe/Berlin",
        "softwarestudio@example.com": "America/New_York",
        "display-name@example.com": "Europe/Berlin",
        "display-region@example.com": "America/New_York",
        "unknown-zone@example.com": "UTC",  # the new calendar's zone
    }
    assert len(repaired_for(report, None)) == 5


def test_unknown_tzid_without_vtimezone_uses_the_target_calendars_zone(
    ics, headers, calendar
):
    data = calendar_file(
        event(
            "u@x",
            "SUMMARY:x",
            start="20260115T100000",
            end=None,
        ).replace("DTSTART:", "DTSTART;TZID=Nowhere/Special:")
    )
    report = ics.imported(headers, data, calendar_id=calendar["id"])
    stored = ics.events(headers, calendar["id"])[0]
    assert stored["timezone"] == "Europe/Berlin"
    assert stored["start_time"] == "2026-01-15T09:00:00Z"
    assert any("Nowhere/Special" in w for w in repaired_for(report, None))


def test_apple_all_day_events_tags_attachment_and_alarms(ics, api, headers):
    report = ics.imported(headers, fixture_bytes("apple_all_day.ics"))
    cal = ics.client.get(f"/calendars/{report['calendar_id']}", headers=headers)
    assert cal.get_json()["color"] == "#1BADF8"
    events = {e["title"]: e for e in ics.events(headers, report["calendar_id"])}
    easter = events["Easter weekend"]
    assert (easter["start_date"], easter["end_date"]) == ("2026-04-02", "2026-04-04")
    assert easter["tags"] == ["Family", "Holiday"]
    assert [r["minutes_before"] for r in easter["reminders"]] == [900]
    assert events["Grace's birthday"]["reminders"] == []  # ACTION:NONE
    assert events["Grace's birthday"]["recurrence_rule"] == "FREQ=YEARLY"
    lisbon = events["Holiday in Lisbon"]
    assert lisbon["location"] == "Lisbon\nPortugal"
    assert lisbon["attachments"] == [
        {
            "name": "tickets.pdf",
            "url": "https://p42-caldav.icloud.com/attachments/tickets.pdf",
            "mime_type": "application/pdf",
            "size": 48213,
            "id": None,
            "filename": "tickets.pdf",
            "content_type": "application/pdf",
            "sha256": None,
        }
    ]
    assert lisbon["sequence"] == 3


def test_vtodo_and_vjournal_are_skipped_and_counted(ics, headers):
    report = ics.imported(headers, fixture_bytes("vtodo_skipped.ics"))
    assert report["skipped_components"] == {"VTODO": 2, "VJOURNAL": 1}
    assert report["created"] == 1
    assert [e["title"] for e in ics.events(headers, report["calendar_id"])] == [
        "The only event"
    ]


@pytest.mark.parametrize(
    ("uid", "start", "end", "repair"),
    [
        ("duration@example.com", "2026-03-10T08:00:00Z", "2026-03-10T09:30:00Z", None),
        (
            "duration-days@example.com",
            "2026-03-19T23:00:00Z",
            "2026-03-21T23:00:00Z",
            None,
        ),
        (
            "no-end-date@example.com",
            "2026-03-24T23:00:00Z",
            "2026-03-25T23:00:00Z",
            None,
        ),
        (
            "no-end-time@example.com",  # zero length (RFC 5545 §3.6.1)
            "2026-03-26T11:00:00Z",
            "2026-03-26T11:00:00Z",
            None,
        ),
        (
            "end-before-start@example.com",
            "2026-03-27T12:00:00Z",
            "2026-03-27T12:00:00Z",
            "the end is before the start",
        ),
        (
            "date-start-datetime-end@example.com",
            "2026-03-29T22:00:00Z",
            "2026-03-30T22:00:00Z",
            "DTEND is a DATE-TIME on an all-day event",
        ),
        (
            "datetime-start-date-end@example.com",
            "2026-04-01T20:00:00Z",
            "2026-04-01T22:00:00Z",
            "DTEND is a DATE on a timed event",
        ),
    ],
)
def test_ends_durations_and_date_mixes(ics, headers, uid, start, end, repair):
    report = ics.imported(headers, fixture_bytes("duration_no_dtend.ics"))
    stored = by_uid(ics.events(headers, report["calendar_id"]))[uid]
    assert (stored["start_time"], stored["end_time"]) == (start, end)
    repairs = repaired_for(report, uid)
    if repair is None:
        assert repairs == []
    else:
        assert len(repairs) == 1 and repairs[0].startswith(repair)


@pytest.mark.parametrize("newline", [b"\r\n", b"\n", b"\r"])
def test_bom_any_line_ending_and_folded_utf8(ics, headers, newline):
    data = fixture_bytes("bom_crlf.ics")
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    report = ics.imported(headers, data.replace(b"\r\n", newline))
    assert report["errors"] == [] and report["created"] == 1
    stored = ics.events(headers, report["calendar_id"])[0]
    assert stored["title"] == (
        "Kochabend: Käsespätzle mit Röstzwiebeln, Gurkensalat und Apfelstrudel "
        "für alle 🍲"
    )
    assert stored["description"] == (
        "Zutaten; Einkaufsliste:\n• Mehl\n• Eier\n• Käse — viel Käse\n"
        "Bitte 10 € mitbringen."
    )
    assert stored["location"] == "Gemeinschaftsküche, 2. OG"
    name = ics.client.get(f"/calendars/{report['calendar_id']}", headers=headers)
    assert name.get_json()["name"] == "Küche & Café"


def test_windows_1252_file_is_read_and_reported(ics, headers, calendar):
    data = calendar_file(event("cp@x", "SUMMARY:Caf\xe9 cr\xe8me")).replace(
        "é".encode(), b"\xe9"
    )
    data = data.replace("è".encode(), b"\xe8")
    report = ics.imported(headers, data, calendar_id=calendar["id"])
    assert ics.events(headers, calendar["id"])[0]["title"] == "Café crème"
    assert "the file is not UTF-8: read as Windows-1252" in repaired_for(report, None)


def test_bad_events_are_reported_and_the_rest_imported(ics, headers):
    report = ics.imported(headers, fixture_bytes("bad_event_among_good.ics"))
    assert report["created"] == 2
    errors = {(e["uid"], e["error"].split(": ", 1)[1]) for e in report["errors"]}
    assert errors == {
        (
            "bad-date@example.com",
            'DTSTART: "2026-05-02 nine o\'clock" is not a DATE-TIME (YYYYMMDDTHHMMSS)',
        ),
        (
            "bad-rule@example.com",
            "RRULE: recurrence_rule: FREQ=SECONDLY is not supported",
        ),
        ("no-start@example.com", "no DTSTART"),
        ("bad-line@example.com", "line 35: no ':' after the name and parameters"),
        (
            "bad-rule@example.com",
            "its recurring event (the VEVENT without RECURRENCE-ID) could not be "
            "imported",
        ),
    }
    titles = sorted(e["title"] for e in ics.events(headers, report["calendar_id"]))
    assert titles == ["Good one", "Good two"]


def test_rules_the_api_refuses_are_errors(ics, headers, calendar):
    data = calendar_file(
        event("count@x", "SUMMARY:a", "RRULE:FREQ=DAILY;COUNT=20000"),
        event("hourly@x", "SUMMARY:b", "RRULE:FREQ=MINUTELY"),
        event("never@x", "SUMMARY:c", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),
        event("fine@x", "SUMMARY:d", "RRULE:FREQ=DAILY;COUNT=3"),
    )
    report = ics.imported(headers, data, calendar_id=calendar["id"])
    assert [e["uid"] for e in report["errors"]] == ["count@x", "hourly@x", "never@x"]
    assert report["created"] == 1


def test_recurrence_ids_become_exceptions_of_their_series(ics, headers):
    report = ics.imported(headers, fixture_bytes("recurrence_with_exceptions.ics"))
    assert report["errors"] == [] and report["created"] == 7
    events = by_uid(ics.events(headers, report["calendar_id"]))
    series = events["weekly@example.com"]
    assert series["recurrence_rule"] == "FREQ=WEEKLY;BYDAY=MO;COUNT=20"
    assert series["exdates"] == ["2026-01-19T15:00:00Z"]
    assert series["rdates"] == ["2026-01-22T20:00:00Z"]
    moved = events["weekly@example.com@2026-01-12T15:00:00Z"]
    assert moved["series_id"] == series["id"]
    assert (moved["start_time"], moved["location"]) == (
        "2026-01-13T19:00:00Z",
        "Room 7",
    )
    cancelled = events["weekly@example.com@2026-02-02T15:00:00Z"]
    assert cancelled["status"] == "cancelled"
    payday = events["monthly-allday@example.com@2026-03-15T04:00:00Z"]
    assert payday["start_date"] == "2026-03-13"


def test_occurrences_of_an_imported_series_follow_its_exceptions(ics, headers):
    report = ics.imported(headers, fixture_bytes("recurrence_with_exceptions.ics"))
    january = ics.occurrences(
        headers, report["calendar_id"], "2026-01-01T00:00:00Z", "2026-02-10T00:00:00Z"
    )
    weekly = [
        (o["start_time"], o["title"])
        for o in january
        if o["ical_uid"] == "weekly@example.com"
    ]
    assert weekly == [
        ("2026-01-05T15:00:00Z", "Weekly review"),
        ("2026-01-13T19:00:00Z", "Weekly review (moved to Tuesday)"),
        ("2026-01-22T20:00:00Z", "Weekly review"),  # the RDATE; 19 Jan is an EXDATE
        ("2026-01-26T15:00:00Z", "Weekly review"),
        ("2026-02-09T15:00:00Z", "Weekly review"),  # 2 Feb is cancelled
    ]


def test_orphan_and_off_rule_recurrence_ids_become_single_events(ics, headers):
    report = ics.imported(headers, fixture_bytes("recurrence_with_exceptions.ics"))
    events = by_uid(ics.events(headers, report["calendar_id"]))
    orphan = events["orphan@example.com_R20260301T150000Z"]
    assert (
        orphan["series_id"] is None and orphan["start_time"] == "2026-03-01T16:00:00Z"
    )
    assert "weekly@example.com_R20260107T150000Z" in events
    assert repaired_for(report, "orphan@example.com") == [
        "RECURRENCE-ID 2026-03-01T15:00:00Z has no recurring event in the file or "
        "the calendar: imported as the single event "
        "orphan@example.com_R20260301T150000Z"
    ]


def test_recurrence_id_attaches_to_a_series_already_in_the_calendar(
    ics, headers, calendar
):
    series = event("s@x", "SUMMARY:Daily", "RRULE:FREQ=DAILY;COUNT=5")
    ics.imported(headers, calendar_file(series), calendar_id=calendar["id"])
    override = event(
        "s@x",
        "RECURRENCE-ID:20260603T090000Z",
        "SUMMARY:Daily (late)",
        start="20260603T150000Z",
        end="20260603T160000Z",
    )
    report = ics.imported(headers, calendar_file(override), calendar_id=calendar["id"])
    assert report["created"] == 1 and report["repaired"] == []
    events = by_uid(ics.events(headers, calendar["id"]))
    assert events["s@x@2026-06-03T09:00:00Z"]["series_id"] == events["s@x"]["id"]


def test_rdate_without_rrule_becomes_a_one_count_rule(ics, headers, calendar):
    data = calendar_file(
        event("r@x", "SUMMARY:Twice", "RDATE:20260610T090000Z,20260620T090000Z")
    )
    report = ics.imported(headers, data, calendar_id=calendar["id"])
    stored = ics.events(headers, calendar["id"])[0]
    assert stored["recurrence_rule"] == "FREQ=DAILY;COUNT=1"
    assert stored["rdates"] == ["2026-06-10T09:00:00Z", "2026-06-20T09:00:00Z"]
    assert repaired_for(report, "r@x") == [
        "RDATE without RRULE: stored as FREQ=DAILY;COUNT=1 + RDATEs"
    ]


def test_text_limits_are_repaired(ics, headers, calendar):
    data = calendar_file(
        event("long@x", "SUMMARY:" + "t" * 600, "LOCATION:" + "l" * 1200),
        event("untitled@x"),
        event("", "SUMMARY:No uid"),
    )
    report = ics.imported(headers, data, calendar_id=calendar["id"])
    assert report["created"] == 3 and report["errors"] == []
    events = {e["ical_uid"]: e for e in ics.events(headers, calendar["id"])}
    assert len(events["long@x"]["title"]) == 500
    assert len(events["long@x"]["location"]) == 1000
    assert events["untitled@x"]["title"] == "(no title)"
    generated = [uid for uid in events if uid.endswith("@import.calapp")]
    assert len(generated) == 1
    assert repaired_for(report, "long@x") == [
        "SUMMARY cut to 500 characters",
        "LOCATION cut to 1000 characters",
    ]


def test_registered_attendees_are_linked(ics, headers, calendar, make_user):
    invitee = make_user(email="linked@example.com")
    data = calendar_file(
        event("a@x", "SUMMARY:Meet", "ATTENDEE;CN=L:mailto:Linked@Example.com")
    )
    ics.imported(headers, data, calendar_id=calendar["id"])
    attendee = ics.events(headers, calendar["id"])[0]["attendees"][0]
    assert attendee["user_id"] == str(invitee.id)


def test_values_copy_must_quote_arrive_intact(ics, headers, calendar):
    data = calendar_file(
        event(
            "q@x",
            'SUMMARY:Say "hi"\\, then \\\\N and \\\\.',
            'DESCRIPTION:line one\\n"two"\\n\\\\.\\n{curly}',
            'CATEGORIES:a\\,b,q"t,back\\\\slash,{x},NULL',
            "ATTACH;FILENAME=\"my ^'file^', v2.pdf\":https://example.com/a?x=1&y=%22",
        )
    )
    ics.imported(headers, data, calendar_id=calendar["id"])
    stored = ics.events(headers, calendar["id"])[0]
    assert stored["title"] == 'Say "hi", then \\N and \\.'
    assert stored["description"] == 'line one\n"two"\n\\.\n{curly}'
    assert stored["tags"] == ["a,b", 'q"t', "back\\slash", "{x}", "NULL"]
    attachment = stored["attachments"][0]
    assert attachment["name"] == 'my "file", v2.pdf'
    assert attachment["url"] == "https://example.com/a?x=1&y=%22"
