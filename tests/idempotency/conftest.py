"""Idempotency fixtures: a signed-in user with a calendar, and a raw look at the
stored keys."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

EVENT = {
    "title": "Retry me",
    "start_time": "2030-05-06T09:00:00Z",
    "end_time": "2030-05-06T10:00:00Z",
}


@pytest.fixture
def calendar_id(client, headers):
    r = client.post("/calendars", json={"name": "Work"}, headers=headers)
    assert r.status_code == 201, r.get_json()
    return r.get_json()["id"]


@pytest.fixture
def event_body(calendar_id):
    return {**EVENT, "calendar_id": calendar_id}


@pytest.fixture
def new_key():
    return lambda: str(uuid.uuid4())


@pytest.fixture
def sql(app):
    """Run SQL on the test's database (in its transaction): ``sql(text, **params)``."""
    from calapp.extensions import db

    def run(statement: str, **params):
        with app.app_context():
            result = db.session.execute(sa.text(statement), params)
            rows = result.all() if result.returns_rows else result.rowcount
            db.session.commit()
            return rows

    return run


def with_key(headers: dict, key: str) -> dict:
    return {**headers, "Idempotency-Key": key}
