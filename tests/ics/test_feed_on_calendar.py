"""The public feed's address on the calendar resource (GET /calendars[/{id}])."""

from __future__ import annotations

from tests.ics.test_feed import feed_url, make_public


def _calendar(client, headers, calendar_id) -> dict:
    r = client.get(f"/calendars/{calendar_id}", headers=headers)
    assert r.status_code == 200
    return r.get_json()


def _listed(client, headers, calendar_id) -> dict:
    items = client.get("/calendars", headers=headers).get_json()["items"]
    return next(c for c in items if c["id"] == calendar_id)


def test_a_private_calendar_has_no_feed_address(client, headers, calendar):
    got = _calendar(client, headers, calendar["id"])
    assert (got["public_url"], got["webcal_url"]) == (None, None)


def test_the_owner_sees_the_address_once_the_calendar_is_public(
    client, headers, calendar
):
    make_public(client, headers, calendar["id"])
    got = _calendar(client, headers, calendar["id"])
    feed = feed_url(client, headers, calendar["id"])
    assert got["public_url"] == feed["public_url"]
    assert got["webcal_url"] == feed["webcal_url"]
    assert _listed(client, headers, calendar["id"])["public_url"] == feed["public_url"]
    assert client.get("/" + got["public_url"].split("/", 3)[3]).status_code == 200


def test_a_calendar_created_public_has_its_address_at_once(client, headers):
    r = client.post(
        "/calendars", json={"name": "Club", "is_public": True}, headers=headers
    )
    assert r.status_code == 201
    assert r.get_json()["public_url"].endswith(".ics")


def test_rotating_the_token_changes_the_address_and_the_etag(client, headers, calendar):
    make_public(client, headers, calendar["id"])
    before = client.get(f"/calendars/{calendar['id']}", headers=headers)
    rotated = feed_url(client, headers, calendar["id"], rotate=True)
    after = client.get(
        f"/calendars/{calendar['id']}",
        headers={**headers, "If-None-Match": before.headers["ETag"]},
    )
    assert after.status_code == 200
    assert after.get_json()["public_url"] == rotated["public_url"]
    assert before.get_json()["public_url"] != rotated["public_url"]


def test_making_it_private_hides_the_address(client, headers, calendar):
    make_public(client, headers, calendar["id"])
    make_public(client, headers, calendar["id"], public=False)
    assert _calendar(client, headers, calendar["id"])["public_url"] is None


def test_members_do_not_see_the_secret_address(
    client, headers, calendar, make_user, auth
):
    make_public(client, headers, calendar["id"])
    for role in ("editor", "viewer"):
        member = make_user()
        r = client.post(
            f"/calendars/{calendar['id']}/share",
            json={"user_id": str(member.id), "role": role},
            headers=headers,
        )
        assert r.status_code == 201
        theirs = auth.jwt(member)
        got = _calendar(client, theirs, calendar["id"])
        assert got["is_public"] is True and got["role"] == role
        assert (got["public_url"], got["webcal_url"]) == (None, None)
        assert _listed(client, theirs, calendar["id"])["public_url"] is None
