"""Public webcal feeds: GET /calendars/public/{token}.ics and the owner's token."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.ics.conftest import parse

TOMORROW = (datetime.now(UTC) + timedelta(days=1)).replace(
    hour=10, minute=0, second=0, microsecond=0
)


def feed_url(client, headers, calendar_id, *, rotate=False) -> dict:
    method = client.post if rotate else client.get
    r = method(f"/calendars/{calendar_id}/public-token", headers=headers)
    assert r.status_code == 200, r.get_json()
    assert r.headers["Cache-Control"] == "no-store"
    return r.get_json()


def feed_path(urls: dict) -> str:
    return "/" + urls["public_url"].split("/", 3)[3]


def make_public(client, headers, calendar_id, public=True) -> None:
    r = client.put(
        f"/calendars/{calendar_id}", json={"is_public": public}, headers=headers
    )
    assert r.status_code == 200


@pytest.fixture
def public(api, client, headers, calendar):
    api.event(headers, calendar["id"], title="Open day")
    make_public(client, headers, calendar["id"])
    return feed_url(client, headers, calendar["id"])


def test_the_owner_gets_http_and_webcal_urls(client, public, calendar):
    assert public["calendar_id"] == calendar["id"] and public["is_public"] is True
    assert public["public_url"].startswith("http://localhost/calendars/public/")
    assert public["public_url"].endswith(".ics")
    assert public["webcal_url"] == "webcal://" + public["public_url"].split("://")[1]
    token = feed_path(public).rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) >= 32  # secrets.token_urlsafe(24): 192 bits


def test_the_url_is_stable_until_rotated(client, headers, calendar, public):
    assert feed_url(client, headers, calendar["id"]) == public


def test_the_feed_needs_no_sign_in_and_serves_the_events(
    ics, client, headers, calendar, public
):
    r = client.get(feed_path(public))
    assert r.status_code == 200 and r.mimetype == "text/calendar"
    feed = parse(r.get_data()).walk("VEVENT")
    export = parse(ics.exported(headers, calendar["id"])).walk("VEVENT")
    assert [str(e["UID"]) for e in feed] == [str(e["UID"]) for e in export]
    assert [str(e["SUMMARY"]) for e in feed] == ["Open day"]


def test_the_feed_leaves_out_the_guests_addresses(api, ics, client, headers, calendar):
    api.event(
        headers,
        calendar["id"],
        title="Party",
        attendees=[{"email": "guest@example.com", "name": "Guest"}],
    )
    make_public(client, headers, calendar["id"])
    urls = feed_url(client, headers, calendar["id"])

    public_body = client.get(feed_path(urls)).get_data()
    private_body = ics.exported(headers, calendar["id"])

    assert b"guest@example.com" in private_body
    assert b"guest@example.com" not in public_body
    assert [str(e["SUMMARY"]) for e in parse(public_body).walk("VEVENT")] == ["Party"]


def test_the_feed_answers_304_to_if_none_match(client, public):
    etag = client.get(feed_path(public)).headers["ETag"]
    r = client.get(feed_path(public), headers={"If-None-Match": etag})
    assert r.status_code == 304


def test_rotating_kills_the_old_url(client, headers, calendar, public):
    rotated = feed_url(client, headers, calendar["id"], rotate=True)
    assert rotated["public_url"] != public["public_url"]
    old = client.get(feed_path(public))
    assert old.status_code == 404 and old.get_json()["code"] == "not_found"
    assert client.get(feed_path(rotated)).status_code == 200


def test_a_private_calendars_feed_is_a_404(client, headers, calendar, public):
    make_public(client, headers, calendar["id"], public=False)
    assert client.get(feed_path(public)).status_code == 404
    make_public(client, headers, calendar["id"])  # public again: the same URL
    assert client.get(feed_path(public)).status_code == 200


def test_a_calendar_never_made_public_has_no_feed(client, headers, api):
    private = api.calendar(headers, name="Private")
    urls = feed_url(client, headers, private["id"])
    assert urls["is_public"] is False
    assert client.get(feed_path(urls)).status_code == 404


def test_a_deleted_calendars_feed_is_a_404(client, headers, calendar, public):
    assert (
        client.delete(f"/calendars/{calendar['id']}", headers=headers).status_code
        == 204
    )
    assert client.get(feed_path(public)).status_code == 404


@pytest.mark.parametrize("token", ["nope", "x" * 40, "../../etc/passwd", "a%00b" * 8])
def test_unknown_tokens_are_404s(client, token, public):
    assert client.get(f"/calendars/public/{token}.ics").status_code == 404


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_only_the_owner_sees_or_rotates_the_url(
    client, api, headers, calendar, auth, make_user, role
):
    member = make_user()
    api.share(headers, calendar["id"], member.email, role)
    for method in (client.get, client.post):
        r = method(
            f"/calendars/{calendar['id']}/public-token", headers=auth.jwt(member)
        )
        assert r.status_code == 403


def test_a_stranger_gets_a_404(client, calendar, auth, make_user):
    r = client.post(
        f"/calendars/{calendar['id']}/public-token", headers=auth.jwt(make_user())
    )
    assert r.status_code == 404


def test_public_base_url_is_used(client, headers, calendar, app):
    app.config["PUBLIC_BASE_URL"] = "https://cal.example.com"
    try:
        urls = feed_url(client, headers, calendar["id"])
    finally:
        app.config["PUBLIC_BASE_URL"] = None
    assert urls["public_url"].startswith("https://cal.example.com/calendars/public/")
    assert urls["webcal_url"].startswith("webcal://cal.example.com/calendars/public/")


def test_the_feed_is_rate_limited_with_ratelimit_public(client, app, public):
    app.config["RATELIMIT_PUBLIC"] = "2 per minute"
    try:
        statuses = [client.get(feed_path(public)).status_code for _ in range(3)]
        limited = client.get(feed_path(public))
    finally:
        app.config["RATELIMIT_PUBLIC"] = "100000 per minute"
    assert statuses[:2] == [200, 200] and limited.status_code == 429
    assert limited.get_json()["code"] == "rate_limited"
    assert "Retry-After" in limited.headers


# --- no personal data in a public feed ------------------------------------------------


def book(client, headers, calendar_id, **visitor) -> dict:
    """A booking link of the calendar, and a visitor's reservation through it."""
    r = client.post(
        f"/calendars/{calendar_id}/booking-link",
        json={
            "duration_minutes": 30,
            "timezone": "UTC",
            "working_hours": {
                day: [{"start": "00:00", "end": "24:00"}]
                for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            },
            "min_notice_minutes": 0,
            "title": "Office hours",
        },
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    end = TOMORROW + timedelta(minutes=30)
    r = client.post(
        f"/booking/{r.get_json()['token']}/reserve",
        json={
            "slot_start": TOMORROW.isoformat(),
            "slot_end": end.isoformat(),
            **visitor,
        },
    )
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def test_a_booking_shows_only_its_title_and_times(client, headers, calendar):
    book(
        client,
        headers,
        calendar["id"],
        name="Vera Visitor",
        email="vera@example.com",
        notes="My phone is 555-0100",
    )
    make_public(client, headers, calendar["id"])

    body = client.get(feed_path(feed_url(client, headers, calendar["id"]))).get_data()

    for personal in (b"Vera", b"vera@example.com", b"555-0100"):
        assert personal not in body
    (event,) = parse(body).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Office hours"
    assert event.decoded("DTSTART") == TOMORROW
    assert event.decoded("DTEND") == TOMORROW + timedelta(minutes=30)
    for prop in ("DESCRIPTION", "LOCATION", "ATTENDEE", "ORGANIZER"):
        assert prop not in event


def test_what_the_owner_adds_to_a_booking_stays_out(client, headers, calendar):
    booked = book(
        client, headers, calendar["id"], name="Vera Visitor", email="v@example.com"
    )
    r = client.put(
        f"/events/{booked['event']['id']}",
        json={
            "description": "Vera's contract, see folder",
            "location": "Vera's office",
            "tags": ["client-vera"],
        },
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    make_public(client, headers, calendar["id"])

    body = client.get(feed_path(feed_url(client, headers, calendar["id"]))).get_data()

    assert b"Vera" not in body and b"client-vera" not in body
    assert [str(e["SUMMARY"]) for e in parse(body).walk("VEVENT")] == ["Office hours"]


def test_the_feed_never_shows_the_owners_email(
    ics, client, headers, calendar, user, public
):
    body = client.get(feed_path(public)).get_data()
    assert user.email.encode() not in body and b"ORGANIZER" not in body
    # the members' export keeps it
    assert b"ORGANIZER" in ics.exported(headers, calendar["id"])


def test_the_feed_keeps_what_the_owner_wrote_on_other_events(
    api, client, headers, calendar
):
    api.event(
        headers,
        calendar["id"],
        title="Open day",
        description="Doors open at ten",
        location="Main hall",
        reminders=[15],
    )
    make_public(client, headers, calendar["id"])

    body = client.get(feed_path(feed_url(client, headers, calendar["id"]))).get_data()

    (event,) = parse(body).walk("VEVENT")
    assert str(event["DESCRIPTION"]) == "Doors open at ten"
    assert str(event["LOCATION"]) == "Main hall"
    assert not event.walk("VALARM")  # the owner's own reminders stay private


def test_the_feed_has_its_own_etag(ics, client, headers, calendar, public):
    feed_tag = client.get(feed_path(public)).headers["ETag"]
    export_tag = ics.export(headers, calendar["id"]).headers["ETag"]
    assert feed_tag != export_tag
    r = client.get(feed_path(public), headers={"If-None-Match": export_tag})
    assert r.status_code == 200  # a copy of another representation is not current
