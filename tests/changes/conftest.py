"""Change-log fixtures: the event helpers, and reading the log back."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.events.conftest import Api


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def log(app):
    """``log()``: every entry so far, oldest first, as plain tuples."""
    from calapp.changes.models import Change
    from calapp.extensions import db

    def read(**where):
        with app.app_context():
            query = sa.select(Change).order_by(Change.position)
            for name, value in where.items():
                query = query.where(getattr(Change, name) == value)
            return [
                {
                    "position": c.position,
                    "type": c.resource_type,
                    "id": str(c.resource_id),
                    "op": c.op,
                    "calendar_id": str(c.calendar_id) if c.calendar_id else None,
                    "user_id": str(c.user_id) if c.user_id else None,
                    "actor_id": str(c.actor_id) if c.actor_id else None,
                }
                for c in db.session.execute(query).scalars()
            ]

    return read
