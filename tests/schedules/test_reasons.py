"""Date overrides, time off and holidays in the reasons engine: a start is
listed exactly when ``explain`` finds no reason against it, and the new codes
say why.

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
# Berlin's spring-forward day and New York's fall-back day, from the day before.
DAYS = [datetime(2027, 3, 27, tzinfo=UTC), datetime(2027, 11, 6, tzinfo=UTC)]
ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney"]
NINE_TO_FIVE = (Window(time(9), time(17)),)


@pytest.fixture(autouse=True)
def db_session():
    """Shadow the suite's database fixture: nothing here touches a database."""
    yield None


def _override():
    hours = st.integers(0, 23).flatmap(
        lambda h: st.tuples(st.just(h), st.integers(h + 1, 24))
    )
    return st.lists(hours, max_size=1).map(
        lambda spans: tuple(
            Window(time(s), time(0) if e == 24 else time(e)) for s, e in spans
        )
    )


def _blocks(base: datetime):
    block = st.tuples(st.integers(0, 72 * 4), st.integers(0, 48)).map(
        lambda p: (base + 15 * MIN * p[0], base + 15 * MIN * (p[0] + p[1]))
    )
    return st.lists(block, max_size=4)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    zone=st.sampled_from(ZONES),
    minutes=st.sampled_from([30, 60]),
    buffer=st.sampled_from([0, 15]),
    base=st.sampled_from(DAYS),
    data=st.data(),
)
def test_a_start_is_listed_exactly_when_nothing_is_against_it(
    zone, minutes, buffer, base, data
):
    overrides = {
        base.date() + timedelta(days=d): data.draw(_override()) for d in range(3)
    }
    rules = Rules(
        timezone=zone,
        duration=timedelta(minutes=minutes),
        working_hours={day: NINE_TO_FIVE for day in range(7)},
        buffer=timedelta(minutes=buffer),
        date_overrides={d: w for d, w in overrides.items() if data.draw(st.booleans())},
    )
    busy = data.draw(_blocks(base))
    off = data.draw(_blocks(base))
    start, end = base, base + timedelta(days=3)
    listed = set(free_slots(rules, busy, start, end, base, off=off))
    blockers = [reasons.Blocker(s, e) for s, e in busy] + [
        reasons.Blocker(s, e, code=reasons.TIME_OFF) for s, e in off
    ]
    at = start
    while at + rules.duration <= end:
        found = reasons.explain(rules, at, base, blockers)
        assert ((at, at + rules.duration) in listed) == (found == []), (at, found)
        at += 15 * MIN


def test_time_off_keeps_no_buffer_and_reports_its_part_of_the_slot():
    rules = Rules(
        timezone="UTC",
        duration=timedelta(hours=1),
        working_hours={0: NINE_TO_FIVE},
        buffer=timedelta(minutes=30),
    )
    monday = datetime(2027, 3, 1, tzinfo=UTC)
    away = reasons.Blocker(
        monday.replace(hour=10, minute=30), monday.replace(hour=12), code="time_off"
    )
    # It ends when the 12:00 slot starts: no buffer is kept after time off.
    assert reasons.explain(rules, monday.replace(hour=12), monday, [away]) == []
    (reason,) = reasons.explain(rules, monday.replace(hour=10), monday, [away])
    assert reason.code == "time_off"
    assert (reason.start, reason.end) == (
        monday.replace(hour=10, minute=30),
        monday.replace(hour=11),
    )


def test_a_holiday_reason_carries_its_name():
    rules = Rules(
        timezone="Europe/Berlin",
        duration=timedelta(hours=1),
        working_hours={4: NINE_TO_FIVE},
    )
    day = datetime(2027, 3, 25, 23, tzinfo=UTC)  # Berlin's midnight, Good Friday
    holiday = reasons.Blocker(
        day, day + timedelta(days=1), code=reasons.HOLIDAY, name="Good Friday"
    )
    (reason,) = reasons.explain(rules, day + timedelta(hours=10), day, [holiday])
    assert (reason.code, reason.name) == ("holiday", "Good Friday")
    assert "Good Friday" in reason.message


def test_an_override_replaces_only_its_own_local_date():
    rules = Rules(
        timezone="Australia/Sydney",
        duration=timedelta(hours=1),
        working_hours={day: NINE_TO_FIVE for day in range(7)},
        date_overrides={date(2027, 4, 4): ()},
    )
    found = free_slots(
        rules,
        [],
        datetime(2027, 4, 2, 12, tzinfo=UTC),
        datetime(2027, 4, 5, 12, tzinfo=UTC),
        datetime(2027, 4, 1, tzinfo=UTC),
    )
    local_days = {s.astimezone(rules.zone).date() for s, _ in found}
    assert local_days == {date(2027, 4, 3), date(2027, 4, 5)}
