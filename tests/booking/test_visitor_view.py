"""What a reservation, cancel or reschedule response shows: the visitor's own
data, never the owner's event (anyone who knows an email and a slot can retry)."""

from __future__ import annotations

import json

import pytest

from calapp.events.schemas import EventSchema
from tests.booking.helpers import MONDAY, at

OWNER_NOTES = "Salary talk: offer 85k, do not go above 90k"
COLLEAGUE = "colleague@example.com"
VISITOR_NOTES = "About my application"


@pytest.fixture
def booked(booker, link):
    """Vera's reservation of Monday 10:00, then the owner's private additions."""
    body = booker.reserve(link["token"], at(MONDAY, "10:00"), notes=VISITOR_NOTES)
    base = f"/events/{body['event']['id']}"
    for path, change in (
        ("", {"description": OWNER_NOTES, "location": "Room 7", "tags": ["hiring"]}),
        ("/attendees", {"email": COLLEAGUE, "name": "Colleague"}),
        ("/reminders", {"minutes_before": 10}),
    ):
        send = booker.client.put if not path else booker.client.post
        r = send(base + path, json=change, headers=booker.headers)
        assert r.status_code in (200, 201), r.get_json()
    return body


def private_bits(body: dict) -> list[str]:
    text = json.dumps(body)
    return [
        bit
        for bit in (OWNER_NOTES, COLLEAGUE, "Room 7", "hiring", VISITOR_NOTES)
        if bit in text
    ]


def test_a_retry_shows_only_what_the_retry_sent(booker, link, booked):
    again = booker.reserve(
        link["token"], at(MONDAY, "10:00"), name="Mallory", notes=None
    )
    assert again["ok"] is True
    assert again["booking"]["id"] == booked["booking"]["id"]  # "you are booked"
    assert again["booking"]["manage_token"] is None
    assert private_bits(again) == []  # not even Vera's own notes
    event = again["event"]
    assert [(a["email"], a["name"]) for a in event["attendees"]] == [
        ("vera@example.com", "Mallory")
    ]
    assert event["title"] == link["settings"]["title"]
    assert (event["start_time"], event["end_time"]) == (
        "2027-03-01T10:00:00Z",
        "2027-03-01T10:30:00Z",
    )
    assert event["location"] is None and event["reminders"] == []


def test_the_owner_still_sees_the_whole_event(client, owner_headers, booked):
    r = client.get(f"/events/{booked['event']['id']}", headers=owner_headers)
    assert r.get_json()["description"] == OWNER_NOTES
    assert COLLEAGUE in [a["email"] for a in r.get_json()["attendees"]]


def test_the_first_response_shows_the_visitor_their_own_booking(
    booker, link, make_user
):
    make_user(email="vera@example.com")  # the visitor has an account
    body = booker.reserve(link["token"], at(MONDAY, "10:00"), notes=VISITOR_NOTES)
    event = body["event"]
    assert VISITOR_NOTES in event["description"]
    (attendee,) = event["attendees"]
    assert (attendee["email"], attendee["status"]) == ("vera@example.com", "accepted")
    assert attendee["user_id"] is None  # whether the email has an account: hidden
    assert event["created_by"] is None and event["updated_by"] is None


def test_the_visitor_event_has_the_event_schema(client, owner_headers, booker, link):
    body = booker.reserve(link["token"], at(MONDAY, "10:00"))
    full = client.get(f"/events/{body['event']['id']}", headers=owner_headers)
    assert set(body["event"]) == set(full.get_json())
    assert EventSchema().validate(body["event"]) == {}


@pytest.mark.parametrize("action", ["cancel", "reschedule"])
def test_managing_shows_the_booking_not_the_owners_additions(
    client, link, booked, action
):
    booking = booked["booking"]
    body = {"manage_token": booking["manage_token"]}
    if action == "reschedule":
        body |= {
            "slot_start": "2027-03-01T14:00:00Z",
            "slot_end": "2027-03-01T14:30:00Z",
        }
    r = client.post(
        f"/booking/{link['token']}/bookings/{booking['id']}/{action}", json=body
    )
    assert r.status_code == 200, r.get_json()
    event = r.get_json()["event"]
    assert [a["email"] for a in event["attendees"]] == ["vera@example.com"]
    assert OWNER_NOTES not in json.dumps(event) and "Room 7" not in json.dumps(event)
    assert VISITOR_NOTES in event["description"]  # the visitor's own, with the secret
    expected = {"cancel": "cancelled", "reschedule": "confirmed"}[action]
    assert event["status"] == expected
