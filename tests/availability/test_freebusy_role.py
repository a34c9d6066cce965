"""The ``freebusy`` sharing role: busy blocks through free/busy, slot finding and
their explanation, and nothing else — every other endpoint treats its holder as a
stranger to the calendar (404), and the calendar is in none of their lists."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.conftest import PASSWORD
from tests.dav.conftest import Dav, basic
from tests.events.conftest import Api
from tests.reminders.harness import receiver, run_outbox  # noqa: F401 - fixture
from tests.sync.conftest import Sync

DAY = {"start": "2026-03-02T00:00:00Z", "end": "2026-03-03T00:00:00Z"}
SECRET = "Merger talks with Initech"


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def owner(make_user, auth):
    user = make_user()
    return user, auth.jwt(user)


@pytest.fixture
def scheduler(make_user, auth):
    user = make_user()
    return user, auth.jwt(user)


@pytest.fixture
def shared(api, owner, scheduler):
    """The owner's calendar, shared with the scheduler at ``freebusy``, with a
    secret meeting (an attendee, a location) 10:00–11:00 and a weekly standup."""
    _, headers = owner
    calendar = api.calendar(headers, name="Ada's private work")
    api.share(headers, calendar["id"], scheduler[0].email, "freebusy")
    meeting = api.event(
        headers,
        calendar["id"],
        title=SECRET,
        location="Room 42",
        start_time="2026-03-02T10:00:00Z",
        end_time="2026-03-02T11:00:00Z",
        attendees=[{"email": "bill@initech.example"}],
    )
    standup = api.event(
        headers,
        calendar["id"],
        title="Standup",
        start_time="2026-03-02T09:00:00Z",
        end_time="2026-03-02T09:15:00Z",
        recurrence_rule="FREQ=DAILY;COUNT=5",
    )
    return {"calendar": calendar, "meeting": meeting, "standup": standup}


def _leaks(body, shared) -> list[str]:
    """What of the calendar's details a response body shows."""
    text = body if isinstance(body, str) else json.dumps(body)
    secrets = [
        SECRET,
        "Standup",
        "Room 42",
        "bill@initech.example",
        "Ada's private work",
        shared["meeting"]["id"],
        shared["standup"]["id"],
        shared["meeting"]["ical_uid"],
    ]
    return [s for s in secrets if s in text]


def _not_found(response) -> None:
    assert response.status_code == 404, response.get_json()
    assert response.get_json()["code"] == "not_found"


# --- sharing ----------------------------------------------------------------------


def test_the_owner_shares_at_freebusy_and_sees_the_role_in_members(
    client, owner, scheduler, shared
):
    r = client.get(f"/calendars/{shared['calendar']['id']}/members", headers=owner[1])
    roles = {m["user_id"]: m["role"] for m in r.get_json()["items"]}
    assert roles[str(scheduler[0].id)] == "freebusy"


def test_an_unknown_role_is_refused(client, owner, scheduler, shared):
    r = client.post(
        f"/calendars/{shared['calendar']['id']}/share",
        json={"email": scheduler[0].email, "role": "spy"},
        headers=owner[1],
    )
    assert r.status_code == 400
    assert r.get_json()["code"] == "validation_error"


# --- what the holder sees: busy blocks ------------------------------------------


def test_free_busy_shows_busy_blocks_and_nothing_else(client, scheduler, shared):
    r = client.get(
        "/availability",
        query_string={"calendar_id": shared["calendar"]["id"], **DAY},
        headers=scheduler[1],
    )
    assert r.status_code == 200, r.get_json()
    assert [(b["start"], b["end"]) for b in r.get_json()["busy"]] == [
        ("2026-03-02T09:00:00Z", "2026-03-02T09:15:00Z"),
        ("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z"),
    ]
    assert _leaks(r.get_json(), shared) == []


def test_slot_finding_avoids_the_busy_blocks(client, scheduler, shared):
    r = client.post(
        "/availability/find",
        json={
            "calendar_ids": [shared["calendar"]["id"]],
            "start": "2026-03-02T09:00:00Z",
            "end": "2026-03-02T12:00:00Z",
            "duration_minutes": 60,
            "timezone": "UTC",
            "slot_interval_minutes": 15,
        },
        headers=scheduler[1],
    )
    assert r.status_code == 200, r.get_json()
    starts = [s["start"][11:16] for s in r.get_json()["slots"]]
    assert starts == ["11:00"]
    assert _leaks(r.get_json(), shared) == []


def test_explain_says_busy_without_naming_the_event(client, owner, scheduler, shared):
    body = {
        "calendar_ids": [shared["calendar"]["id"]],
        "start": "2026-03-02T10:30:00Z",
        "duration_minutes": 60,
        "timezone": "UTC",
        "slot_interval_minutes": 30,
    }
    r = client.post("/availability/explain", json=body, headers=scheduler[1])
    assert r.status_code == 200, r.get_json()
    [reason] = r.get_json()["reasons"]
    assert reason["code"] == "busy"
    assert (reason["start"], reason["end"]) == (
        "2026-03-02T10:30:00Z",
        "2026-03-02T11:00:00Z",
    )
    assert "event" not in reason
    assert _leaks(r.get_json(), shared) == []
    # The owner, who reads it, is told which event it is.
    named = client.post("/availability/explain", json=body, headers=owner[1])
    assert named.get_json()["reasons"][0]["event"]["title"] == SECRET


# --- everything else: a stranger -----------------------------------------------


def test_the_calendar_is_not_in_their_calendar_list_nor_readable(
    client, scheduler, shared
):
    calendar_id = shared["calendar"]["id"]
    r = client.get("/calendars", headers=scheduler[1])
    assert [c["id"] for c in r.get_json()["items"]] == []
    _not_found(client.get(f"/calendars/{calendar_id}", headers=scheduler[1]))
    _not_found(client.get(f"/calendars/{calendar_id}/members", headers=scheduler[1]))


def test_events_list_get_and_occurrences_are_closed(client, scheduler, shared):
    headers, calendar_id = scheduler[1], shared["calendar"]["id"]
    assert client.get("/events", headers=headers).get_json()["items"] == []
    window = client.get("/events", query_string=DAY, headers=headers)
    assert window.status_code == 200 and window.get_json()["items"] == []
    _not_found(
        client.get(
            "/events", query_string={"calendar_id": calendar_id}, headers=headers
        )
    )
    _not_found(client.get(f"/events/{shared['meeting']['id']}", headers=headers))
    _not_found(
        client.get(
            f"/events/{shared['standup']['id']}/instances",
            query_string=DAY,
            headers=headers,
        )
    )


def test_ics_export_is_closed(client, scheduler, shared):
    r = client.get(
        f"/calendars/{shared['calendar']['id']}/export.ics", headers=scheduler[1]
    )
    _not_found(r)


def test_writing_and_managing_are_closed_as_to_a_stranger(client, scheduler, shared):
    headers, calendar_id = scheduler[1], shared["calendar"]["id"]
    _not_found(
        client.post(
            "/events",
            json={
                "calendar_id": calendar_id,
                "title": "Planted",
                "start_time": "2026-03-02T13:00:00Z",
                "end_time": "2026-03-02T14:00:00Z",
            },
            headers=headers,
        )
    )
    _not_found(
        client.put(
            f"/events/{shared['meeting']['id']}", json={"title": "x"}, headers=headers
        )
    )
    _not_found(
        client.post(
            f"/calendars/{calendar_id}/share",
            json={"email": "eve@example.com", "role": "viewer"},
            headers=headers,
        )
    )


def test_sync_feeds_carry_nothing_of_the_calendar(
    client, api, owner, scheduler, shared
):
    sync = Sync(client)
    events, events_token = sync.full("/events", scheduler[1])
    calendars, calendars_token = sync.full("/calendars", scheduler[1])
    assert events == [] and calendars == []
    api.event(owner[1], shared["calendar"]["id"], title=SECRET + " (moved)")
    r = client.put(
        f"/calendars/{shared['calendar']['id']}",
        json={"name": "Ada's renamed work"},
        headers=owner[1],
    )
    assert r.status_code == 200
    assert sync.since("/events", scheduler[1], events_token)[0] == []
    assert sync.since("/calendars", scheduler[1], calendars_token)[0] == []


def test_a_viewer_turned_freebusy_loses_the_calendar_in_its_sync(
    client, api, owner, make_user, auth
):
    guest = make_user()
    calendar = api.calendar(owner[1])
    api.share(owner[1], calendar["id"], guest.email, "viewer")
    sync = Sync(client)
    _, token = sync.full("/calendars", auth.jwt(guest))
    api.share(owner[1], calendar["id"], guest.email, "freebusy")
    items, _ = sync.since("/calendars", auth.jwt(guest), token)
    assert items == [{"id": calendar["id"], "status": "deleted"}]


def test_webhooks_of_a_freebusy_holder_receive_nothing_of_the_calendar(
    client,
    api,
    app,
    owner,
    scheduler,
    make_user,
    auth,
    receiver,  # noqa: F811
):
    viewer = make_user()
    calendar = api.calendar(owner[1])
    api.share(owner[1], calendar["id"], scheduler[0].email, "freebusy")
    api.share(owner[1], calendar["id"], viewer.email, "viewer")
    hooks = {}
    for name, headers in (("freebusy", scheduler[1]), ("viewer", auth.jwt(viewer))):
        r = client.post("/webhooks", json={"url": receiver.url}, headers=headers)
        assert r.status_code == 201, r.get_json()
        hooks[name] = (r.get_json()["id"], headers)
    api.event(owner[1], calendar["id"], title=SECRET)
    run_outbox(app)

    def deliveries(name):
        hook_id, headers = hooks[name]
        r = client.get(f"/webhooks/{hook_id}/deliveries", headers=headers)
        return r.get_json()["items"]

    assert [d["type"] for d in deliveries("viewer")] == ["event.created"]
    assert deliveries("freebusy") == []


def test_caldav_home_leaves_the_calendar_out(client, scheduler, shared):
    dav = Dav(client, basic(scheduler[0].email, PASSWORD))
    home = f"/dav/calendars/{scheduler[0].id}/"
    r = dav("PROPFIND", home, Depth="1")
    assert r.status_code == 207
    body = r.get_data(as_text=True)
    assert shared["calendar"]["id"] not in body
    assert _leaks(body, shared) == []
    assert (
        dav("PROPFIND", f"{home}{shared['calendar']['id']}/", Depth="0").status_code
        == 404
    )


def test_the_stream_does_not_subscribe_them_to_the_calendar(app, scheduler, shared):
    from calapp.errors import NotFound
    from calapp.security import Principal
    from calapp.stream import service as stream

    principal = Principal(user_id=scheduler[0].id)
    calendar_id = uuid.UUID(shared["calendar"]["id"])
    with app.app_context():
        kinds = stream.allowed_kinds(principal)
        assert calendar_id not in stream.audience_for(principal, kinds, None).calendars
        with pytest.raises(NotFound):
            stream.audience_for(principal, kinds, [calendar_id])


def test_an_invited_freebusy_holder_reads_that_event_as_an_attendee(
    client, api, owner, scheduler, shared
):
    invited = api.event(
        owner[1],
        shared["calendar"]["id"],
        title="Lunch with the scheduler",
        attendees=[{"email": scheduler[0].email}],
    )
    r = client.get(f"/events/{invited['id']}", headers=scheduler[1])
    assert r.status_code == 200 and r.get_json()["title"] == "Lunch with the scheduler"
    titles = [
        e["title"]
        for e in client.get("/events", headers=scheduler[1]).get_json()["items"]
    ]
    assert titles == ["Lunch with the scheduler"]
    _not_found(client.get(f"/events/{shared['meeting']['id']}", headers=scheduler[1]))


def test_a_freebusy_holder_may_leave_and_then_sees_nothing(client, scheduler, shared):
    calendar_id = shared["calendar"]["id"]
    url = f"/calendars/{calendar_id}/members/{scheduler[0].id}"
    assert client.delete(url, headers=scheduler[1]).status_code == 204
    r = client.get(
        "/availability",
        query_string={"calendar_id": calendar_id, **DAY},
        headers=scheduler[1],
    )
    _not_found(r)


def test_a_freebusy_holder_cannot_remove_another_member(
    client, owner, scheduler, shared
):
    url = f"/calendars/{shared['calendar']['id']}/members/{owner[0].id}"
    _not_found(client.delete(url, headers=scheduler[1]))
