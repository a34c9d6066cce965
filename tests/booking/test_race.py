"""Concurrent reservations against a real gunicorn with several workers.

Every request is its own HTTP connection to one of 4 worker processes (4 threads
each), each with its own database connection: exactly the production race. The
data is committed for real (``committing_db``) and truncated afterwards.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

pytestmark = pytest.mark.slow

ALL_DAY = {
    day: [{"start": "00:00", "end": "24:00"}]
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}


def _post(url: str, body: dict) -> int:
    request = urllib.request.Request(  # noqa: S310
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def fire(requests: list[tuple[str, dict]]) -> Counter:
    """POST every ``(url, body)`` from its own thread, all released at once."""
    statuses: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(requests))

    def run(url, body):
        barrier.wait()
        status = _post(url, body)
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=run, args=item) for item in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return Counter(statuses)


def iso(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


@pytest.fixture
def calendar(committing_db, client, make_user, auth):
    """``(calendar_id, link)``: a committed calendar and a link factory for it."""
    headers = auth.jwt(make_user())
    r = client.post("/calendars", json={"name": "Busy"}, headers=headers)
    assert r.status_code == 201
    calendar_id = r.get_json()["id"]

    def link(**fields) -> str:
        r = client.post(
            f"/calendars/{calendar_id}/booking-link",
            json={
                "duration_minutes": 30,
                "timezone": "UTC",
                "working_hours": ALL_DAY,
                "min_notice_minutes": 0,
                **fields,
            },
            headers=headers,
        )
        assert r.status_code == 200, r.get_json()
        return r.get_json()["token"]

    return calendar_id, link


@pytest.fixture
def slot_day():
    """Two days ahead at midnight (UTC): well inside notice and horizon."""
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return today + timedelta(days=2)


def counts(app, calendar_id) -> tuple[int, int]:
    """(live events, active bookings) of the calendar, read from the database."""
    from calapp.booking.models import Booking
    from calapp.events.models import Event
    from calapp.extensions import db

    with app.app_context():
        events = db.session.scalar(
            sa.select(sa.func.count()).where(
                Event.calendar_id == calendar_id, Event.deleted_at.is_(None)
            )
        )
        bookings = db.session.scalar(
            sa.select(sa.func.count()).where(
                Booking.calendar_id == calendar_id, Booking.status == "active"
            )
        )
        db.session.remove()
    return events, bookings


def reserve_body(n: int, start: datetime, minutes: int = 30) -> dict:
    return {
        "name": f"Visitor {n}",
        "email": f"visitor{n}@example.com",
        "slot_start": iso(start),
        "slot_end": iso(start + timedelta(minutes=minutes)),
    }


def test_fifty_reservations_of_one_slot_make_one_booking(
    app, server, calendar, slot_day
):
    calendar_id, link = calendar
    token = link()
    start = slot_day.replace(hour=10)
    url = f"{server}/booking/{token}/reserve"
    statuses = fire([(url, reserve_body(n, start)) for n in range(50)])
    assert statuses == Counter({200: 1, 409: 49})
    assert counts(app, calendar_id) == (1, 1)


def test_two_links_racing_for_overlapping_slots(app, server, calendar, slot_day):
    calendar_id, link = calendar
    hourly, half_hourly = link(duration_minutes=60), link(duration_minutes=30)
    requests = []
    for n in range(20):
        requests.append(
            (
                f"{server}/booking/{hourly}/reserve",
                reserve_body(n, slot_day.replace(hour=10), minutes=60),
            )
        )
        requests.append(
            (
                f"{server}/booking/{half_hourly}/reserve",
                reserve_body(100 + n, slot_day.replace(hour=10, minute=30)),
            )
        )
    statuses = fire(requests)
    assert statuses == Counter({200: 1, 409: 39})
    assert counts(app, calendar_id) == (1, 1)


def test_a_hold_racing_a_reservation(app, server, calendar, slot_day):
    calendar_id, link = calendar
    token = link()
    start = slot_day.replace(hour=15)
    requests = []
    for n in range(25):
        requests.append((f"{server}/booking/{token}/reserve", reserve_body(n, start)))
        body = reserve_body(100 + n, start)
        hold = {k: body[k] for k in ("slot_start", "slot_end", "email")}
        requests.append((f"{server}/booking/{token}/holds", hold))
    statuses = fire(requests)
    winners = statuses[200] + statuses[201]
    assert winners == 1, statuses
    assert statuses[409] == 49, statuses
    events, bookings = counts(app, calendar_id)
    assert (events, bookings) == (statuses[200], statuses[200])


def test_daily_limit_holds_under_concurrency(app, server, calendar, slot_day):
    """Different, non-overlapping slots: only the calendar lock (not the exclusion
    constraint) keeps the day at its limit of one booking."""
    calendar_id, link = calendar
    token = link(max_bookings_per_day=1)
    url = f"{server}/booking/{token}/reserve"
    statuses = fire(
        [
            (url, reserve_body(n, slot_day + timedelta(minutes=30 * n)))
            for n in range(20)
        ]
    )
    assert statuses == Counter({200: 1, 409: 19})
    assert counts(app, calendar_id) == (1, 1)


def test_concurrent_holds_of_one_client_stop_at_its_limit(
    app, server, calendar, slot_day
):
    """Twenty holds of distinct slots from one address at once, across worker
    processes: the count is taken inside the calendar lock, so exactly the
    limit (3) get through, whatever the interleaving."""
    calendar_id, link = calendar
    token = link()
    url = f"{server}/booking/{token}/holds"
    requests = []
    for n in range(20):
        body = reserve_body(n, slot_day + timedelta(hours=n))
        hold = {k: body[k] for k in ("slot_start", "slot_end", "email")}
        requests.append((url, hold))
    statuses = fire(requests)
    assert statuses == Counter({201: 3, 429: 17})


def test_fifty_requests_for_one_slot_of_a_link_needing_confirmation_make_one(
    app, server, calendar, slot_day
):
    """A pending booking takes its slot under the same lock and constraint."""
    from calapp.booking.models import Booking
    from calapp.extensions import db

    calendar_id, link = calendar
    token = link(requires_confirmation=True)
    start = slot_day.replace(hour=11)
    url = f"{server}/booking/{token}/reserve"
    statuses = fire([(url, reserve_body(n, start)) for n in range(50)])
    assert statuses == Counter({200: 1, 409: 49})
    with app.app_context():
        pending = db.session.scalar(
            sa.select(sa.func.count()).where(
                Booking.calendar_id == calendar_id, Booking.status == "pending"
            )
        )
        db.session.remove()
    assert pending == 1
    assert counts(app, calendar_id) == (1, 0)
