"""Schedules fixtures: an owner with a calendar on a fixed clock, and helpers
over the schedule, time-off and booking-link endpoints."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.booking.helpers import MONDAY, Booker, Clock

EVERY_DAY = {
    day: [{"start": "09:00", "end": "17:00"}]
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}


@pytest.fixture
def clock(monkeypatch):
    from calapp.users import service

    value = Clock(MONDAY)
    monkeypatch.setattr(service, "now", value)
    return value


@pytest.fixture
def owner(make_user):
    return make_user(name="Olivia Owner")


@pytest.fixture
def owner_headers(auth, owner):
    return auth.jwt(owner)


@pytest.fixture
def booker(client, owner_headers):
    return Booker(client, owner_headers)


@pytest.fixture
def calendar(booker):
    return booker.calendar()


class Planner:
    """Schedules and time off of one user; asserts the expected status."""

    def __init__(self, client, headers):
        self.client = client
        self.headers = headers

    def schedule(self, status=201, **fields) -> dict:
        body = {
            "name": "Work",
            "timezone": "Europe/Berlin",
            "weekly": EVERY_DAY,
            **fields,
        }
        r = self.client.post("/schedules", json=body, headers=self.headers)
        assert r.status_code == status, r.get_json()
        return r.get_json()

    def time_off(self, status=201, **fields) -> dict:
        r = self.client.post("/time-off", json=fields, headers=self.headers)
        assert r.status_code == status, r.get_json()
        return r.get_json()

    def link(self, calendar_id, status=200, **fields) -> dict:
        """A booking link on a schedule (or whatever ``fields`` say)."""
        body = {"duration_minutes": 60, "min_notice_minutes": 0, **fields}
        r = self.client.post(
            f"/calendars/{calendar_id}/booking-link", json=body, headers=self.headers
        )
        assert r.status_code == status, r.get_json()
        return r.get_json()

    def me(self, status=200, **fields) -> dict:
        r = self.client.put("/users/me", json=fields, headers=self.headers)
        assert r.status_code == status, r.get_json()
        return r.get_json()


@pytest.fixture
def planner(client, owner_headers):
    return Planner(client, owner_headers)


@pytest.fixture
def stranger(client, make_user, auth):
    """The planner of another user."""
    return Planner(client, auth.jwt(make_user(name="Sam Stranger")))


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)
