"""The generated SDK drives the live app over real HTTP (gunicorn): an account, a
calendar, a weekly event, its occurrences, a booking link and a booking by a
visitor with no account."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from calapp_client import AuthenticatedClient, Client
from calapp_client.api.auth import register_user
from calapp_client.api.booking import get_booking_availability, reserve_booking_slot
from calapp_client.api.booking_links import create_booking_link
from calapp_client.api.calendars import create_calendar
from calapp_client.api.events import create_event, list_events
from calapp_client.models import (
    BookingLink,
    BookingLinkCreate,
    Calendar,
    CalendarCreate,
    Event,
    EventCreate,
    EventSyncPage,
    PublicAvailability,
    Register,
    Reservation,
    Reserve,
    Token,
    WorkingHours,
    WorkingHourSlot,
)

from tests.conftest import PASSWORD
from tests.servers import Servers

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    servers = Servers(database_url, tmp_path_factory.mktemp("sdk"))
    try:
        yield servers.api(workers=1, threads=2)
    finally:
        servers.stop()


@pytest.fixture
def connect(server):
    """``connect()``: a client with no credentials; ``connect(token)``: signed in.
    Each is closed at the end of the test."""
    opened = []

    def connect(token: str | None = None) -> Client | AuthenticatedClient:
        options = {"base_url": server, "raise_on_unexpected_status": True}
        client = (
            Client(**options)
            if token is None
            else AuthenticatedClient(token=token, **options)
        )
        opened.append(client.__enter__())
        return client

    yield connect
    for client in opened:
        client.__exit__(None, None, None)


def _a_monday_ahead() -> datetime:
    """Midnight in London of a Monday at least two days away (the link's notice
    and today's hours never get in the way)."""
    today = datetime.now(LONDON).date()
    days = (7 - today.weekday()) % 7 or 7
    monday = today + timedelta(days=days if days >= 2 else days + 7)
    return datetime.combine(monday, time(0), LONDON)


def _at(day: datetime, hour: int, minute: int = 0) -> datetime:
    return day.replace(hour=hour, minute=minute).astimezone(UTC)


def _expect(result, model):
    assert isinstance(result, model), result  # an Error model says what went wrong
    return result


def test_book_a_slot_next_to_a_weekly_event_through_the_sdk(connect, committing_db):
    anonymous = connect()

    tokens = _expect(
        register_user.sync(
            client=anonymous,
            body=Register(
                email="ada@example.com",
                password=PASSWORD,
                name="Ada Lovelace",
                timezone="Europe/London",
            ),
        ),
        Token,
    )
    owner = connect(tokens.access_token)

    calendar = _expect(
        create_calendar.sync(
            client=owner, body=CalendarCreate(name="Work", timezone="Europe/London")
        ),
        Calendar,
    )
    assert calendar.role.value == "owner"

    monday = _a_monday_ahead()
    series = _expect(
        create_event.sync(
            client=owner,
            body=EventCreate(
                calendar_id=calendar.id,
                title="Weekly planning",
                start_time=_at(monday, 9),
                end_time=_at(monday, 10),
                timezone="Europe/London",
                recurrence_rule="FREQ=WEEKLY;BYDAY=MO",
            ),
        ),
        Event,
    )

    page = _expect(
        list_events.sync(
            client=owner,
            start=monday.astimezone(UTC),
            end=(monday + timedelta(days=28)).astimezone(UTC),
            calendar_id=[calendar.id],
        ),
        EventSyncPage,
    )
    assert [e.series_id for e in page.items] == [series.id] * 4
    assert [e.start_time for e in page.items] == [
        _at(monday + timedelta(weeks=week), 9) for week in range(4)
    ]
    assert page.next_cursor is None

    link = _expect(
        create_booking_link.sync(
            calendar.id,
            client=owner,
            body=BookingLinkCreate(
                duration_minutes=30,
                timezone="Europe/London",
                working_hours=WorkingHours(
                    mon=[WorkingHourSlot(start="09:00", end="12:00")]
                ),
                title="Intro call with Ada",
            ),
        ),
        BookingLink,
    )

    free = _expect(
        get_booking_availability.sync(
            link.token,
            client=anonymous,
            start=monday.astimezone(UTC),
            end=(monday + timedelta(days=1)).astimezone(UTC),
        ),
        PublicAvailability,
    )
    # 9:00-10:00 is the weekly planning: the half hours after it are offered.
    expected = [
        _at(monday, 10),
        _at(monday, 10, 30),
        _at(monday, 11),
        _at(monday, 11, 30),
    ]
    assert [slot.start for slot in free.slots] == expected

    slot = free.slots[0]
    request = Reserve(
        name="Grace Hopper",
        email="grace@example.com",
        slot_start=slot.start,
        slot_end=slot.end,
        notes="About the compiler project",
    )
    key = str(uuid.uuid4())
    booked = _expect(
        reserve_booking_slot.sync(
            link.token, client=anonymous, body=request, idempotency_key=key
        ),
        Reservation,
    )
    assert booked.ok and booked.booking.status.value == "active"
    assert (booked.event.start_time, booked.event.end_time) == (slot.start, slot.end)
    assert booked.booking.manage_token

    # A retry after a lost answer books nothing more: the same booking comes back.
    retried = reserve_booking_slot.sync_detailed(
        link.token, client=anonymous, body=request, idempotency_key=key
    )
    assert retried.headers.get("Idempotent-Replayed") == "true"
    assert _expect(retried.parsed, Reservation).booking.id == booked.booking.id

    day = _expect(
        list_events.sync(
            client=owner,
            start=monday.astimezone(UTC),
            end=(monday + timedelta(days=1)).astimezone(UTC),
            calendar_id=[calendar.id],
        ),
        EventSyncPage,
    )
    assert [(e.title, e.start_time) for e in day.items] == [
        ("Weekly planning", _at(monday, 9)),
        ("Intro call with Ada", _at(monday, 10)),
    ]
    offered = get_booking_availability.sync(
        link.token,
        client=anonymous,
        start=monday.astimezone(UTC),
        end=(monday + timedelta(days=1)).astimezone(UTC),
    )
    assert [s.start for s in _expect(offered, PublicAvailability).slots] == expected[1:]
