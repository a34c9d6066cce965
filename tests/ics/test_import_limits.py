"""POST /calendars/import and the content-line parser on hostile files: work
bounded by the file's size, and what the API refuses for one event refused per
event."""

from __future__ import annotations

import signal
from contextlib import contextmanager

from calapp.ics import import_, text
from calapp.ics.matching import MAX_LISTED
from tests.ics.conftest import calendar_file, event


@contextmanager
def watchdog(seconds: int = 20):
    """Fail a call that runs away (these files ran 30-60 s before the parser and
    the rule checks were bounded); a generous bound, not a measure of speed."""

    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_unclosed_begins_then_unmatched_ends_parse_in_one_pass():
    n = 40_000
    body = "BEGIN:VEVENT\r\n" * n + "END:VTODO\r\n" * n
    with watchdog():
        (root,) = text.parse(f"BEGIN:VCALENDAR\r\n{body}END:VCALENDAR\r\n", "VCALENDAR")
    deepest = root
    while deepest.children:
        deepest = deepest.children[0]
    assert deepest.errors.count("line 80001: END:VTODO without BEGIN") == 1
    assert len(deepest.errors) == n + 1  # every stray END, and never closed
    assert root.children[0].errors == ["BEGIN:VEVENT is never closed"]


def test_a_line_folded_every_character_is_unfolded_whole():
    value = "\r\n ".join("é" for _ in range(100_000))
    lines = text.unfold(f"DESCRIPTION:{value}\r\nSUMMARY:x")
    assert lines == ["DESCRIPTION:" + "é" * 100_000, "SUMMARY:x"]


def test_a_file_of_rules_that_never_occur_is_imported_as_errors(ics, headers, calendar):
    never = [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=HOURLY;BYMONTH=4;BYMONTHDAY=31;UNTIL=99990101T000000Z",
        "FREQ=DAILY;INTERVAL=7;BYDAY=TU",  # from a Monday
    ]
    events = [
        event(f"never-{i}", f"RRULE:{never[i % 3]}", start="20260105T090000Z")
        for i in range(30)
    ]
    data = calendar_file(*events, event("fine", "RRULE:FREQ=DAILY;UNTIL=99990101"))
    with watchdog():
        report = ics.imported(headers, data, calendar_id=calendar["id"])
    assert report["created"] == 1
    assert len(report["errors"]) == 30
    assert all(
        "never occurs after the event's start" in e["error"] for e in report["errors"]
    )


def test_an_event_with_more_attendees_than_the_api_takes_is_an_error(
    ics, headers, calendar
):
    crowd = [f"ATTENDEE:mailto:guest{i}@example.com" for i in range(101)]
    few = [f"ATTENDEE:mailto:guest{i}@example.com" for i in range(100)]
    data = calendar_file(event("crowd", *crowd), event("few", *few))
    report = ics.imported(headers, data, calendar_id=calendar["id"])
    assert report["created"] == 1
    (error,) = report["errors"]
    assert error["uid"] == "crowd"
    assert "101 attendees: at most 100 per event" in error["error"]
    (stored,) = ics.events(headers, calendar["id"])
    assert (stored["ical_uid"], len(stored["attendees"])) == ("few", 100)


def test_errors_beyond_the_listed_ones_are_counted_not_listed(ics, headers, calendar):
    broken = [f"BEGIN:VEVENT\r\nUID:b{i}\r\nEND:VEVENT" for i in range(MAX_LISTED + 5)]
    report = ics.imported(headers, calendar_file(*broken), calendar_id=calendar["id"])
    assert len(report["errors"]) == MAX_LISTED + 1
    assert report["errors"][-1] == {"uid": None, "error": "5 more not listed"}


def test_an_import_written_in_several_copy_batches_is_whole_and_idempotent(
    ics, headers, calendar, monkeypatch
):
    monkeypatch.setattr(import_, "COPY_BATCH", 3)  # events and attendees span batches
    guests = [f"ATTENDEE:mailto:guest{i}@example.com" for i in range(4)]
    data = calendar_file(*(event(f"batch-{i}", *guests) for i in range(7)))
    report = ics.imported(headers, data, calendar_id=calendar["id"])
    assert (report["created"], report["errors"]) == (7, [])
    stored = ics.events(headers, calendar["id"])
    assert sorted(e["ical_uid"] for e in stored) == [f"batch-{i}" for i in range(7)]
    assert all(len(e["attendees"]) == 4 for e in stored)
    again = ics.imported(headers, data, calendar_id=calendar["id"])
    assert (again["created"], again["updated"]) == (0, 0)
    assert len(ics.events(headers, calendar["id"])) == 7
