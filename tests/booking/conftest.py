"""Booking fixtures: an owner, a calendar and a link on a fixed clock, and a real
multi-worker gunicorn on the test database, for race and browser tests."""

from __future__ import annotations

import pytest

from tests.booking.helpers import MONDAY, Booker, Clock
from tests.servers import Servers


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


@pytest.fixture
def link(booker, calendar, clock):
    return booker.link(calendar["id"])


# --- gunicorn ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    """Base URL of a 4-worker gunicorn on the test database (stopped at the end)."""
    servers = Servers(database_url, tmp_path_factory.mktemp("gunicorn"))
    try:
        yield servers.api(workers=4)
    finally:
        servers.stop()
