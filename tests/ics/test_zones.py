"""TZIDs of real-world files to IANA zones (no database)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from calapp.fields import known_timezones
from calapp.ics import zones

EASTERN_VTIMEZONE = """BEGIN:VTIMEZONE\r
TZID:Custom\r
BEGIN:STANDARD\r
DTSTART:16011104T020000\r
RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r
TZOFFSETFROM:-0400\r
TZOFFSETTO:-0500\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010311T020000\r
RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r
TZOFFSETFROM:-0500\r
TZOFFSETTO:-0400\r
END:DAYLIGHT\r
END:VTIMEZONE\r
"""


def test_the_windows_table_covers_the_common_zones_with_real_iana_names():
    assert len(zones.WINDOWS_ZONES) >= 40
    assert set(zones.WINDOWS_ZONES.values()) <= known_timezones()
    assert set(zones.DISPLAY_REGIONS.values()) <= known_timezones()


@pytest.mark.parametrize(
    ("tzid", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("UTC", "UTC"),
        ("GMT", "UTC"),
        ("/mozilla.org/20050126_1/Europe/Berlin", "Europe/Berlin"),
        ("/softwarestudio.org/Olson_20011030_5/America/New_York", "America/New_York"),
        ("/citadel.org/20190914_1/America/Argentina/Buenos_Aires",
         "America/Argentina/Buenos_Aires"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Eastern Standard Time", "America/New_York"),
        ("India Standard Time", "Asia/Kolkata"),
        ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("Nowhere", None),
    ],
)  # fmt: skip
def test_iana_names_vendor_prefixes_and_windows_names(tzid, zone):
    assert zones.iana(tzid) == zone


@pytest.mark.parametrize(
    ("tzid", "zone"),
    [
        ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
         "Europe/Berlin"),
        ("(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna",
         "Europe/Berlin"),
        ("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"),
        ("(UTC+10:00) Canberra, Melbourne, Sydney", "Australia/Sydney"),
        ("(UTC+00:00) Dublin, Edinburgh, Lisbon, London", "Europe/London"),
        ("(UTC+05:00) Berlin", None),  # the offset does not match
    ],
)  # fmt: skip
def test_windows_display_names(tzid, zone):
    assert zones.display_name(tzid, 2026) == zone


def test_a_custom_vtimezone_is_matched_by_offsets():
    resolver = zones.Resolver({"Custom": EASTERN_VTIMEZONE}, "Europe/Berlin")
    resolved = resolver.resolve("Custom", 2026)
    assert resolved.zone == "America/New_York"
    assert resolver.notes == [
        "TZID 'Custom' read as America/New_York (same UTC offsets as its VTIMEZONE)"
    ]


def test_a_custom_vtimezone_matching_nothing_converts_with_its_own_rules():
    odd = EASTERN_VTIMEZONE.replace("-0500", "-0517").replace("-0400", "-0417")
    resolved = zones.Resolver({"Custom": odd}, "UTC").resolve("Custom", 2026)
    assert resolved.zone == "UTC"
    local = datetime(2026, 1, 15, 12).replace(tzinfo=resolved.tzinfo)
    assert local.astimezone(UTC) == datetime(2026, 1, 15, 17, 17, tzinfo=UTC)


def test_a_bare_offset_becomes_an_etc_zone():
    resolver = zones.Resolver({}, "UTC")
    assert resolver.resolve("GMT+0100", 2026).zone == "Etc/GMT-1"
    half = resolver.resolve("(UTC+05:30)", 2026)
    assert half.zone == "UTC"
    assert half.tzinfo.utcoffset(None).total_seconds() == 5.5 * 3600


def test_an_unknown_tzid_without_vtimezone_uses_the_default_zone():
    resolver = zones.Resolver({}, "Europe/Paris")
    resolved = resolver.resolve("Somewhere/Else", 2026)
    assert resolved.zone == "Europe/Paris"
    assert resolved.tzinfo == ZoneInfo("Europe/Paris")
    assert len(resolver.notes) == 1


def test_each_tzid_is_resolved_and_reported_once():
    resolver = zones.Resolver({}, "UTC")
    for _ in range(3):
        resolver.resolve("W. Europe Standard Time", 2026)
    assert resolver.notes == ["TZID 'W. Europe Standard Time' read as Europe/Berlin"]


def test_vtimezones_for_export_are_built_and_cached():
    first = zones.vtimezone("Europe/Berlin", 1970, 2038)
    assert first.startswith(b"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n")
    assert zones.vtimezone("Europe/Berlin", 1970, 2038) is first


# Mozilla's Europe/Berlin: today's EU rules, stated from 1970 on (Germany had no
# summer time from 1950 to 1979).
MOZILLA_BERLIN = "/mozilla.org/20050126_1/Europe/Berlin"
MOZILLA_VTIMEZONE = f"""BEGIN:VTIMEZONE\r
TZID:{MOZILLA_BERLIN}\r
BEGIN:STANDARD\r
DTSTART:19701025T030000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:19700329T020000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
END:DAYLIGHT\r
END:VTIMEZONE\r
"""


def test_a_prefixed_vtimezone_agreeing_over_the_events_span_is_the_iana_zone():
    resolver = zones.Resolver(
        {MOZILLA_BERLIN: MOZILLA_VTIMEZONE}, "UTC", {MOZILLA_BERLIN: (2020, 2027)}
    )
    resolved = resolver.resolve(MOZILLA_BERLIN, 2026)
    assert resolved.zone == "Europe/Berlin"
    assert resolved.note == (
        f"TZID {MOZILLA_BERLIN!r} read as Europe/Berlin (its VTIMEZONE agrees in "
        "2020–2027)"
    )


def test_the_same_vtimezone_over_years_where_it_differs_decides_the_instants():
    # Events of 1978: the file says summer time, Berlin had none.
    resolver = zones.Resolver(
        {MOZILLA_BERLIN: MOZILLA_VTIMEZONE}, "UTC", {MOZILLA_BERLIN: (1978, 1978)}
    )
    resolved = resolver.resolve(MOZILLA_BERLIN, 1978)
    assert resolved.zone != "Europe/Berlin"
    july = datetime(1978, 7, 1, 12).replace(tzinfo=resolved.tzinfo)
    assert july.utcoffset().total_seconds() == 7200  # the file's +02:00
    assert "its VTIMEZONE differs from Europe/Berlin in 1978" in resolved.note
