"""Verification emails as the app queues them: its outbox (the ``deliveries``
rows of the email channel), rendered by the email job's own ``prepare``.

``mail_on`` turns email on for a test (``SMTP_URL`` set, drains queued on a
private queue that no consumer reads); the SMTP conversation itself is covered by
the end-to-end test with a real server in ``tests/auth/test_verification.py``.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from tests.reminders.harness import bound_queue  # noqa: F401 - fixture

TOKEN = re.compile(r"/auth/verify-email#token=(\S+)")


@pytest.fixture
def mail_on(app, monkeypatch, bound_queue):  # noqa: F811 - the fixture above
    monkeypatch.setitem(app.config, "SMTP_URL", "smtp://127.0.0.1:25")


def emails_to(app, address: str) -> list:
    """The verification messages queued for ``address``, oldest first; a link that
    can no longer be used renders as None (the job would not send it)."""
    from calapp.delivery.models import Delivery
    from calapp.extensions import db
    from calapp.notifications.invitations import prepare
    from calapp.users import verification
    from calapp.users.service import now

    with app.app_context():
        rows = db.session.scalars(
            sa.select(Delivery)
            .where(Delivery.topic == verification.TOPIC, Delivery.recipient == address)
            .order_by(Delivery.created_at, Delivery.id)
        ).all()
        return [prepare(row, now()) for row in rows]


def token_in(message) -> str:
    return TOKEN.search(message.get_content()).group(1)


def latest_token(app, address: str) -> str:
    messages = emails_to(app, address)
    assert messages and messages[-1] is not None, f"no usable link for {address}"
    return token_in(messages[-1])


def verify(client, app, address: str):
    """Follow the latest link mailed to ``address``."""
    return client.post("/auth/verify-email", json={"token": latest_token(app, address)})
