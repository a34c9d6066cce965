"""Bookings released by bulk UPDATEs (expired holds, a replaced hold) are logged."""

from __future__ import annotations

import pytest

from tests.booking.helpers import MONDAY, Booker, Clock, at


@pytest.fixture
def clock(monkeypatch):
    from calapp.users import service

    value = Clock(MONDAY)
    monkeypatch.setattr(service, "now", value)
    return value


@pytest.fixture
def booker(client, headers):
    return Booker(client, headers)


@pytest.fixture
def calendar(booker):
    return booker.calendar()


@pytest.fixture
def link(booker, calendar, clock):
    return booker.link(calendar["id"])


def _ops(log, booking_id: str) -> list[tuple[str, str | None]]:
    return [(e["op"], e["calendar_id"]) for e in log() if e["id"] == booking_id]


def test_an_expired_hold_released_by_a_reservation_is_logged(
    booker, link, calendar, clock, log
):
    held = booker.hold(link["token"], at(MONDAY, "10:00"))
    clock.advance(minutes=5)
    booker.reserve(link["token"], at(MONDAY, "11:00"), email="x@example.com")

    assert _ops(log, held["hold_id"])[-1] == ("updated", calendar["id"])


def test_a_hold_replaced_by_the_same_email_is_logged(
    booker, link, calendar, clock, log
):
    first = booker.hold(link["token"], at(MONDAY, "10:00"))
    booker.hold(link["token"], at(MONDAY, "11:00"))

    assert _ops(log, first["hold_id"])[-1] == ("updated", calendar["id"])
