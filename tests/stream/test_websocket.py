"""GET /ws: the same changes over a WebSocket, resumed with ``resume_from``."""

from __future__ import annotations

import pytest

from tests.stream.helpers import WSClient, ws_handshake_error
from tests.stream.test_sse import make_event, owner  # noqa: F401 - fixture

pytestmark = pytest.mark.slow


def test_a_created_event_arrives(stream, owner, client):  # noqa: F811
    headers, calendar_id = owner
    ws = WSClient(stream, "/ws", headers)
    event_id = make_event(client, headers, calendar_id)
    message = ws.next()
    assert (message["type"], message["id"], message["op"]) == (
        "event",
        event_id,
        "created",
    )
    assert message["calendar_id"] == calendar_id
    ws.close()


def test_resume_from_delivers_what_was_missed_once(stream, owner, client):  # noqa: F811
    headers, calendar_id = owner
    ws = WSClient(stream, "/ws", headers)
    make_event(client, headers, calendar_id, "seen")
    last = ws.next()["position"]
    ws.close()
    missed = [make_event(client, headers, calendar_id, f"missed {n}") for n in range(3)]
    again = WSClient(stream, "/ws", headers, first={"resume_from": last})
    assert [again.next()["id"] for _ in range(3)] == missed
    live = make_event(client, headers, calendar_id, "live")
    assert again.next()["id"] == live
    assert again.quiet_for(1) == []
    again.close()


def test_a_pruned_position_gets_one_resync(stream, owner, client, app):  # noqa: F811
    import sqlalchemy as sa

    from calapp.changes.models import Change, ChangeLogState
    from calapp.extensions import db

    headers, calendar_id = owner
    make_event(client, headers, calendar_id)
    with app.app_context():
        newest = db.session.scalar(sa.select(sa.func.max(Change.position)))
        # As a prune leaves it: everything before the newest entry is gone.
        db.session.merge(ChangeLogState(id=1, pruned_through=newest))
        db.session.commit()
    ws = WSClient(stream, "/ws", headers, first={"resume_from": 1})
    message = ws.next()
    assert message["type"] == "resync" and message["position"] >= newest
    assert ws.quiet_for(1) == []
    ws.close()


def test_the_handshake_needs_credentials(stream):
    status, body = ws_handshake_error(stream, "/ws")
    assert status == 401 and body["code"] == "unauthorized"
