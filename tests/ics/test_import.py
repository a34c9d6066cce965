"""POST /calendars/import: idempotency, updates, modes, dry runs, request
formats and limits, permissions, atomicity."""

from __future__ import annotations

import pytest

from tests.ics.conftest import (
    BOUNDARY,
    calendar_file,
    event,
    fixture_bytes,
    multipart_body,
)

# --- idempotency and updates ----------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing(ics, headers):
    data = fixture_bytes("recurrence_with_exceptions.ics")
    first = ics.imported(headers, data)
    before = ics.events(headers, first["calendar_id"])
    again = ics.imported(headers, data, calendar_id=first["calendar_id"])
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 7)
    assert ics.events(headers, first["calendar_id"]) == before


def test_a_higher_sequence_updates_the_event(ics, headers, calendar):
    cid = calendar["id"]
    ics.imported(headers, calendar_file(event("u@x", "SUMMARY:Old")), calendar_id=cid)
    changed = calendar_file(event("u@x", "SUMMARY:New", "SEQUENCE:1"))
    report = ics.imported(headers, changed, calendar_id=cid)
    assert (report["updated"], report["created"]) == (1, 0)
    stored = ics.events(headers, cid)
    assert [(e["title"], e["sequence"]) for e in stored] == [("New", 1)]


def test_a_newer_last_modified_updates_the_event(ics, headers, calendar):
    cid = calendar["id"]
    old = event("u@x", "SUMMARY:Old", "LAST-MODIFIED:20250101T000000Z")
    ics.imported(headers, calendar_file(old), calendar_id=cid)
    new = event("u@x", "SUMMARY:New", "LAST-MODIFIED:20250201T000000Z")
    report = ics.imported(headers, calendar_file(new), calendar_id=cid)
    assert report["updated"] == 1
    stored = ics.events(headers, cid)[0]
    assert (stored["title"], stored["updated_at"]) == ("New", "2025-02-01T00:00:00Z")


def test_an_older_copy_does_not_overwrite_a_newer_stored_event(ics, headers, calendar):
    cid = calendar["id"]
    new = event("u@x", "SUMMARY:New", "SEQUENCE:3")
    ics.imported(headers, calendar_file(new), calendar_id=cid)
    stale = event("u@x", "SUMMARY:Stale", "SEQUENCE:2")
    report = ics.imported(headers, calendar_file(stale), calendar_id=cid)
    assert (report["updated"], report["skipped"]) == (0, 1)
    assert ics.events(headers, cid)[0]["title"] == "New"


def test_a_local_edit_wins_over_an_unchanged_file(ics, headers, calendar):
    cid = calendar["id"]
    data = calendar_file(
        event("u@x", "SUMMARY:Imported", "LAST-MODIFIED:20250101T000000Z")
    )
    ics.imported(headers, data, calendar_id=cid)
    stored = ics.events(headers, cid)[0]
    r = ics.client.put(
        f"/events/{stored['id']}", json={"description": "my notes"}, headers=headers
    )
    assert r.status_code == 200
    report = ics.imported(headers, data, calendar_id=cid)
    assert report["skipped"] == 1
    assert ics.events(headers, cid)[0]["description"] == "my notes"


def test_an_updated_series_drops_exceptions_its_new_rule_lacks(ics, headers, calendar):
    cid = calendar["id"]
    series = event("s@x", "SUMMARY:S", "RRULE:FREQ=DAILY;COUNT=5")
    moved = event(
        "s@x",
        "RECURRENCE-ID:20260605T090000Z",
        "SUMMARY:moved",
        start="20260605T120000Z",
        end="20260605T130000Z",
    )
    ics.imported(headers, calendar_file(series, moved), calendar_id=cid)
    shorter = event("s@x", "SUMMARY:S", "RRULE:FREQ=DAILY;COUNT=3", "SEQUENCE:1")
    report = ics.imported(headers, calendar_file(shorter), calendar_id=cid)
    assert (report["updated"], report["deleted"]) == (1, 1)
    assert [e["title"] for e in ics.events(headers, cid)] == ["S"]


# --- modes ----------------------------------------------------------------------------


def test_replace_removes_events_the_file_no_longer_has(ics, headers, calendar):
    cid = calendar["id"]
    data = fixture_bytes("recurrence_with_exceptions.ics")
    ics.imported(headers, data, calendar_id=cid)
    keep_only = calendar_file(event("new@x", "SUMMARY:Only this"))
    report = ics.imported(headers, keep_only, calendar_id=cid, mode="replace")
    assert (report["created"], report["deleted"]) == (1, 7)
    assert [e["title"] for e in ics.events(headers, cid)] == ["Only this"]


def test_replace_keeps_an_event_whose_new_copy_failed(ics, headers, calendar):
    cid = calendar["id"]
    ics.imported(headers, calendar_file(event("k@x", "SUMMARY:Keep")), calendar_id=cid)
    broken = event("k@x", "SUMMARY:Broken", "RRULE:FREQ=SECONDLY")
    report = ics.imported(
        headers, calendar_file(broken), calendar_id=cid, mode="replace"
    )
    assert report["deleted"] == 0 and [e["uid"] for e in report["errors"]] == ["k@x"]
    assert [e["title"] for e in ics.events(headers, cid)] == ["Keep"]


def test_replace_removes_exceptions_the_file_no_longer_has(ics, headers, calendar):
    cid = calendar["id"]
    series = event("s@x", "SUMMARY:S", "RRULE:FREQ=DAILY;COUNT=5")
    moved = event(
        "s@x",
        "RECURRENCE-ID:20260603T090000Z",
        "SUMMARY:moved",
        start="20260603T120000Z",
        end="20260603T130000Z",
    )
    ics.imported(headers, calendar_file(series, moved), calendar_id=cid)
    report = ics.imported(
        headers, calendar_file(series), calendar_id=cid, mode="replace"
    )
    assert (report["skipped"], report["deleted"]) == (1, 1)
    assert [e["title"] for e in ics.events(headers, cid)] == ["S"]


def test_dry_run_reports_and_writes_nothing(ics, headers, calendar):
    cid = calendar["id"]
    data = fixture_bytes("recurrence_with_exceptions.ics")
    dry = ics.imported(headers, data, calendar_id=cid, dry_run="true")
    assert dry["dry_run"] is True and dry["created"] == 7
    assert ics.events(headers, cid) == []
    real = ics.imported(headers, data, calendar_id=cid)
    assert {k: v for k, v in real.items() if k != "dry_run"} == {
        k: v for k, v in dry.items() if k != "dry_run"
    }


def test_dry_run_into_a_new_calendar_creates_no_calendar(ics, api, headers):
    before = ics.client.get("/calendars", headers=headers).get_json()["items"]
    r = ics.import_(headers, fixture_bytes("apple_all_day.ics"), dry_run="true")
    assert r.status_code == 200
    assert r.get_json()["calendar_id"] is None and r.get_json()["created"] == 3
    assert ics.client.get("/calendars", headers=headers).get_json()["items"] == before


def test_dry_run_of_replace_counts_deletions(ics, headers, calendar):
    cid = calendar["id"]
    ics.imported(
        headers, fixture_bytes("recurrence_with_exceptions.ics"), calendar_id=cid
    )
    empty = calendar_file()
    report = ics.imported(
        headers, empty, calendar_id=cid, mode="replace", dry_run="true"
    )
    assert report["deleted"] == 7
    assert len(ics.events(headers, cid)) == 7


# --- request format and limits --------------------------------------------------------


def test_a_raw_text_calendar_body_is_accepted(ics, headers, calendar):
    data = calendar_file(event("raw@x", "SUMMARY:Raw"))
    r = ics.import_(headers, data, multipart=False, calendar_id=calendar["id"])
    assert r.status_code == 200 and r.get_json()["created"] == 1


@pytest.mark.parametrize(
    "data",
    [
        b"hello world",
        b'{"events": []}',
        b"BEGIN:VCARD\r\nEND:VCARD\r\n",
        b"\xff\xfe\x00",
    ],
)
def test_a_file_that_is_not_icalendar_is_a_400(ics, headers, data):
    r = ics.import_(headers, data)
    assert r.status_code == 400
    assert r.get_json()["code"] == "validation_error"
    assert "not iCalendar" in r.get_json()["error"]


def test_an_empty_body_or_missing_field_is_a_400(ics, headers):
    r = ics.client.post("/calendars/import", data=b"", headers=headers)
    assert r.status_code == 400 and r.get_json()["details"] == {"file": ["is required"]}
    r = ics.client.post(
        "/calendars/import",
        data=multipart_body(b"BEGIN:VCALENDAR", "x.ics", field="other"),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        headers=headers,
    )
    assert r.status_code == 400


def test_a_file_over_the_limit_is_a_413(ics, headers):
    big = calendar_file(event("big@x", "DESCRIPTION:" + "x" * (10 * 1024 * 1024)))
    for multipart in (True, False):
        r = ics.import_(headers, big, multipart=multipart)
        assert r.status_code == 413
        assert r.get_json()["code"] == "payload_too_large"
        assert r.get_json()["details"] == {"max_bytes": 10 * 1024 * 1024}


def test_a_2_mb_file_is_accepted_above_the_app_wide_body_limit(ics, headers, app):
    assert app.config["MAX_CONTENT_LENGTH"] < 2 * 1024 * 1024
    events = [
        event(f"e{i}@x", "SUMMARY:x", "DESCRIPTION:" + "d" * 1000) for i in range(2000)
    ]
    data = calendar_file(*events)
    assert len(data) > 2 * 1024 * 1024
    for multipart in (True, False):
        r = ics.import_(headers, data, multipart=multipart)
        assert r.status_code == 201, r.get_json()
        assert r.get_json()["created"] == 2000


def test_the_limit_is_configurable(ics, headers, app):
    app.config["ICS_MAX_BYTES"] = 1000
    try:
        r = ics.import_(
            headers, calendar_file(event("c@x", "DESCRIPTION:" + "x" * 2000))
        )
        assert r.status_code == 413
        assert r.get_json()["details"] == {"max_bytes": 1000}
    finally:
        app.config["ICS_MAX_BYTES"] = 10 * 1024 * 1024


def test_unknown_mode_is_a_400(ics, headers):
    r = ics.import_(headers, calendar_file(), mode="wipe")
    assert r.status_code == 400 and "mode" in r.get_json()["details"]


# --- permissions and atomicity --------------------------------------------------------


def test_a_viewer_cannot_import_into_the_calendar(
    ics, api, headers, calendar, auth, make_user
):
    viewer = make_user()
    api.share(headers, calendar["id"], viewer.email, "viewer")
    r = ics.import_(auth.jwt(viewer), calendar_file(), calendar_id=calendar["id"])
    assert r.status_code == 403 and r.get_json()["code"] == "forbidden"


def test_an_editor_can_import_into_the_calendar(
    ics, api, headers, calendar, auth, make_user
):
    editor = make_user()
    api.share(headers, calendar["id"], editor.email, "editor")
    data = calendar_file(event("e@x", "SUMMARY:by editor"))
    report = ics.imported(auth.jwt(editor), data, calendar_id=calendar["id"])
    assert report["created"] == 1


def test_a_stranger_gets_a_404(ics, calendar, auth, make_user):
    r = ics.import_(auth.jwt(make_user()), calendar_file(), calendar_id=calendar["id"])
    assert r.status_code == 404


def test_a_new_calendar_needs_events_write_and_calendars_write(ics, user, auth):
    for scopes in (["calendars:write"], ["events:write"]):
        r = ics.import_(auth.key(user, scopes), calendar_file())
        assert r.status_code == 403 and r.get_json()["code"] == "insufficient_scope"
    key = auth.key(user, ["calendars:write", "events:write"])
    assert ics.import_(key, calendar_file()).status_code == 201


def test_an_events_write_key_imports_into_an_existing_calendar(
    ics, user, calendar, auth
):
    data = calendar_file(event("k@x", "SUMMARY:by key"))
    key = auth.key(user, ["events:write"])
    report = ics.imported(key, data, calendar_id=calendar["id"])
    assert report["created"] == 1


@pytest.mark.parametrize("mode", ["merge", "replace"])
def test_a_calendars_write_key_cannot_import_or_replace_events(
    ics, api, headers, user, calendar, auth, mode
):
    kept = api.event(headers, calendar["id"], title="Kept")
    data = calendar_file(event("k@x", "SUMMARY:injected"))
    r = ics.import_(
        auth.key(user, ["calendars:write"]), data, calendar_id=calendar["id"], mode=mode
    )
    assert r.status_code == 403
    assert r.get_json()["details"] == {"required": ["events:write"]}
    titles = [e["title"] for e in ics.events(headers, calendar["id"])]
    assert titles == [kept["title"]]


def test_a_server_error_leaves_nothing_half_imported(ics, headers, monkeypatch):
    from calapp.ics import import_

    original = import_._insert
    calls = []

    def fail_after_events(table, rows):
        calls.append(len(rows))
        original(table, rows)
        if len(calls) == 2:  # the events are written; now break
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(import_, "_insert", fail_after_events)
    before = ics.client.get("/calendars", headers=headers).get_json()["items"]
    r = ics.import_(headers, fixture_bytes("recurrence_with_exceptions.ics"))
    assert r.status_code == 500 and r.get_json()["code"] == "internal_error"
    assert ics.client.get("/calendars", headers=headers).get_json()["items"] == before
