"""Many nodes: two API gunicorns and two stream processes on one PostgreSQL and
one Redis. A change made through API node A reaches a subscriber of stream node
B; the booking race has one winner across API nodes."""

from __future__ import annotations

import json
import urllib.request
from collections import Counter

import pytest

from tests.booking.test_race import (
    fire,
    reserve_body,
    slot_day,  # noqa: F401 - fixture
)
from tests.stream.helpers import SSEClient, WSClient

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nodes(servers):
    """``(api_a, api_b, stream_a, stream_b)`` base URLs."""
    return servers.api(), servers.api(), servers.stream(), servers.stream()


def _call(method: str, url: str, body: dict | None, headers: dict) -> dict:
    request = urllib.request.Request(  # noqa: S310
        url,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json", **headers},
        method=method,
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.loads(response.read() or b"null")


def test_a_change_through_node_a_reaches_a_subscriber_of_node_b(
    nodes, committing_db, make_user, auth
):
    api_a, api_b, stream_a, stream_b = nodes
    headers = auth.jwt(make_user())
    calendar = _call("POST", f"{api_a}/calendars", {"name": "Shared"}, headers)
    sse_b = SSEClient(stream_b, "/stream?types=event", headers)
    ticket = _call("POST", f"{api_b}/stream/tickets", None, headers)["ticket"]
    ws_a = WSClient(stream_a, f"/ws?ticket={ticket}&types=event")
    event = _call(
        "POST",
        f"{api_a}/events",
        {
            "calendar_id": calendar["id"],
            "title": "Across nodes",
            "start_time": "2030-01-07T09:00:00Z",
            "end_time": "2030-01-07T10:00:00Z",
        },
        headers,
    )
    _, _, on_b = sse_b.next()
    assert (on_b["id"], on_b["op"]) == (event["id"], "created")
    assert ws_a.next() == on_b  # the same entry, the same position, on both
    sse_b.close()
    ws_a.close()


def test_a_ticket_from_node_a_is_spent_on_every_node(
    nodes, committing_db, make_user, auth
):
    api_a, _, stream_a, stream_b = nodes
    headers = auth.jwt(make_user())
    ticket = _call("POST", f"{api_a}/stream/tickets", None, headers)["ticket"]
    first = SSEClient(stream_a, f"/stream?ticket={ticket}")
    assert first.status == 200
    second = SSEClient(stream_b, f"/stream?ticket={ticket}")
    assert second.status == 401
    first.close()


def test_the_booking_race_has_one_winner_across_api_nodes(
    app,
    nodes,
    committing_db,
    client,
    make_user,
    auth,
    slot_day,  # noqa: F811
):
    from tests.booking.test_race import ALL_DAY, counts

    api_a, api_b, _, _ = nodes
    headers = auth.jwt(make_user())
    calendar_id = client.post(
        "/calendars", json={"name": "Busy"}, headers=headers
    ).get_json()["id"]
    r = client.post(
        f"/calendars/{calendar_id}/booking-link",
        json={
            "duration_minutes": 30,
            "timezone": "UTC",
            "working_hours": ALL_DAY,
            "min_notice_minutes": 0,
        },
        headers=headers,
    )
    assert r.status_code == 200, r.get_json()
    token = r.get_json()["token"]
    start = slot_day.replace(hour=10)
    requests = [
        (f"{(api_a, api_b)[n % 2]}/booking/{token}/reserve", reserve_body(n, start))
        for n in range(40)
    ]
    assert fire(requests) == Counter({200: 1, 409: 39})
    assert counts(app, calendar_id) == (1, 1)
