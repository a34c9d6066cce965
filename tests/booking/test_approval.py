"""Links that require confirmation: pending reservations, the owner's list,
approve and decline, and the job that declines bookings nobody answered."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.booking.helpers import MONDAY, at, iso

TUESDAY = MONDAY + timedelta(days=1)


@pytest.fixture
def approval_link(booker, calendar, clock):
    return booker.link(
        calendar["id"], requires_confirmation=True, confirmation_timeout_hours=24
    )


def _bookings(client, headers, expect=200, **params) -> dict:
    r = client.get("/bookings", query_string=params, headers=headers)
    assert r.status_code == expect, r.get_json()
    return r.get_json()


def _answer(client, headers, booking_id, action, body=None, status=200) -> dict:
    r = client.post(f"/bookings/{booking_id}/{action}", json=body, headers=headers)
    assert r.status_code == status, r.get_json()
    return r.get_json()


def _event(client, headers, event_id) -> dict:
    r = client.get(f"/events/{event_id}", headers=headers)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def test_a_link_shows_whether_it_requires_confirmation(approval_link, link):
    assert approval_link["settings"]["requires_confirmation"] is True
    assert approval_link["settings"]["confirmation_timeout_hours"] == 24
    assert link["settings"]["requires_confirmation"] is False
    assert link["settings"]["confirmation_timeout_hours"] == 24


def test_a_confirmed_reservation_says_so(booker, link):
    body = booker.reserve(link["token"], at(TUESDAY, "10:00"))
    assert body["status"] == "confirmed"
    assert body["booking"]["status"] == "active"
    assert body["event"]["status"] == "confirmed"


def test_a_pending_reservation_holds_the_slot_with_a_tentative_event(
    booker, approval_link, client, owner_headers
):
    token = approval_link["token"]
    start = at(TUESDAY, "10:00")
    body = booker.reserve(token, start)
    assert body["ok"] is True
    assert body["status"] == "pending"
    assert body["booking"]["status"] == "pending"
    assert body["event"]["status"] == "tentative"
    assert body["booking"]["manage_token"]
    owner_event = _event(client, owner_headers, body["event"]["id"])
    assert owner_event["status"] == "tentative"
    # The slot is taken for everyone else until the owner answers.
    assert iso(start) not in booker.starts(token, TUESDAY, TUESDAY + timedelta(days=1))
    other = booker.reserve(token, start, status=409, email="other@example.com")
    assert other["code"] == "slot_unavailable"
    # The same visitor retrying gets the same pending booking back.
    again = booker.reserve(token, start)
    assert again["status"] == "pending"
    assert again["booking"]["id"] == body["booking"]["id"]
    assert again["booking"]["manage_token"] is None


def test_the_owner_lists_pending_bookings_with_their_deadline(
    booker, approval_link, client, owner_headers, clock
):
    body = booker.reserve(approval_link["token"], at(TUESDAY, "10:00"), notes="Hi")
    [item] = _bookings(client, owner_headers, status="pending")["items"]
    assert item["id"] == body["booking"]["id"]
    assert item["status"] == "pending"
    assert item["link"] == {
        "token": approval_link["token"],
        "title": approval_link["settings"]["title"],
    }
    assert item["event_id"] == body["event"]["id"]
    assert (item["name"], item["email"], item["notes"]) == (
        "Vera Visitor",
        "vera@example.com",
        "Hi",
    )
    assert item["requires_confirmation"] is True
    assert item["respond_by"] == iso(clock.now + timedelta(hours=24))
    assert item["decided_at"] is None
    assert _bookings(client, owner_headers, status="confirmed")["items"] == []


def test_approving_confirms_the_event_and_answering_twice_is_harmless(
    booker, approval_link, client, owner_headers, clock
):
    body = booker.reserve(approval_link["token"], at(TUESDAY, "10:00"))
    booking_id = body["booking"]["id"]
    approved = _answer(
        client, owner_headers, booking_id, "approve", {"reason": "See you then"}
    )
    assert approved["status"] == "confirmed"
    assert approved["decided_at"] == iso(clock.now)
    assert approved["reason"] == "See you then"
    assert approved["respond_by"] is None
    assert _event(client, owner_headers, body["event"]["id"])["status"] == "confirmed"
    # Again: nothing changes. Declining now: a conflict.
    assert _answer(client, owner_headers, booking_id, "approve")["status"] == (
        "confirmed"
    )
    conflict = _answer(client, owner_headers, booking_id, "decline", status=409)
    assert conflict["code"] == "conflict"
    assert conflict["details"] == {"status": "confirmed"}
    [item] = _bookings(client, owner_headers, status="confirmed")["items"]
    assert item["id"] == booking_id


def test_declining_cancels_the_event_and_frees_the_slot(
    booker, approval_link, client, owner_headers
):
    token = approval_link["token"]
    start = at(TUESDAY, "10:00")
    body = booker.reserve(token, start)
    declined = _answer(
        client,
        owner_headers,
        body["booking"]["id"],
        "decline",
        {"reason": "I am away that day"},
    )
    assert declined["status"] == "declined"
    assert declined["reason"] == "I am away that day"
    assert _event(client, owner_headers, body["event"]["id"])["status"] == "cancelled"
    assert iso(start) in booker.starts(token, TUESDAY, TUESDAY + timedelta(days=1))
    # Someone else books the slot now.
    booker.reserve(token, start, email="other@example.com")
    booking_id = body["booking"]["id"]
    approve = _answer(client, owner_headers, booking_id, "approve", status=409)
    assert approve["details"] == {"status": "declined"}


def test_a_decision_without_a_body_is_accepted(
    booker, approval_link, client, owner_headers
):
    body = booker.reserve(approval_link["token"], at(TUESDAY, "10:00"))
    r = client.post(f"/bookings/{body['booking']['id']}/decline", headers=owner_headers)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["reason"] is None


def test_the_visitor_may_cancel_a_pending_booking(
    booker, approval_link, client, owner_headers
):
    token = approval_link["token"]
    start = at(TUESDAY, "10:00")
    body = booker.reserve(token, start)
    booking = body["booking"]
    r = client.post(
        f"/booking/{token}/bookings/{booking['id']}/cancel",
        json={"manage_token": booking["manage_token"]},
    )
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["booking"]["status"] == "cancelled"
    [item] = _bookings(client, owner_headers)["items"]
    assert item["status"] == "cancelled"
    assert iso(start) in booker.starts(token, TUESDAY, TUESDAY + timedelta(days=1))
    conflict = _answer(client, owner_headers, booking["id"], "approve", status=409)
    assert conflict["details"] == {"status": "cancelled"}


def test_unanswered_bookings_are_declined_by_the_job_when_their_time_runs_out(
    app, booker, approval_link, client, owner_headers, clock
):
    from calapp.booking import tasks

    token = approval_link["token"]
    start = at(TUESDAY, "10:00")
    body = booker.reserve(token, start)
    booking_id = body["booking"]["id"]
    clock.advance(hours=23, minutes=59)
    with app.app_context():
        assert tasks.run(clock.now) == 0
    clock.advance(minutes=1)
    # Past the deadline the owner can no longer approve; the job declines it.
    late = _answer(client, owner_headers, booking_id, "approve", status=409)
    assert "ran out" in late["error"]
    with app.app_context():
        assert tasks.run(clock.now) == 1
        assert tasks.run(clock.now) == 0  # once
    [item] = _bookings(client, owner_headers)["items"]
    assert item["status"] == "declined"
    assert item["decided_at"] == iso(clock.now)
    assert _event(client, owner_headers, body["event"]["id"])["status"] == "cancelled"
    assert iso(start) in booker.starts(token, TUESDAY, TUESDAY + timedelta(days=1))


def test_only_the_owner_lists_and_answers(
    booker, approval_link, calendar, client, auth, make_user, owner, owner_headers
):
    body = booker.reserve(approval_link["token"], at(TUESDAY, "10:00"))
    booking_id = body["booking"]["id"]
    editor, stranger = make_user(), make_user()
    r = client.post(
        f"/calendars/{calendar['id']}/share",
        json={"email": editor.email, "role": "editor"},
        headers=owner_headers,
    )
    assert r.status_code == 201, r.get_json()
    editor_headers, stranger_headers = auth.jwt(editor), auth.jwt(stranger)
    assert _bookings(client, editor_headers)["items"] == []
    assert _bookings(client, stranger_headers)["items"] == []
    denied = _answer(client, editor_headers, booking_id, "approve", status=403)
    assert denied["code"] == "forbidden"
    hidden = _answer(client, stranger_headers, booking_id, "decline", status=404)
    assert hidden["code"] == "not_found"
    reader = auth.key(owner, ["booking:read"])
    assert len(_bookings(client, reader)["items"]) == 1
    scope = _answer(client, reader, booking_id, "approve", status=403)
    assert scope["code"] == "insufficient_scope"
    assert _bookings(client, {}, expect=401)["code"] == "unauthorized"


def test_the_list_filters_by_status_link_and_window_and_pages(
    booker, approval_link, link, client, owner_headers
):
    first = booker.reserve(approval_link["token"], at(TUESDAY, "10:00"))
    second = booker.reserve(approval_link["token"], at(TUESDAY, "14:00"))
    plain = booker.reserve(link["token"], at(TUESDAY, "11:00"))
    everything = _bookings(client, owner_headers)["items"]
    assert [b["id"] for b in everything] == [
        first["booking"]["id"],
        plain["booking"]["id"],
        second["booking"]["id"],
    ]
    assert [b["status"] for b in everything] == ["pending", "confirmed", "pending"]
    by_link = _bookings(client, owner_headers, link=link["token"])["items"]
    assert [b["id"] for b in by_link] == [plain["booking"]["id"]]
    window = _bookings(
        client,
        owner_headers,
        start=iso(at(TUESDAY, "10:30")),
        end=iso(at(TUESDAY, "14:00")),
    )["items"]
    assert [b["id"] for b in window] == [plain["booking"]["id"]]
    page = _bookings(client, owner_headers, limit=2)
    assert len(page["items"]) == 2
    rest = _bookings(client, owner_headers, limit=2, cursor=page["next_cursor"])
    assert [b["id"] for b in rest["items"]] == [second["booking"]["id"]]
    assert rest["next_cursor"] is None


@pytest.mark.parametrize(
    "params",
    [
        {"status": "held"},
        {"start": "2027-03-02T10:00:00"},
        {"start": "2027-03-02T10:00:00Z", "end": "2027-03-02T09:00:00Z"},
        {"cursor": "nope"},
    ],
)
def test_bad_list_arguments_are_a_400(client, owner_headers, params):
    body = _bookings(client, owner_headers, expect=400, **params)
    assert body["code"] == "validation_error"


def test_a_reason_that_is_too_long_is_a_400(
    booker, approval_link, client, owner_headers
):
    body = booker.reserve(approval_link["token"], at(TUESDAY, "10:00"))
    error = _answer(
        client,
        owner_headers,
        body["booking"]["id"],
        "decline",
        {"reason": "x" * 2001},
        status=400,
    )
    assert error["code"] == "validation_error"
    assert "reason" in error["details"]


def test_a_page_of_bookings_costs_a_constant_number_of_statements(
    booker, approval_link, client, owner_headers, statements
):
    def count() -> tuple[int, int]:
        statements.clear()
        items = _bookings(client, owner_headers, limit=200)["items"]
        return len(statements), len(items)

    for hour in (9, 10):
        booker.reserve(approval_link["token"], at(TUESDAY, f"{hour:02d}:00"))
    few, n = count()
    assert n == 2
    for day in range(2, 5):
        for hour in range(9, 17):
            start = at(MONDAY + timedelta(days=day), f"{hour:02d}:00")
            booker.reserve(approval_link["token"], start)
    many, n = count()
    assert n == 26
    assert few == many, statements
    assert few <= 6, statements
