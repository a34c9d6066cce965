"""The reasons engine agrees with the slot listing: a start is listed exactly when
``explain`` finds no reason against it.

Pure: these tests shadow the suite's autouse ``db_session`` fixture.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calapp.availability import reasons
from calapp.availability.slots import Rules, Window, free_slots

MIN = timedelta(minutes=1)
# An ordinary week, Berlin's spring-forward day, and Apia's skipped day.
DAYS = [datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 28, tzinfo=UTC)]
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Pacific/Apia"]


@pytest.fixture(autouse=True)
def db_session():
    """Shadow the suite's database fixture: nothing here touches a database."""
    yield None


def _windows():
    hours = st.integers(0, 23).flatmap(
        lambda h: st.tuples(st.just(h), st.integers(h + 1, 24))
    )
    return st.lists(hours, min_size=0, max_size=2).map(
        lambda spans: tuple(
            Window(time(s), time(0) if e == 24 else time(e))
            for s, e in sorted(set(spans))[:1]
        )
    )


rules_strategy = st.builds(
    lambda zone, minutes, interval, buffer, notice, ahead, per_day, windows: Rules(
        timezone=zone,
        duration=timedelta(minutes=minutes),
        working_hours={day: windows for day in range(7) if windows},
        buffer=timedelta(minutes=buffer),
        slot_interval=timedelta(minutes=interval) if interval else None,
        min_notice=timedelta(minutes=notice),
        max_days_ahead=ahead,
        max_per_day=per_day,
    ),
    st.sampled_from(ZONES),
    st.sampled_from([15, 30, 45, 60]),
    st.sampled_from([None, 10, 15, 20]),
    st.sampled_from([0, 5, 15]),
    st.sampled_from([0, 60, 600]),
    st.sampled_from([None, 0, 1, 2]),
    st.sampled_from([None, 1, 2]),
    _windows(),
)


def _blocks(base: datetime):
    block = st.tuples(st.integers(0, 72 * 12), st.integers(0, 36)).map(
        lambda p: (base + 5 * MIN * p[0], base + 5 * MIN * (p[0] + p[1]))
    )
    return st.lists(block, max_size=8)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    rules=rules_strategy,
    base=st.sampled_from(DAYS),
    data=st.data(),
)
def test_a_start_is_listed_exactly_when_nothing_is_against_it(rules, base, data):
    busy = data.draw(_blocks(base))
    now = base + data.draw(st.integers(0, 48)) * 30 * MIN
    booked_day = reasons.local_date(base + timedelta(days=1), rules.zone)
    per_day = {booked_day: data.draw(st.integers(0, 2))}
    range_start, range_end = base, base + timedelta(days=3)
    listed = set(free_slots(rules, busy, range_start, range_end, now, per_day))
    blockers = [reasons.Blocker(s, e) for s, e in busy]
    start = range_start
    while start + rules.duration <= range_end:
        found = reasons.explain(rules, start, now, blockers, per_day)
        assert ((start, start + rules.duration) in listed) == (found == []), (
            start,
            found,
        )
        start += 5 * MIN


def _rules(**fields) -> Rules:
    nine_to_five = (Window(time(9), time(17)),)
    return Rules(
        **{
            "timezone": "UTC",
            "duration": timedelta(minutes=30),
            "working_hours": {day: nine_to_five for day in range(5)},
            **fields,
        }
    )


MONDAY = datetime(2026, 3, 2, tzinfo=UTC)


def at(hhmm: str, day: datetime = MONDAY) -> datetime:
    return datetime.combine(day.date(), time.fromisoformat(hhmm), UTC)


def codes(found) -> list[str]:
    return [r.code for r in found]


def test_an_offered_slot_has_no_reason():
    assert reasons.explain(_rules(), at("10:00"), at("08:00")) == []


def test_every_broken_rule_is_a_reason_in_the_documented_order():
    rules = _rules(
        min_notice=timedelta(hours=4),
        max_days_ahead=0,
        max_per_day=1,
        buffer=timedelta(minutes=15),
    )
    tuesday = MONDAY + timedelta(days=1)
    found = reasons.explain(
        rules,
        at("10:10", tuesday),
        at("08:00"),
        [
            reasons.Blocker(at("10:20", tuesday), at("11:00", tuesday)),
            reasons.Blocker(at("09:45", tuesday), at("10:00", tuesday)),
            reasons.Blocker(
                at("10:40", tuesday), at("11:30", tuesday), held_until=at("08:05")
            ),
        ],
        {tuesday.date(): 1},
    )
    assert codes(found) == [
        "not_on_interval",
        "beyond_horizon",
        "daily_limit",
        "busy",
        "buffer",
        "held",
    ]
    busy = found[3]
    assert (busy.start, busy.end) == (at("10:20", tuesday), at("10:40", tuesday))


def test_a_booking_outside_the_slot_but_inside_its_own_buffer_is_buffer():
    booking = reasons.Blocker(at("09:45"), at("10:45"), core=(at("10:00"), at("10:30")))
    found = reasons.explain(_rules(), at("10:30"), at("08:00"), [booking])
    assert codes(found) == ["buffer"]
    assert (found[0].start, found[0].end) == (at("10:30"), at("10:45"))


def test_a_booking_and_its_event_are_one_busy_reason():
    event = reasons.Blocker(at("10:00"), at("10:30"))
    booking = reasons.Blocker(at("09:45"), at("10:45"), core=(at("10:00"), at("10:30")))
    found = reasons.explain(_rules(), at("10:00"), at("08:00"), [event, booking])
    assert codes(found) == ["busy"]


def test_not_on_interval_names_the_neighbouring_starts():
    found = reasons.explain(_rules(), at("10:10"), at("08:00"))
    assert codes(found) == ["not_on_interval"]
    assert (found[0].previous_start, found[0].next_start) == (at("10:00"), at("10:30"))


def test_outside_working_hours_lists_the_days_windows():
    found = reasons.explain(_rules(), at("16:45"), at("08:00"))
    assert codes(found) == ["outside_working_hours"]
    assert found[0].windows == ((at("09:00"), at("17:00")),)
    assert found[0].day == date(2026, 3, 2)
