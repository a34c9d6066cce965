"""Odd ICS files are refused (400) or imported with the bad events reported, never a
500: extreme years, absurd durations and rules, missing DTSTART, unknown or absurd
zones, binary garbage, non-UTF-8. Each file in tests/fixtures/ics/ is named by its
edge case; both upload forms (raw body and multipart) and dry runs are tried."""

from __future__ import annotations

import pytest

from tests.ics.conftest import fixture_bytes

ODD_FILES = [
    "alarm_trigger_extreme.ics",
    "binary_garbage.ics",
    "dtstart_year_0001.ics",
    "dtstart_year_9999.ics",
    "duration_huge.ics",
    "exdate_rdate_extreme.ics",
    "missing_dtstart.ics",
    "non_utf8_latin1.ics",
    "recurrence_id_extreme.ics",
    "rrule_absurd_values.ics",
    "rrule_bysetpos_zero.ics",
    "rrule_interval_zero_or_huge.ics",
    "tzid_unknown.ics",
    "vtimezone_absurd_offsets.ics",
]


def _assert_handled(r) -> dict:
    assert r.status_code < 500, r.get_data()[:300]
    body = r.get_json()
    assert isinstance(body, dict)
    if r.status_code >= 400:
        assert r.status_code in (400, 413, 415), body
        assert set(body) <= {"error", "code", "details"}
        assert body["code"] and body["error"]
    return body


@pytest.mark.parametrize("name", ODD_FILES)
@pytest.mark.parametrize("multipart", [True, False], ids=["multipart", "raw"])
def test_odd_file_is_never_a_server_error(ics, headers, name, multipart):
    data = fixture_bytes(name)
    _assert_handled(ics.import_(headers, data, multipart=multipart, dry_run="true"))
    _assert_handled(ics.import_(headers, data, multipart=multipart))


@pytest.mark.parametrize("name", ODD_FILES)
def test_odd_file_into_a_calendar_then_export_is_never_a_server_error(
    ics, headers, calendar, name
):
    r = ics.import_(headers, fixture_bytes(name), calendar_id=calendar["id"])
    body = _assert_handled(r)
    if r.status_code == 200 and body.get("created"):
        export = ics.export(headers, calendar["id"])
        assert export.status_code == 200, export.get_data()[:300]
        listed = ics.client.get(
            "/events",
            query_string={
                "calendar_id": calendar["id"],
                "start": "1800-01-01T00:00:00Z",
                "end": "2999-12-31T00:00:00Z",
                "limit": 200,
            },
            headers=headers,
        )
        _assert_handled(listed)
