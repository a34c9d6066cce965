"""Zero-length events (RFC 5545 §3.6.1) and RDATE periods (§3.8.5.2) in every
read: lists, instances, availability, exceptions, edits and export."""

from __future__ import annotations

from tests.ics.conftest import by_uid, calendar_file, event, fixture_bytes, parse

MARCH = {"start": "2026-03-01T00:00:00Z", "end": "2026-04-01T00:00:00Z"}


def _titles(client, headers, calendar_id, **window) -> list[str]:
    r = client.get(
        "/events",
        query_string={"calendar_id": calendar_id, **window},
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    return [e["title"] for e in r.get_json()["items"]]


def _busy(client, headers, calendar_id, start, end) -> list[dict]:
    r = client.get(
        "/availability",
        query_string={"calendar_id": calendar_id, "start": start, "end": end},
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    return r.get_json()["busy"]


def _imported_course(ics, headers) -> tuple[str, dict]:
    report = ics.imported(headers, fixture_bytes("rdate_periods.ics"))
    return report["calendar_id"], by_uid(ics.events(headers, report["calendar_id"]))


# --- zero length ---------------------------------------------------------------------


def test_a_zero_length_event_is_in_a_window_from_its_start(
    api, client, headers, calendar
):
    at = "2026-03-10T12:00:00Z"
    api.event(headers, calendar["id"], title="Ping", start_time=at, end_time=at)
    cid = calendar["id"]
    assert _titles(client, headers, cid, start=at, end="2026-03-10T13:00:00Z") == [
        "Ping"
    ]
    assert _titles(client, headers, cid, start="2026-03-10T11:00:00Z", end=at) == []
    assert _titles(client, headers, cid, start=at) == ["Ping"]  # ?start= alone
    assert _titles(client, headers, cid, start="2026-03-10T12:00:01Z") == []


def test_a_zero_length_series_expands_to_zero_length_occurrences(
    api, client, headers, calendar
):
    at = "2026-03-02T09:00:00Z"
    api.event(
        headers,
        calendar["id"],
        start_time=at,
        end_time=at,
        recurrence_rule="FREQ=DAILY;COUNT=3",
    )
    r = client.get(
        "/events",
        query_string={
            "calendar_id": calendar["id"],
            "start": at,
            **{"end": MARCH["end"]},
        },
        headers=headers,
    )
    items = r.get_json()["items"]
    assert [(e["start_time"], e["end_time"]) for e in items] == [
        (f"2026-03-0{d}T09:00:00Z", f"2026-03-0{d}T09:00:00Z") for d in (2, 3, 4)
    ]


def test_a_zero_length_event_blocks_no_time(api, client, headers, calendar):
    at = "2026-03-10T12:00:00Z"
    api.event(headers, calendar["id"], start_time=at, end_time=at)
    assert _busy(client, headers, calendar["id"], **MARCH) == []


def test_a_zero_length_event_is_exported_without_an_end(ics, api, headers, calendar):
    at = "2026-03-10T12:00:00Z"
    api.event(headers, calendar["id"], title="Ping", start_time=at, end_time=at)
    (vevent,) = parse(ics.exported(headers, calendar["id"])).walk("VEVENT")
    assert "DTSTART" in vevent and "DTEND" not in vevent and "DURATION" not in vevent


def test_patching_an_event_to_zero_length_is_accepted(api, client, headers, calendar):
    event = api.event(headers, calendar["id"])
    r = client.put(
        f"/events/{event['id']}",
        json={"end_time": event["start_time"]},
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["end_time"] == event["start_time"]


# --- RDATE periods -------------------------------------------------------------------


def test_instances_keep_the_length_of_their_rdate_period(ics, client, headers):
    _, events = _imported_course(ics, headers)
    course = events["course@example.com"]
    r = client.get(
        f"/events/{course['id']}/instances", query_string=MARCH, headers=headers
    )
    spans = {e["start_time"]: e["end_time"] for e in r.get_json()["items"]}
    assert spans["2026-03-06T13:00:00Z"] == "2026-03-06T16:00:00Z"  # PT3H
    assert spans["2026-03-12T08:00:00Z"] == "2026-03-12T17:00:00Z"  # start/end
    assert spans["2026-03-20T09:00:00Z"] == "2026-03-20T10:00:00Z"  # plain RDATE
    assert spans["2026-03-10T09:00:00Z"] == "2026-03-10T10:00:00Z"  # the rule's


def test_an_rdate_period_is_busy_for_its_own_length(ics, client, headers):
    cid, _ = _imported_course(ics, headers)
    busy = _busy(client, headers, cid, "2026-03-12T00:00:00Z", "2026-03-13T00:00:00Z")
    assert busy == [{"start": "2026-03-12T08:00:00Z", "end": "2026-03-12T17:00:00Z"}]


def test_an_exception_of_an_rdate_period_starts_with_its_length(ics, client, headers):
    _, events = _imported_course(ics, headers)
    course = events["course@example.com"]
    r = client.put(
        f"/events/{course['id']}/instances/2026-03-06T13:00:00Z",
        json={"title": "Long session (room change)"},
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["end_time"] == "2026-03-06T16:00:00Z"


def test_an_rdate_kept_by_an_edit_keeps_its_period(ics, client, headers):
    _, events = _imported_course(ics, headers)
    course = events["course@example.com"]
    kept = ["2026-03-12T08:00:00Z", "2026-03-20T09:00:00Z"]
    r = client.put(f"/events/{course['id']}", json={"rdates": kept}, headers=headers)
    assert r.status_code == 200, r.get_json()
    r = client.get(
        f"/events/{course['id']}/instances", query_string=MARCH, headers=headers
    )
    spans = {e["start_time"]: e["end_time"] for e in r.get_json()["items"]}
    assert spans["2026-03-12T08:00:00Z"] == "2026-03-12T17:00:00Z"
    assert "2026-03-06T13:00:00Z" not in spans


def test_rdate_periods_are_exported_and_read_back(ics, client, headers):
    cid, _ = _imported_course(ics, headers)
    exported = ics.exported(headers, cid)
    assert b"RDATE;VALUE=PERIOD;TZID=Europe/Berlin:20260306T140000/PT3H" in exported
    parse(exported)
    again = ics.imported(headers, exported)
    before = ics.occurrences(headers, cid, **MARCH)
    after = ics.occurrences(headers, again["calendar_id"], **MARCH)

    def spans(items):
        return sorted((e["start_time"], e["end_time"]) for e in items)

    assert spans(after) == spans(before)


def test_a_long_rdate_period_changed_by_an_exception_is_listed_once(
    ics, client, headers
):
    data = calendar_file(
        event(
            "retreat@example.com",
            "RRULE:FREQ=WEEKLY;COUNT=2",
            "RDATE;VALUE=PERIOD:20260306T130000Z/P3D",
            "SUMMARY:Team time",
            start="20260302T090000Z",
            end="20260302T100000Z",
        )
    )
    cid = ics.imported(headers, data)["calendar_id"]
    series = by_uid(ics.events(headers, cid))["retreat@example.com"]
    r = client.put(
        f"/events/{series['id']}/instances/2026-03-06T13:00:00Z",
        json={"title": "Retreat"},
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    window = {"start": "2026-03-08T00:00:00Z", "end": "2026-03-08T12:00:00Z"}
    listed = ics.occurrences(headers, cid, **window)
    assert [(e["title"], e["end_time"]) for e in listed] == [
        ("Retreat", "2026-03-09T13:00:00Z")
    ]
    assert _busy(client, headers, cid, **window) == [
        {"start": window["start"], "end": window["end"]}
    ]


def test_a_long_window_of_a_zero_length_daily_series_starts_at_its_edge(
    api, client, headers, calendar
):
    # A window of 10 days or more takes the counted, lazy path of simple rules.
    api.event(
        headers,
        calendar["id"],
        start_time="2026-03-02T09:00:00Z",
        end_time="2026-03-02T09:00:00Z",
        recurrence_rule="FREQ=DAILY",
        timezone="UTC",
    )
    window = {"start": "2026-03-10T09:00:00Z", "end": "2026-03-30T09:00:00Z"}
    listed = api.list(headers, calendar_id=calendar["id"], limit=200, **window)
    starts = [e["start_time"] for e in listed["items"]]
    assert len(starts) == 20
    assert starts[0] == window["start"] and starts[-1] == "2026-03-29T09:00:00Z"


# --- DURATION with nominal days ------------------------------------------------------


def _nominal_series(ics, headers) -> tuple[str, dict]:
    data = calendar_file(
        event(
            "nominal@example.com",
            "DURATION:P1D",
            "RRULE:FREQ=DAILY;COUNT=3",
            "SUMMARY:A day each",
            start="20260327T120000",  # floating: read in X-WR-TIMEZONE
            end=None,
        ),
        header=("X-WR-TIMEZONE:Europe/Berlin",),
    )
    cid = ics.imported(headers, data)["calendar_id"]
    return cid, by_uid(ics.events(headers, cid))["nominal@example.com"]


def _ends(ics, headers, cid) -> list[str]:
    return [
        e["end_time"]
        for e in ics.occurrences(headers, cid, "2026-03-27T00:00:00Z", MARCH["end"])
    ]


def test_a_duration_of_days_ends_at_the_same_wall_time_across_dst(ics, headers):
    cid, series = _nominal_series(ics, headers)
    assert series["timezone"] == "Europe/Berlin"
    # 12:00 CET on the 28th to 12:00 CEST on the 29th: 23 hours.
    assert _ends(ics, headers, cid) == [
        "2026-03-28T11:00:00Z",
        "2026-03-29T10:00:00Z",
        "2026-03-30T10:00:00Z",
    ]


def test_a_duration_of_days_is_exported_as_a_duration(ics, headers):
    cid, _ = _nominal_series(ics, headers)
    (vevent,) = parse(ics.exported(headers, cid)).walk("VEVENT")
    assert "DTEND" not in vevent
    assert vevent.decoded("DURATION").days == 1
    again = ics.imported(headers, ics.exported(headers, cid))["calendar_id"]
    assert _ends(ics, headers, again) == _ends(ics, headers, cid)


def test_times_set_through_the_api_are_exact_again(ics, client, headers):
    cid, series = _nominal_series(ics, headers)
    r = client.put(
        f"/events/{series['id']}",
        json={"end_time": "2026-03-28T11:00:00Z"},
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    # 24 hours each now, also from 12:00 CET on the 28th.
    assert _ends(ics, headers, cid) == [
        "2026-03-28T11:00:00Z",
        "2026-03-29T11:00:00Z",
        "2026-03-30T10:00:00Z",
    ]
