"""Occurrences of real-world-like files, against an independent expander.

Each file of ``CASES`` is imported through the API and its window listed
(``GET /events?start&end``, every page). The occurrences, as
``(UID, start, length in seconds)``, must equal the file's expected list in
``tests/fixtures/ics/expected/`` (so the corpus is a regression suite), and so
must those of ``recurring-ical-events`` (requirements-oracle.txt, used only
here): an independent reading of RFC 5545 over the same file, except where it
departs from the RFC (``ORACLE_DEPARTS``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from tests.ics.conftest import FIXTURES, fixture_bytes

# file -> the window [start, end) listed
CASES = {
    # a zero-length event at the window's start is in it; one at its end is not
    "zero_length_events.ics": ("2026-03-01T23:00:00Z", "2026-04-05T22:00:00Z"),
    "rdate_periods.ics": ("2026-03-01T00:00:00Z", "2026-04-30T00:00:00Z"),
    "vtimezone_custom_rules.ics": ("2026-03-01T00:00:00Z", "2026-08-01T00:00:00Z"),
    "all_day_series.ics": ("2026-03-01T05:00:00Z", "2026-05-01T04:00:00Z"),
    "bysetpos_monthly.ics": ("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
    "recurrence_with_exceptions.ics": ("2026-01-01T00:00:00Z", "2026-07-01T00:00:00Z"),
    "dst_transitions.ics": ("2026-03-01T00:00:00Z", "2026-11-30T00:00:00Z"),
    "rfc5545_examples.ics": ("1997-08-01T00:00:00Z", "1998-08-01T00:00:00Z"),
}
# Where recurring-ical-events departs from RFC 5545, and calapp does not:
# file -> (occurrences only it lists, occurrences only calapp lists), as
# multisets.
ORACLE_DEPARTS = {
    "dst_transitions.ics": (
        # A DTEND gives every occurrence the same exact length (§3.8.5.3): one
        # hour and 30 minutes, also from a wall time in the spring gap or the
        # autumn fold. The oracle ends them at the DTEND's wall time instead.
        # Wall times 02:00 (in the gap: 03:00 CEST) and 03:00 are one instant:
        # duplicates are one occurrence (§3.8.5.3); the oracle lists it twice.
        [
            ["fold@example.com", "2026-10-25T00:30:00Z", 5400],
            ["gap@example.com", "2026-03-29T01:30:00Z", 0],
            ["hourly@example.com", "2026-03-29T01:00:00Z", 1800],
        ],
        [
            ["fold@example.com", "2026-10-25T00:30:00Z", 1800],
            ["gap@example.com", "2026-03-29T01:30:00Z", 3600],
        ],
    ),
    "rfc5545_examples.ics": (
        # DTSTART always counts as the first occurrence of a COUNT (§3.3.10),
        # even off the rule; the oracle adds it on top of COUNT.
        [["unsynchronised@example.com", "1997-09-22T13:00:00Z", 3600]],
        # A floating UNTIL is read on the series' own (floating) clock; the
        # oracle reads it in UTC once X-WR-TIMEZONE made the starts zoned.
        [["floating-until@example.com", "1998-04-06T12:00:00Z", 1800]],
    ),
}
EXPECTED = FIXTURES / "ics" / "expected"
# An override whose series is not in the file is imported as an event of its own,
# its UID suffixed with its slot (``_R<slot>``): the same occurrence.
_SLOT_SUFFIX = re.compile(r"_R\d{8}T\d{6}Z$")


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def expected(name: str) -> list[list]:
    return json.loads((EXPECTED / name.replace(".ics", ".json")).read_text())


def calapp_occurrences(ics, headers, name: str) -> list[list]:
    report = ics.imported(headers, fixture_bytes(name))
    assert report["errors"] == []
    start, end = CASES[name]
    items = ics.occurrences(headers, report["calendar_id"], start, end)
    return sorted(
        [
            _SLOT_SUFFIX.sub("", e["ical_uid"]),
            e["start_time"],
            int((_instant(e["end_time"]) - _instant(e["start_time"])).total_seconds()),
        ]
        for e in items
    )


def _utc(value, zone: ZoneInfo) -> datetime:
    if not isinstance(value, datetime):  # a DATE: midnight in the calendar's zone
        value = datetime.combine(value, time())
    if value.tzinfo is None:  # a DATE or a floating time
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)


def oracle_occurrences(name: str) -> list[list]:
    calendar = icalendar.Calendar.from_ical(fixture_bytes(name))
    zone = ZoneInfo(str(calendar.get("X-WR-TIMEZONE", "UTC")))
    start, end = (_instant(t) for t in CASES[name])
    found = []
    for event in recurring_ical_events.of(calendar).between(start, end):
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue  # a cancelled occurrence is not listed
        begin = event["DTSTART"].dt
        if "DTEND" in event:
            finish = event["DTEND"].dt
        elif "DURATION" in event:
            finish = begin + event["DURATION"].dt
        else:  # RFC 5545 §3.6.1
            is_date = isinstance(begin, date) and not isinstance(begin, datetime)
            finish = begin + timedelta(days=1) if is_date else begin
        first, last = _utc(begin, zone), _utc(finish, zone)
        found.append(
            [str(event["UID"]), _stamp(first), int((last - first).total_seconds())]
        )
    return sorted(found)


@pytest.mark.parametrize("name", sorted(CASES))
def test_calapp_lists_the_expected_occurrences(ics, headers, name):
    assert calapp_occurrences(ics, headers, name) == expected(name)


@pytest.mark.parametrize("name", sorted(CASES))
def test_an_independent_expander_agrees(name):
    only_oracle, only_calapp = ORACLE_DEPARTS.get(name, ([], []))
    want = Counter(map(tuple, expected(name)))
    want -= Counter(map(tuple, only_calapp))
    want += Counter(map(tuple, only_oracle))
    assert Counter(map(tuple, oracle_occurrences(name))) == want
