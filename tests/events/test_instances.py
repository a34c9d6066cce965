"""Recurring events over HTTP: windows, instances, exceptions, splits and limits.

A series is expanded lazily in ``GET /events?start&end`` and
``GET /events/{id}/instances``; one occurrence is changed or cancelled through
``/events/{id}/instances/{original_start_time}`` (an exception row). Slots in
paths and expected times are written in UTC with ``Z``.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from tests.events.conftest import OMIT, titles

BERLIN = "Europe/Berlin"
MONDAY = "2026-03-02T09:00:00Z"  # every series below starts here unless it says
WEEK = {"start": "2026-03-02T00:00:00Z", "end": "2026-03-09T00:00:00Z"}


def z(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def day(n: int, hour: int = 9, minute: int = 0) -> str:
    """March ``n`` 2026 at ``hour:minute`` UTC (March 2 is a Monday)."""
    return z(datetime(2026, 3, n, hour, minute, tzinfo=UTC))


def local(instant: str, zone: str = BERLIN) -> str:
    return datetime.fromisoformat(instant).astimezone(ZoneInfo(zone)).strftime("%H:%M")


def starts(items: list[dict]) -> list[str]:
    return [item["start_time"] for item in items]


def listing(api, headers, start, end, **params) -> list[dict]:
    """Every item of the window, in one page (asserted)."""
    page = api.list(headers, start=start, end=end, limit=200, **params)
    assert page["next_cursor"] is None
    return page["items"]


def walk(client, headers, url, limit, **params) -> list[dict]:
    """Every item of a window, page by page."""
    items, cursor = [], None
    while True:
        query = {"limit": limit, **params, **({"cursor": cursor} if cursor else {})}
        r = client.get(url, query_string=query, headers=headers)
        assert r.status_code == 200, r.get_json()
        page = r.get_json()
        assert len(page["items"]) <= limit
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def slot_url(event_id: str, slot: str) -> str:
    return f"/events/{event_id}/instances/{slot}"


@pytest.fixture
def make_series(make_event):
    """``make_series(rule, **fields)``: a recurring event, by default daily from
    Monday 2026-03-02 09:00-10:00 UTC."""

    def make(rule: str = "FREQ=DAILY", **fields):
        return make_event(
            recurrence_rule=rule, **{"timezone": "UTC", "start_time": MONDAY, **fields}
        )

    return make


@pytest.fixture
def edit(client, headers):
    """``edit(series, slot, scope="this", **changes)``: PUT on an instance (200)."""

    def put(series: dict, slot: str, scope: str = "this", **changes) -> dict:
        r = client.put(
            slot_url(series["id"], slot),
            query_string={"scope": scope},
            json=changes,
            headers=headers,
        )
        assert r.status_code == 200, r.get_json()
        return r.get_json()

    return put


@pytest.fixture
def cancel(client, headers):
    def delete(series: dict, slot: str, scope: str = "this") -> None:
        r = client.delete(
            slot_url(series["id"], slot), query_string={"scope": scope}, headers=headers
        )
        assert r.status_code == 204, r.get_json()

    return delete


# --- expansion ----------------------------------------------------------------------


def test_a_weekly_berlin_series_keeps_9_local_across_the_spring_dst_change(
    api, headers, make_series
):
    make_series(
        "FREQ=WEEKLY",
        start_time="2026-03-16T08:00:00Z",  # Monday 09:00 CET
        end_time="2026-03-16T09:00:00Z",
        timezone=BERLIN,
    )

    items = listing(api, headers, "2026-03-16T00:00:00Z", "2026-04-07T00:00:00Z")

    # Berlin moves to CEST on Sunday 2026-03-29: 09:00 local is 07:00 UTC after it.
    assert starts(items) == [
        "2026-03-16T08:00:00Z",
        "2026-03-23T08:00:00Z",
        "2026-03-30T07:00:00Z",
        "2026-04-06T07:00:00Z",
    ]
    assert {local(s) for s in starts(items)} == {"09:00"}
    assert {local(item["end_time"]) for item in items} == {"10:00"}


def test_occurrences_carry_their_series_id_and_original_start_time(
    api, headers, make_series
):
    series = make_series()

    items = listing(api, headers, day(2, 0), day(4, 0))

    assert [(i["id"], i["series_id"], i["original_start_time"]) for i in items] == [
        (series["id"], series["id"], day(2)),
        (series["id"], series["id"], day(3)),
    ]


def test_an_all_day_weekly_series_stays_on_its_dates_across_dst(
    api, headers, make_series
):
    make_series("FREQ=WEEKLY", start_time="2026-03-23", end_time=OMIT, timezone=BERLIN)

    items = listing(api, headers, "2026-03-20T00:00:00Z", "2026-04-10T00:00:00Z")

    assert [(i["start_date"], i["end_date"]) for i in items] == [
        ("2026-03-23", "2026-03-24"),
        ("2026-03-30", "2026-03-31"),
        ("2026-04-06", "2026-04-07"),
    ]
    assert all(item["all_day"] for item in items)
    # Local midnight each time: +01:00 before the change, +02:00 after it.
    assert starts(items) == [
        "2026-03-22T23:00:00Z",
        "2026-03-29T22:00:00Z",
        "2026-04-05T22:00:00Z",
    ]


def test_exdates_remove_occurrences_and_rdates_add_them(api, headers, make_series):
    make_series("FREQ=WEEKLY", exdates=[day(9)], rdates=[day(11)])

    items = listing(api, headers, day(1, 0), day(17, 0))

    assert starts(items) == [day(2), day(11), day(16)]


def test_count_ends_the_series_after_that_many(api, headers, make_series):
    make_series("FREQ=DAILY;COUNT=3")

    assert starts(listing(api, headers, day(1, 0), day(31, 0))) == [
        day(2),
        day(3),
        day(4),
    ]


@pytest.mark.parametrize(
    ("until", "expected"),
    [("20260304T090000Z", [2, 3, 4]), ("20260304T085959Z", [2, 3])],
)
def test_until_is_inclusive_to_the_second(api, headers, make_series, until, expected):
    make_series(f"FREQ=DAILY;UNTIL={until}")

    items = listing(api, headers, day(1, 0), day(31, 0))

    assert starts(items) == [day(n) for n in expected]


def test_a_series_started_10_years_back_lists_like_one_started_1_year_back(
    client, headers, make_series
):
    # Two Berlin weekly series on Mondays at 09:00 local (CET at both starts).
    old = make_series(
        "FREQ=WEEKLY",
        start_time="2016-03-07T08:00:00Z",
        end_time="2016-03-07T09:00:00Z",
        timezone=BERLIN,
    )
    recent = make_series(
        "FREQ=WEEKLY",
        start_time="2025-03-03T08:00:00Z",
        end_time="2025-03-03T09:00:00Z",
        timezone=BERLIN,
    )
    window = {"start": "2026-03-02T00:00:00Z", "end": "2026-05-04T00:00:00Z"}

    lists = [
        walk(client, headers, f"/events/{s['id']}/instances", 200, **window)
        for s in (old, recent)
    ]

    assert starts(lists[0]) == starts(lists[1])
    assert len(lists[0]) == 9
    assert {local(s) for s in starts(lists[0])} == {"09:00"}


# --- rules refused ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ("FREQ=HOURLY", "occurrences a year"),
        ("FREQ=DAILY;UNTIL=20260101T000000Z", "UNTIL is before the event's start"),
        ("FREQ=DAILY;COUNT=5;UNTIL=20261231T000000Z", "COUNT and UNTIL"),
        ("every monday", "must be one RFC 5545 RRULE"),
        ("FREQ=WEEKLY;BYDAY=XX", "is not a valid RRULE"),
        ("FREQ=DAILY;COUNT=0", "COUNT must be between 1 and 10000"),
        # Daily, but BYHOUR x BYMINUTE x BYSECOND make it 86,400 a day.
        (
            "FREQ=DAILY;BYHOUR={};BYMINUTE={};BYSECOND={}".format(
                *(",".join(map(str, range(n))) for n in (24, 60, 60))
            ),
            "occurrences a year",
        ),
    ],
)
def test_an_unsafe_or_invalid_rule_is_400_saying_why(
    client, headers, calendar, rule, why
):
    r = client.post(
        "/events",
        json={
            "calendar_id": calendar["id"],
            "title": "x",
            "start_time": MONDAY,
            "end_time": day(2, 10),
            "recurrence_rule": rule,
        },
        headers=headers,
    )

    assert r.status_code == 400
    body = r.get_json()
    assert body["code"] == "validation_error"
    assert why in body["details"]["recurrence_rule"][0]


def test_an_all_day_series_repeating_within_a_day_is_400(client, headers, calendar):
    r = client.post(
        "/events",
        json={
            "calendar_id": calendar["id"],
            "title": "x",
            "start_time": "2026-03-02",
            "recurrence_rule": "FREQ=DAILY;BYHOUR=0,12",
        },
        headers=headers,
    )

    assert r.status_code == 400
    assert r.get_json()["details"]["recurrence_rule"] == [
        "an all-day event cannot repeat more than daily"
    ]


def test_exdates_on_a_non_recurring_event_are_400(client, headers, calendar):
    r = client.post(
        "/events",
        json={
            "calendar_id": calendar["id"],
            "title": "x",
            "start_time": MONDAY,
            "end_time": day(2, 10),
            "exdates": [day(3)],
        },
        headers=headers,
    )

    assert r.status_code == 400
    assert "exdates" in r.get_json()["details"]


# --- one occurrence -----------------------------------------------------------------


def test_an_edited_occurrence_is_listed_with_its_changes_at_its_new_time(
    api, headers, make_series, edit
):
    series = make_series()

    exception = edit(
        series, day(3), title="Moved", start_time=day(3, 14), end_time=day(3, 15)
    )

    assert exception["id"] != series["id"]
    assert (exception["series_id"], exception["original_start_time"]) == (
        series["id"],
        day(3),
    )
    items = listing(api, headers, day(2, 0), day(5, 0))
    assert [(i["title"], i["start_time"]) for i in items] == [
        ("Standup", day(2)),
        ("Moved", day(3, 14)),
        ("Standup", day(4)),
    ]
    moved = items[1]
    assert (moved["id"], moved["series_id"], moved["original_start_time"]) == (
        exception["id"],
        series["id"],
        day(3),
    )


def test_a_cancelled_occurrence_is_not_listed_but_reads_as_cancelled(
    client, api, headers, make_series, cancel
):
    series = make_series()

    cancel(series, day(3))

    assert starts(listing(api, headers, day(2, 0), day(5, 0))) == [day(2), day(4)]
    r = client.get(slot_url(series["id"], day(3)), headers=headers)
    assert r.status_code == 200
    body = r.get_json()
    assert (body["status"], body["series_id"], body["original_start_time"]) == (
        "cancelled",
        series["id"],
        day(3),
    )


def test_an_occurrence_reads_as_the_series_at_its_slot(client, headers, make_series):
    series = make_series(reminders=[10])

    r = client.get(slot_url(series["id"], day(5)), headers=headers)

    assert r.status_code == 200
    body = r.get_json()
    assert (body["id"], body["start_time"], body["end_time"]) == (
        series["id"],
        day(5),
        day(5, 10),
    )
    assert [m["minutes_before"] for m in body["reminders"]] == [10]


def test_an_occurrence_moved_into_the_window_is_listed_there(
    api, headers, make_series, edit
):
    series = make_series()

    edit(series, day(10), title="Pulled in", start_time=day(2, 12), end_time=day(2, 13))

    items = listing(api, headers, day(2, 0), day(3, 0))
    assert [(i["title"], i["start_time"], i["original_start_time"]) for i in items] == [
        ("Standup", day(2), day(2)),
        ("Pulled in", day(2, 12), day(10)),
    ]
    assert items[1]["series_id"] == series["id"]


def test_an_occurrence_moved_out_of_the_window_is_not_listed_there(
    api, headers, make_series, edit
):
    series = make_series()

    edit(series, day(3), start_time=day(20, 9), end_time=day(20, 10))

    assert listing(api, headers, day(3, 0), day(4, 0)) == []
    assert starts(listing(api, headers, day(20, 0), day(21, 0))) == [day(20)] * 2


def test_instances_lists_one_series_with_its_exceptions(
    client, headers, make_series, make_event, edit
):
    series = make_series()
    make_series(title="Other series")
    make_event(title="Single", start_time=day(3, 12), end_time=day(3, 13))
    edit(series, day(3), title="Edited")

    items = walk(client, headers, f"/events/{series['id']}/instances", 200, **WEEK)

    assert titles({"items": items}) == ["Standup", "Edited"] + ["Standup"] * 5


def test_deleting_an_exception_cancels_its_occurrence(
    client, api, headers, make_series, edit
):
    series = make_series()
    exception = edit(series, day(3), title="Edited")

    r = client.delete(f"/events/{exception['id']}", headers=headers)

    assert r.status_code == 204
    assert starts(listing(api, headers, day(2, 0), day(5, 0))) == [day(2), day(4)]
    again = client.get(f"/events/{exception['id']}", headers=headers).get_json()
    assert again["status"] == "cancelled"


def test_an_exdated_slot_is_not_an_occurrence(client, headers, make_series):
    series = make_series(exdates=[day(3)])

    for method in ("get", "put", "delete"):
        r = getattr(client, method)(
            slot_url(series["id"], day(3)), json={"title": "back"}, headers=headers
        )
        assert r.status_code == 404, method


# --- this and following, all --------------------------------------------------------


def test_this_and_following_splits_the_series_and_loses_no_occurrence(
    client, api, headers, make_series, edit
):
    series = make_series()
    edit(series, day(3), title="Early")
    late = edit(series, day(7), title="Late")

    new = edit(series, day(5), scope="following", title="New")

    assert new["id"] != series["id"]
    assert (new["start_time"], new["recurrence_rule"]) == (day(5), "FREQ=DAILY")
    assert "dropped_exceptions" not in new
    old = client.get(f"/events/{series['id']}", headers=headers).get_json()
    assert old["recurrence_rule"] == "FREQ=DAILY;UNTIL=20260305T085959Z"
    items = listing(api, headers, day(2, 0), day(9, 0))
    assert [(i["title"], i["start_time"]) for i in items] == [
        ("Standup", day(2)),
        ("Early", day(3)),
        ("Standup", day(4)),
        ("New", day(5)),
        ("New", day(6)),
        ("Late", day(7)),
        ("New", day(8)),
    ]
    assert [i["series_id"] for i in items] == [series["id"]] * 3 + [new["id"]] * 4
    assert items[5]["id"] == late["id"]


def test_this_and_following_on_a_count_series_keeps_the_total(
    client, api, headers, make_series, edit
):
    series = make_series("FREQ=DAILY;COUNT=6")

    new = edit(series, day(4), scope="following", title="New")

    assert new["recurrence_rule"] == "FREQ=DAILY;COUNT=4"
    old = client.get(f"/events/{series['id']}", headers=headers).get_json()
    assert old["recurrence_rule"] == "FREQ=DAILY;COUNT=2"
    items = listing(api, headers, day(1, 0), day(31, 0))
    assert [(i["title"], i["start_time"]) for i in items] == [
        ("Standup", day(2)),
        ("Standup", day(3)),
    ] + [("New", day(n)) for n in (4, 5, 6, 7)]


def test_cancelling_this_and_following_ends_the_series_before_the_slot(
    api, headers, make_series, edit, cancel
):
    series = make_series()
    edit(series, day(6), title="Later exception")

    cancel(series, day(4), scope="following")

    assert starts(listing(api, headers, day(1, 0), day(31, 0))) == [day(2), day(3)]


@pytest.fixture
def mon_wed(make_series, edit):
    """A Monday+Wednesday series with an edited Monday and an edited Wednesday."""
    series = make_series("FREQ=WEEKLY;BYDAY=MO,WE")
    monday = edit(series, day(9), title="Edited Monday")
    wednesday = edit(series, day(11), title="Edited Wednesday")
    return series, monday, wednesday


def test_changing_only_the_title_of_a_series_keeps_every_exception(
    client, api, headers, mon_wed
):
    series, _, _ = mon_wed

    r = client.put(
        f"/events/{series['id']}", json={"title": "Renamed"}, headers=headers
    )

    assert r.status_code == 200
    assert "dropped_exceptions" not in r.get_json()
    items = listing(api, headers, day(2, 0), day(14, 0))
    assert titles({"items": items}) == [
        "Renamed",
        "Renamed",
        "Edited Monday",
        "Edited Wednesday",
    ]


def test_changing_byday_drops_the_exceptions_whose_slot_vanished(
    client, api, headers, mon_wed
):
    series, monday, wednesday = mon_wed

    r = client.put(
        f"/events/{series['id']}",
        json={"recurrence_rule": "FREQ=WEEKLY;BYDAY=MO"},
        headers=headers,
    )

    assert r.status_code == 200
    assert r.get_json()["dropped_exceptions"] == [day(11)]
    items = listing(api, headers, day(2, 0), day(14, 0))
    assert [(i["title"], i["start_time"]) for i in items] == [
        ("Standup", day(2)),
        ("Edited Monday", day(9)),
    ]
    assert client.get(f"/events/{wednesday['id']}", headers=headers).status_code == 404
    assert client.get(f"/events/{monday['id']}", headers=headers).status_code == 200


def test_moving_the_start_of_a_series_drops_every_exception_and_reports_them(
    client, api, headers, mon_wed
):
    series, _, _ = mon_wed

    r = client.put(
        f"/events/{series['id']}",
        json={"start_time": day(2, 10), "end_time": day(2, 11)},
        headers=headers,
    )

    assert r.get_json()["dropped_exceptions"] == [day(9), day(11)]
    items = listing(api, headers, day(2, 0), day(14, 0))
    assert [(i["title"], i["start_time"]) for i in items] == [
        ("Standup", day(n, 10)) for n in (2, 4, 9, 11)
    ]


def test_deleting_a_series_deletes_its_exceptions(
    client, api, headers, make_series, edit
):
    series = make_series()
    exception = edit(series, day(3), start_time=day(20), end_time=day(20, 10))

    assert client.delete(f"/events/{series['id']}", headers=headers).status_code == 204

    assert listing(api, headers, day(1, 0), day(31, 0)) == []
    assert client.get(f"/events/{exception['id']}", headers=headers).status_code == 404


def test_moving_a_series_to_another_calendar_moves_its_exceptions(
    client, api, headers, make_series, edit
):
    series = make_series()
    edit(series, day(3), title="Edited")
    other = api.calendar(headers, name="Other")

    r = client.put(
        f"/events/{series['id']}", json={"calendar_id": other["id"]}, headers=headers
    )

    assert r.status_code == 200
    items = listing(api, headers, day(2, 0), day(5, 0), calendar_id=other["id"])
    assert titles({"items": items}) == ["Standup", "Edited", "Standup"]


# --- reminders and attendees --------------------------------------------------------


def test_an_exception_starts_with_the_series_reminders_and_attendees(make_series, edit):
    series = make_series(reminders=[10], attendees=[{"email": "ann@example.com"}])

    exception = edit(series, day(3), title="Edited")

    assert [r["minutes_before"] for r in exception["reminders"]] == [10]
    assert [a["email"] for a in exception["attendees"]] == ["ann@example.com"]


def test_a_reminder_added_to_an_exception_changes_only_that_occurrence(
    client, api, headers, make_series, edit
):
    series = make_series(reminders=[10])
    exception = edit(series, day(3), title="Edited")

    r = client.post(
        f"/events/{exception['id']}/reminders",
        json={"minutes_before": 30},
        headers=headers,
    )

    assert r.status_code == 201
    items = listing(api, headers, day(2, 0), day(5, 0))
    assert [[m["minutes_before"] for m in i["reminders"]] for i in items] == [
        [10],
        [10, 30],
        [10],
    ]
    again = client.get(f"/events/{series['id']}", headers=headers).get_json()
    assert [m["minutes_before"] for m in again["reminders"]] == [10]


def test_an_attendee_removed_from_one_occurrence_no_longer_lists_it(
    client, headers, auth, make_user, make_series, edit
):
    ann = make_user(email="ann@example.com")
    series = make_series(attendees=[{"email": "ann@example.com"}])
    exception = edit(series, day(3), title="Reorg (without Ann)")
    [attendee] = exception["attendees"]
    r = client.delete(
        f"/events/{exception['id']}/attendees/{attendee['id']}", headers=headers
    )
    assert r.status_code == 204
    url = f"/events/{series['id']}/instances"

    as_ann = walk(client, auth.jwt(ann), url, 200, **WEEK)

    assert (
        client.get(slot_url(series["id"], day(3)), headers=auth.jwt(ann)).status_code
        == 404
    )
    assert day(3) not in starts(as_ann)
    assert starts(as_ann) == [day(n) for n in (2, 4, 5, 6, 7, 8)]
    assert "Reorg (without Ann)" not in titles({"items": as_ann})
    as_owner = walk(client, headers, url, 200, **WEEK)
    assert titles({"items": as_owner})[1] == "Reorg (without Ann)"


# --- paging -------------------------------------------------------------------------


@pytest.fixture
def busy_week(make_series, make_event, edit):
    """Two interleaved series (with ties on start time), singles, an exception."""
    daily = make_series(title="Daily")
    make_series("FREQ=DAILY;INTERVAL=2", title="Every other day")
    make_series(
        "FREQ=WEEKLY;BYDAY=TU,TH",
        title="Tue/Thu",
        start_time=day(3, 8, 30),
        end_time=day(3, 9, 30),
    )
    edit(daily, day(4), title="Moved", start_time=day(6, 7), end_time=day(6, 8))
    for n, hour, title in ((3, 9, "Single tie"), (4, 8, "Single"), (5, 12, "Noon")):
        make_event(title=title, start_time=day(n, hour), end_time=day(n, hour + 1))


@pytest.mark.parametrize("limit", [2, 3])
def test_paging_through_a_window_returns_exactly_the_one_page_list(
    client, headers, busy_week, limit
):
    full = walk(client, headers, "/events", 200, **WEEK)

    paged = walk(client, headers, "/events", limit, **WEEK)

    key = [(i["start_time"], i["id"]) for i in full]
    assert [(i["start_time"], i["id"]) for i in paged] == key
    assert key == sorted(key) and len(set(key)) == len(key)
    assert len(full) == 7 + 4 + 2 + 3  # daily (one moved), other-day, Tue/Thu, singles


@pytest.fixture
def busy_six_weeks(make_series, make_event, edit):
    """Six weeks across the Berlin DST change: 54 items (see the test)."""
    make_series(
        title="Berlin daily",
        start_time="2026-03-02T08:00:00Z",
        end_time="2026-03-02T09:00:00Z",
        timezone=BERLIN,
        exdates=["2026-03-10T08:00:00Z"],
        rdates=["2026-03-10T15:00:00Z"],
    )
    fortnightly = make_series("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR", title="MWF")
    edit(fortnightly, day(4), start_time=day(5, 10), end_time=day(5, 11))
    for n in (3, 17, 31):
        make_event(title=f"Single {n}", start_time=day(n, 8), end_time=day(n, 9))


def test_paging_through_a_long_window_returns_exactly_the_one_page_list(
    client, headers, busy_six_weeks
):
    window = {"start": day(2, 0), "end": "2026-04-13T00:00:00Z"}
    full = walk(client, headers, "/events", 200, **window)

    paged = walk(client, headers, "/events", 7, **window)

    key = [(i["start_time"], i["id"]) for i in full]
    assert [(i["start_time"], i["id"]) for i in paged] == key
    assert key == sorted(key) and len(set(key)) == len(key)
    # 42 days (one exdated, one rdate), 3 fortnights x MO/WE/FR, 3 singles
    assert len(full) == 42 + 9 + 3


@pytest.mark.parametrize(
    ("rule", "zone", "local_start"),
    [
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=SU", BERLIN, "2024-01-01 09:30"),
        (
            "FREQ=DAILY;INTERVAL=3;BYDAY=MO,TU,WE,TH,FR",
            "America/New_York",
            "2025-01-06 08:00",
        ),
        ("FREQ=WEEKLY;BYDAY=SU;COUNT=80", BERLIN, "2025-06-01 02:30"),  # spring gap
        ("FREQ=DAILY;UNTIL=20260405T000000Z", "America/New_York", "2026-01-01 23:30"),
        ("FREQ=MONTHLY;BYDAY=-1SU", BERLIN, "2025-01-26 02:30"),
    ],
)
@pytest.mark.parametrize("days", [7, 40])
def test_a_series_lists_what_dateutil_yields_in_its_zone(
    client, headers, make_series, rule, zone, local_start, days
):
    from dateutil.rrule import rrulestr

    zone_info = ZoneInfo(zone)
    dtstart = datetime.fromisoformat(local_start).replace(tzinfo=zone_info)
    series = make_series(
        rule,
        start_time=z(dtstart),
        end_time=z(dtstart + timedelta(hours=1)),
        timezone=zone,
    )
    start = datetime(2026, 3, 25 if days == 7 else 2, tzinfo=UTC)
    end = start + timedelta(days=days)

    items = walk(
        client, headers, f"/events/{series['id']}/instances", 200,
        start=z(start), end=z(end),
    )  # fmt: skip

    expected = [
        z(local)  # a wall time in the spring gap is read with the offset before it
        for local in rrulestr(rule, dtstart=dtstart).between(
            start - timedelta(days=2), end + timedelta(days=2), inc=True
        )
        if start - timedelta(hours=1) < local.astimezone(UTC) < end
    ]
    assert starts(items) == expected
    assert expected  # the window is not empty


# --- limits -------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "status"), [(118, 200), (119, 400)])
def test_the_occurrence_limit_of_an_unpaged_response_is_exact(
    client, headers, calendar, make_series, count, status
):
    for _ in range(27):  # 27 x 366 = 9,882 in the longest window
        make_series()
    make_series(  # 9,882 + 118 = 10,000; in Berlin, across a DST change
        f"FREQ=DAILY;COUNT={count}",
        start_time="2026-10-01T07:00:00Z",
        end_time="2026-10-01T08:00:00Z",
        timezone=BERLIN,
    )

    r = client.get(
        "/availability",
        query_string={
            "calendar_id": calendar["id"],
            "start": day(2, 0),
            "end": "2027-03-03T00:00:00Z",
        },
        headers=headers,
    )
    paged = client.get(
        "/events",
        query_string={"start": day(2, 0), "end": "2027-03-03T00:00:00Z"},
        headers=headers,
    )

    assert r.status_code == status
    assert paged.status_code == 200


@pytest.mark.parametrize("path", ["/events", "/events/{id}/instances"])
def test_a_window_longer_than_366_days_is_400(client, headers, make_series, path):
    series = make_series()
    url = path.format(id=series["id"])

    too_long = client.get(
        url,
        query_string={"start": day(1, 0), "end": "2027-03-03T00:00:00Z"},
        headers=headers,
    )
    longest = client.get(
        url,
        query_string={"start": day(1, 0), "end": "2027-03-02T00:00:00Z"},
        headers=headers,
    )

    assert too_long.status_code == 400
    assert "366 days" in too_long.get_json()["details"]["end"][0]
    assert longest.status_code == 200


def test_a_year_of_more_than_10000_occurrences_pages_to_its_end(
    client, headers, make_series
):
    hourly = "FREQ=DAILY;BYHOUR=" + ",".join(str(h) for h in range(24))
    for _ in range(2):  # 8,751 each from March 2, 09:00 to the window's end
        make_series(hourly, end_time=day(2, 9, 30))

    items = walk(
        client,
        headers,
        "/events",
        200,
        start=day(2, 0),
        end="2027-03-02T00:00:00Z",
    )

    keys = [(item["start_time"], item["id"]) for item in items]
    assert len(items) == 2 * 8751
    assert keys == sorted(set(keys))
    assert items[-1]["start_time"] == "2027-03-01T23:00:00Z"


# --- addressing instances -----------------------------------------------------------


@pytest.mark.parametrize(
    "slot", ["not-a-time", "2026-03-03T09:00:00", "2026-03-03", "2026-13-03T09:00:00Z"]
)
def test_an_invalid_slot_is_400(client, headers, make_series, slot):
    series = make_series()

    r = client.get(slot_url(series["id"], slot), headers=headers)

    assert r.status_code == 400
    assert "original_start_time" in r.get_json()["details"]


def test_a_slot_with_an_offset_addresses_the_same_occurrence(
    client, headers, make_series
):
    series = make_series()

    r = client.get(slot_url(series["id"], "2026-03-03T10:00:00+01:00"), headers=headers)

    assert r.status_code == 200
    assert r.get_json()["original_start_time"] == day(3)


@pytest.mark.parametrize("slot", [day(3, 9, 30), day(1), "2026-03-02T09:00:01Z"])
def test_a_slot_that_is_not_an_occurrence_is_404(client, headers, make_series, slot):
    series = make_series()

    r = client.get(slot_url(series["id"], slot), headers=headers)

    assert r.status_code == 404


@pytest.mark.parametrize("suffix", ["/instances", f"/instances/{MONDAY}"])
def test_a_non_recurring_event_has_no_instances(client, headers, make_event, suffix):
    event = make_event()

    r = client.get(f"/events/{event['id']}{suffix}", query_string=WEEK, headers=headers)

    assert r.status_code == 404


def test_an_exception_has_no_instances_of_its_own(client, headers, make_series, edit):
    exception = edit(make_series(), day(3), title="Edited")

    r = client.get(
        f"/events/{exception['id']}/instances", query_string=WEEK, headers=headers
    )

    assert r.status_code == 404


# --- permissions --------------------------------------------------------------------


@pytest.fixture
def shared_series(api, auth, make_user, headers, calendar, make_series):
    viewer, stranger = make_user(), make_user()
    api.share(headers, calendar["id"], viewer.email, "viewer")
    return make_series(), auth.jwt(viewer), auth.jwt(stranger)


def test_a_viewer_reads_instances_but_cannot_change_them(client, shared_series):
    series, viewer, _ = shared_series
    url = slot_url(series["id"], day(3))

    assert client.get(url, headers=viewer).status_code == 200
    listed = client.get(
        f"/events/{series['id']}/instances", query_string=WEEK, headers=viewer
    )
    assert listed.status_code == 200
    assert client.put(url, json={"title": "x"}, headers=viewer).status_code == 403
    assert client.delete(url, headers=viewer).status_code == 403


def test_a_stranger_cannot_tell_the_series_exists(client, shared_series):
    series, _, stranger = shared_series
    url = slot_url(series["id"], day(3))

    assert client.get(url, headers=stranger).status_code == 404
    assert client.put(url, json={"title": "x"}, headers=stranger).status_code == 404
    assert client.delete(url, headers=stranger).status_code == 404
    listed = client.get(
        f"/events/{series['id']}/instances", query_string=WEEK, headers=stranger
    )
    assert listed.status_code == 404


# --- cost ---------------------------------------------------------------------------


@contextmanager
def count_statements(app):
    from calapp.extensions import db

    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


def _fill(make_series, make_event, count, offset=0):
    for i in range(offset, offset + count):
        minute = timedelta(minutes=i)
        start = datetime(2026, 3, 2, 8, tzinfo=UTC) + minute
        extras = {"reminders": [5], "attendees": [{"email": f"g{i}@example.com"}]}
        make_series(
            "FREQ=DAILY",
            title=f"s{i}",
            start_time=z(start),
            end_time=z(start + timedelta(minutes=30)),
            **extras,
        )
        make_event(
            title=f"e{i}",
            start_time=z(start + timedelta(days=1)),
            end_time=z(start + timedelta(days=1, minutes=30)),
            **extras,
        )


def test_a_window_costs_the_same_statements_whatever_the_number_of_series(
    app, client, headers, make_series, make_event
):
    query = {"start": day(2, 0), "end": day(4, 0), "limit": 200}
    _fill(make_series, make_event, 2)
    with count_statements(app) as small:
        few = client.get("/events", query_string=query, headers=headers).get_json()
    _fill(make_series, make_event, 18, offset=2)
    with count_statements(app) as large:
        many = client.get("/events", query_string=query, headers=headers).get_json()

    assert len(few["items"]) == 2 * 2 + 2
    assert len(many["items"]) == 20 * 2 + 20
    assert all(i["reminders"] and i["attendees"] for i in many["items"])
    assert len(small) == len(large)


def test_an_edited_occurrence_keeps_the_series_reminder_audience(client, headers):
    calendar = client.post(
        "/calendars", json={"name": "R", "timezone": "Europe/Berlin"}, headers=headers
    ).get_json()
    series = client.post(
        "/events",
        json={
            "calendar_id": calendar["id"],
            "title": "Weekly",
            "start_time": "2026-03-16T09:00:00+01:00",
            "end_time": "2026-03-16T09:30:00+01:00",
            "recurrence_rule": "FREQ=WEEKLY",
        },
        headers=headers,
    ).get_json()
    client.post(
        f"/events/{series['id']}/reminders",
        json={"minutes_before": 10, "notify_attendees": True},
        headers=headers,
    )
    r = client.put(
        f"/events/{series['id']}/instances/2026-03-23T08:00:00Z",
        json={"title": "Moved"},
        headers=headers,
    )
    assert r.status_code == 200
    assert [
        (x["minutes_before"], x["notify_attendees"]) for x in r.get_json()["reminders"]
    ] == [(10, True)]


def test_a_page_reaches_series_that_start_weeks_after_its_cursor(
    client, headers, make_event, make_series
):
    make_event(start_time=day(2, 8), end_time=day(2, 9))
    late = make_series(start_time=day(25, 9), end_time=day(25, 10))
    query = {"start": day(1, 0), "end": "2026-04-01T00:00:00Z", "limit": 3}

    r = client.get("/events", query_string=query, headers=headers)

    assert starts(r.get_json()["items"]) == [day(2, 8), day(25, 9), day(26, 9)]
    assert r.get_json()["items"][1]["series_id"] == late["id"]
