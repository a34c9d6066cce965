""""The nth weekday of the month" rules (MONTHLY;BYDAY=1MO, -1FR...) are expanded
by date arithmetic: the same wall times as python-dateutil's enumeration, for
every ordinal, interval, bound, zone and window."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from calapp.events import walltimes
from calapp.events.series import Series, _rule, normalize_rule

ZONES = ("Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _dateutil(series: Series, local_from, local_to, bound):
    """Reference: dateutil from DTSTART (no fast-forward), every wall time in
    the range."""
    rule = _rule(series)
    if rule is None:  # a rule that never occurs
        return
    for local in rule.xafter(max(local_from, series.local_start), inc=True):
        if local > local_to or (bound is not None and local > bound):
            return
        yield local


def _case(rng: random.Random):
    ordinal = rng.choice(("1", "2", "3", "4", "5", "-1", "-2", "+1", "-5"))
    parts = [f"FREQ=MONTHLY;BYDAY={ordinal}{rng.choice(DAYS)}"]
    if rng.random() < 0.4:
        parts.append(f"INTERVAL={rng.choice((2, 3, 6, 12, 13))}")
    bound = rng.random()
    if bound < 0.25:
        parts.append(f"COUNT={rng.randrange(1, 40)}")
    elif bound < 0.5:
        until = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(2000))
        parts.append(f"UNTIL={until:%Y%m%dT%H%M%SZ}")
    start = datetime(2019, 1, 1, tzinfo=UTC) + timedelta(
        days=rng.randrange(2500), minutes=15 * rng.randrange(96)
    )
    series = Series(
        rule=normalize_rule(";".join(parts)),
        start=start,
        end=start + timedelta(minutes=45),
        timezone=rng.choice(ZONES),
    )
    local_from = datetime(2019, 1, 1) + timedelta(days=rng.randrange(3000))
    local_to = local_from + timedelta(days=rng.choice((1, 14, 40, 100, 800)))
    return series, local_from, local_to


@pytest.mark.parametrize("seed", range(8))
def test_nth_weekday_rules_match_dateutil(seed):
    rng = random.Random(seed)
    checked = 0
    for _ in range(250):
        series, local_from, local_to = _case(rng)
        assert walltimes._monthly_nth(series.rule) is not None, series.rule
        bound = walltimes._local_bound(series, walltimes._parts(series.rule))
        fast = list(walltimes._local_starts(series, local_from, local_to))
        slow = list(_dateutil(series, local_from, local_to, bound))
        assert fast == slow, (series, local_from, local_to)
        checked += bool(slow)
    assert checked > 50  # most cases have occurrences in their window


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MONTHLY;BYDAY=1MO,3MO",  # two weekdays
        "FREQ=MONTHLY;BYDAY=MO",  # every Monday
        "FREQ=MONTHLY;BYMONTHDAY=1",
        "FREQ=MONTHLY;BYDAY=1MO;BYMONTH=3",
        "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1",
        "FREQ=YEARLY;BYDAY=1MO",
    ],
)
def test_other_rules_keep_dateutil(rule):
    assert walltimes._monthly_nth(normalize_rule(rule)) is None
