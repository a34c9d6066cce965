"""Every write appends to the change log in its own transaction."""

from __future__ import annotations

import sqlalchemy as sa


def _ops(entries, kind=None):
    return [(e["type"], e["op"]) for e in entries if kind is None or e["type"] == kind]


def test_creating_a_calendar_logs_it_and_its_owner_membership(api, headers, user, log):
    calendar = api.calendar(headers)

    entries = log()
    assert ("calendar", "created") in _ops(entries)
    created = next(e for e in entries if e["type"] == "calendar")
    assert created["id"] == calendar["id"]
    assert created["calendar_id"] == calendar["id"]
    assert created["actor_id"] == str(user.id)


def test_event_create_update_delete_are_logged_in_order(api, client, headers, log):
    calendar = api.calendar(headers)
    event = api.event(headers, calendar["id"])
    r = client.put(f"/events/{event['id']}", json={"title": "Moved"}, headers=headers)
    assert r.status_code == 200
    assert client.delete(f"/events/{event['id']}", headers=headers).status_code == 204

    entries = [e for e in log(resource_type="event") if e["id"] == event["id"]]
    assert [e["op"] for e in entries] == ["created", "updated", "deleted"]
    assert all(e["calendar_id"] == calendar["id"] for e in entries)
    positions = [e["position"] for e in entries]
    assert positions == sorted(positions) and len(set(positions)) == 3


def test_one_request_logs_one_entry_per_resource(api, headers, log):
    calendar = api.calendar(headers)
    api.event(
        headers,
        calendar["id"],
        reminders=[10],
        attendees=[{"email": "guest@example.com"}],
    )
    assert _ops(log(), "event") == [("event", "created")]


def test_reminders_and_attendees_are_changes_of_their_event(api, client, headers, log):
    calendar = api.calendar(headers)
    event = api.event(headers, calendar["id"])
    before = len(log())
    r = client.post(
        f"/events/{event['id']}/reminders", json={"minutes_before": 5}, headers=headers
    )
    assert r.status_code == 201
    r = client.post(
        f"/events/{event['id']}/attendees",
        json={"email": "guest@example.com"},
        headers=headers,
    )
    assert r.status_code == 201

    added = log()[before:]
    assert [(e["type"], e["id"], e["op"]) for e in added] == [
        ("event", event["id"], "updated"),
        ("event", event["id"], "updated"),
    ]


def test_an_invited_user_is_named_on_the_event_entry(
    api, client, headers, make_user, log
):
    guest = make_user()
    calendar = api.calendar(headers)
    event = api.event(headers, calendar["id"], attendees=[{"email": guest.email}])

    entries = [e for e in log(resource_type="event") if e["id"] == event["id"]]
    assert {e["user_id"] for e in entries} >= {str(guest.id)}


def test_sharing_and_unsharing_are_membership_changes(
    api, client, headers, make_user, log
):
    friend = make_user()
    calendar = api.calendar(headers)
    api.share(headers, calendar["id"], friend.email, "viewer")
    r = client.delete(
        f"/calendars/{calendar['id']}/members/{friend.id}", headers=headers
    )
    assert r.status_code == 204

    members = [
        (e["op"], e["user_id"])
        for e in log(resource_type="membership")
        if e["user_id"] == str(friend.id)
    ]
    assert members == [("created", str(friend.id)), ("deleted", str(friend.id))]


def test_contacts_are_logged_for_their_owner(client, headers, user, log):
    r = client.post("/contacts", json={"first_name": "Ada"}, headers=headers)
    assert r.status_code == 201
    contact_id = r.get_json()["id"]
    assert client.delete(f"/contacts/{contact_id}", headers=headers).status_code == 204

    entries = log(resource_type="contact")
    assert [(e["id"], e["op"], e["user_id"]) for e in entries] == [
        (contact_id, "created", str(user.id)),
        (contact_id, "deleted", str(user.id)),
    ]
    assert all(e["calendar_id"] is None for e in entries)


def test_a_refused_write_logs_nothing(api, client, headers, log):
    calendar = api.calendar(headers)
    before = log()
    r = client.post(
        "/events",
        json={
            "calendar_id": calendar["id"],
            "title": "Backwards",
            "start_time": "2026-03-02T10:00:00Z",
            "end_time": "2026-03-02T09:00:00Z",
        },
        headers=headers,
    )
    assert r.status_code == 400
    assert log() == before


def test_a_rolled_back_transaction_logs_nothing(app, user, log):
    from calapp.calendars import service as calendars
    from calapp.extensions import db
    from calapp.security import Principal
    from calapp.users.service import now

    before = log()
    with app.app_context():
        calendars.create(Principal(user_id=user.id), {"name": "Gone"}, now())
        db.session.flush()
        db.session.rollback()
        db.session.execute(sa.text("SELECT 1"))
        db.session.commit()
    assert log() == before


def test_pruning_drops_old_entries_keeps_the_newest_and_expires_old_positions(
    app, client, headers, log
):
    from datetime import timedelta

    from calapp.changes import service
    from calapp.changes.models import Change
    from calapp.extensions import db
    from calapp.users.service import now

    for name in ("a", "b", "c"):
        assert (
            client.post(
                "/contacts", json={"first_name": name}, headers=headers
            ).status_code
            == 201
        )
    entries = log()
    old, newest = entries[-3]["position"], entries[-1]["position"]
    with app.app_context():
        db.session.execute(sa.update(Change).values(at=now() - timedelta(days=40)))
        assert service.prune(now(), 30) == len(entries) - 1
        db.session.commit()
        assert service.watermark() == newest
        assert service.is_expired(old)
        assert not service.is_expired(newest - 1)
    assert [e["position"] for e in log()] == [newest]
