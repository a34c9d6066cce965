"""A file's VTIMEZONE defines its TZID (RFC 5545 §3.2.19, §3.6.5), also when the
TZID only resembles an IANA name."""

from __future__ import annotations

from tests.ics.conftest import by_uid, fixture_bytes, repaired_for

FILE = "vtimezone_custom_rules.ics"


def _imported(ics, headers):
    report = ics.imported(headers, fixture_bytes(FILE))
    return report, by_uid(ics.events(headers, report["calendar_id"]))


def test_a_prefixed_name_whose_rules_differ_takes_a_zone_that_agrees(ics, headers):
    report, events = _imported(ics, headers)
    summer = events["no-dst-single@example.com"]
    # The file's zone stays at +01:00 all year: 10:00 is 09:00Z, not Berlin's 08:00Z.
    assert summer["start_time"] == "2026-07-15T09:00:00Z"
    assert summer["timezone"] == "Africa/Lagos"
    assert (
        "TZID '/example.com/20070101_1/Europe/Berlin' read as Africa/Lagos: its "
        "VTIMEZONE differs from Europe/Berlin in 2026; Africa/Lagos has the same "
        "UTC offsets" in repaired_for(report, None)
    )


def test_a_series_keeps_the_file_zones_wall_time(ics, headers):
    _, events = _imported(ics, headers)
    weekly = events["no-dst-weekly@example.com"]
    assert weekly["timezone"] == "Africa/Lagos"


def test_another_case_with_the_same_rules_is_the_iana_zone(ics, headers):
    report, events = _imported(ics, headers)
    assert events["london-weekly@example.com"]["timezone"] == "Europe/London"
    # An unbounded (or COUNT) series is compared through next year.
    assert any(
        w.startswith("TZID 'europe/london' read as Europe/London (its VTIMEZONE agrees")
        for w in repaired_for(report, None)
    )


def test_rules_matching_no_iana_zone_convert_the_times_and_keep_utc(ics, headers):
    report, events = _imported(ics, headers)
    old_rules = events["old-us-rules@example.com"]
    # Before the first Sunday of April the file's zone is still at -05:00.
    assert old_rules["start_time"] == "2026-03-20T15:00:00Z"
    assert old_rules["timezone"] == "UTC"
    assert any(
        w.startswith(
            "TZID '/vendor.example/America/New_York': its VTIMEZONE differs from "
            "America/New_York in 2026 and matches no IANA zone"
        )
        for w in repaired_for(report, None)
    )


def test_a_resembling_name_without_a_vtimezone_is_the_iana_zone(ics, headers):
    report = ics.imported(headers, fixture_bytes("vendor_prefixed_tzids.ics"))
    events = by_uid(ics.events(headers, report["calendar_id"]))
    assert events["mozilla@example.com"]["start_time"] == "2026-01-15T09:00:00Z"
