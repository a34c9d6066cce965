"""Writes that bypass the ORM's unit of work (COPY, UPDATE ... WHERE) are logged."""

from __future__ import annotations

from tests.ics.conftest import calendar_file, event, upload

DAILY = {"recurrence_rule": "FREQ=DAILY", "timezone": "UTC"}


def _slot(day: int) -> str:
    return f"2026-03-{day:02d}T09:00:00Z"


def _entries(log, resource_id: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (e["op"], e["calendar_id"], e["user_id"])
        for e in log()
        if e["id"] == resource_id
    ]


def _import(client, headers, data: bytes, **params) -> dict:
    r = upload(client, "/calendars/import", headers, data, True, params)
    assert r.status_code in (200, 201), r.get_json()
    return r.get_json()


def _ids_by_title(client, headers, calendar_id) -> dict[str, str]:
    r = client.get(
        "/events", query_string={"calendar_id": calendar_id}, headers=headers
    )
    return {e["title"]: e["id"] for e in r.get_json()["items"]}


def test_ics_import_logs_created_updated_and_replace_deleted_events(
    api, client, headers, log
):
    cid = api.calendar(headers)["id"]
    first = calendar_file(event("a@x", "SUMMARY:A"), event("b@x", "SUMMARY:B"))
    _import(client, headers, first, calendar_id=cid)
    ids = _ids_by_title(client, headers, cid)
    assert _entries(log, ids["A"]) == [("created", cid, None)]

    second = calendar_file(event("a@x", "SUMMARY:A2", "SEQUENCE:1"))
    report = _import(client, headers, second, calendar_id=cid, mode="replace")
    assert (report["updated"], report["deleted"]) == (1, 1)

    assert [e[0] for e in _entries(log, ids["A"])] == ["created", "updated"]
    assert _entries(log, ids["B"]) == [("created", cid, None), ("deleted", cid, None)]


def test_vcard_import_logs_each_contact_for_its_owner(client, headers, user, log):
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:c1\r\nFN:Ada L\r\nN:L;Ada;;;\r\n"
    data = (card + "END:VCARD\r\n").encode()
    r = upload(client, "/contacts/import", headers, data, True, {})
    assert r.status_code == 200, r.get_json()
    contact = client.get("/contacts", headers=headers).get_json()["items"][0]

    assert _entries(log, contact["id"]) == [("created", None, str(user.id))]


def test_a_split_logs_the_exceptions_it_reparents(api, client, headers, log):
    cid = api.calendar(headers)["id"]
    series = api.event(headers, cid, **DAILY)
    url = f"/events/{series['id']}/instances"
    late = client.put(f"{url}/{_slot(7)}", json={"title": "L"}, headers=headers)
    late_id = late.get_json()["id"]
    before = len(_entries(log, late_id))

    r = client.put(
        f"{url}/{_slot(5)}",
        query_string={"scope": "following"},
        json={"title": "New"},
        headers=headers,
    )
    assert r.status_code == 200
    assert _entries(log, late_id)[before:] == [("updated", cid, None)]


def test_cancelling_this_and_following_logs_the_deleted_exceptions(
    api, client, headers, log
):
    cid = api.calendar(headers)["id"]
    series = api.event(headers, cid, **DAILY)
    url = f"/events/{series['id']}/instances"
    late = client.put(f"{url}/{_slot(7)}", json={"title": "L"}, headers=headers)
    late_id = late.get_json()["id"]

    r = client.delete(
        f"{url}/{_slot(5)}", query_string={"scope": "following"}, headers=headers
    )
    assert r.status_code == 204
    assert _entries(log, late_id)[-1] == ("deleted", cid, None)


def test_deleting_a_series_logs_its_exceptions_deleted(api, client, headers, log):
    cid = api.calendar(headers)["id"]
    series = api.event(headers, cid, **DAILY)
    url = f"/events/{series['id']}/instances/{_slot(3)}"
    exception_id = client.put(url, json={"title": "X"}, headers=headers).get_json()[
        "id"
    ]

    assert client.delete(f"/events/{series['id']}", headers=headers).status_code == 204
    assert _entries(log, exception_id)[-1] == ("deleted", cid, None)


def test_moving_a_series_logs_its_exceptions_for_both_calendars(
    api, client, headers, log
):
    source, target = api.calendar(headers)["id"], api.calendar(headers)["id"]
    series = api.event(headers, source, **DAILY)
    url = f"/events/{series['id']}/instances/{_slot(3)}"
    exception_id = client.put(url, json={"title": "X"}, headers=headers).get_json()[
        "id"
    ]
    before = len(_entries(log, exception_id))

    r = client.put(
        f"/events/{series['id']}", json={"calendar_id": target}, headers=headers
    )
    assert r.status_code == 200
    moved = _entries(log, exception_id)[before:]
    assert sorted(moved) == sorted(
        [("updated", source, None), ("updated", target, None)]
    )


def test_linking_invitations_to_a_new_account_logs_the_events_for_it(
    api, headers, make_user, log
):
    cid = api.calendar(headers)["id"]
    invited = api.event(headers, cid, attendees=[{"email": "later@example.com"}])
    before = len(_entries(log, invited["id"]))

    newcomer = make_user(email="later@example.com")  # verified: invitations linked

    assert (
        "updated",
        cid,
        str(newcomer.id),
    ) in _entries(log, invited["id"])[before:]


def test_deleting_an_account_logs_it_leaving_every_member_list(
    api, client, headers, auth, make_user, log
):
    member = make_user()
    own = api.calendar(headers)["id"]
    shared = api.calendar(headers)["id"]
    api.share(headers, shared, member.email, "viewer")
    member_headers = auth.jwt(member)
    theirs = api.calendar(member_headers)["id"]

    assert client.delete("/users/me", headers=member_headers).status_code == 204

    left = [
        (e["calendar_id"], e["user_id"])
        for e in log(resource_type="membership", op="deleted")
    ]
    assert sorted(left) == sorted([(shared, str(member.id)), (theirs, str(member.id))])
    assert own not in {c for c, _ in left}


def test_an_ics_update_that_uninvites_a_user_logs_the_event_for_them(
    api, client, headers, make_user, log
):
    guest = make_user(email="guest@example.com")
    cid = api.calendar(headers)["id"]
    invited = event("m@x", "SUMMARY:M", "ATTENDEE:mailto:guest@example.com")
    _import(client, headers, calendar_file(invited), calendar_id=cid)
    event_id = _ids_by_title(client, headers, cid)["M"]

    alone = event("m@x", "SUMMARY:M2", "SEQUENCE:1")
    _import(client, headers, calendar_file(alone), calendar_id=cid)

    assert ("updated", cid, str(guest.id)) in _entries(log, event_id)
