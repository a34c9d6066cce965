"""GET /events: filters, keyset pagination, constant statement count."""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from tests.events.conftest import OMIT, titles


def _at(hour: int, minute: int = 0, day: int = 2) -> str:
    return (
        datetime(2026, 3, day, hour, minute, tzinfo=UTC)
        .isoformat()
        .replace("+00:00", "Z")
    )


def _timed(make_event, title, start_hour, end_hour, **fields):
    return make_event(
        title=title, start_time=_at(start_hour), end_time=_at(end_hour), **fields
    )


# --- window -------------------------------------------------------------------------


@pytest.fixture
def abc(make_event):
    """A 09-10, B 10-11, C 11-12."""
    for title, hour in (("C", 11), ("A", 9), ("B", 10)):
        _timed(make_event, title, hour, hour + 1)


def test_list_is_ordered_by_start_time(api, headers, abc):
    assert titles(api.list(headers)) == ["A", "B", "C"]


def test_window_excludes_events_touching_its_bounds(api, headers, abc):
    page = api.list(headers, start=_at(10), end=_at(11))
    assert titles(page) == ["B"]


def test_window_includes_partial_overlaps(api, headers, abc):
    assert titles(api.list(headers, start=_at(9, 30), end=_at(10, 30))) == ["A", "B"]


def test_start_alone_keeps_events_ending_after_it(api, headers, abc):
    assert titles(api.list(headers, start=_at(10))) == ["B", "C"]


def test_end_alone_keeps_events_starting_before_it(api, headers, abc):
    assert titles(api.list(headers, end=_at(10))) == ["A"]


def test_window_contains_a_long_event(api, headers, make_event):
    _timed(make_event, "Conference", 8, 18)
    assert titles(api.list(headers, start=_at(12), end=_at(13))) == ["Conference"]


def test_all_day_events_are_windowed_by_their_local_midnights(api, headers, make_event):
    make_event(
        title="Xmas",
        start_time="2026-12-25",
        end_time=OMIT,
        timezone="Pacific/Auckland",
    )
    # 2026-12-25 in Auckland is 2026-12-24T11:00Z .. 2026-12-25T11:00Z
    assert titles(api.list(headers, start="2026-12-24T12:00:00Z")) == ["Xmas"]
    assert titles(api.list(headers, start="2026-12-25T11:00:00Z")) == []


@pytest.mark.parametrize("start, end", [(_at(11), _at(10)), (_at(10), _at(10))])
def test_start_not_before_end_is_400(client, headers, start, end):
    r = client.get(
        "/events", query_string={"start": start, "end": end}, headers=headers
    )
    assert r.status_code == 400
    assert "end" in r.get_json()["details"]


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2026-03-02T10:00:00"},
        {"start": "0001-01-01T00:00:00+14:00"},
        {"end": "yesterday"},
        {"calendar_id": "nope"},
        {"limit": 0},
        {"limit": 201},
        {"cursor": "forged"},
        {"tag": ""},
        {"search": "a\x00b"},
        {"calender_id": str(uuid.uuid4())},
    ],
)
def test_invalid_query_is_400(client, headers, params):
    r = client.get("/events", query_string=params, headers=headers)
    assert r.status_code == 400
    assert r.get_json()["code"] == "validation_error"


# --- search, tags, calendars --------------------------------------------------------


def test_search_is_case_insensitive_over_title_description_and_location(
    api, headers, make_event
):
    make_event(title="Team sync")
    make_event(title="Lunch", description="with the TEAM")
    make_event(title="Offsite", location="Teamhaus, Berlin")
    make_event(title="Dentist")
    assert sorted(titles(api.list(headers, search="tEaM"))) == [
        "Lunch",
        "Offsite",
        "Team sync",
    ]


def test_search_matches_the_location(api, headers, make_event):
    make_event(title="Review", location="Room 42")
    make_event(title="Other", location="Room 7")
    assert titles(api.list(headers, search="room 42")) == ["Review"]


@pytest.mark.parametrize(
    "search, expected",
    [("100%", ["100% done"]), ("a_b", ["a_b"]), ("c\\d", ["c\\d"])],
)
def test_search_wildcards_are_literal(api, headers, make_event, search, expected):
    for title in ("100% done", "100 done", "a_b", "axb", "c\\d", "cd"):
        make_event(title=title)
    assert titles(api.list(headers, search=search)) == expected


def test_empty_search_matches_everything(api, headers, make_event):
    make_event(title="One")
    assert titles(api.list(headers, search="  ")) == ["One"]


def test_tag_filter(api, headers, make_event):
    make_event(title="both", tags=["work", "urgent"])
    make_event(title="work", tags=["work"])
    make_event(title="none")
    assert sorted(titles(api.list(headers, tag="work"))) == ["both", "work"]


def test_repeated_tags_must_all_match(client, headers, make_event):
    make_event(title="both", tags=["work", "urgent"])
    make_event(title="work", tags=["work"])
    r = client.get("/events?tag=work&tag=urgent", headers=headers)
    assert titles(r.get_json()) == ["both"]


def test_calendar_filter(api, headers, calendar, make_event):
    make_event(title="work")
    home = api.calendar(headers, name="Home")
    api.event(headers, home["id"], title="home")
    assert titles(api.list(headers, calendar_id=home["id"])) == ["home"]


def test_calendar_filter_is_repeatable(api, client, headers, calendar, make_event):
    make_event(title="work")
    home = api.calendar(headers, name="Home")
    api.event(headers, home["id"], title="home")
    api.event(headers, api.calendar(headers, name="Third")["id"], title="third")
    r = client.get(
        f"/events?calendar_id={calendar['id']}&calendar_id={home['id']}",
        headers=headers,
    )
    assert sorted(titles(r.get_json())) == ["home", "work"]


def test_unreadable_calendar_filter_is_404(
    api, client, auth, headers, calendar, make_user
):
    theirs = api.calendar(auth.jwt(make_user()))
    r = client.get(
        f"/events?calendar_id={calendar['id']}&calendar_id={theirs['id']}",
        headers=headers,
    )
    assert r.status_code == 404
    assert theirs["id"] in r.get_json()["details"]["calendar_id"][0]


def test_unknown_calendar_filter_is_404(client, headers):
    r = client.get(f"/events?calendar_id={uuid.uuid4()}", headers=headers)
    assert r.status_code == 404


def test_deleted_calendar_filter_is_404(client, headers, calendar):
    client.delete(f"/calendars/{calendar['id']}", headers=headers)
    r = client.get(f"/events?calendar_id={calendar['id']}", headers=headers)
    assert r.status_code == 404


def test_filters_combine(api, headers, make_event):
    make_event(title="match", tags=["x"], location="Room 1")
    make_event(title="wrong tag", tags=["y"], location="Room 1")
    make_event(
        title="wrong time",
        tags=["x"],
        location="Room 1",
        start_time=_at(9, day=5),
        end_time=_at(10, day=5),
    )
    page = api.list(headers, tag="x", search="room", end=_at(0, day=3))
    assert titles(page) == ["match"]


# --- pagination ---------------------------------------------------------------------


def test_pages_never_repeat_or_skip_while_events_are_inserted(api, headers, make_event):
    existing = []
    for i in range(10):  # pairs share a start time: the id breaks the tie
        hour = 8 + i // 2
        existing.append(_timed(make_event, f"old-{i}", hour, hour + 1)["id"])
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        page = api.list(headers, **params)
        seen += [e["id"] for e in page["items"] if e["title"].startswith("old-")]
        pages += 1
        # New events before and after the cursor position, between every page.
        _timed(make_event, f"new-early-{pages}", 7, 8)
        _timed(make_event, f"new-late-{pages}", 20, 21)
        _timed(make_event, f"new-same-{pages}", 8 + pages, 9 + pages)
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(existing)
    assert len(seen) == len(set(seen))


def test_a_full_walk_returns_each_event_once_in_order(api, headers, make_event):
    for i in range(7):
        _timed(make_event, f"e{i}", 8 + i, 9 + i)
    seen, cursor = [], None
    while True:
        page = api.list(headers, limit=2, **({"cursor": cursor} if cursor else {}))
        assert len(page["items"]) <= 2
        seen += titles(page)
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [f"e{i}" for i in range(7)]


def test_last_page_has_no_cursor(api, headers, make_event):
    make_event()
    assert api.list(headers, limit=1)["next_cursor"] is None


# --- statement count ----------------------------------------------------------------


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


def _add_events(make_event, count, offset=0):
    base = datetime(2026, 3, 2, 8, tzinfo=UTC)
    for i in range(offset, offset + count):
        start = base + timedelta(minutes=i)
        make_event(
            title=f"e{i}",
            start_time=start.isoformat(),
            end_time=(start + timedelta(minutes=30)).isoformat(),
            reminders=[5, 10],
            attendees=[{"email": f"guest{i}@example.com"}],
        )


def test_a_page_costs_the_same_statements_whatever_its_size(
    app, client, headers, make_event
):
    _add_events(make_event, 5)
    with count_statements(app) as small:
        r = client.get("/events", headers=headers)
    assert len(r.get_json()["items"]) == 5
    _add_events(make_event, 45, offset=5)
    with count_statements(app) as large:
        r = client.get("/events", headers=headers)
    page = r.get_json()
    assert len(page["items"]) == 50 and page["next_cursor"] is None
    assert all(len(e["reminders"]) == 2 and e["attendees"] for e in page["items"])
    assert len(small) == len(large)
