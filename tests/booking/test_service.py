"""Booking rules below HTTP: the exclusion constraint, and reserve vs. offered."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy.dialects.postgresql import Range
from sqlalchemy.exc import IntegrityError

from calapp.booking import links, reservations, service
from calapp.booking.models import Booking
from calapp.booking.schemas import BookingLinkCreateSchema
from calapp.calendars import service as calendars_service
from calapp.events import service as events_service
from calapp.extensions import db
from calapp.security import Principal

NOW = datetime(2027, 3, 1, tzinfo=UTC)  # a Monday
HOUR = timedelta(hours=1)


@pytest.fixture
def principal(ctx, make_user):
    return Principal(user_id=make_user().id)


def new_link(principal, **fields):
    calendar = calendars_service.create(principal, {"name": "Work"}, NOW)
    data = BookingLinkCreateSchema().load(
        {
            "duration_minutes": 30,
            "timezone": "UTC",
            "working_hours": {"mon": [{"start": "09:00", "end": "17:00"}]},
            "min_notice_minutes": 0,
            **fields,
        }
    )
    return links.create_link(principal, calendar.id, data, NOW)


def new_event(principal, calendar_id, start, end):
    return events_service.create(
        principal,
        {"calendar_id": calendar_id, "title": "Busy", "start_time": start,
         "end_time": end},
        NOW,
    )  # fmt: skip


def insert(link, event, start, end, status="active", calendar_id=None):
    """A bookings row written directly, bypassing the service."""
    booking = Booking(
        id=uuid.uuid4(),
        link_id=link.id,
        calendar_id=calendar_id or link.calendar_id,
        event_id=event.id if event else None,
        email="direct@example.com",
        start_time=start,
        end_time=end,
        blocked=Range(start, end, bounds="[)"),
        status=status,
        expires_at=NOW + HOUR if status == "held" else None,
        manage_token_hash="0" * 64,
        created_at=NOW,
        updated_at=NOW,
    )
    with db.session.begin_nested():
        db.session.add(booking)
    return booking


# --- the exclusion constraint ---------------------------------------------------------


@pytest.fixture
def booked(principal):
    """A link, an event and an active booking 10:00-10:30, written directly."""
    link = new_link(principal)
    start = NOW.replace(hour=10)
    event = new_event(principal, link.calendar_id, start, start + HOUR / 2)
    insert(link, event, start, start + HOUR / 2)
    return link, event, start


@pytest.mark.parametrize("status", ["active", "held"])
def test_constraint_rejects_an_overlapping_row(booked, status):
    link, event, start = booked
    with pytest.raises(IntegrityError) as caught:
        insert(link, event, start + HOUR / 4, start + HOUR, status=status)
    assert caught.value.orig.pgcode == "23P01"  # exclusion_violation
    assert "ex_bookings_no_overlap" in str(caught.value.orig)


@pytest.mark.parametrize("status", ["cancelled", "expired"])
def test_constraint_ignores_released_rows(booked, status):
    link, event, start = booked
    insert(link, event, start, start + HOUR / 2, status=status)


def test_constraint_allows_touching_rows(booked):
    link, event, start = booked
    insert(link, event, start + HOUR / 2, start + HOUR)


def test_constraint_is_per_calendar(booked, principal):
    link, event, start = booked
    other = new_link(principal)
    other_event = new_event(principal, other.calendar_id, start, start + HOUR / 2)
    insert(other, other_event, start, start + HOUR / 2)


def test_reserve_maps_the_constraint_to_slot_unavailable(booked, monkeypatch):
    """Even when the service's own check is skipped, the database refuses."""
    link, event, start = booked
    monkeypatch.setattr(service, "check_offered", lambda *args: None)
    with pytest.raises(service.SlotUnavailable):
        reservations.reserve(
            link.token,
            {"name": "V", "email": "v@example.com", "slot_start": start,
             "slot_end": start + HOUR / 2},
            NOW,
        )  # fmt: skip


# --- property: offered <=> reservable -------------------------------------------------

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney"]
FIRST_DAYS = [
    datetime(2027, 3, 1, tzinfo=UTC),
    datetime(2027, 3, 12, tzinfo=UTC),  # New York springs forward on the 14th
    datetime(2027, 3, 26, tzinfo=UTC),  # Berlin springs forward on the 28th
]
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def one_window(start_hour: int, hours: int) -> list[dict]:
    end = min(start_hour + hours, 24)
    return [{"start": f"{start_hour:02d}:00", "end": f"{end:02d}:00"}]


window = st.builds(one_window, st.integers(0, 20), st.integers(1, 4))


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    duration=st.sampled_from([15, 30, 45, 60]),
    buffer=st.sampled_from([0, 10, 30]),
    interval=st.sampled_from([None, 15, 20]),
    zone=st.sampled_from(ZONES),
    first_day=st.sampled_from(FIRST_DAYS),
    hours=st.dictionaries(st.sampled_from(DAYS), window, min_size=5),
    busy_hour=st.integers(0, 71),
    picks=st.lists(st.integers(0, 10_000), min_size=1, max_size=6),
)  # fmt: skip
def test_offered_slots_can_be_reserved_and_are_then_never_offered(
    principal, duration, buffer, interval, zone, first_day, hours, busy_hour, picks
):
    link = new_link(
        principal,
        duration_minutes=duration,
        buffer_minutes=buffer,
        slot_interval_minutes=interval,
        timezone=zone,
        working_hours=hours,
    )
    start, end = first_day, first_day + timedelta(days=3)
    now = first_day - timedelta(days=1)
    busy = first_day + busy_hour * HOUR
    new_event(principal, link.calendar_id, busy, busy + HOUR)
    pad = timedelta(minutes=buffer)
    reserved = []
    for n, pick in enumerate(picks):
        offered = service.offered(link, start, end, now)
        for slot_start, slot_end in offered:
            for taken_start, taken_end in reserved:  # two buffers between bookings
                assert slot_end + pad <= taken_start - pad or (
                    slot_start - pad >= taken_end + pad
                )
            assert slot_end + pad <= busy or slot_start - pad >= busy + HOUR
        if not offered:
            break
        slot = offered[pick % len(offered)]
        booking, secret = reservations.reserve(
            link.token,
            {"name": "V", "email": f"v{n}@example.com", "slot_start": slot[0],
             "slot_end": slot[1]},
            now,
        )  # fmt: skip
        assert booking.status == "active" and secret
        reserved.append(slot)
        assert slot not in service.offered(link, start, end, now)
    event(f"bookings made: {len(reserved)}")
