"""Booking links (owner) and the public booking endpoints, through HTTP.

The service clock is ``calapp.users.service.now``; the ``clock`` fixture moves it
(time travel for notice, horizon and hold expiry), the database stays real.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.booking.helpers import (
    MONDAY,
    NINE_TO_FIVE,
    WEEKDAYS,
    Booker,
    at,
    day_range,
    iso,
)

# --- create (the 004 shape) -----------------------------------------------------------


def test_create_link_returns_token_public_url_and_settings(booker, calendar):
    body = booker.link(
        calendar["id"],
        duration_minutes=45,
        timezone="America/Asuncion",
        working_hours={"mon": [{"start": "13:00", "end": "17:00"},
                               {"start": "09:00", "end": "12:00"}]},
    )  # fmt: skip
    assert {"token", "public_url", "settings"} <= set(body)
    assert len(body["token"]) >= 32  # >= 128 bits of randomness, url-safe
    assert body["public_url"] == f"http://localhost/booking/{body['token']}"
    assert body["settings"] == {
        "duration_minutes": 45,
        "buffer_minutes": 0,
        "timezone": "America/Asuncion",
        "working_hours": {
            "mon": [
                {"start": "09:00", "end": "12:00"},
                {"start": "13:00", "end": "17:00"},
            ],
            "tue": [],
            "wed": [],
            "thu": [],
            "fri": [],
            "sat": [],
            "sun": [],
        },  # fmt: skip
        "schedule_id": None,
        "active": True,
        "min_notice_minutes": 0,
        "max_days_ahead": 365,
        "slot_interval_minutes": 45,
        "max_bookings_per_day": None,
        "title": "Meeting with Olivia Owner",
        "description": None,
        "requires_confirmation": False,
        "confirmation_timeout_hours": 24,
    }


def test_create_link_defaults(client, owner_headers, calendar):
    r = client.post(
        f"/calendars/{calendar['id']}/booking-link",
        json={"duration_minutes": 30, "timezone": "UTC", "working_hours": {}},
        headers=owner_headers,
    )
    assert r.status_code == 200
    settings = r.get_json()["settings"]
    assert settings["buffer_minutes"] == 0
    assert settings["active"] is True
    assert settings["min_notice_minutes"] == 60
    assert settings["max_days_ahead"] == 60
    assert settings["slot_interval_minutes"] == 30


def test_public_url_uses_public_base_url(app, booker, calendar, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://cal.example.com")
    body = booker.link(calendar["id"])
    assert body["public_url"] == f"https://cal.example.com/booking/{body['token']}"


def test_default_title_uses_the_owner_email_without_a_name(client, make_user, auth):
    user = make_user(email="nameless@example.com")
    booker = Booker(client, auth.jwt(user))
    body = booker.link(booker.calendar()["id"])
    assert body["settings"]["title"] == "Meeting with nameless@example.com"


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"duration_minutes": 4}, "duration_minutes"),
        ({"duration_minutes": "30"}, "duration_minutes"),
        ({"buffer_minutes": -1}, "buffer_minutes"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"working_hours": {"mon": [{"start": "9:00", "end": "17:00"}]}},
         "working_hours"),
        ({"working_hours": {"mon": [{"start": "09:00", "end": "12:00"},
                                    {"start": "11:00", "end": "13:00"}]}},
         "working_hours"),
        ({"working_hours": {"monday": []}}, "working_hours"),
        ({"owner_id": "x"}, "owner_id"),
    ],
)  # fmt: skip
def test_create_link_rejects_invalid_settings(booker, calendar, fields, field):
    body = booker.link(calendar["id"], status=400, **fields)
    assert body["code"] == "validation_error"
    assert field in body["details"]


@pytest.mark.parametrize("missing", ["duration_minutes", "timezone", "working_hours"])
def test_create_link_requires_the_seed_fields(client, owner_headers, calendar, missing):
    body = {"duration_minutes": 30, "timezone": "UTC", "working_hours": NINE_TO_FIVE}
    del body[missing]
    r = client.post(
        f"/calendars/{calendar['id']}/booking-link", json=body, headers=owner_headers
    )
    assert r.status_code == 400
    assert missing in r.get_json()["details"]


# --- permissions ----------------------------------------------------------------------


@pytest.fixture
def member_headers(client, owner_headers, calendar, make_user, auth):
    def make(role):
        member = make_user()
        r = client.post(
            f"/calendars/{calendar['id']}/share",
            json={"email": member.email, "role": role},
            headers=owner_headers,
        )
        assert r.status_code == 201
        return auth.jwt(member)

    return make


@pytest.mark.parametrize(
    "who, status, code",
    [
        ("owner", 200, None),
        ("editor", 403, "forbidden"),
        ("viewer", 403, "forbidden"),
        ("stranger", 404, "not_found"),
        ("key_without_booking_write", 403, "insufficient_scope"),
        ("key_with_booking_write", 200, None),
    ],
)
def test_only_the_owner_creates_links(
    booker, calendar, member_headers, owner, make_user, auth, who, status, code
):
    headers = {
        "owner": booker.headers,
        "editor": lambda: member_headers("editor"),
        "viewer": lambda: member_headers("viewer"),
        "stranger": lambda: auth.jwt(make_user()),
        "key_without_booking_write": lambda: auth.key(
            owner, ["booking:read", "calendars:write"]
        ),
        "key_with_booking_write": lambda: auth.key(owner, ["booking:write"]),
    }[who]
    headers = headers() if callable(headers) else headers
    body = booker.link(calendar["id"], status=status, headers=headers)
    if code:
        assert body["code"] == code


def test_create_link_on_unknown_calendar_is_404(booker):
    body = booker.link("00000000-0000-4000-8000-000000000000", status=404)
    assert body["code"] == "not_found"


def test_create_link_without_credentials_is_401(client, calendar):
    r = client.post(
        f"/calendars/{calendar['id']}/booking-link",
        json={"duration_minutes": 30, "timezone": "UTC", "working_hours": {}},
    )
    assert r.status_code == 401


# --- list, update, deactivate ---------------------------------------------------------


def test_list_links_pages_oldest_first(client, booker, calendar, owner_headers):
    first = booker.link(calendar["id"])
    second = booker.link(calendar["id"], duration_minutes=60)
    url = f"/calendars/{calendar['id']}/booking-links"
    r = client.get(url, query_string={"limit": 1}, headers=owner_headers)
    assert r.status_code == 200
    page = r.get_json()
    assert [i["token"] for i in page["items"]] == [first["token"]]
    assert page["items"][0]["settings"] == first["settings"]
    r = client.get(
        url,
        query_string={"limit": 1, "cursor": page["next_cursor"]},
        headers=owner_headers,
    )
    page = r.get_json()
    assert [i["token"] for i in page["items"]] == [second["token"]]
    assert page["next_cursor"] is None


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_members_cannot_list_links(client, calendar, member_headers, role):
    r = client.get(
        f"/calendars/{calendar['id']}/booking-links", headers=member_headers(role)
    )
    assert r.status_code == 403


def test_strangers_cannot_see_links(client, calendar, link, make_user, auth):
    headers = auth.jwt(make_user())
    r = client.get(f"/calendars/{calendar['id']}/booking-links", headers=headers)
    assert r.status_code == 404
    r = client.put(f"/booking-links/{link['token']}", json={}, headers=headers)
    assert r.status_code == 404
    r = client.delete(f"/booking-links/{link['token']}", headers=headers)
    assert r.status_code == 404


def test_list_links_with_read_scope_key(client, calendar, link, owner, auth):
    headers = auth.key(owner, ["booking:read"])
    r = client.get(f"/calendars/{calendar['id']}/booking-links", headers=headers)
    assert r.status_code == 200
    assert [i["token"] for i in r.get_json()["items"]] == [link["token"]]
    r = client.put(f"/booking-links/{link['token']}", json={}, headers=headers)
    assert r.status_code == 403
    assert r.get_json()["code"] == "insufficient_scope"


def test_update_link_is_partial(client, owner_headers, link):
    r = client.put(
        f"/booking-links/{link['token']}",
        json={"buffer_minutes": 15, "title": "Intro call", "max_bookings_per_day": 3},
        headers=owner_headers,
    )
    assert r.status_code == 200
    body = r.get_json()
    assert body["token"] == link["token"]
    assert body["settings"] == {
        **link["settings"],
        "buffer_minutes": 15,
        "title": "Intro call",
        "max_bookings_per_day": 3,
    }


def test_update_link_validates_working_hours(client, owner_headers, link):
    r = client.put(
        f"/booking-links/{link['token']}",
        json={"working_hours": {"sun": [{"start": "10:00", "end": "09:00"}]}},
        headers=owner_headers,
    )
    assert r.status_code == 400
    assert "working_hours" in r.get_json()["details"]


def test_editor_cannot_update_a_link(client, link, member_headers):
    r = client.put(
        f"/booking-links/{link['token']}",
        json={"buffer_minutes": 5},
        headers=member_headers("editor"),
    )
    assert r.status_code == 403


def test_unknown_link_token_is_404(client, owner_headers):
    r = client.put("/booking-links/nope", json={}, headers=owner_headers)
    assert r.status_code == 404
    assert r.get_json()["code"] == "not_found"


def test_delete_deactivates_and_put_reactivates(client, booker, owner_headers, link):
    token = link["token"]
    r = client.delete(f"/booking-links/{token}", headers=owner_headers)
    assert r.status_code == 204
    r = client.get(
        f"/booking/{token}/availability",
        query_string={"start": iso(MONDAY), "end": iso(MONDAY + timedelta(days=1))},
    )
    assert r.status_code == 404
    assert booker.reserve(token, at(MONDAY, "10:00"), status=404)["code"] == (
        "not_found"
    )
    r = client.get(
        f"/calendars/{link['calendar_id']}/booking-links", headers=owner_headers
    )
    assert r.get_json()["items"][0]["settings"]["active"] is False
    r = client.put(
        f"/booking-links/{token}", json={"active": True}, headers=owner_headers
    )
    assert r.status_code == 200
    assert booker.starts(token, *day_range(MONDAY))


def test_deleting_the_calendar_hides_its_links(client, booker, owner_headers, link):
    r = client.delete(f"/calendars/{link['calendar_id']}", headers=owner_headers)
    assert r.status_code == 204
    r = client.get(
        f"/booking/{link['token']}/availability",
        query_string={"start": iso(MONDAY), "end": iso(MONDAY + timedelta(days=1))},
    )
    assert r.status_code == 404


# --- public availability --------------------------------------------------------------


def test_availability_has_the_seed_shape(client, link):
    r = client.get(
        f"/booking/{link['token']}/availability",
        query_string={"start": "2027-03-01T09:00:00Z", "end": "2027-03-01T10:00:00Z"},
    )
    assert r.status_code == 200
    assert r.get_json() == {
        "token": link["token"],
        "timezone": "UTC",
        "duration_minutes": 30,
        "slots": [
            {"start": "2027-03-01T09:00:00Z", "end": "2027-03-01T09:30:00Z"},
            {"start": "2027-03-01T09:30:00Z", "end": "2027-03-01T10:00:00Z"},
        ],
    }


def test_availability_needs_no_credentials_and_is_rate_limited(client, link):
    r = client.get(
        f"/booking/{link['token']}/availability",
        query_string={"start": iso(MONDAY), "end": iso(MONDAY + timedelta(hours=1))},
    )
    assert r.status_code == 200
    assert "RateLimit-Limit" in r.headers


def test_working_hours_stay_local_across_a_dst_change(booker, calendar, clock):
    link = booker.link(
        calendar["id"],
        duration_minutes=60,
        timezone="Europe/Berlin",
        working_hours={day: [{"start": "09:00", "end": "12:00"}] for day in WEEKDAYS},
    )
    friday = datetime(2027, 3, 26, tzinfo=UTC)  # CET, UTC+1
    starts = booker.starts(link["token"], friday, friday + timedelta(days=4))
    assert starts == [
        "2027-03-26T08:00:00Z", "2027-03-26T09:00:00Z", "2027-03-26T10:00:00Z",
        # the weekend is closed; Sunday 28 March moves Berlin to CEST, UTC+2
        "2027-03-29T07:00:00Z", "2027-03-29T08:00:00Z", "2027-03-29T09:00:00Z",
    ]  # fmt: skip


def test_buffers_keep_slots_away_from_events(booker, calendar, clock):
    link = booker.link(
        calendar["id"],
        buffer_minutes=15,
        working_hours={"mon": [{"start": "09:00", "end": "13:00"}]},
    )
    booker.event(calendar["id"], at(MONDAY, "10:00"), at(MONDAY, "11:00"))
    assert booker.starts(link["token"], *day_range(MONDAY)) == [
        "2027-03-01T09:00:00Z",  # ends 09:30, 30 minutes before the event
        "2027-03-01T11:30:00Z",  # 11:00 would start right after it
        "2027-03-01T12:00:00Z",
        "2027-03-01T12:30:00Z",
    ]


def test_min_notice_and_the_past_are_not_offered(booker, calendar, clock):
    link = booker.link(
        calendar["id"],
        min_notice_minutes=60,
        working_hours={"mon": [{"start": "09:00", "end": "12:00"}]},
    )
    clock.now = at(MONDAY, "09:10")
    assert booker.starts(link["token"], *day_range(MONDAY)) == [
        "2027-03-01T10:30:00Z",
        "2027-03-01T11:00:00Z",
        "2027-03-01T11:30:00Z",
    ]


def test_horizon_limits_the_days_offered(booker, calendar, clock):
    link = booker.link(
        calendar["id"],
        max_days_ahead=2,
        working_hours={day: [{"start": "09:00", "end": "09:30"}] for day in WEEKDAYS},
    )
    starts = booker.starts(link["token"], *day_range(MONDAY, 7))
    assert starts == [
        "2027-03-01T09:00:00Z",
        "2027-03-02T09:00:00Z",
        "2027-03-03T09:00:00Z",
    ]


def test_daily_limit_counts_bookings_per_local_day(booker, calendar, clock):
    link = booker.link(calendar["id"], max_bookings_per_day=1)
    booker.reserve(link["token"], at(MONDAY, "09:00"))
    starts = booker.starts(link["token"], *day_range(MONDAY, 2))
    assert starts and all(s.startswith("2027-03-02") for s in starts)
    body = booker.reserve(
        link["token"], at(MONDAY, "15:00"), status=409, email="other@example.com"
    )
    assert body["code"] == "slot_unavailable"


def test_events_block_slots_recurring_included(booker, calendar, clock):
    link = booker.link(calendar["id"], duration_minutes=60)
    booker.event(
        calendar["id"],
        at(MONDAY, "12:00"),
        at(MONDAY, "13:00"),
        recurrence_rule="FREQ=DAILY",
    )
    booker.event(calendar["id"], at(MONDAY, "09:00"), at(MONDAY, "10:00"))
    starts = booker.starts(link["token"], *day_range(MONDAY, 2))
    hours = ["09", "10", "11", "12", "13", "14", "15", "16"]
    expected = [f"2027-03-01T{h}:00:00Z" for h in hours if h not in ("09", "12")]
    expected += [f"2027-03-02T{h}:00:00Z" for h in hours if h != "12"]
    assert starts == expected


def test_free_and_cancelled_events_do_not_block(booker, calendar, clock):
    link = booker.link(
        calendar["id"], working_hours={"mon": [{"start": "09:00", "end": "10:00"}]}
    )
    booker.event(
        calendar["id"], at(MONDAY, "09:00"), at(MONDAY, "10:00"), transparency="free"
    )
    booker.event(
        calendar["id"], at(MONDAY, "09:00"), at(MONDAY, "10:00"), status="cancelled"
    )
    assert len(booker.starts(link["token"], *day_range(MONDAY))) == 2


def test_unknown_token_is_404(client, clock):
    r = client.get(
        "/booking/no-such-token/availability",
        query_string={"start": iso(MONDAY), "end": iso(MONDAY + timedelta(days=1))},
    )
    assert r.status_code == 404
    assert r.get_json()["code"] == "not_found"


@pytest.mark.parametrize(
    "start, end",
    [
        ("2027-03-01T00:00:00Z", "2027-05-03T00:00:01Z"),  # 63 days
        ("2027-03-01T00:00:00Z", "2027-03-01T00:00:00Z"),
        ("2027-03-02T00:00:00Z", "2027-03-01T00:00:00Z"),
        ("2027-03-01T00:00:00", "2027-03-02T00:00:00Z"),  # naive
    ],
)
def test_availability_rejects_bad_ranges(client, link, start, end):
    r = client.get(
        f"/booking/{link['token']}/availability",
        query_string={"start": start, "end": end},
    )
    assert r.status_code == 400
    assert r.get_json()["code"] == "validation_error"


def test_sixty_two_days_are_allowed(client, link):
    r = client.get(
        f"/booking/{link['token']}/availability",
        query_string={"start": "2027-03-01T00:00:00Z", "end": "2027-05-02T00:00:00Z"},
    )
    assert r.status_code == 200


# --- reserve --------------------------------------------------------------------------


def test_reserve_creates_the_event_and_takes_the_slot(
    client, booker, owner_headers, link
):
    body = booker.reserve(
        link["token"], at(MONDAY, "10:00"), notes="Let's talk about the roadmap"
    )
    assert set(body) == {"ok", "status", "event", "booking"}
    assert body["ok"] is True
    assert body["status"] == "confirmed"
    event = body["event"]
    assert event["title"] == "Meeting with Olivia Owner"
    assert event["calendar_id"] == link["calendar_id"]
    assert (event["start_time"], event["end_time"]) == (
        "2027-03-01T10:00:00Z",
        "2027-03-01T10:30:00Z",
    )
    assert event["status"] == "confirmed"
    assert "Let's talk about the roadmap" in event["description"]
    assert [(a["email"], a["name"], a["status"]) for a in event["attendees"]] == [
        ("vera@example.com", "Vera Visitor", "accepted")
    ]
    booking = body["booking"]
    assert set(booking) == {"id", "status", "slot_start", "slot_end", "manage_token"}
    assert booking["status"] == "active"
    assert booking["slot_start"] == "2027-03-01T10:00:00Z"
    assert len(booking["manage_token"]) >= 22
    assert "2027-03-01T10:00:00Z" not in booker.starts(
        link["token"], *day_range(MONDAY)
    )
    r = client.get(f"/events/{event['id']}", headers=owner_headers)
    assert r.status_code == 200
    assert r.get_json()["attendees"][0]["email"] == "vera@example.com"


def test_reserve_response_is_not_cached(client, link):
    r = client.post(
        f"/booking/{link['token']}/reserve",
        json={
            "name": "V",
            "email": "v@example.com",
            "slot_start": "2027-03-01T10:00:00Z",
            "slot_end": "2027-03-01T10:30:00Z",
        },
    )
    assert r.status_code == 200
    assert r.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "start, minutes, reasons",
    [
        (at(MONDAY, "10:10"), 30, ["not_on_interval"]),  # off the grid
        (at(MONDAY, "10:00"), 45, None),  # wrong duration
        (at(MONDAY, "17:00"), 30, ["outside_working_hours"]),  # after hours
        (  # Sunday, and the past
            at(MONDAY - timedelta(days=1), "10:00"),
            30,
            ["outside_working_hours", "min_notice"],
        ),
    ],
)
def test_reserving_a_slot_not_offered_is_409(booker, link, start, minutes, reasons):
    body = booker.reserve(link["token"], start, minutes=minutes, status=409)
    assert body["code"] == "slot_unavailable"
    assert body["details"]["slot_start"] == iso(start)
    assert body["details"].get("reasons") == reasons


def test_reserve_validates_the_body(client, link):
    r = client.post(
        f"/booking/{link['token']}/reserve",
        json={
            "name": "V",
            "email": "not-an-email",
            "slot_start": "2027-03-01T10:00:00Z",
            "slot_end": "2027-03-01T09:30:00Z",
        },
    )
    assert r.status_code == 400
    assert {"email"} <= set(r.get_json()["details"])


def test_reserve_slot_taken_by_someone_else_is_409(booker, link):
    booker.reserve(link["token"], at(MONDAY, "10:00"))
    body = booker.reserve(
        link["token"], at(MONDAY, "10:00"), status=409, email="late@example.com"
    )
    assert body["code"] == "slot_unavailable"


def test_identical_retry_returns_the_same_booking(client, booker, owner_headers, link):
    first = booker.reserve(link["token"], at(MONDAY, "10:00"))
    again = booker.reserve(link["token"], at(MONDAY, "10:00"), email="VERA@example.com")
    assert again["booking"]["id"] == first["booking"]["id"]
    assert again["event"]["id"] == first["event"]["id"]
    assert again["booking"]["manage_token"] is None  # shown once
    r = client.get(
        "/events",
        query_string={"calendar_id": link["calendar_id"]},
        headers=owner_headers,
    )
    assert len(r.get_json()["items"]) == 1


def test_buffer_separates_bookings(booker, calendar, clock):
    link = booker.link(calendar["id"], buffer_minutes=15)
    booker.reserve(link["token"], at(MONDAY, "10:00"))
    starts = booker.starts(link["token"], at(MONDAY, "09:00"), at(MONDAY, "12:00"))
    # Each booking keeps its own 15 minutes: 30 minutes between two bookings.
    assert starts == [
        "2027-03-01T09:00:00Z",
        "2027-03-01T11:00:00Z",
        "2027-03-01T11:30:00Z",
    ]
    booker.reserve(
        link["token"], at(MONDAY, "10:30"), status=409, email="b@example.com"
    )


# --- cancel and reschedule ------------------------------------------------------------


def test_cancel_frees_the_slot(client, booker, link):
    body = booker.reserve(link["token"], at(MONDAY, "10:00"))
    booking = body["booking"]
    url = f"/booking/{link['token']}/bookings/{booking['id']}/cancel"
    r = client.post(url, json={"manage_token": booking["manage_token"]})
    assert r.status_code == 200
    result = r.get_json()
    assert result["ok"] is True
    assert result["booking"]["status"] == "cancelled"
    assert result["booking"]["manage_token"] is None
    assert result["event"]["status"] == "cancelled"
    assert "2027-03-01T10:00:00Z" in booker.starts(link["token"], *day_range(MONDAY))
    again = client.post(url, json={"manage_token": booking["manage_token"]})
    assert again.status_code == 200
    booker.reserve(link["token"], at(MONDAY, "10:00"), email="next@example.com")


def test_reschedule_moves_the_booking(client, booker, owner_headers, link):
    booking = booker.reserve(link["token"], at(MONDAY, "10:00"))["booking"]
    r = client.post(
        f"/booking/{link['token']}/bookings/{booking['id']}/reschedule",
        json={
            "manage_token": booking["manage_token"],
            "slot_start": "2027-03-01T14:00:00Z",
            "slot_end": "2027-03-01T14:30:00Z",
        },
    )
    assert r.status_code == 200
    result = r.get_json()
    assert result["booking"]["id"] == booking["id"]
    assert result["booking"]["slot_start"] == "2027-03-01T14:00:00Z"
    assert result["event"]["start_time"] == "2027-03-01T14:00:00Z"
    starts = booker.starts(link["token"], *day_range(MONDAY))
    assert "2027-03-01T10:00:00Z" in starts
    assert "2027-03-01T14:00:00Z" not in starts
    r = client.get(f"/events/{result['event']['id']}", headers=owner_headers)
    assert r.get_json()["end_time"] == "2027-03-01T14:30:00Z"


def test_reschedule_onto_an_overlapping_slot_of_its_own(client, booker, link):
    """The old slot is released in the same transaction: moving by half a slot
    onto itself works."""
    booking = booker.reserve(link["token"], at(MONDAY, "10:00"))["booking"]
    r = client.post(
        f"/booking/{link['token']}/bookings/{booking['id']}/reschedule",
        json={
            "manage_token": booking["manage_token"],
            "slot_start": "2027-03-01T10:30:00Z",
            "slot_end": "2027-03-01T11:00:00Z",
        },
    )
    assert r.status_code == 200


def test_reschedule_onto_a_taken_slot_is_409(client, booker, link):
    booking = booker.reserve(link["token"], at(MONDAY, "10:00"))["booking"]
    booker.reserve(link["token"], at(MONDAY, "11:00"), email="other@example.com")
    r = client.post(
        f"/booking/{link['token']}/bookings/{booking['id']}/reschedule",
        json={
            "manage_token": booking["manage_token"],
            "slot_start": "2027-03-01T11:00:00Z",
            "slot_end": "2027-03-01T11:30:00Z",
        },
    )
    assert r.status_code == 409
    assert r.get_json()["code"] == "slot_unavailable"
    # nothing moved
    assert "2027-03-01T10:00:00Z" not in booker.starts(
        link["token"], *day_range(MONDAY)
    )


def test_reschedule_of_a_cancelled_booking_is_409(client, booker, link):
    booking = booker.reserve(link["token"], at(MONDAY, "10:00"))["booking"]
    base = f"/booking/{link['token']}/bookings/{booking['id']}"
    client.post(f"{base}/cancel", json={"manage_token": booking["manage_token"]})
    r = client.post(
        f"{base}/reschedule",
        json={
            "manage_token": booking["manage_token"],
            "slot_start": "2027-03-01T11:00:00Z",
            "slot_end": "2027-03-01T11:30:00Z",
        },
    )
    assert r.status_code == 409
    assert r.get_json()["code"] == "conflict"


def test_cancel_works_after_the_link_is_deactivated(
    client, booker, owner_headers, link
):
    booking = booker.reserve(link["token"], at(MONDAY, "10:00"))["booking"]
    client.delete(f"/booking-links/{link['token']}", headers=owner_headers)
    base = f"/booking/{link['token']}/bookings/{booking['id']}"
    r = client.post(
        f"{base}/reschedule",
        json={
            "manage_token": booking["manage_token"],
            "slot_start": "2027-03-01T11:00:00Z",
            "slot_end": "2027-03-01T11:30:00Z",
        },
    )
    assert r.status_code == 404
    r = client.post(f"{base}/cancel", json={"manage_token": booking["manage_token"]})
    assert r.status_code == 200
    assert r.get_json()["booking"]["status"] == "cancelled"


@pytest.mark.parametrize("action", ["cancel", "reschedule"])
def test_wrong_manage_token_is_404(client, booker, link, action):
    booking = booker.reserve(link["token"], at(MONDAY, "10:00"))["booking"]
    body = {"manage_token": booking["manage_token"][:-2] + "xx"}
    if action == "reschedule":
        body |= {
            "slot_start": "2027-03-01T11:00:00Z",
            "slot_end": "2027-03-01T11:30:00Z",
        }
    r = client.post(
        f"/booking/{link['token']}/bookings/{booking['id']}/{action}", json=body
    )
    assert r.status_code == 404
    assert r.get_json()["code"] == "not_found"
    unknown = "00000000-0000-4000-8000-000000000000"
    r = client.post(f"/booking/{link['token']}/bookings/{unknown}/{action}", json=body)
    assert r.status_code == 404
    assert "2027-03-01T10:00:00Z" not in booker.starts(
        link["token"], *day_range(MONDAY)
    )


def test_manage_token_of_another_link_is_404(client, booker, calendar, link):
    other = booker.link(calendar["id"], duration_minutes=60)
    booking = booker.reserve(link["token"], at(MONDAY, "10:00"))["booking"]
    r = client.post(
        f"/booking/{other['token']}/bookings/{booking['id']}/cancel",
        json={"manage_token": booking["manage_token"]},
    )
    assert r.status_code == 404


def test_deleting_the_booked_event_frees_the_slot(client, booker, owner_headers, link):
    body = booker.reserve(link["token"], at(MONDAY, "10:00"))
    r = client.delete(f"/events/{body['event']['id']}", headers=owner_headers)
    assert r.status_code == 204
    assert "2027-03-01T10:00:00Z" in booker.starts(link["token"], *day_range(MONDAY))
    booker.reserve(link["token"], at(MONDAY, "10:00"), email="next@example.com")


def test_two_links_of_one_calendar_share_its_bookings(booker, calendar, link):
    hourly = booker.link(calendar["id"], duration_minutes=60)
    booker.reserve(link["token"], at(MONDAY, "10:30"))
    starts = booker.starts(hourly["token"], *day_range(MONDAY))
    assert "2027-03-01T10:00:00Z" not in starts
    booker.reserve(
        hourly["token"], at(MONDAY, "10:00"), minutes=60, status=409,
        email="h@example.com",
    )  # fmt: skip


# --- holds ----------------------------------------------------------------------------


def test_hold_blocks_others_and_is_consumed_by_its_holder(booker, link, clock):
    body = booker.hold(link["token"], at(MONDAY, "10:00"))
    assert set(body) == {"hold_id", "expires_at"}
    assert body["expires_at"] == iso(MONDAY + timedelta(minutes=5))
    assert "2027-03-01T10:00:00Z" not in booker.starts(
        link["token"], *day_range(MONDAY)
    )
    booker.hold(link["token"], at(MONDAY, "10:00"), status=409, email="x@example.com")
    booker.reserve(link["token"], at(MONDAY, "10:00"), status=409)
    booker.reserve(
        link["token"],
        at(MONDAY, "10:00"),
        status=409,
        email="x@example.com",
        hold_id=body["hold_id"],
    )
    reserved = booker.reserve(
        link["token"],
        at(MONDAY, "10:00"),
        email="hal@example.com",
        hold_id=body["hold_id"],
    )
    assert reserved["booking"]["id"] == body["hold_id"]
    assert reserved["booking"]["status"] == "active"


def test_holding_again_returns_the_same_hold(booker, link, clock):
    first = booker.hold(link["token"], at(MONDAY, "10:00"))
    clock.advance(minutes=1)
    assert booker.hold(link["token"], at(MONDAY, "10:00")) == first


def test_holds_expire(booker, link, clock):
    held = booker.hold(link["token"], at(MONDAY, "10:00"))
    clock.advance(minutes=5)
    assert "2027-03-01T10:00:00Z" in booker.starts(link["token"], *day_range(MONDAY))
    booker.reserve(link["token"], at(MONDAY, "10:00"), email="x@example.com")
    # the expired hold cannot be consumed any more
    booker.reserve(
        link["token"], at(MONDAY, "10:00"), status=409, email="hal@example.com",
        hold_id=held["hold_id"],
    )  # fmt: skip


def test_hold_duration_is_configurable(app, booker, link, clock, monkeypatch):
    monkeypatch.setitem(app.config, "BOOKING_HOLD_MINUTES", 10)
    body = booker.hold(link["token"], at(MONDAY, "10:00"))
    assert body["expires_at"] == iso(MONDAY + timedelta(minutes=10))


def test_hold_of_a_slot_not_offered_is_409(booker, link):
    body = booker.hold(link["token"], at(MONDAY, "10:10"), status=409)
    assert body["code"] == "slot_unavailable"


def test_hold_on_unknown_link_is_404(booker):
    assert booker.hold("unknown", at(MONDAY, "10:00"), status=404)["code"] == (
        "not_found"
    )
