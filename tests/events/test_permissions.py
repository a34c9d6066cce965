"""Who may do what: every events/reminders/attendees endpoint x every kind of caller.

Callers: the calendar's owner, an editor, a viewer, an invited attendee who is not
a member, a stranger, the owner's API key with the scope the endpoint needs, and
the owner's API key without it.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import pytest

from tests.events.conftest import END, START

CALLERS = ("owner", "editor", "viewer", "attendee", "stranger", "key", "key_no_scope")


@dataclass
class World:
    calendar_id: str
    event_id: str
    reminder_id: str
    own_attendee_id: str  # the row of the invited (non-member) user
    other_attendee_id: str  # someone else's row
    headers: dict  # caller -> request headers


@pytest.fixture
def world_for(api, auth, make_user):
    """``world_for(needed_scope)``: one event seen by every kind of caller."""

    def build(needed_scope: str) -> World:
        owner, editor, viewer, attendee, stranger = (make_user() for _ in range(5))
        owner_headers = auth.jwt(owner)
        calendar = api.calendar(owner_headers)
        api.share(owner_headers, calendar["id"], editor.email, "editor")
        api.share(owner_headers, calendar["id"], viewer.email, "viewer")
        event = api.event(
            owner_headers,
            calendar["id"],
            reminders=[10],
            attendees=[{"email": attendee.email}, {"email": "other@example.com"}],
        )
        rows = {a["email"]: a["id"] for a in event["attendees"]}
        no_scope = (
            ["events:read"] if needed_scope == "events:write" else ["calendars:read"]
        )
        return World(
            calendar_id=calendar["id"],
            event_id=event["id"],
            reminder_id=event["reminders"][0]["id"],
            own_attendee_id=rows[attendee.email],
            other_attendee_id=rows["other@example.com"],
            headers={
                "owner": owner_headers,
                "editor": auth.jwt(editor),
                "viewer": auth.jwt(viewer),
                "attendee": auth.jwt(attendee),
                "stranger": auth.jwt(stranger),
                "key": auth.key(owner, [needed_scope]),
                "key_no_scope": auth.key(owner, no_scope),
            },
        )

    return build


def _event(w):
    return f"/events/{w.event_id}"


# endpoint -> (scope, request)
ENDPOINTS = {
    "list": ("events:read", lambda c, w, h: c.get("/events", headers=h)),
    "list_calendar": (
        "events:read",
        lambda c, w, h: c.get(
            "/events", query_string={"calendar_id": w.calendar_id}, headers=h
        ),
    ),
    "get": ("events:read", lambda c, w, h: c.get(_event(w), headers=h)),
    "create": (
        "events:write",
        lambda c, w, h: c.post(
            "/events",
            json={
                "calendar_id": w.calendar_id,
                "title": "New",
                "start_time": START,
                "end_time": END,
            },
            headers=h,
        ),
    ),
    "update": (
        "events:write",
        lambda c, w, h: c.put(_event(w), json={"title": "Changed"}, headers=h),
    ),
    "delete": ("events:write", lambda c, w, h: c.delete(_event(w), headers=h)),
    "add_reminder": (
        "events:write",
        lambda c, w, h: c.post(
            f"{_event(w)}/reminders", json={"minutes_before": 30}, headers=h
        ),
    ),
    "delete_reminder": (
        "events:write",
        lambda c, w, h: c.delete(f"{_event(w)}/reminders/{w.reminder_id}", headers=h),
    ),
    "add_attendee": (
        "events:write",
        lambda c, w, h: c.post(
            f"{_event(w)}/attendees", json={"email": "new@example.com"}, headers=h
        ),
    ),
    "rsvp_own": (
        "events:write",
        lambda c, w, h: c.put(
            f"{_event(w)}/attendees/{w.own_attendee_id}",
            json={"status": "accepted"},
            headers=h,
        ),
    ),
    "rsvp_other": (
        "events:write",
        lambda c, w, h: c.put(
            f"{_event(w)}/attendees/{w.other_attendee_id}",
            json={"status": "declined"},
            headers=h,
        ),
    ),
    "rename_attendee": (
        "events:write",
        lambda c, w, h: c.put(
            f"{_event(w)}/attendees/{w.own_attendee_id}",
            json={"name": "Renamed"},
            headers=h,
        ),
    ),
    "delete_attendee": (
        "events:write",
        lambda c, w, h: c.delete(
            f"{_event(w)}/attendees/{w.other_attendee_id}", headers=h
        ),
    ),
}

# endpoint -> status for (owner, editor, viewer, attendee, stranger, key, key_no_scope)
EXPECTED = {
    "list": (200, 200, 200, 200, 200, 200, 403),
    "list_calendar": (200, 200, 200, 404, 404, 200, 403),
    "get": (200, 200, 200, 200, 404, 200, 403),
    "create": (201, 201, 403, 404, 404, 201, 403),
    "update": (200, 200, 403, 403, 404, 200, 403),
    "delete": (204, 204, 403, 403, 404, 204, 403),
    "add_reminder": (201, 201, 403, 403, 404, 201, 403),
    "delete_reminder": (204, 204, 403, 403, 404, 204, 403),
    "add_attendee": (201, 201, 403, 403, 404, 201, 403),
    "rsvp_own": (200, 200, 403, 200, 404, 200, 403),
    "rsvp_other": (200, 200, 403, 403, 404, 200, 403),
    "rename_attendee": (200, 200, 403, 403, 404, 200, 403),
    "delete_attendee": (204, 204, 403, 403, 404, 204, 403),
}

CASES = [
    pytest.param(endpoint, caller, status, id=f"{endpoint}-{caller}")
    for endpoint, statuses in EXPECTED.items()
    for caller, status in zip(CALLERS, statuses, strict=True)
]


@pytest.mark.parametrize("endpoint, caller, status", CASES)
def test_permission_matrix(client, world_for, endpoint, caller, status):
    scope, call = ENDPOINTS[endpoint]
    world = world_for(scope)
    r = call(client, world, world.headers[caller])
    assert r.status_code == status, r.get_json()
    if status == 403:
        expected = "insufficient_scope" if caller == "key_no_scope" else "forbidden"
        assert r.get_json()["code"] == expected
    if status == 404:
        assert r.get_json()["code"] == "not_found"


OPERATION = {
    "list": "GET /events",
    "list_calendar": "GET /events",
    "get": "GET /events/<uuid:event_id>",
    "create": "POST /events",
    "update": "PUT /events/<uuid:event_id>",
    "delete": "DELETE /events/<uuid:event_id>",
    "add_reminder": "POST /events/<uuid:event_id>/reminders",
    "delete_reminder": "DELETE /events/<uuid:event_id>/reminders/<uuid:reminder_id>",
    "add_attendee": "POST /events/<uuid:event_id>/attendees",
    "rsvp_own": "PUT /events/<uuid:event_id>/attendees/<uuid:attendee_id>",
    "rsvp_other": "PUT /events/<uuid:event_id>/attendees/<uuid:attendee_id>",
    "rename_attendee": "PUT /events/<uuid:event_id>/attendees/<uuid:attendee_id>",
    "delete_attendee": "DELETE /events/<uuid:event_id>/attendees/<uuid:attendee_id>",
}


def test_matrix_covers_every_event_reminder_and_attendee_operation(app):
    """Events, their reminders and attendees (occurrence routes have their own)."""
    scope = re.compile(
        r"^/events(/<uuid:event_id>(/(reminders|attendees)(/<[^>]+>)?)?)?$"
    )
    routes = {
        f"{method} {rule.rule}"
        for rule in app.url_map.iter_rules()
        if scope.match(rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert set(OPERATION) == set(ENDPOINTS) == set(EXPECTED)
    assert set(OPERATION.values()) == routes


@pytest.mark.parametrize("caller", ["owner", "viewer", "attendee"])
def test_readers_see_the_event_in_the_list(client, world_for, caller):
    world = world_for("events:read")
    r = client.get("/events", headers=world.headers[caller])
    assert [e["id"] for e in r.get_json()["items"]] == [world.event_id]


def test_a_stranger_lists_nothing(client, world_for):
    world = world_for("events:read")
    page = client.get("/events", headers=world.headers["stranger"]).get_json()
    assert (page["items"], page["next_cursor"]) == ([], None)


@pytest.mark.parametrize(
    "method, suffix, body",
    [
        ("get", "", None),
        ("put", "", {"title": "x"}),
        ("delete", "", None),
        ("post", "/reminders", {"minutes_before": 5}),
        ("post", "/attendees", {"email": "a@example.com"}),
    ],
)
def test_a_stranger_cannot_tell_the_event_exists(
    client, world_for, method, suffix, body
):
    world = world_for("events:write")
    stranger = world.headers["stranger"]
    send = getattr(client, method)
    kwargs = {"headers": stranger} | ({"json": body} if body is not None else {})
    real = send(f"/events/{world.event_id}{suffix}", **kwargs)
    missing = send(f"/events/{uuid.uuid4()}{suffix}", **kwargs)
    assert real.status_code == missing.status_code == 404
    assert real.get_json() == missing.get_json()


def test_a_viewer_is_told_why(client, world_for):
    world = world_for("events:write")
    r = client.put(_event(world), json={"title": "x"}, headers=world.headers["viewer"])
    assert r.status_code == 403
    assert r.get_json()["details"] == {"role": "viewer", "required": "write"}


def test_the_attendee_answer_is_stored(client, world_for):
    world = world_for("events:write")
    url = f"{_event(world)}/attendees/{world.own_attendee_id}"
    r = client.put(url, json={"status": "tentative"}, headers=world.headers["attendee"])
    assert r.get_json()["status"] == "tentative"
    event = client.get(_event(world), headers=world.headers["owner"]).get_json()
    answers = {a["id"]: a["status"] for a in event["attendees"]}
    assert answers[world.own_attendee_id] == "tentative"


def test_an_editor_cannot_create_on_a_calendar_shared_read_only(
    api, client, auth, make_user
):
    owner, viewer = make_user(), make_user()
    calendar = api.calendar(auth.jwt(owner))
    api.share(auth.jwt(owner), calendar["id"], viewer.email, "viewer")
    own = api.calendar(auth.jwt(viewer), name="Mine")
    event = api.event(auth.jwt(viewer), own["id"])
    r = client.put(
        f"/events/{event['id']}",
        json={"calendar_id": calendar["id"]},
        headers=auth.jwt(viewer),
    )
    assert r.status_code == 403


def test_moving_to_an_invisible_calendar_is_404(api, client, auth, make_user):
    user, stranger = make_user(), make_user()
    event = api.event(auth.jwt(user), api.calendar(auth.jwt(user))["id"])
    theirs = api.calendar(auth.jwt(stranger))
    r = client.put(
        f"/events/{event['id']}",
        json={"calendar_id": theirs["id"]},
        headers=auth.jwt(user),
    )
    assert r.status_code == 404


def test_an_uninvited_attendee_loses_access(client, world_for):
    world = world_for("events:write")
    owner, attendee = world.headers["owner"], world.headers["attendee"]
    client.delete(f"{_event(world)}/attendees/{world.own_attendee_id}", headers=owner)
    assert client.get(_event(world), headers=attendee).status_code == 404
    assert client.get("/events", headers=attendee).get_json()["items"] == []
