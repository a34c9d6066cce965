"""The booking slot engine: DST, buffers, notice, horizon, daily limit, intersection.

The engine is pure, so these tests shadow the suite's autouse ``db_session``
fixture: they need neither PostgreSQL nor Redis.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calapp.availability.slots import (
    Rules,
    Window,
    common_free_slots,
    free_slots,
    merge_busy,
    parse_working_hours,
)

BERLIN, NEW_YORK, SYDNEY = "Europe/Berlin", "America/New_York", "Australia/Sydney"
SPRING_DAYS = [  # 02:00 → 03:00
    (BERLIN, date(2026, 3, 29)),
    (NEW_YORK, date(2026, 3, 8)),
    (SYDNEY, date(2026, 10, 4)),
]
AUTUMN_DAYS = [  # Berlin, Sydney: 03:00 → 02:00; New York: 02:00 → 01:00
    (BERLIN, date(2026, 10, 25)),
    (NEW_YORK, date(2026, 11, 1)),
    (SYDNEY, date(2026, 4, 5)),
]
MONDAY = date(2026, 3, 2)  # an ordinary week, no DST change in any zone used
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)
MIN = timedelta(minutes=1)
HOUR = timedelta(hours=1)


@pytest.fixture(autouse=True)
def db_session():
    """Shadow the suite's database fixture: nothing here touches a database."""
    yield None


# --- helpers ------------------------------------------------------------------------


def hhmm(text: str) -> time:
    return time.fromisoformat(text)


def every_day(*windows: tuple[str, str]) -> dict[int, tuple[Window, ...]]:
    """The same windows on all seven days ("24:00" is midnight at the end)."""
    parsed = tuple(
        Window(hhmm(s), time(0) if e == "24:00" else hhmm(e)) for s, e in windows
    )
    return {day: parsed for day in range(7)}


def make_rules(**fields) -> Rules:
    defaults = {
        "timezone": BERLIN,
        "duration": HOUR,
        "working_hours": every_day(("09:00", "17:00")),
    }
    return Rules(**{**defaults, **fields})


def at(zone: str, day: date, wall: str = "00:00") -> datetime:
    """A local wall time resolved as RFC 5545 §3.3.5 says (fold=0), in UTC."""
    local = datetime.combine(day, hhmm(wall)).replace(tzinfo=ZoneInfo(zone))
    return local.astimezone(UTC)


def days(zone: str, first: date, count: int = 1) -> tuple[datetime, datetime]:
    """``[local midnight of first, local midnight count days later)``."""
    return at(zone, first), at(zone, first + timedelta(days=count))


def slots_on(rules: Rules, day: date, busy=(), count: int = 1, **kwargs):
    start, end = days(rules.timezone, day, count)
    kwargs.setdefault("now", LONG_AGO)
    return free_slots(rules, list(busy), start, end, **kwargs)


def walls(slots, zone: str) -> list[str]:
    return [f"{s.astimezone(ZoneInfo(zone)):%H:%M}" for s, _ in slots]


def walls_by_day(slots, zone: str) -> dict[date, list[str]]:
    result: dict[date, list[str]] = {}
    for start, _ in slots:
        local = start.astimezone(ZoneInfo(zone))
        result.setdefault(local.date(), []).append(f"{local:%H:%M}")
    return result


def overlaps(a: tuple[datetime, datetime], b: tuple[datetime, datetime]) -> bool:
    """Half-open intervals share an instant (an empty one shares none)."""
    return max(a[0], b[0]) < min(a[1], b[1])


def widened(slot, buffer: timedelta) -> tuple[datetime, datetime]:
    return slot[0] - buffer, slot[1] + buffer


HOURLY_9_17 = [f"{h:02d}:00" for h in range(9, 17)]


# --- DST: windows are local wall time, resolved with fold=0 -------------------------


@pytest.mark.parametrize(("zone", "day"), SPRING_DAYS + AUTUMN_DAYS)
def test_window_stays_local_on_dst_day(zone, day):
    slots = slots_on(make_rules(timezone=zone), day)
    assert walls(slots, zone) == HOURLY_9_17
    assert slots[-1][1] == at(zone, day, "17:00")
    # The same wall time as the day before, 23 or 25 real hours later.
    since_yesterday = slots[0][0] - at(zone, day - timedelta(days=1), "09:00")
    assert since_yesterday in (23 * HOUR, 25 * HOUR)


@pytest.mark.parametrize(("zone", "day"), SPRING_DAYS)
def test_window_across_spring_gap_loses_the_missing_hour(zone, day):
    rules = make_rules(timezone=zone, working_hours=every_day(("01:00", "04:00")))
    slots = slots_on(rules, day)
    assert walls(slots, zone) == ["01:00", "03:00"]
    assert slots[-1][1] - slots[0][0] == 2 * HOUR


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        (BERLIN, date(2026, 10, 25), ["01:00", "02:00", "02:00"]),
        (NEW_YORK, date(2026, 11, 1), ["01:00", "01:00", "02:00"]),
        (SYDNEY, date(2026, 4, 5), ["01:00", "02:00", "02:00"]),
    ],
)
def test_fold_day_window_is_three_real_hours(zone, day, expected):
    rules = make_rules(timezone=zone, working_hours=every_day(("01:00", "03:00")))
    slots = slots_on(rules, day)
    assert walls(slots, zone) == expected
    assert slots[-1][1] - slots[0][0] == 3 * HOUR


@pytest.mark.parametrize(("zone", "day"), SPRING_DAYS)
def test_window_starting_in_the_gap_is_read_with_the_offset_before_it(zone, day):
    rules = make_rules(
        timezone=zone,
        duration=30 * MIN,
        working_hours=every_day(("02:30", "05:00")),
    )
    assert walls(slots_on(rules, day), zone) == ["03:30", "04:00", "04:30"]


@pytest.mark.parametrize(("zone", "day"), SPRING_DAYS)
def test_window_inside_the_gap_offers_nothing(zone, day):
    rules = make_rules(
        timezone=zone, duration=30 * MIN, working_hours=every_day(("02:00", "03:00"))
    )
    assert slots_on(rules, day) == []


@pytest.mark.parametrize(
    ("zone", "day", "count"),
    [
        (NEW_YORK, MONDAY, 24),
        (NEW_YORK, date(2026, 3, 8), 23),
        (NEW_YORK, date(2026, 11, 1), 25),
    ],
)
def test_window_until_midnight_covers_the_whole_local_day(zone, day, count):
    rules = make_rules(timezone=zone, working_hours=every_day(("00:00", "24:00")))
    slots = slots_on(rules, day)
    assert len(slots) == count
    assert (slots[0][0], slots[-1][1]) == days(zone, day)


# --- buffers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("busy", "buffer", "interval", "expected"),
    [
        pytest.param(
            ("08:00", "09:00"),
            15,
            15,
            ["09:15", "09:30", "09:45", "10:00", "10:15", "10:30"],
            id="busy-ending-at-window-start-pushes-first-slot-to-09:15",
        ),
        pytest.param(
            ("08:00", "09:00"),
            15,
            None,
            ["09:30", "10:00", "10:30"],
            id="same-block-on-the-default-grid",
        ),
        pytest.param(
            ("08:00", "09:00"),
            0,
            15,
            ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30"],
            id="touching-without-buffer-is-free",
        ),
        pytest.param(
            ("11:00", "12:00"),
            15,
            15,
            ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15"],
            id="busy-starting-at-window-end-pulls-last-slot-in",
        ),
        pytest.param(
            ("10:00", "10:15"),
            15,
            15,
            ["09:00", "09:15", "10:30"],
            id="buffer-on-both-sides-of-a-block",
        ),
    ],
)
def test_buffer_at_window_edges(busy, buffer, interval, expected):
    rules = make_rules(
        duration=30 * MIN,
        working_hours=every_day(("09:00", "11:00")),
        buffer=buffer * MIN,
        slot_interval=interval and interval * MIN,
    )
    block = (at(BERLIN, MONDAY, busy[0]), at(BERLIN, MONDAY, busy[1]))
    assert walls(slots_on(rules, MONDAY, [block]), BERLIN) == expected


# --- notice, horizon, daily limit ---------------------------------------------------


@pytest.mark.parametrize(
    ("now_day", "now_wall", "notice", "first"),
    [
        pytest.param(
            MONDAY,
            "22:00",
            12 * HOUR,
            (date(2026, 3, 3), "10:00"),
            id="evening-plus-12h-lands-next-morning",
        ),
        pytest.param(
            MONDAY,
            "16:30",
            30 * MIN,
            (date(2026, 3, 3), "09:00"),
            id="last-slot-of-today-too-soon",
        ),
        pytest.param(
            MONDAY,
            "23:30",
            10 * HOUR,
            (date(2026, 3, 3), "10:00"),
            id="notice-ends-off-grid-next-grid-point",
        ),
        pytest.param(
            date(2026, 3, 28),
            "22:00",
            12 * HOUR,
            (date(2026, 3, 29), "11:00"),
            id="notice-is-real-time-across-spring-midnight",
        ),
    ],
)
def test_min_notice_across_midnight(now_day, now_wall, notice, first):
    rules = make_rules(min_notice=notice)
    now = at(BERLIN, now_day, now_wall)
    slots = slots_on(rules, now_day, count=3, now=now)
    start = slots[0][0].astimezone(ZoneInfo(BERLIN))
    assert (start.date(), f"{start:%H:%M}") == first


@pytest.mark.parametrize(
    ("max_days_ahead", "open_days"),
    [(0, 1), (1, 2), (3, 4), (None, 7)],
)
def test_horizon_counts_local_calendar_days_from_now(max_days_ahead, open_days):
    # 21:00 in New York is already the next day in UTC.
    rules = make_rules(
        timezone=NEW_YORK,
        working_hours=every_day(("22:00", "24:00")),
        max_days_ahead=max_days_ahead,
    )
    now = at(NEW_YORK, MONDAY, "21:00")
    slots = slots_on(rules, MONDAY, count=7, now=now)
    expected = [MONDAY + timedelta(days=i) for i in range(open_days)]
    assert list(walls_by_day(slots, NEW_YORK)) == expected


@pytest.mark.parametrize(
    ("bookings", "max_per_day", "per_day"),
    [
        pytest.param({"tue": 3}, 3, [8, 0, 8], id="full-day-offers-nothing"),
        pytest.param({"tue": 5}, 3, [8, 0, 8], id="over-full-day-offers-nothing"),
        pytest.param({"tue": 2}, 3, [8, 8, 8], id="day-below-limit-is-open"),
        pytest.param(None, 3, [8, 8, 8], id="no-bookings-known"),
        pytest.param({"tue": 3}, None, [8, 8, 8], id="no-limit"),
        pytest.param({}, 0, [0, 0, 0], id="zero-limit-closes-every-day"),
    ],
)
def test_daily_limit(bookings, max_per_day, per_day):
    rules = make_rules(max_per_day=max_per_day)
    named = {"mon": MONDAY, "tue": MONDAY + timedelta(days=1)}
    counts = None if bookings is None else {named[k]: n for k, n in bookings.items()}
    slots = slots_on(rules, MONDAY, count=3, bookings_per_day=counts)
    by_day = walls_by_day(slots, BERLIN)
    assert [len(by_day.get(MONDAY + timedelta(days=i), [])) for i in range(3)] == (
        per_day
    )


# --- busy blocks --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weekday", "busy", "removed"),
    [
        pytest.param(0, ("10:00", "11:00"), ["10:00"], id="monday-10-11"),
        pytest.param(2, ("14:00", "15:30"), ["14:00", "15:00"], id="wednesday-14-1530"),
        pytest.param(4, ("08:30", "09:01"), ["09:00"], id="friday-reaching-in"),
        pytest.param(6, ("10:00", "11:00"), [], id="sunday-closed-anyway"),
    ],
)
def test_weekly_busy_blocks_remove_the_same_local_slots_every_week(
    weekday, busy, removed
):
    # Four weeks across Berlin's spring change (2026-03-29): the block is local.
    first = date(2026, 3, 16)
    weekdays = {day: (Window(time(9), time(17)),) for day in range(6)}
    rules = make_rules(working_hours=weekdays)
    blocks = [
        (at(BERLIN, day, busy[0]), at(BERLIN, day, busy[1]))
        for day in (first + timedelta(days=7 * w + weekday) for w in range(4))
    ]
    by_day = walls_by_day(slots_on(rules, first, blocks, count=28), BERLIN)
    for offset in range(28):
        day = first + timedelta(days=offset)
        if day.weekday() == 6:
            assert day not in by_day
        elif day.weekday() == weekday:
            assert by_day[day] == [w for w in HOURLY_9_17 if w not in removed]
        else:
            assert by_day[day] == HOURLY_9_17


@pytest.mark.parametrize(
    ("duration", "interval", "busy", "expected"),
    [
        pytest.param(
            60,
            15,
            None,
            ["09:00", "09:15", "09:30", "09:45", "10:00"],
            id="quarter-hour-starts-overlap",
        ),
        pytest.param(
            60,
            20,
            None,
            ["09:00", "09:20", "09:40", "10:00"],
            id="interval-not-dividing-the-hour",
        ),
        pytest.param(60, 45, None, ["09:00", "09:45"], id="last-must-fit"),
        pytest.param(30, 90, None, ["09:00", "10:30"], id="interval-above-duration"),
        pytest.param(
            60,
            15,
            ("10:00", "10:05"),
            ["09:00"],
            id="one-block-removes-every-overlapping-candidate",
        ),
    ],
)
def test_slot_interval_sets_the_grid_of_starts(duration, interval, busy, expected):
    rules = make_rules(
        duration=duration * MIN,
        slot_interval=interval * MIN,
        working_hours=every_day(("09:00", "11:00")),
    )
    blocks = (
        [(at(BERLIN, MONDAY, busy[0]), at(BERLIN, MONDAY, busy[1]))] if busy else []
    )
    assert walls(slots_on(rules, MONDAY, blocks), BERLIN) == expected


def test_overlapping_candidates_are_all_offered():
    rules = make_rules(
        slot_interval=15 * MIN, working_hours=every_day(("09:00", "11:00"))
    )
    slots = slots_on(rules, MONDAY)
    assert all(overlaps(a, b) for a, b in zip(slots, slots[1:], strict=False))


def _utc(h: int, m: int = 0) -> datetime:
    return datetime(2026, 3, 2, h, m, tzinfo=UTC)


@pytest.mark.parametrize(
    ("blocks", "merged"),
    [
        pytest.param([], [], id="empty"),
        pytest.param(
            [(_utc(12), _utc(13)), (_utc(9), _utc(10))],
            [(_utc(9), _utc(10)), (_utc(12), _utc(13))],
            id="sorted",
        ),
        pytest.param(
            [(_utc(9), _utc(11)), (_utc(10), _utc(12))],
            [(_utc(9), _utc(12))],
            id="overlapping",
        ),
        pytest.param(
            [(_utc(9), _utc(10)), (_utc(10), _utc(11))],
            [(_utc(9), _utc(11))],
            id="touching",
        ),
        pytest.param(
            [(_utc(9), _utc(12)), (_utc(10), _utc(11))],
            [(_utc(9), _utc(12))],
            id="contained",
        ),
        pytest.param(
            [(_utc(9), _utc(9)), (_utc(10), _utc(11))],
            [(_utc(10), _utc(11))],
            id="empty-block-dropped",
        ),
        pytest.param(
            [
                (
                    datetime(2026, 3, 2, 10, tzinfo=ZoneInfo(BERLIN)),
                    datetime(2026, 3, 2, 11, tzinfo=ZoneInfo(BERLIN)),
                )
            ],
            [(_utc(9), _utc(10))],
            id="converted-to-utc",
        ),
    ],
)
def test_merge_busy(blocks, merged):
    result = merge_busy(blocks)
    assert result == merged
    assert all(s.tzinfo is UTC and e.tzinfo is UTC for s, e in result)


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ((datetime(2026, 3, 2, 9), _utc(10)), "timezone-aware"),
        ((_utc(9), datetime(2026, 3, 2, 10)), "timezone-aware"),
        ((_utc(10), _utc(9)), "ends before it starts"),
    ],
)
def test_merge_busy_rejects(block, message):
    with pytest.raises(ValueError, match=message):
        merge_busy([block])


# --- working hours ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "parsed"),
    [
        pytest.param(
            {"mon": [{"start": "09:00", "end": "17:00"}], "sat": []},
            {0: (Window(time(9), time(17)),)},
            id="empty-day-closed",
        ),
        pytest.param(
            {"sun": [{"start": "20:00", "end": "24:00"}]},
            {6: (Window(time(20), time(0)),)},
            id="24:00-is-midnight",
        ),
        pytest.param(
            {"sun": [{"start": "00:00", "end": "00:00"}]},
            {6: (Window(time(0), time(0)),)},
            id="00:00-end-is-midnight",
        ),
        pytest.param(
            {
                "tue": [
                    {"start": "13:00", "end": "17:00"},
                    {"start": "09:00", "end": "13:00"},
                ]
            },
            {1: (Window(time(9), time(13)), Window(time(13), time(17)))},
            id="sorted-touching-kept-apart",
        ),
    ],
)
def test_parse_working_hours(data, parsed):
    assert parse_working_hours(data) == parsed


def _one(start, end) -> dict:
    return {"mon": [{"start": start, "end": end}]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must be an object keyed by day"),
        ({"monday": []}, "unknown day 'monday'"),
        ({"Mon": []}, "unknown day 'Mon'"),
        (
            {"mon": {"start": "09:00", "end": "17:00"}},
            r"working_hours\.mon must be a list",
        ),
        ({"mon": ["09:00-17:00"]}, r"working_hours\.mon\[0\] must be"),
        ({"mon": [{"start": "09:00"}]}, r"working_hours\.mon\[0\] must be"),
        (
            {"mon": [{"start": "09:00", "end": "17:00", "tz": "UTC"}]},
            r"mon\[0\] must be",
        ),
        (_one("9:00", "17:00"), r"mon\[0\]\.start: '9:00' is not a time HH:MM"),
        (_one("09:00", "17:60"), r"mon\[0\]\.end: '17:60' is not a time HH:MM"),
        (_one("09:00", "25:00"), r"mon\[0\]\.end: '25:00'"),
        (_one("24:00", "24:00"), r"mon\[0\]\.start: '24:00'"),
        (_one(900, "17:00"), r"mon\[0\]\.start: 900 is not a time"),
        (_one("09:00:00", "17:00"), r"mon\[0\]\.start"),
        (_one("09:00", "09:00"), "end 09:00 must be after start 09:00"),
        (_one("17:00", "09:00"), "end 09:00 must be after start 17:00"),
        (
            {
                "mon": [
                    {"start": "09:00", "end": "12:00"},
                    {"start": "11:00", "end": "13:00"},
                ]
            },
            r"working_hours\.mon: windows 09:00–12:00 and 11:00–13:00 overlap",
        ),
        (
            {
                "fri": [
                    {"start": "20:00", "end": "24:00"},
                    {"start": "22:00", "end": "23:00"},
                ]
            },
            "windows 20:00–24:00 and 22:00–23:00 overlap",
        ),
        (
            {
                "mon": [
                    {"start": f"{h:02d}:00", "end": f"{h:02d}:30"} for h in range(11)
                ]
            },
            "at most 10 windows a day",
        ),
    ],
)
def test_parse_working_hours_rejects(data, message):
    with pytest.raises(ValueError, match=message):
        parse_working_hours(data)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"duration": 4 * MIN}, "duration must be at least"),
        ({"buffer": -MIN}, "buffer must not be negative"),
        ({"slot_interval": timedelta(0)}, "slot_interval must be positive"),
        ({"min_notice": -MIN}, "min_notice must not be negative"),
        ({"max_days_ahead": -1}, "max_days_ahead must not be negative"),
        ({"max_per_day": -1}, "max_per_day must not be negative"),
        ({"timezone": "Mars/Olympus"}, "unknown time zone 'Mars/Olympus'"),
        ({"working_hours": {7: (Window(time(9), time(17)),)}}, "not a weekday"),
        ({"working_hours": {0: ((time(9), time(17)),)}}, "must hold Window values"),
        (
            {
                "working_hours": {
                    0: (Window(time(9), time(12)), Window(time(11), time(13)))
                }
            },
            "overlap",
        ),
    ],
)
def test_rules_reject(fields, message):
    with pytest.raises(ValueError, match=message):
        make_rules(**fields)


@pytest.mark.parametrize(
    ("start", "end"), [(time(17), time(9)), (time(9), time(9)), (time(9), "17:00")]
)
def test_window_rejects(start, end):
    with pytest.raises(ValueError, match="window"):
        Window(start, end)


# --- inputs and range ---------------------------------------------------------------


@pytest.mark.parametrize("naive", ["range_start", "range_end", "now", "busy"])
def test_naive_datetimes_are_rejected(naive):
    start, end = days(BERLIN, MONDAY)
    args = {"range_start": start, "range_end": end, "now": start}
    busy = [(start, end)]
    if naive == "busy":
        busy = [(start.replace(tzinfo=None), end)]
    else:
        args[naive] = args[naive].replace(tzinfo=None)
    with pytest.raises(ValueError, match="timezone-aware"):
        free_slots(make_rules(), busy, **args)


def test_inverted_range_is_rejected():
    start, end = days(BERLIN, MONDAY)
    with pytest.raises(ValueError, match="range_end must not be before range_start"):
        free_slots(make_rules(), [], end, start, now=start)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("09:30", "12:00", ["10:00", "11:00"]),
        ("09:00", "11:30", ["09:00", "10:00"]),
        ("10:00", "10:59", []),
    ],
)
def test_only_slots_fully_inside_the_range(start, end, expected):
    slots = free_slots(
        make_rules(),
        [],
        at(BERLIN, MONDAY, start),
        at(BERLIN, MONDAY, end),
        now=LONG_AGO,
    )
    assert walls(slots, BERLIN) == expected
    assert all(s.tzinfo is UTC and e.tzinfo is UTC for s, e in slots)


def test_month_with_5000_busy_blocks_leaves_the_free_gaps():
    rng = random.Random(5000)
    rules = make_rules(duration=30 * MIN, slot_interval=15 * MIN)
    start, end = days(BERLIN, MONDAY, 30)
    busy = []
    for _ in range(5000):  # short blocks all over the month, most outside hours
        block_start = start + rng.randrange(30 * 24 * 60) * MIN
        busy.append((block_start, block_start + rng.randrange(1, 20) * MIN))
    slots = free_slots(rules, busy, start, end, now=LONG_AGO)
    assert 0 < len(slots) < 30 * 31
    merged = merge_busy(busy)
    assert not any(
        s < b_end and b_start < e for s, e in slots for b_start, b_end in merged
    )


# --- common free slots --------------------------------------------------------------


@pytest.mark.parametrize(("buffer", "expected"), [(0, ["10:00", "11:00"]), (15, [])])
def test_common_free_slots_intersects_calendars_in_working_hours(buffer, expected):
    hours = parse_working_hours({"mon": [{"start": "09:00", "end": "12:00"}]})
    alice = [(at(BERLIN, MONDAY, "09:00"), at(BERLIN, MONDAY, "10:00"))]
    bob = [
        (at(BERLIN, MONDAY, "10:30"), at(BERLIN, MONDAY, "11:00")),
        (at(BERLIN, MONDAY, "11:30"), at(BERLIN, MONDAY, "12:30")),
    ]
    slots = common_free_slots(
        [alice, bob],
        *days(BERLIN, MONDAY, 7),
        duration=30 * MIN,
        timezone=BERLIN,
        working_hours=hours,
        buffer=buffer * MIN,
    )
    assert walls_by_day(slots, BERLIN) == ({MONDAY: expected} if expected else {})


def test_common_free_slots_without_working_hours_opens_the_whole_day():
    alice = [
        (at(NEW_YORK, MONDAY), at(NEW_YORK, MONDAY, "13:00")),
        (at(NEW_YORK, MONDAY, "15:00"), at(NEW_YORK, MONDAY + timedelta(days=1))),
    ]
    bob = [(at(NEW_YORK, MONDAY, "14:00"), at(NEW_YORK, MONDAY, "16:00"))]
    slots = common_free_slots(
        [alice, bob], *days(NEW_YORK, MONDAY), duration=30 * MIN, timezone=NEW_YORK
    )
    assert walls(slots, NEW_YORK) == ["13:00", "13:30"]


# --- properties ---------------------------------------------------------------------

ZONES = [BERLIN, NEW_YORK, SYDNEY, "UTC", "Asia/Kolkata", "America/Asuncion"]
FIRST_DAYS = [MONDAY] + [d for _, d in SPRING_DAYS + AUTUMN_DAYS]
WORKING_HOURS = [
    every_day(("09:00", "17:00")),
    every_day(("01:00", "04:00"), ("22:00", "24:00")),
    every_day(("00:00", "24:00")),
    every_day(("08:00", "12:00"), ("12:00", "13:00"), ("14:00", "18:30")),
    {0: (Window(time(2, 30), time(3, 15)),), 6: (Window(time(1, 45), time(9)),)},
]
RANGE_DAYS = 3


def busy_blocks(range_start: datetime, range_end: datetime):
    """Up to 15 blocks (some empty) in and around the range, minute-aligned."""
    span = int((range_end - range_start) / MIN)
    block = st.tuples(st.integers(-120, span + 120), st.integers(0, 240))
    return st.lists(block, max_size=15).map(
        lambda raw: [
            (range_start + o * MIN, range_start + (o + n) * MIN) for o, n in raw
        ]
    )


def minutes(values):
    return st.sampled_from(values).map(lambda m: None if m is None else m * MIN)


@st.composite
def scenarios(draw):
    """Rules, busy blocks, a range around a DST change and a ``now`` near it."""
    zone = draw(st.sampled_from(ZONES))
    first = draw(st.sampled_from(FIRST_DAYS)) - timedelta(days=1)
    rules = Rules(
        timezone=zone,
        duration=draw(minutes([5, 15, 30, 45, 60, 90])),
        working_hours=draw(st.sampled_from(WORKING_HOURS)),
        buffer=draw(minutes([0, 5, 15, 30])),
        slot_interval=draw(minutes([None, 5, 10, 15, 20, 30, 60])),
        min_notice=draw(minutes([0, 30, 720])),
        max_days_ahead=draw(st.sampled_from([None, 0, 1, 2])),
    )
    range_start, range_end = days(zone, first, RANGE_DAYS)
    busy = draw(busy_blocks(range_start, range_end))
    span = int((range_end - range_start) / MIN)
    now = range_start + draw(st.integers(-24 * 60, span)) * MIN
    return rules, busy, range_start, range_end, now


def window_instants(rules: Rules, first: date, last: date):
    """Every window of the local days first..last, resolved independently."""
    zone = ZoneInfo(rules.timezone)
    day = first
    while day <= last:
        for w in rules.working_hours.get(day.weekday(), ()):
            end_day = day + timedelta(days=1) if w.end == time(0) else day
            yield (
                datetime.combine(day, w.start, tzinfo=zone).astimezone(UTC),
                datetime.combine(end_day, w.end, tzinfo=zone).astimezone(UTC),
            )
        day += timedelta(days=1)


def brute_force(rules, busy, range_start, range_end, now):
    """Every grid candidate, every condition checked against every block."""
    zone = ZoneInfo(rules.timezone)
    step = rules.slot_interval or rules.duration
    first = range_start.astimezone(zone).date() - timedelta(days=1)
    last = range_end.astimezone(zone).date()
    horizon = (
        now.astimezone(zone).date() + timedelta(days=rules.max_days_ahead)
        if rules.max_days_ahead is not None
        else date.max
    )
    found = set()
    for w_start, w_end in window_instants(rules, first, last):
        start = w_start
        while start + rules.duration <= w_end:
            slot = (start, start + rules.duration)
            if (
                range_start <= slot[0]
                and slot[1] <= range_end
                and slot[0] >= now + rules.min_notice
                and slot[0].astimezone(zone).date() <= horizon
                and not any(overlaps(widened(slot, rules.buffer), b) for b in busy)
            ):
                found.add(slot)
            start += step
    return sorted(found)


PROPERTY = settings(max_examples=150, deadline=None)


@PROPERTY
@given(scenarios())
def test_property_no_offered_slot_overlaps_busy_within_buffer(scenario):
    rules, busy, *_ = scenario
    for slot in free_slots(*scenario):
        assert not any(overlaps(widened(slot, rules.buffer), block) for block in busy)


@PROPERTY
@given(scenarios())
def test_property_every_slot_is_inside_a_window_with_the_duration(scenario):
    rules, _, range_start, range_end, _ = scenario
    step = rules.slot_interval or rules.duration
    zone = ZoneInfo(rules.timezone)
    windows = list(
        window_instants(
            rules,
            range_start.astimezone(zone).date() - timedelta(days=1),
            range_end.astimezone(zone).date(),
        )
    )
    slots = free_slots(*scenario)
    assert slots == sorted(set(slots))
    for start, end in slots:
        assert end - start == rules.duration
        assert start.tzinfo is UTC and range_start <= start and end <= range_end
        assert any(
            ws <= start and end <= we and (start - ws) % step == timedelta(0)
            for ws, we in windows
        )


@PROPERTY
@given(scenarios(), st.data())
def test_property_booking_a_slot_removes_it_and_its_buffered_neighbours(scenario, data):
    rules, busy, range_start, range_end, now = scenario
    before = free_slots(*scenario)
    if not before:
        return
    booked = data.draw(st.sampled_from(before))
    after = free_slots(rules, [*busy, booked], range_start, range_end, now)
    assert booked not in after
    assert after == [
        s for s in before if not overlaps(widened(s, rules.buffer), booked)
    ]


@PROPERTY
@given(scenarios())
def test_property_matches_brute_force(scenario):
    assert free_slots(*scenario) == brute_force(*scenario)


@PROPERTY
@given(scenarios(), st.data())
def test_property_common_free_slots_are_free_in_every_calendar(scenario, data):
    rules, busy_a, range_start, range_end, _ = scenario
    busy_b = data.draw(busy_blocks(range_start, range_end))
    args = {
        "range_start": range_start,
        "range_end": range_end,
        "duration": rules.duration,
        "timezone": rules.timezone,
        "working_hours": rules.working_hours,
        "buffer": rules.buffer,
        "slot_interval": rules.slot_interval,
    }
    each = [set(common_free_slots([busy], **args)) for busy in (busy_a, busy_b)]
    assert set(common_free_slots([busy_a, busy_b], **args)) == each[0] & each[1]
