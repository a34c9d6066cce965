"""Incremental sync over HTTP: full listing → sync_token → only what changed."""

from __future__ import annotations

import sqlalchemy as sa

from tests.events.conftest import END, START
from tests.sync.conftest import by_id

DAILY = {"recurrence_rule": "FREQ=DAILY", "timezone": "UTC"}


def _slot(day: int) -> str:
    return f"2026-03-{day:02d}T09:00:00Z"


# --- round trips per resource type ----------------------------------------------------


def test_events_sync_returns_created_updated_and_deleted_events(
    api, client, sync, headers
):
    calendar = api.calendar(headers)
    kept = api.event(headers, calendar["id"], title="Kept")
    items, token = sync.full("/events", headers)
    assert [i["id"] for i in items] == [kept["id"]]

    new = api.event(headers, calendar["id"], title="New")
    items, token = sync.since("/events", headers, token)
    assert [(i["id"], i["title"]) for i in items] == [(new["id"], "New")]
    assert items[0]["reminders"] == [] and items[0]["calendar_id"] == calendar["id"]

    r = client.put(f"/events/{new['id']}", json={"title": "Renamed"}, headers=headers)
    assert r.status_code == 200
    items, token = sync.since("/events", headers, token)
    assert [i["title"] for i in items] == ["Renamed"]

    assert client.delete(f"/events/{new['id']}", headers=headers).status_code == 204
    items, token = sync.since("/events", headers, token)
    assert items == [
        {
            "id": new["id"],
            "status": "deleted",
            "calendar_id": calendar["id"],
            "series_id": None,
            "original_start_time": None,
        }
    ]

    items, _ = sync.since("/events", headers, token)
    assert items == []


def test_calendars_sync_returns_created_updated_and_deleted_calendars(
    api, client, sync, headers
):
    api.calendar(headers, name="Old")
    _, token = sync.full("/calendars", headers)

    new = api.calendar(headers, name="New")
    items, token = sync.since("/calendars", headers, token)
    assert [(i["id"], i["name"], i["role"]) for i in items] == [
        (new["id"], "New", "owner")
    ]

    r = client.put(f"/calendars/{new['id']}", json={"name": "Home"}, headers=headers)
    assert r.status_code == 200
    items, token = sync.since("/calendars", headers, token)
    assert [i["name"] for i in items] == ["Home"]

    assert client.delete(f"/calendars/{new['id']}", headers=headers).status_code == 204
    items, _ = sync.since("/calendars", headers, token)
    assert items == [{"id": new["id"], "status": "deleted"}]


def test_contacts_sync_returns_created_updated_and_deleted_contacts(
    client, sync, headers
):
    _, token = sync.full("/contacts", headers)

    r = client.post("/contacts", json={"first_name": "Ada"}, headers=headers)
    contact = r.get_json()
    items, token = sync.since("/contacts", headers, token)
    assert [(i["id"], i["first_name"]) for i in items] == [(contact["id"], "Ada")]

    url = f"/contacts/{contact['id']}"
    r = client.put(url, json={"last_name": "Lovelace"}, headers=headers)
    assert r.status_code == 200
    items, token = sync.since("/contacts", headers, token)
    assert [i["last_name"] for i in items] == ["Lovelace"]

    assert client.delete(url, headers=headers).status_code == 204
    items, _ = sync.since("/contacts", headers, token)
    assert items == [{"id": contact["id"], "status": "deleted"}]


def test_a_contacts_token_sees_nothing_of_another_users_contacts(
    client, sync, headers, auth, make_user
):
    _, token = sync.full("/contacts", headers)
    other = auth.jwt(make_user())
    r = client.post("/contacts", json={"first_name": "X"}, headers=other)
    assert r.status_code == 201

    items, _ = sync.since("/contacts", headers, token)
    assert items == []


# --- paging ---------------------------------------------------------------------------


def test_a_sync_result_pages_with_the_cursor_alone(api, client, sync, headers):
    calendar = api.calendar(headers)
    _, token = sync.full("/events", headers)
    made = [api.event(headers, calendar["id"], title=f"E{n}")["id"] for n in range(5)]

    r = client.get(
        "/events", query_string={"sync_token": token, "limit": 2}, headers=headers
    )
    first = r.get_json()
    assert len(first["items"]) == 2 and first["next_sync_token"] is None
    # A change between pages lands in a later sync, never lost.
    late = api.event(headers, calendar["id"], title="Late")["id"]
    items, cursor = list(first["items"]), first["next_cursor"]
    while cursor:
        r = client.get("/events", query_string={"cursor": cursor}, headers=headers)
        assert r.status_code == 200, r.get_json()
        page = r.get_json()
        items += page["items"]
        cursor, token = page["next_cursor"], page["next_sync_token"]
        assert (cursor is None) == (token is not None)

    assert [i["id"] for i in items] == made
    later, _ = sync.since("/events", headers, token)
    assert [i["id"] for i in later] == [late]


def test_a_full_listing_token_covers_changes_made_while_paging(
    api, client, sync, headers
):
    calendar = api.calendar(headers)
    first = api.event(headers, calendar["id"], title="First")
    api.event(
        headers,
        calendar["id"],
        title="Second",
        start_time="2026-03-03T09:00:00Z",
        end_time="2026-03-03T10:00:00Z",
    )
    r = client.get("/events", query_string={"limit": 1}, headers=headers)
    page = r.get_json()
    assert page["next_sync_token"] is None
    # Changed after its page was read: the final token must still bring it.
    r = client.put(f"/events/{first['id']}", json={"title": "Edited"}, headers=headers)
    assert r.status_code == 200
    r = client.get(
        "/events", query_string={"cursor": page["next_cursor"]}, headers=headers
    )
    token = r.get_json()["next_sync_token"]
    assert token

    items, _ = sync.since("/events", headers, token)
    assert [i["title"] for i in items] == ["Edited"]


def test_windowed_and_search_listings_carry_no_sync_token(api, sync, headers):
    calendar = api.calendar(headers)
    api.event(headers, calendar["id"])
    window = api.list(headers, start="2026-03-01T00:00:00Z", end="2026-03-09T00:00:00Z")
    assert window["next_sync_token"] is None
    assert api.list(headers, search="Stand")["next_sync_token"] is None


# --- recurring events -----------------------------------------------------------------


def test_exceptions_and_splits_sync_as_stored_rows(api, client, sync, headers):
    calendar = api.calendar(headers)
    series = api.event(headers, calendar["id"], **DAILY)
    _, token = sync.full("/events", headers)

    url = f"/events/{series['id']}/instances"
    r = client.put(f"{url}/{_slot(3)}", json={"title": "Moved"}, headers=headers)
    exception = r.get_json()
    items, token = sync.since("/events", headers, token)
    assert [(i["id"], i["series_id"], i["original_start_time"]) for i in items] == [
        (exception["id"], series["id"], _slot(3))
    ]
    late = client.put(f"{url}/{_slot(7)}", json={"title": "Late"}, headers=headers)
    _, token = sync.since("/events", headers, token)

    r = client.put(
        f"{url}/{_slot(5)}",
        query_string={"scope": "following"},
        json={"title": "New"},
        headers=headers,
    )
    new = r.get_json()
    items, token = sync.since("/events", headers, token)
    got = by_id(items)
    assert set(got) == {series["id"], new["id"], late.get_json()["id"]}
    assert got[series["id"]]["recurrence_rule"] == "FREQ=DAILY;UNTIL=20260305T085959Z"
    assert got[new["id"]]["recurrence_rule"] == "FREQ=DAILY"
    assert got[late.get_json()["id"]]["series_id"] == new["id"]  # re-parented

    r = client.delete(
        f"/events/{new['id']}/instances/{_slot(6)}",
        query_string={"scope": "following"},
        headers=headers,
    )
    assert r.status_code == 204
    items, _ = sync.since("/events", headers, token)
    got = by_id(items)
    assert got[late.get_json()["id"]] == {
        "id": late.get_json()["id"],
        "status": "deleted",
        "calendar_id": calendar["id"],
        "series_id": new["id"],
        "original_start_time": _slot(7),
    }
    assert got[new["id"]]["recurrence_rule"].startswith("FREQ=DAILY;")


def test_deleting_a_series_deletes_its_exceptions_in_the_sync(
    api, client, sync, headers
):
    calendar = api.calendar(headers)
    series = api.event(headers, calendar["id"], **DAILY)
    r = client.put(
        f"/events/{series['id']}/instances/{_slot(3)}",
        json={"title": "Moved"},
        headers=headers,
    )
    exception = r.get_json()
    _, token = sync.full("/events", headers)

    assert client.delete(f"/events/{series['id']}", headers=headers).status_code == 204
    items, _ = sync.since("/events", headers, token)
    assert {i["id"]: i["status"] for i in items} == {
        series["id"]: "deleted",
        exception["id"]: "deleted",
    }


# --- permissions: share / unshare ---------------------------------------------------


def test_unsharing_expires_events_tokens_and_syncs_calendars(
    api, client, sync, headers, auth, make_user
):
    guest = make_user()
    guest_headers = auth.jwt(guest)
    calendar = api.calendar(headers)
    api.share(headers, calendar["id"], guest.email, "viewer")
    _, events_token = sync.full("/events", guest_headers)
    _, calendars_token = sync.full("/calendars", guest_headers)

    url = f"/calendars/{calendar['id']}/members/{guest.id}"
    assert client.delete(url, headers=headers).status_code == 204

    r = sync.get("/events", guest_headers, sync_token=events_token)
    assert r.status_code == 410
    assert r.get_json()["code"] == "sync_token_expired"
    items, calendars_token = sync.since("/calendars", guest_headers, calendars_token)
    assert items == [{"id": calendar["id"], "status": "deleted"}]

    api.share(headers, calendar["id"], guest.email, "editor")
    items, _ = sync.since("/calendars", guest_headers, calendars_token)
    assert [(i["id"], i["role"]) for i in items] == [(calendar["id"], "editor")]


def test_sharing_a_calendar_expires_events_tokens(api, sync, headers, auth, make_user):
    guest = make_user()
    guest_headers = auth.jwt(guest)
    _, token = sync.full("/events", guest_headers)
    calendar = api.calendar(headers)
    api.share(headers, calendar["id"], guest.email, "viewer")

    r = sync.get("/events", guest_headers, sync_token=token)
    assert r.status_code == 410


def test_an_event_moved_out_of_reach_arrives_deleted(
    api, client, sync, headers, auth, make_user
):
    guest = make_user()
    guest_headers = auth.jwt(guest)
    shared, private = api.calendar(headers), api.calendar(headers, name="Private")
    api.share(headers, shared["id"], guest.email, "viewer")
    event = api.event(headers, shared["id"])
    _, token = sync.full("/events", guest_headers)

    r = client.put(
        f"/events/{event['id']}", json={"calendar_id": private["id"]}, headers=headers
    )
    assert r.status_code == 200
    items, _ = sync.since("/events", guest_headers, token)
    assert [(i["id"], i["status"]) for i in items] == [(event["id"], "deleted")]


def test_an_uninvited_attendee_gets_the_event_as_deleted(
    api, client, sync, headers, auth, make_user
):
    guest = make_user()
    guest_headers = auth.jwt(guest)
    calendar = api.calendar(headers)
    event = api.event(headers, calendar["id"], attendees=[{"email": guest.email}])
    items, token = sync.full("/events", guest_headers)
    assert [i["id"] for i in items] == [event["id"]]

    attendee = event["attendees"][0]["id"]
    r = client.delete(f"/events/{event['id']}/attendees/{attendee}", headers=headers)
    assert r.status_code == 204
    items, _ = sync.since("/events", guest_headers, token)
    assert [(i["id"], i["status"]) for i in items] == [(event["id"], "deleted")]


# --- expired and invalid tokens -----------------------------------------------------


def test_a_token_older_than_the_retention_is_410(app, api, sync, headers):
    from calapp.changes.models import ChangeLogState
    from calapp.extensions import db

    calendar = api.calendar(headers)
    api.event(headers, calendar["id"])
    _, events_token = sync.full("/events", headers)
    _, contacts_token = sync.full("/contacts", headers)
    api.event(headers, calendar["id"])
    with app.app_context():
        last = db.session.execute(sa.text("SELECT max(position) FROM changes")).scalar()
        db.session.merge(ChangeLogState(id=1, pruned_through=last))
        db.session.commit()

    for path, token in (("/events", events_token), ("/contacts", contacts_token)):
        r = sync.get(path, headers, sync_token=token)
        assert r.status_code == 410, path
        assert r.get_json()["code"] == "sync_token_expired"


def test_another_users_token_is_410(sync, headers, auth, make_user):
    _, token = sync.full("/calendars", headers)
    r = sync.get("/calendars", auth.jwt(make_user()), sync_token=token)
    assert r.status_code == 410
    assert r.get_json()["code"] == "sync_token_expired"


def test_a_token_for_other_filters_is_410(api, sync, headers):
    first, second = api.calendar(headers), api.calendar(headers, name="B")
    _, token = sync.full("/events", headers, calendar_id=first["id"])

    r = sync.get("/events", headers, sync_token=token, calendar_id=second["id"])
    assert r.status_code == 410
    r = sync.get("/events", headers, sync_token=token)
    assert r.status_code == 410
    items, _ = sync.since("/events", headers, token, calendar_id=first["id"])
    assert items == []


def test_a_filtered_sync_sees_only_its_calendars(api, sync, headers):
    first, second = api.calendar(headers), api.calendar(headers, name="B")
    _, token = sync.full("/events", headers, calendar_id=first["id"])
    api.event(headers, second["id"])
    mine = api.event(headers, first["id"])

    items, _ = sync.since("/events", headers, token, calendar_id=first["id"])
    assert [i["id"] for i in items] == [mine["id"]]


def test_a_tampered_or_foreign_token_is_400(sync, headers):
    _, token = sync.full("/events", headers)
    _, contacts_token = sync.full("/contacts", headers)
    body, sig = token.split(".")
    tampered = body[:-2] + ("AA" if body[-2:] != "AA" else "BB") + "." + sig
    for bad in (tampered, "garbage", token + "x", contacts_token):
        r = sync.get("/events", headers, sync_token=bad)
        assert r.status_code == 400, bad
        body = r.get_json()
        assert body["code"] == "validation_error" and "sync_token" in body["details"]


def test_a_sync_token_with_a_window_or_search_is_400(sync, headers):
    _, token = sync.full("/events", headers)
    r = sync.get("/events", headers, sync_token=token, search="x")
    assert r.status_code == 400
    r = sync.get("/events", headers, sync_token=token, start=START, end=END)
    assert r.status_code == 400


def test_an_invited_user_syncs_changes_to_the_event(
    api, client, sync, headers, auth, make_user
):
    guest = make_user()
    guest_headers = auth.jwt(guest)
    calendar = api.calendar(headers)
    event = api.event(headers, calendar["id"], attendees=[{"email": guest.email}])
    _, token = sync.full("/events", guest_headers)

    r = client.put(f"/events/{event['id']}", json={"title": "Moved"}, headers=headers)
    assert r.status_code == 200
    items, _ = sync.since("/events", guest_headers, token)
    assert [(i["id"], i["title"]) for i in items] == [(event["id"], "Moved")]


def test_an_invited_user_gets_the_events_of_a_deleted_calendar_as_deleted(
    api, client, sync, headers, auth, make_user
):
    guest = make_user()
    guest_headers = auth.jwt(guest)
    calendar = api.calendar(headers)
    event = api.event(headers, calendar["id"], attendees=[{"email": guest.email}])
    _, token = sync.full("/events", guest_headers)

    assert (
        client.delete(f"/calendars/{calendar['id']}", headers=headers).status_code
        == 204
    )
    items, _ = sync.since("/events", guest_headers, token)
    assert [(i["id"], i["status"]) for i in items] == [(event["id"], "deleted")]
