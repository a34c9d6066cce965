"""Round trips: export -> import gives the same calendar; import -> export ->
import is stable (no duplicates, no drift)."""

from __future__ import annotations

import re

import pytest

from calapp.ics.export import portable_rule
from tests.ics.conftest import fixture_bytes, parse

YEARS = [
    ("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
    ("2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"),
]
FIXTURES = [
    "google_floating_times.ics",
    "outlook_windows_tz.ics",
    "outlook_custom_tz.ics",
    "vendor_prefixed_tzids.ics",
    "apple_all_day.ics",
    "vtodo_skipped.ics",
    "duration_no_dtend.ics",
    "bom_crlf.ics",
    "bad_event_among_good.ics",
    "recurrence_with_exceptions.ics",
    "zero_length_events.ics",
    "rdate_periods.ics",
    "vtimezone_custom_rules.ics",
    "dst_transitions.ics",
    "all_day_series.ics",
    "bysetpos_monthly.ics",
]
# What an event is, apart from its id, calendar and who made it when.
CONTENT = (
    "ical_uid", "title", "description", "location", "start_time", "end_time",
    "timezone", "all_day", "start_date", "end_date", "recurrence_rule", "exdates",
    "rdates", "status", "transparency", "tags", "attachments", "sequence",
    "original_start_time",
)  # fmt: skip


def occurrences(ics, headers, calendar_id) -> list[tuple]:
    """(start, end, title, status) of every occurrence over two years."""
    found = []
    for start, end in YEARS:
        for o in ics.occurrences(headers, calendar_id, start, end):
            found.append((o["start_time"], o["end_time"], o["title"], o["status"]))
    return sorted(found)


def contents(ics, headers, calendar_id) -> list[tuple]:
    """Every stored field; a rule as exported (``UNTIL`` typed as RFC 5545
    requires: a DATE UNTIL of a timed series is written as its UTC instant)."""
    out = []
    for e in ics.events(headers, calendar_id):
        if e["recurrence_rule"]:
            rule = portable_rule(e["recurrence_rule"], e["timezone"], e["all_day"])
            e["recurrence_rule"] = rule
        reminders = [r["minutes_before"] for r in e["reminders"]]
        attendees = [(a["email"], a["name"], a["status"]) for a in e["attendees"]]
        out.append(
            (*(str(e[name]) for name in CONTENT), str(reminders), str(attendees))
        )
    return sorted(out)


def vevent_blocks(data: bytes) -> list[bytes]:
    return sorted(re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.S))


def test_export_then_import_gives_identical_occurrences(ics, headers, calendar, sample):
    data = ics.exported(headers, calendar["id"])
    report = ics.imported(headers, data)
    assert report["errors"] == [] and report["repaired"] == []
    copy = report["calendar_id"]
    original = occurrences(ics, headers, calendar["id"])
    assert len(original) > 40
    assert occurrences(ics, headers, copy) == original


def test_export_then_import_keeps_every_field(ics, headers, calendar, sample):
    report = ics.imported(headers, ics.exported(headers, calendar["id"]))
    assert contents(ics, headers, report["calendar_id"]) == contents(
        ics, headers, calendar["id"]
    )


def test_the_copy_exports_the_same_events(ics, headers, calendar, sample):
    first = ics.exported(headers, calendar["id"])
    copy = ics.imported(headers, first)["calendar_id"]
    assert vevent_blocks(ics.exported(headers, copy)) == vevent_blocks(first)


def test_importing_an_export_into_its_own_calendar_changes_nothing(
    ics, headers, calendar, sample
):
    before = ics.events(headers, calendar["id"])
    first = ics.exported(headers, calendar["id"])
    report = ics.imported(headers, first, calendar_id=calendar["id"])
    assert (report["created"], report["updated"], report["deleted"]) == (0, 0, 0)
    assert report["skipped"] == len(parse(first).walk("VEVENT"))
    assert ics.events(headers, calendar["id"]) == before
    assert ics.exported(headers, calendar["id"]) == first


@pytest.mark.parametrize("name", FIXTURES)
def test_import_export_import_is_stable(ics, headers, name):
    report = ics.imported(headers, fixture_bytes(name))
    cid = report["calendar_id"]
    stored = ics.events(headers, cid)
    first = ics.exported(headers, cid)
    parse(first)
    again = ics.imported(headers, first, calendar_id=cid)
    assert (again["created"], again["updated"]) == (0, 0)
    assert again["skipped"] == report["created"] + report["updated"]
    assert ics.events(headers, cid) == stored  # no duplicates, nothing moved
    assert ics.exported(headers, cid) == first  # no drift


@pytest.mark.parametrize("name", FIXTURES)
def test_a_fixture_survives_export_into_a_new_calendar(ics, headers, name):
    cid = ics.imported(headers, fixture_bytes(name))["calendar_id"]
    first = ics.exported(headers, cid)
    copy = ics.imported(headers, first)["calendar_id"]
    assert occurrences(ics, headers, copy) == occurrences(ics, headers, cid)
    assert contents(ics, headers, copy) == contents(ics, headers, cid)
    assert vevent_blocks(ics.exported(headers, copy)) == vevent_blocks(first)


def test_a_split_series_exports_its_exceptions_under_the_new_uid(
    ics, api, client, headers, calendar
):
    series = api.event(
        headers,
        calendar["id"],
        title="Sync",
        start_time="2026-01-05T09:00:00Z",
        end_time="2026-01-05T10:00:00Z",
        recurrence_rule="FREQ=WEEKLY;COUNT=10",
    )
    slot = f"/events/{series['id']}/instances/"
    late = client.put(slot + "2026-02-16T09:00:00Z", json={"title": "Sync (late)"},
                      headers=headers)  # fmt: skip
    assert late.status_code == 200
    split = client.put(
        slot + "2026-01-26T09:00:00Z",
        query_string={"scope": "following"},
        json={"title": "Sync v2"},
        headers=headers,
    )
    assert split.status_code == 200, split.get_json()
    new_uid = split.get_json()["ical_uid"]
    data = ics.exported(headers, calendar["id"])
    moved = [
        e for e in parse(data).walk("VEVENT") if str(e["SUMMARY"]) == "Sync (late)"
    ]
    assert str(moved[0]["UID"]) == new_uid
    copy = ics.imported(headers, data)
    assert copy["errors"] == [] and copy["repaired"] == []
    assert occurrences(ics, headers, copy["calendar_id"]) == occurrences(
        ics, headers, calendar["id"]
    )
