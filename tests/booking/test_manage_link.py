"""The visitor's manage link: ``GET /booking/{token}/bookings/{id}`` with the
secret in the ``Manage-Token`` header, and what the secret is (derived from the
booking's id and SECRET_KEY, stored only as its hash)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.booking.helpers import MONDAY, at, iso

TUESDAY = MONDAY + timedelta(days=1)


@pytest.fixture
def booked(booker, link):
    return booker.reserve(link["token"], at(TUESDAY, "10:00"), notes="About my CV")


def _view(client, token, booking_id, secret, status=200):
    headers = {} if secret is None else {"Manage-Token": secret}
    r = client.get(f"/booking/{token}/bookings/{booking_id}", headers=headers)
    assert r.status_code == status, r.get_json()
    return r


def test_the_visitor_sees_their_booking_with_the_secret(client, link, booked):
    booking = booked["booking"]
    r = _view(client, link["token"], booking["id"], booking["manage_token"])
    body = r.get_json()
    assert body["booking"] == {
        "id": booking["id"],
        "status": "active",
        "slot_start": iso(at(TUESDAY, "10:00")),
        "slot_end": iso(at(TUESDAY, "10:30")),
        "manage_token": None,  # shown once, by reserve
    }
    assert body["event"]["title"] == link["settings"]["title"]
    assert "About my CV" in body["event"]["description"]
    assert r.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "secret", ["wrong", "x" * 43, None], ids=["short", "same length", "missing"]
)
def test_a_wrong_or_missing_secret_shows_nothing(client, link, booked, secret):
    status = 400 if secret is None else 404
    r = _view(client, link["token"], booked["booking"]["id"], secret, status=status)
    assert "About my CV" not in r.get_data(as_text=True)


def test_the_secret_does_not_open_another_links_booking(
    booker, calendar, client, booked
):
    other = booker.link(calendar["id"])
    secret = booked["booking"]["manage_token"]
    _view(client, other["token"], booked["booking"]["id"], secret, status=404)


def test_the_secret_is_not_in_the_url_and_only_its_hash_is_stored(
    app, client, link, booked
):
    from calapp.extensions import db

    secret = booked["booking"]["manage_token"]
    assert len(secret) >= 43
    with app.app_context():
        stored = db.session.execute(
            sa.text("SELECT manage_token_hash FROM bookings WHERE id = :id"),
            {"id": booked["booking"]["id"]},
        ).scalar_one()
        dump = db.session.execute(
            sa.text("SELECT row_to_json(b)::text FROM bookings b")
        ).scalars()
        assert all(secret not in row for row in dump)
    assert stored == hashlib.sha256(secret.encode()).hexdigest()


def test_after_cancel_and_reschedule_the_link_shows_the_new_state(client, link, booked):
    booking, token = booked["booking"], link["token"]
    base = f"/booking/{token}/bookings/{booking['id']}"
    secret = booking["manage_token"]
    moved = client.post(
        base + "/reschedule",
        json={
            "manage_token": secret,
            "slot_start": iso(at(TUESDAY, "14:00")),
            "slot_end": iso(at(TUESDAY, "14:30")),
        },
    )
    assert moved.status_code == 200, moved.get_json()
    shown = _view(client, token, booking["id"], secret).get_json()["booking"]
    assert shown["slot_start"] == iso(at(TUESDAY, "14:00"))
    r = client.post(base + "/cancel", json={"manage_token": secret})
    assert r.status_code == 200, r.get_json()
    assert _view(client, token, booking["id"], secret).get_json()["booking"][
        "status"
    ] == ("cancelled")


def test_the_link_still_opens_after_the_owner_deactivated_the_link(
    booker, client, link, booked
):
    r = client.delete(f"/booking-links/{link['token']}", headers=booker.headers)
    assert r.status_code == 204
    booking = booked["booking"]
    _view(client, link["token"], booking["id"], booking["manage_token"])


def test_two_bookings_have_different_secrets(booker, link, booked):
    other = booker.reserve(link["token"], at(TUESDAY, "11:00"), email="w@example.com")
    assert other["booking"]["manage_token"] != booked["booking"]["manage_token"]
