"""Event fixtures: calendars and sharing through the API, events by factory."""

from __future__ import annotations

import pytest

START = "2026-03-02T09:00:00Z"
END = "2026-03-02T10:00:00Z"
OMIT = object()  # a field value meaning "leave the field out of the body"


def body_of(base: dict, **fields) -> dict:
    """``base`` updated with ``fields``, without the fields given as ``OMIT``."""
    merged = {**base, **fields}
    return {name: value for name, value in merged.items() if value is not OMIT}


class Api:
    """Thin helpers over the test client; every call asserts its success status."""

    def __init__(self, client):
        self.client = client

    def calendar(self, headers, **fields) -> dict:
        r = self.client.post(
            "/calendars", json={"name": "Work", **fields}, headers=headers
        )
        assert r.status_code == 201, r.get_json()
        return r.get_json()

    def share(self, headers, calendar_id, email, role) -> None:
        r = self.client.post(
            f"/calendars/{calendar_id}/share",
            json={"email": email, "role": role},
            headers=headers,
        )
        assert r.status_code == 201, r.get_json()

    def event(self, headers, calendar_id, **fields) -> dict:
        base = {"calendar_id": calendar_id, "title": "Standup"}
        body = body_of({**base, "start_time": START, "end_time": END}, **fields)
        r = self.client.post("/events", json=body, headers=headers)
        assert r.status_code == 201, r.get_json()
        return r.get_json()

    def list(self, headers, **params) -> dict:
        r = self.client.get("/events", query_string=params, headers=headers)
        assert r.status_code == 200, r.get_json()
        return r.get_json()


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def calendar(api, headers):
    return api.calendar(headers)


@pytest.fixture
def make_event(api, headers, calendar):
    """``make_event(**fields)``: an event on ``calendar`` created by ``user``."""

    def make(**fields):
        return api.event(headers, calendar["id"], **fields)

    return make


def titles(page: dict) -> list[str]:
    return [item["title"] for item in page["items"]]
