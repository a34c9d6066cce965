"""RFC 5545 recurrence expansion (calapp.events.recurrence): pure functions, no HTTP.

Expected instance lists are written out as wall-clock times in the series' zone.
The RFC 5545 §3.8.5.3 examples use DTSTART;TZID=America/New_York:19970902T090000
(or the synchronised DTSTART the RFC gives for the example).
"""

from __future__ import annotations

import signal
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calapp.errors import ValidationError
from calapp.events.recurrence import (
    FAR_FUTURE,
    MAX_COUNT,
    MAX_SUBDAILY_PER_YEAR,
    Series,
    count_before,
    is_occurrence,
    last_end,
    normalize_rule,
    remaining_count,
    starts_between,
    until_before,
    validate,
)
from calapp.events.ruledays import occurs_after_start

NY = "America/New_York"
BERLIN = "Europe/Berlin"
SYDNEY = "Australia/Sydney"


def at(local: str, zone: str = NY) -> datetime:
    """A wall time ("1997-09-02 09:00") in ``zone`` as UTC, fold=0 (RFC 5545 §3.3.5)."""
    return datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def make(
    rule: str,
    dtstart: str,
    zone: str = NY,
    *,
    hours: float = 1,
    all_day: bool = False,
    exdates: tuple[str, ...] = (),
    rdates: tuple[str, ...] = (),
) -> Series:
    """A validated series; all-day ones run from local midnight to the next."""
    start = at(dtstart, zone)
    if all_day:
        next_day = datetime.fromisoformat(dtstart) + timedelta(days=1)
        end = at(next_day.isoformat(sep=" "), zone)
    else:
        end = start + timedelta(hours=hours)
    series = Series(
        rule=normalize_rule(rule),
        start=start,
        end=end,
        timezone=zone,
        all_day=all_day,
        exdates=tuple(at(x, zone) for x in exdates),
        rdates=tuple(at(x, zone) for x in rdates),
    )
    validate(series)
    return series


def unvalidated(rule: str, start: datetime, *, all_day: bool = False) -> Series:
    """A Berlin series built without validate(), to be validated by the test."""
    return Series(
        rule=normalize_rule(rule),
        start=start,
        end=start + timedelta(days=1 if all_day else 0, hours=0 if all_day else 1),
        timezone=BERLIN,
        all_day=all_day,
    )


START = datetime(2026, 1, 5, 8, tzinfo=UTC)  # Monday 09:00 Berlin


def starts(series: Series, window_start: str, window_end: str) -> list[datetime]:
    zone = series.timezone
    return list(starts_between(series, at(window_start, zone), at(window_end, zone)))


def wall(series: Series, window_start: str, window_end: str) -> list[str]:
    """Starts in the window as local wall times "YYYY-MM-DD HH:MM"."""
    zone = ZoneInfo(series.timezone)
    return [
        s.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        for s in starts(series, window_start, window_end)
    ]


def local_iso(instant: datetime, zone: str) -> str:
    """Wall time with its UTC offset: "2026-03-29T03:30:00+02:00"."""
    return instant.astimezone(ZoneInfo(zone)).isoformat()


def offsets(series: Series, window_start: str, window_end: str) -> list[str]:
    return [
        local_iso(s, series.timezone) for s in starts(series, window_start, window_end)
    ]


def rejected(call) -> str:
    """The recurrence_rule message of the ValidationError ``call()`` raises."""
    with pytest.raises(ValidationError) as info:
        call()
    assert info.value.status == 400
    assert list(info.value.details) == ["recurrence_rule"]
    return info.value.details["recurrence_rule"][0]


# --- RFC 5545 §3.8.5.3 examples ----------------------------------------------


def test_rfc_daily_for_10_occurrences():
    series = make("FREQ=DAILY;COUNT=10", "1997-09-02 09:00")

    assert wall(series, "1997-09-01", "1998-01-01") == [
        "1997-09-02 09:00",
        "1997-09-03 09:00",
        "1997-09-04 09:00",
        "1997-09-05 09:00",
        "1997-09-06 09:00",
        "1997-09-07 09:00",
        "1997-09-08 09:00",
        "1997-09-09 09:00",
        "1997-09-10 09:00",
        "1997-09-11 09:00",
    ]


def test_rfc_daily_until_december_24_keeps_9am_across_the_october_dst_change():
    series = make("FREQ=DAILY;UNTIL=19971224T000000Z", "1997-09-02 09:00")

    found = starts(series, "1997-09-01", "1998-06-01")
    local = wall(series, "1997-09-01", "1998-06-01")

    assert len(found) == 113
    assert local[0] == "1997-09-02 09:00"
    assert local[-1] == "1997-12-23 09:00"
    assert {text[-5:] for text in local} == {"09:00"}
    by_day = dict(zip([text[:10] for text in local], found, strict=True))
    assert by_day["1997-10-25"] == datetime(1997, 10, 25, 13, tzinfo=UTC)  # EDT
    assert by_day["1997-10-26"] == datetime(1997, 10, 26, 14, tzinfo=UTC)  # EST


def test_rfc_every_other_day_forever():
    series = make("FREQ=DAILY;INTERVAL=2", "1997-09-02 09:00")

    assert wall(series, "1997-09-01", "1997-10-01") == [
        "1997-09-02 09:00",
        "1997-09-04 09:00",
        "1997-09-06 09:00",
        "1997-09-08 09:00",
        "1997-09-10 09:00",
        "1997-09-12 09:00",
        "1997-09-14 09:00",
        "1997-09-16 09:00",
        "1997-09-18 09:00",
        "1997-09-20 09:00",
        "1997-09-22 09:00",
        "1997-09-24 09:00",
        "1997-09-26 09:00",
        "1997-09-28 09:00",
        "1997-09-30 09:00",
    ]
    assert wall(series, "1997-10-20", "1997-11-03") == [
        "1997-10-20 09:00",
        "1997-10-22 09:00",
        "1997-10-24 09:00",
        "1997-10-26 09:00",
        "1997-10-28 09:00",
        "1997-10-30 09:00",
        "1997-11-01 09:00",
    ]


def test_rfc_every_10_days_5_occurrences():
    series = make("FREQ=DAILY;INTERVAL=10;COUNT=5", "1997-09-02 09:00")

    assert wall(series, "1997-09-01", "1998-01-01") == [
        "1997-09-02 09:00",
        "1997-09-12 09:00",
        "1997-09-22 09:00",
        "1997-10-02 09:00",
        "1997-10-12 09:00",
    ]


def test_rfc_every_day_in_january_for_3_years():
    series = make("FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1", "1998-01-01 09:00")

    local = wall(series, "1998-01-01", "2001-01-01")

    expected = [
        f"{year}-01-{day:02d} 09:00"
        for year in (1998, 1999, 2000)
        for day in range(1, 32)
    ]
    assert local == expected


def test_rfc_weekly_for_10_occurrences():
    series = make("FREQ=WEEKLY;COUNT=10", "1997-09-02 09:00")

    assert wall(series, "1997-09-01", "1998-01-01") == [
        "1997-09-02 09:00",
        "1997-09-09 09:00",
        "1997-09-16 09:00",
        "1997-09-23 09:00",
        "1997-09-30 09:00",
        "1997-10-07 09:00",
        "1997-10-14 09:00",
        "1997-10-21 09:00",
        "1997-10-28 09:00",
        "1997-11-04 09:00",
    ]


def test_rfc_weekly_until_december_24():
    series = make("FREQ=WEEKLY;UNTIL=19971224T000000Z", "1997-09-02 09:00")

    assert wall(series, "1997-09-01", "1998-06-01") == [
        "1997-09-02 09:00",
        "1997-09-09 09:00",
        "1997-09-16 09:00",
        "1997-09-23 09:00",
        "1997-09-30 09:00",
        "1997-10-07 09:00",
        "1997-10-14 09:00",
        "1997-10-21 09:00",
        "1997-10-28 09:00",
        "1997-11-04 09:00",
        "1997-11-11 09:00",
        "1997-11-18 09:00",
        "1997-11-25 09:00",
        "1997-12-02 09:00",
        "1997-12-09 09:00",
        "1997-12-16 09:00",
        "1997-12-23 09:00",
    ]


def test_rfc_every_other_week_forever():
    series = make("FREQ=WEEKLY;INTERVAL=2;WKST=SU", "1997-09-02 09:00")

    assert wall(series, "1997-09-01", "1998-02-18") == [
        "1997-09-02 09:00",
        "1997-09-16 09:00",
        "1997-09-30 09:00",
        "1997-10-14 09:00",
        "1997-10-28 09:00",
        "1997-11-11 09:00",
        "1997-11-25 09:00",
        "1997-12-09 09:00",
        "1997-12-23 09:00",
        "1998-01-06 09:00",
        "1998-01-20 09:00",
        "1998-02-03 09:00",
        "1998-02-17 09:00",
    ]


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH",
        "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH",
    ],
)
def test_rfc_weekly_on_tuesday_and_thursday_for_five_weeks(rule):
    series = make(rule, "1997-09-02 09:00")

    assert wall(series, "1997-09-01", "1998-01-01") == [
        "1997-09-02 09:00",
        "1997-09-04 09:00",
        "1997-09-09 09:00",
        "1997-09-11 09:00",
        "1997-09-16 09:00",
        "1997-09-18 09:00",
        "1997-09-23 09:00",
        "1997-09-25 09:00",
        "1997-09-30 09:00",
        "1997-10-02 09:00",
    ]


def test_rfc_every_other_week_monday_wednesday_friday_until_december_24():
    series = make(
        "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
        "1997-09-01 09:00",
    )

    local = wall(series, "1997-08-01", "1998-06-01")

    assert local == [
        "1997-09-01 09:00",
        "1997-09-03 09:00",
        "1997-09-05 09:00",
        "1997-09-15 09:00",
        "1997-09-17 09:00",
        "1997-09-19 09:00",
        "1997-09-29 09:00",
        "1997-10-01 09:00",
        "1997-10-03 09:00",
        "1997-10-13 09:00",
        "1997-10-15 09:00",
        "1997-10-17 09:00",
        "1997-10-27 09:00",
        "1997-10-29 09:00",
        "1997-10-31 09:00",
        "1997-11-10 09:00",
        "1997-11-12 09:00",
        "1997-11-14 09:00",
        "1997-11-24 09:00",
        "1997-11-26 09:00",
        "1997-11-28 09:00",
        "1997-12-08 09:00",
        "1997-12-10 09:00",
        "1997-12-12 09:00",
        "1997-12-22 09:00",
    ]
    assert len(local) == 25


def test_rfc_every_other_week_tuesday_and_thursday_for_8_occurrences():
    series = make(
        "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", "1997-09-02 09:00"
    )

    assert wall(series, "1997-09-01", "1998-01-01") == [
        "1997-09-02 09:00",
        "1997-09-04 09:00",
        "1997-09-16 09:00",
        "1997-09-18 09:00",
        "1997-09-30 09:00",
        "1997-10-02 09:00",
        "1997-10-14 09:00",
        "1997-10-16 09:00",
    ]


def test_rfc_monthly_on_the_first_friday_for_10_occurrences():
    series = make("FREQ=MONTHLY;COUNT=10;BYDAY=1FR", "1997-09-05 09:00")

    assert wall(series, "1997-09-01", "1999-01-01") == [
        "1997-09-05 09:00",
        "1997-10-03 09:00",
        "1997-11-07 09:00",
        "1997-12-05 09:00",
        "1998-01-02 09:00",
        "1998-02-06 09:00",
        "1998-03-06 09:00",
        "1998-04-03 09:00",
        "1998-05-01 09:00",
        "1998-06-05 09:00",
    ]


def test_rfc_every_other_month_on_first_and_last_sunday_for_10_occurrences():
    series = make("FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", "1997-09-07 09:00")

    assert wall(series, "1997-09-01", "1999-01-01") == [
        "1997-09-07 09:00",
        "1997-09-28 09:00",
        "1997-11-02 09:00",
        "1997-11-30 09:00",
        "1998-01-04 09:00",
        "1998-01-25 09:00",
        "1998-03-01 09:00",
        "1998-03-29 09:00",
        "1998-05-03 09:00",
        "1998-05-31 09:00",
    ]


def test_rfc_monthly_on_the_second_to_last_monday_for_6_months():
    series = make("FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", "1997-09-22 09:00")

    assert wall(series, "1997-09-01", "1999-01-01") == [
        "1997-09-22 09:00",
        "1997-10-20 09:00",
        "1997-11-17 09:00",
        "1997-12-22 09:00",
        "1998-01-19 09:00",
        "1998-02-16 09:00",
    ]


def test_rfc_monthly_on_the_third_to_last_day_forever():
    series = make("FREQ=MONTHLY;BYMONTHDAY=-3", "1997-09-28 09:00")

    assert wall(series, "1997-09-01", "1998-03-01") == [
        "1997-09-28 09:00",
        "1997-10-29 09:00",
        "1997-11-28 09:00",
        "1997-12-29 09:00",
        "1998-01-29 09:00",
        "1998-02-26 09:00",
    ]


def test_rfc_monthly_on_the_2nd_and_15th_for_10_occurrences():
    series = make("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", "1997-09-02 09:00")

    assert wall(series, "1997-09-01", "1999-01-01") == [
        "1997-09-02 09:00",
        "1997-09-15 09:00",
        "1997-10-02 09:00",
        "1997-10-15 09:00",
        "1997-11-02 09:00",
        "1997-11-15 09:00",
        "1997-12-02 09:00",
        "1997-12-15 09:00",
        "1998-01-02 09:00",
        "1998-01-15 09:00",
    ]


def test_rfc_monthly_on_the_first_and_last_day_for_10_occurrences():
    series = make("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", "1997-09-30 09:00")

    assert wall(series, "1997-09-01", "1999-01-01") == [
        "1997-09-30 09:00",
        "1997-10-01 09:00",
        "1997-10-31 09:00",
        "1997-11-01 09:00",
        "1997-11-30 09:00",
        "1997-12-01 09:00",
        "1997-12-31 09:00",
        "1998-01-01 09:00",
        "1998-01-31 09:00",
        "1998-02-01 09:00",
    ]


def test_rfc_every_18_months_on_the_10th_to_15th_for_10_occurrences():
    series = make(
        "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15",
        "1997-09-10 09:00",
    )

    assert wall(series, "1997-09-01", "2001-01-01") == [
        "1997-09-10 09:00",
        "1997-09-11 09:00",
        "1997-09-12 09:00",
        "1997-09-13 09:00",
        "1997-09-14 09:00",
        "1997-09-15 09:00",
        "1999-03-10 09:00",
        "1999-03-11 09:00",
        "1999-03-12 09:00",
        "1999-03-13 09:00",
    ]


def test_rfc_every_tuesday_every_other_month():
    series = make("FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", "1997-09-02 09:00")

    assert wall(series, "1997-09-01", "1998-04-01") == [
        "1997-09-02 09:00",
        "1997-09-09 09:00",
        "1997-09-16 09:00",
        "1997-09-23 09:00",
        "1997-09-30 09:00",
        "1997-11-04 09:00",
        "1997-11-11 09:00",
        "1997-11-18 09:00",
        "1997-11-25 09:00",
        "1998-01-06 09:00",
        "1998-01-13 09:00",
        "1998-01-20 09:00",
        "1998-01-27 09:00",
        "1998-03-03 09:00",
        "1998-03-10 09:00",
        "1998-03-17 09:00",
        "1998-03-24 09:00",
        "1998-03-31 09:00",
    ]


def test_rfc_yearly_in_june_and_july_for_10_occurrences():
    series = make("FREQ=YEARLY;COUNT=10;BYMONTH=6,7", "1997-06-10 09:00")

    assert wall(series, "1997-01-01", "2010-01-01") == [
        "1997-06-10 09:00",
        "1997-07-10 09:00",
        "1998-06-10 09:00",
        "1998-07-10 09:00",
        "1999-06-10 09:00",
        "1999-07-10 09:00",
        "2000-06-10 09:00",
        "2000-07-10 09:00",
        "2001-06-10 09:00",
        "2001-07-10 09:00",
    ]


def test_rfc_every_other_year_in_january_february_march_for_10_occurrences():
    series = make("FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3", "1997-03-10 09:00")

    assert wall(series, "1997-01-01", "2010-01-01") == [
        "1997-03-10 09:00",
        "1999-01-10 09:00",
        "1999-02-10 09:00",
        "1999-03-10 09:00",
        "2001-01-10 09:00",
        "2001-02-10 09:00",
        "2001-03-10 09:00",
        "2003-01-10 09:00",
        "2003-02-10 09:00",
        "2003-03-10 09:00",
    ]


def test_rfc_every_third_year_on_the_1st_100th_and_200th_day_for_10_occurrences():
    series = make(
        "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200", "1997-01-01 09:00"
    )

    assert wall(series, "1997-01-01", "2010-01-01") == [
        "1997-01-01 09:00",
        "1997-04-10 09:00",
        "1997-07-19 09:00",
        "2000-01-01 09:00",
        "2000-04-09 09:00",  # 2000 is a leap year
        "2000-07-18 09:00",
        "2003-01-01 09:00",
        "2003-04-10 09:00",
        "2003-07-19 09:00",
        "2006-01-01 09:00",
    ]


def test_rfc_every_20th_monday_of_the_year():
    series = make("FREQ=YEARLY;BYDAY=20MO", "1997-05-19 09:00")

    assert wall(series, "1997-01-01", "2000-01-01") == [
        "1997-05-19 09:00",
        "1998-05-18 09:00",
        "1999-05-17 09:00",
    ]


def test_rfc_monday_of_week_number_20():
    series = make("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "1997-05-12 09:00")

    assert wall(series, "1997-01-01", "2000-01-01") == [
        "1997-05-12 09:00",
        "1998-05-11 09:00",
        "1999-05-17 09:00",
    ]


def test_rfc_every_thursday_in_march():
    series = make("FREQ=YEARLY;BYMONTH=3;BYDAY=TH", "1997-03-13 09:00")

    assert wall(series, "1997-01-01", "2000-01-01") == [
        "1997-03-13 09:00",
        "1997-03-20 09:00",
        "1997-03-27 09:00",
        "1998-03-05 09:00",
        "1998-03-12 09:00",
        "1998-03-19 09:00",
        "1998-03-26 09:00",
        "1999-03-04 09:00",
        "1999-03-11 09:00",
        "1999-03-18 09:00",
        "1999-03-25 09:00",
    ]


def test_rfc_every_thursday_only_in_june_july_and_august():
    series = make("FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8", "1997-06-05 09:00")

    assert wall(series, "1997-01-01", "1998-01-01") == [
        "1997-06-05 09:00",
        "1997-06-12 09:00",
        "1997-06-19 09:00",
        "1997-06-26 09:00",
        "1997-07-03 09:00",
        "1997-07-10 09:00",
        "1997-07-17 09:00",
        "1997-07-24 09:00",
        "1997-07-31 09:00",
        "1997-08-07 09:00",
        "1997-08-14 09:00",
        "1997-08-21 09:00",
        "1997-08-28 09:00",
    ]


def test_rfc_every_friday_the_13th_with_the_unsynchronised_dtstart_exdated():
    series = make(
        "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
        "1997-09-02 09:00",
        exdates=("1997-09-02 09:00",),
    )

    assert wall(series, "1997-09-01", "2001-01-01") == [
        "1998-02-13 09:00",
        "1998-03-13 09:00",
        "1998-11-13 09:00",
        "1999-08-13 09:00",
        "2000-10-13 09:00",
    ]


def test_rfc_first_saturday_following_the_first_sunday_of_the_month():
    series = make(
        "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", "1997-09-13 09:00"
    )

    assert wall(series, "1997-09-01", "1998-07-01") == [
        "1997-09-13 09:00",
        "1997-10-11 09:00",
        "1997-11-08 09:00",
        "1997-12-13 09:00",
        "1998-01-10 09:00",
        "1998-02-07 09:00",
        "1998-03-07 09:00",
        "1998-04-11 09:00",
        "1998-05-09 09:00",
        "1998-06-13 09:00",
    ]


def test_rfc_us_presidential_election_day():
    series = make(
        "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
        "1996-11-05 09:00",
    )

    assert wall(series, "1996-01-01", "2005-01-01") == [
        "1996-11-05 09:00",
        "2000-11-07 09:00",
        "2004-11-02 09:00",
    ]


def test_rfc_third_instance_of_tuesday_wednesday_or_thursday_for_3_months():
    series = make("FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", "1997-09-04 09:00")

    assert wall(series, "1997-09-01", "1998-06-01") == [
        "1997-09-04 09:00",
        "1997-10-07 09:00",
        "1997-11-06 09:00",
    ]


def test_rfc_second_to_last_weekday_of_the_month():
    series = make("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", "1997-09-29 09:00")

    assert wall(series, "1997-09-01", "1998-04-01") == [
        "1997-09-29 09:00",
        "1997-10-30 09:00",
        "1997-11-27 09:00",
        "1997-12-30 09:00",
        "1998-01-29 09:00",
        "1998-02-26 09:00",
        "1998-03-30 09:00",
    ]


def test_last_work_day_of_the_month():
    series = make("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "1997-09-30 09:00")

    assert wall(series, "1997-09-01", "1998-04-01") == [
        "1997-09-30 09:00",
        "1997-10-31 09:00",
        "1997-11-28 09:00",
        "1997-12-31 09:00",
        "1998-01-30 09:00",
        "1998-02-27 09:00",
        "1998-03-31 09:00",
    ]


def test_rfc_every_3_hours_until_a_utc_instant_bounds_by_instant():
    # UNTIL=19970902T170000Z is 13:00 EDT, so 15:00 EDT lies past it.
    series = make("FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z", "1997-09-02 09:00")

    assert wall(series, "1997-09-01", "1997-09-04") == [
        "1997-09-02 09:00",
        "1997-09-02 12:00",
    ]


def test_rfc_every_15_minutes_for_6_occurrences():
    series = make("FREQ=MINUTELY;INTERVAL=15;COUNT=6", "1997-09-02 09:00")

    assert wall(series, "1997-09-01", "1997-09-04") == [
        "1997-09-02 09:00",
        "1997-09-02 09:15",
        "1997-09-02 09:30",
        "1997-09-02 09:45",
        "1997-09-02 10:00",
        "1997-09-02 10:15",
    ]


def test_rfc_every_hour_and_a_half_for_4_occurrences():
    series = make("FREQ=MINUTELY;INTERVAL=90;COUNT=4", "1997-09-02 09:00")

    assert wall(series, "1997-09-01", "1997-09-04") == [
        "1997-09-02 09:00",
        "1997-09-02 10:30",
        "1997-09-02 12:00",
        "1997-09-02 13:30",
    ]


def test_rfc_every_20_minutes_from_9_to_16_40_every_day():
    series = make(
        "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40",
        "1997-09-02 09:00",
        hours=0.25,
    )

    local = wall(series, "1997-09-02", "1997-09-04")

    expected = [
        f"1997-09-{day:02d} {hour:02d}:{minute:02d}"
        for day in (2, 3)
        for hour in range(9, 17)
        for minute in (0, 20, 40)
    ]
    assert local == expected


@pytest.mark.parametrize(
    ("wkst", "expected"),
    [
        (
            "MO",
            [
                "1997-08-05 09:00",
                "1997-08-10 09:00",
                "1997-08-19 09:00",
                "1997-08-24 09:00",
            ],
        ),
        (
            "SU",
            [
                "1997-08-05 09:00",
                "1997-08-17 09:00",
                "1997-08-19 09:00",
                "1997-08-31 09:00",
            ],
        ),
    ],
)
def test_rfc_wkst_changes_which_days_an_every_other_week_rule_yields(wkst, expected):
    series = make(
        f"FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST={wkst}", "1997-08-05 09:00"
    )

    assert wall(series, "1997-08-01", "1997-10-01") == expected


def test_rfc_invalid_dates_are_skipped_not_moved():
    series = make("FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", "2007-01-15 09:00")

    assert wall(series, "2007-01-01", "2008-01-01") == [
        "2007-01-15 09:00",
        "2007-01-30 09:00",
        "2007-02-15 09:00",
        "2007-03-15 09:00",
        "2007-03-30 09:00",
    ]


def test_an_rdate_is_added_without_consuming_count():
    series = make(
        "FREQ=DAILY;COUNT=5", "1997-09-02 09:00", rdates=("1997-09-04 14:00",)
    )

    assert wall(series, "1997-09-01", "1998-01-01") == [
        "1997-09-02 09:00",
        "1997-09-03 09:00",
        "1997-09-04 09:00",
        "1997-09-04 14:00",
        "1997-09-05 09:00",
        "1997-09-06 09:00",
    ]


def test_an_exdate_is_removed():
    series = make(
        "FREQ=WEEKLY;COUNT=5", "1997-09-02 09:00", exdates=("1997-09-16 09:00",)
    )

    assert wall(series, "1997-09-01", "1998-01-01") == [
        "1997-09-02 09:00",
        "1997-09-09 09:00",
        "1997-09-23 09:00",
        "1997-09-30 09:00",
    ]


def test_an_unsynchronised_dtstart_is_the_first_occurrence_and_counts():
    series = make("FREQ=WEEKLY;BYDAY=MO;COUNT=3", "2026-01-07 09:00", BERLIN)

    assert wall(series, "2026-01-01", "2026-03-01") == [
        "2026-01-07 09:00",  # a Wednesday
        "2026-01-12 09:00",
        "2026-01-19 09:00",
    ]


# --- DST: weekly wall time, the spring gap, the autumn fold -------------------


@pytest.mark.parametrize(
    ("zone", "dtstart", "window_end", "expected"),
    [
        pytest.param(
            BERLIN,
            "2026-03-16 09:00",
            "2026-04-07",
            [
                "2026-03-16T09:00:00+01:00",
                "2026-03-23T09:00:00+01:00",
                "2026-03-30T09:00:00+02:00",
                "2026-04-06T09:00:00+02:00",
            ],
            id="berlin-spring",
        ),
        pytest.param(
            BERLIN,
            "2026-10-12 09:00",
            "2026-11-03",
            [
                "2026-10-12T09:00:00+02:00",
                "2026-10-19T09:00:00+02:00",
                "2026-10-26T09:00:00+01:00",
                "2026-11-02T09:00:00+01:00",
            ],
            id="berlin-autumn",
        ),
        pytest.param(
            NY,
            "2026-02-23 09:00",
            "2026-03-17",
            [
                "2026-02-23T09:00:00-05:00",
                "2026-03-02T09:00:00-05:00",
                "2026-03-09T09:00:00-04:00",
                "2026-03-16T09:00:00-04:00",
            ],
            id="new-york-spring",
        ),
        pytest.param(
            NY,
            "2026-10-19 09:00",
            "2026-11-10",
            [
                "2026-10-19T09:00:00-04:00",
                "2026-10-26T09:00:00-04:00",
                "2026-11-02T09:00:00-05:00",
                "2026-11-09T09:00:00-05:00",
            ],
            id="new-york-autumn",
        ),
        pytest.param(
            SYDNEY,
            "2026-03-23 09:00",
            "2026-04-14",
            [
                "2026-03-23T09:00:00+11:00",
                "2026-03-30T09:00:00+11:00",
                "2026-04-06T09:00:00+10:00",
                "2026-04-13T09:00:00+10:00",
            ],
            id="sydney-april",
        ),
        pytest.param(
            SYDNEY,
            "2026-09-21 09:00",
            "2026-10-13",
            [
                "2026-09-21T09:00:00+10:00",
                "2026-09-28T09:00:00+10:00",
                "2026-10-05T09:00:00+11:00",
                "2026-10-12T09:00:00+11:00",
            ],
            id="sydney-october",
        ),
    ],
)
def test_weekly_series_keeps_its_wall_time_and_changes_offset(
    zone, dtstart, window_end, expected
):
    series = make("FREQ=WEEKLY", dtstart, zone)

    assert offsets(series, dtstart[:10], window_end) == expected


@pytest.mark.parametrize(
    ("zone", "dtstart", "expected", "gap_utc"),
    [
        pytest.param(
            BERLIN,
            "2026-03-27 02:30",
            [
                "2026-03-27T02:30:00+01:00",
                "2026-03-28T02:30:00+01:00",
                "2026-03-29T03:30:00+02:00",
                "2026-03-30T02:30:00+02:00",
            ],
            datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
            id="berlin",
        ),
        pytest.param(
            NY,
            "2026-03-06 02:30",
            [
                "2026-03-06T02:30:00-05:00",
                "2026-03-07T02:30:00-05:00",
                "2026-03-08T03:30:00-04:00",
                "2026-03-09T02:30:00-04:00",
            ],
            datetime(2026, 3, 8, 7, 30, tzinfo=UTC),
            id="new-york",
        ),
        pytest.param(
            SYDNEY,
            "2026-10-02 02:30",
            [
                "2026-10-02T02:30:00+10:00",
                "2026-10-03T02:30:00+10:00",
                "2026-10-04T03:30:00+11:00",
                "2026-10-05T02:30:00+11:00",
            ],
            datetime(2026, 10, 3, 16, 30, tzinfo=UTC),
            id="sydney",
        ),
    ],
)
def test_a_wall_time_in_the_spring_gap_is_read_with_the_offset_before_it(
    zone, dtstart, expected, gap_utc
):
    series = make("FREQ=DAILY", dtstart, zone)

    found = starts(series, dtstart[:10], expected[-1][:10] + " 23:00")

    assert [local_iso(s, zone) for s in found] == expected
    assert found[2] == gap_utc  # 02:30 at the offset in force before the gap


@pytest.mark.parametrize(
    ("zone", "dtstart", "expected", "fold_utc"),
    [
        pytest.param(
            BERLIN,
            "2026-10-23 02:30",
            [
                "2026-10-23T02:30:00+02:00",
                "2026-10-24T02:30:00+02:00",
                "2026-10-25T02:30:00+02:00",
                "2026-10-26T02:30:00+01:00",
            ],
            datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
            id="berlin",
        ),
        pytest.param(
            NY,
            "2026-10-30 01:30",
            [
                "2026-10-30T01:30:00-04:00",
                "2026-10-31T01:30:00-04:00",
                "2026-11-01T01:30:00-04:00",
                "2026-11-02T01:30:00-05:00",
            ],
            datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
            id="new-york",
        ),
        pytest.param(
            SYDNEY,
            "2026-04-03 02:30",
            [
                "2026-04-03T02:30:00+11:00",
                "2026-04-04T02:30:00+11:00",
                "2026-04-05T02:30:00+11:00",
                "2026-04-06T02:30:00+10:00",
            ],
            datetime(2026, 4, 4, 15, 30, tzinfo=UTC),
            id="sydney",
        ),
    ],
)
def test_a_repeated_wall_time_in_the_fold_is_its_first_occurrence(
    zone, dtstart, expected, fold_utc
):
    series = make("FREQ=DAILY", dtstart, zone)

    found = starts(series, dtstart[:10], expected[-1][:10] + " 23:00")

    assert [local_iso(s, zone) for s in found] == expected
    assert found[2] == fold_utc


@pytest.mark.parametrize(
    ("zone", "dtstart", "transition_start", "transition_end"),
    [
        pytest.param(
            BERLIN,
            "2026-03-28 01:30",
            "2026-03-29T01:30:00+01:00",
            "2026-03-29T03:30:00+02:00",
            id="berlin-spring",
        ),
        pytest.param(
            BERLIN,
            "2026-10-24 02:30",
            "2026-10-25T02:30:00+02:00",
            "2026-10-25T02:30:00+01:00",
            id="berlin-autumn",
        ),
        pytest.param(
            NY,
            "2026-03-07 01:30",
            "2026-03-08T01:30:00-05:00",
            "2026-03-08T03:30:00-04:00",
            id="new-york-spring",
        ),
        pytest.param(
            NY,
            "2026-10-31 01:30",
            "2026-11-01T01:30:00-04:00",
            "2026-11-01T01:30:00-05:00",
            id="new-york-autumn",
        ),
        pytest.param(
            SYDNEY,
            "2026-04-04 02:30",
            "2026-04-05T02:30:00+11:00",
            "2026-04-05T02:30:00+10:00",
            id="sydney-april",
        ),
        pytest.param(
            SYDNEY,
            "2026-10-03 01:30",
            "2026-10-04T01:30:00+10:00",
            "2026-10-04T03:30:00+11:00",
            id="sydney-october",
        ),
    ],
)
def test_a_timed_occurrence_across_a_transition_lasts_one_hour_of_absolute_time(
    zone, dtstart, transition_start, transition_end
):
    series = make("FREQ=DAILY", dtstart, zone, hours=1)

    found = starts(series, dtstart[:10], transition_start[:10] + " 23:00")

    assert [local_iso(s, zone) for s in found] == [
        local_iso(series.start, zone),
        transition_start,
    ]
    end = series.occurrence_end(found[1])
    assert local_iso(end, zone) == transition_end
    assert end - found[1] == timedelta(hours=1)


@pytest.mark.parametrize(
    ("zone", "first_day", "expected"),
    [
        pytest.param(
            BERLIN,
            "2026-03-28",
            [
                ("2026-03-28T00:00:00+01:00", "2026-03-29T00:00:00+01:00"),
                ("2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00"),
                ("2026-03-30T00:00:00+02:00", "2026-03-31T00:00:00+02:00"),
            ],
            id="berlin-spring",
        ),
        pytest.param(
            BERLIN,
            "2026-10-24",
            [
                ("2026-10-24T00:00:00+02:00", "2026-10-25T00:00:00+02:00"),
                ("2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"),
                ("2026-10-26T00:00:00+01:00", "2026-10-27T00:00:00+01:00"),
            ],
            id="berlin-autumn",
        ),
        pytest.param(
            NY,
            "2026-03-07",
            [
                ("2026-03-07T00:00:00-05:00", "2026-03-08T00:00:00-05:00"),
                ("2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00"),
                ("2026-03-09T00:00:00-04:00", "2026-03-10T00:00:00-04:00"),
            ],
            id="new-york-spring",
        ),
        pytest.param(
            NY,
            "2026-10-31",
            [
                ("2026-10-31T00:00:00-04:00", "2026-11-01T00:00:00-04:00"),
                ("2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00"),
                ("2026-11-02T00:00:00-05:00", "2026-11-03T00:00:00-05:00"),
            ],
            id="new-york-autumn",
        ),
        pytest.param(
            SYDNEY,
            "2026-04-04",
            [
                ("2026-04-04T00:00:00+11:00", "2026-04-05T00:00:00+11:00"),
                ("2026-04-05T00:00:00+11:00", "2026-04-06T00:00:00+10:00"),
                ("2026-04-06T00:00:00+10:00", "2026-04-07T00:00:00+10:00"),
            ],
            id="sydney-april",
        ),
        pytest.param(
            SYDNEY,
            "2026-10-03",
            [
                ("2026-10-03T00:00:00+10:00", "2026-10-04T00:00:00+10:00"),
                ("2026-10-04T00:00:00+10:00", "2026-10-05T00:00:00+11:00"),
                ("2026-10-05T00:00:00+11:00", "2026-10-06T00:00:00+11:00"),
            ],
            id="sydney-october",
        ),
    ],
)
def test_all_day_occurrences_stay_on_their_dates_across_dst(zone, first_day, expected):
    series = make("FREQ=DAILY;COUNT=3", f"{first_day} 00:00", zone, all_day=True)

    found = starts(series, "2026-01-01", "2027-01-01")

    assert [
        (local_iso(s, zone), local_iso(series.occurrence_end(s), zone)) for s in found
    ] == expected


def test_a_weekly_all_day_series_keeps_its_weekday_across_dst():
    series = make("FREQ=WEEKLY", "2026-03-22 00:00", BERLIN, all_day=True)

    assert offsets(series, "2026-03-20", "2026-04-06") == [
        "2026-03-22T00:00:00+01:00",
        "2026-03-29T00:00:00+01:00",
        "2026-04-05T00:00:00+02:00",
    ]


# --- UNTIL and COUNT exactly --------------------------------------------------


def test_until_equal_to_an_occurrence_includes_it():
    series = make("FREQ=WEEKLY;UNTIL=20260126T080000Z", "2026-01-05 09:00", BERLIN)

    assert wall(series, "2026-01-01", "2026-03-01") == [
        "2026-01-05 09:00",
        "2026-01-12 09:00",
        "2026-01-19 09:00",
        "2026-01-26 09:00",
    ]


def test_until_one_second_before_an_occurrence_excludes_it():
    series = make("FREQ=WEEKLY;UNTIL=20260126T075959Z", "2026-01-05 09:00", BERLIN)

    assert wall(series, "2026-01-01", "2026-03-01") == [
        "2026-01-05 09:00",
        "2026-01-12 09:00",
        "2026-01-19 09:00",
    ]


def test_a_date_until_includes_that_whole_day_for_an_all_dayunvalidated():
    series = make("FREQ=DAILY;UNTIL=20260330", "2026-03-27 00:00", BERLIN, all_day=True)

    assert wall(series, "2026-03-01", "2026-05-01") == [
        "2026-03-27 00:00",
        "2026-03-28 00:00",
        "2026-03-29 00:00",
        "2026-03-30 00:00",
    ]


def test_a_date_until_includes_that_whole_local_day_for_a_timedunvalidated():
    series = make("FREQ=DAILY;UNTIL=20260105", "2026-01-03 23:30", NY)

    assert wall(series, "2026-01-01", "2026-02-01") == [
        "2026-01-03 23:30",
        "2026-01-04 23:30",
        "2026-01-05 23:30",
    ]


def test_exdates_still_count_towards_count():
    series = make(
        "FREQ=WEEKLY;COUNT=5",
        "2026-01-05 09:00",
        BERLIN,
        exdates=("2026-01-12 09:00", "2026-01-26 09:00"),
    )

    assert wall(series, "2026-01-01", "2026-06-01") == [
        "2026-01-05 09:00",
        "2026-01-19 09:00",
        "2026-02-02 09:00",
    ]


def test_count_is_counted_from_dtstart_whatever_window_is_asked():
    series = make("FREQ=DAILY;COUNT=10", "1997-09-02 09:00")

    assert wall(series, "1997-09-10", "1998-01-01") == [
        "1997-09-10 09:00",
        "1997-09-11 09:00",
    ]


# --- window semantics ([start, end) overlap) ----------------------------------


@pytest.fixture
def weekly() -> Series:
    """Mondays 09:00-10:00 New York, from 2026-01-05."""
    return make("FREQ=WEEKLY", "2026-01-05 09:00", NY)


def test_an_occurrence_ending_exactly_at_window_start_is_excluded(weekly):
    assert wall(weekly, "2026-01-12 10:00", "2026-01-13 00:00") == []


def test_an_occurrence_starting_exactly_at_window_end_is_excluded(weekly):
    assert wall(weekly, "2026-01-13 00:00", "2026-01-19 09:00") == []


def test_an_occurrence_overlapping_window_start_from_before_is_included(weekly):
    assert wall(weekly, "2026-01-12 09:59", "2026-01-19 09:01") == [
        "2026-01-12 09:00",
        "2026-01-19 09:00",
    ]


def test_a_window_inside_an_occurrence_returns_it(weekly):
    assert wall(weekly, "2026-01-12 09:30", "2026-01-12 09:45") == ["2026-01-12 09:00"]


def test_a_window_before_dtstart_is_empty(weekly):
    assert wall(weekly, "2025-12-01", "2026-01-05 09:00") == []


def test_a_long_occurrence_starting_well_before_the_window_is_included():
    series = make("FREQ=WEEKLY", "2026-01-05 09:00", BERLIN, hours=72)

    assert wall(series, "2026-01-15 08:00", "2026-01-15 09:00") == ["2026-01-12 09:00"]


def test_an_unsynchronised_dtstart_is_returned_only_when_it_overlaps():
    series = make("FREQ=WEEKLY;BYDAY=MO", "2026-01-07 09:00", BERLIN)

    assert wall(series, "2026-01-07 09:30", "2026-01-13") == [
        "2026-01-07 09:00",
        "2026-01-12 09:00",
    ]
    assert wall(series, "2026-01-07 10:00", "2026-01-13") == ["2026-01-12 09:00"]


# --- far from DTSTART (fast-forward must not change the answer) ---------------


@pytest.mark.parametrize("interval", [1, 2])
def test_a_weekly_series_started_10_years_back_matches_one_started_1_year_back(
    interval,
):
    rule = f"FREQ=WEEKLY;INTERVAL={interval}"
    old = make(rule, "2015-03-02 09:00", BERLIN)  # 574 weeks before 2026-03-02
    recent = make(rule, "2025-03-03 09:00", BERLIN)  # 52 weeks before

    window = ("2026-03-01", "2026-04-15")
    expected = [
        "2026-03-02T09:00:00+01:00",
        "2026-03-09T09:00:00+01:00",
        "2026-03-16T09:00:00+01:00",
        "2026-03-23T09:00:00+01:00",
        "2026-03-30T09:00:00+02:00",
        "2026-04-06T09:00:00+02:00",
        "2026-04-13T09:00:00+02:00",
    ][::interval]
    assert offsets(old, *window) == expected
    assert offsets(recent, *window) == expected


@pytest.mark.parametrize("rule", ["FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=MONTHLY"])
def test_a_monthly_31st_series_skips_short_months_decades_later(rule):
    series = make(rule, "2000-01-31 09:00", BERLIN)

    assert wall(series, "2030-01-01", "2031-01-01") == [
        "2030-01-31 09:00",
        "2030-03-31 09:00",
        "2030-05-31 09:00",
        "2030-07-31 09:00",
        "2030-08-31 09:00",
        "2030-10-31 09:00",
        "2030-12-31 09:00",
    ]


@pytest.mark.parametrize("rule", ["FREQ=YEARLY", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"])
def test_a_yearly_february_29_series_skips_non_leap_years_decades_later(rule):
    series = make(rule, "2000-02-29 09:00", BERLIN)

    assert wall(series, "2030-01-01", "2041-01-01") == [
        "2032-02-29 09:00",
        "2036-02-29 09:00",
        "2040-02-29 09:00",
    ]


def test_a_yearly_nth_weekday_of_the_year_survives_fast_forward():
    series = make("FREQ=YEARLY;BYDAY=20MO", "1997-05-19 09:00")

    assert wall(series, "2030-01-01", "2032-01-01") == [
        "2030-05-20 09:00",
        "2031-05-19 09:00",
    ]


def test_a_yearly_month_day_rule_without_bymonth_stays_year_wide_far_from_dtstart():
    series = make("FREQ=YEARLY;BYMONTHDAY=1", "2020-01-01 09:00", BERLIN)

    assert wall(series, "2026-01-01", "2026-05-01") == [
        "2026-01-01 09:00",
        "2026-02-01 09:00",
        "2026-03-01 09:00",
        "2026-04-01 09:00",
    ]


@pytest.mark.parametrize(
    ("rule", "dtstart"),
    [
        ("FREQ=DAILY;INTERVAL=3", "2001-01-01 02:30"),
        ("FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,SU;WKST=SU", "2001-01-03 02:30"),
        ("FREQ=WEEKLY;BYDAY=MO,FR;BYSETPOS=1", "2001-01-03 09:00"),
        ("FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR", "2001-01-26 18:00"),
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2001-01-31 09:00"),
        ("FREQ=YEARLY;INTERVAL=2;BYWEEKNO=1,53;BYDAY=MO", "2001-01-01 09:00"),
        ("FREQ=YEARLY;BYYEARDAY=-1,60", "2001-03-01 09:00"),
        ("FREQ=HOURLY;INTERVAL=7;BYHOUR=2,9,16", "2001-01-01 02:00"),
    ],
)
def test_expansion_far_from_dtstart_equals_expansion_from_dtstart(rule, dtstart):
    # COUNT disables the fast-forward, so it serves as the plain reference.
    fast = make(rule, dtstart, BERLIN)
    plain = make(f"{rule};COUNT={MAX_COUNT}", dtstart, BERLIN)

    window = ("2020-02-20", "2021-04-10")
    assert wall(fast, *window) == wall(plain, *window)
    assert wall(fast, *window)


# --- normalize_rule / validate ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "must be a non-empty RFC 5545 RRULE"),
        ("FREQ=DAILY;COUNT", "part 'COUNT' is not NAME=VALUE"),
        ("FREQ=DAILY;COUNT=", "part 'COUNT=' is not NAME=VALUE"),
        ("FREQ=DAILY;COLOR=RED", "unknown part COLOR"),
        ("FREQ=DAILY;BYDAY=MO;BYDAY=TU", "part BYDAY is given twice"),
        ("FREQ=DAILY;BYDAY=MO TU", "part BYDAY has an invalid value 'MO TU'"),
        ("COUNT=5", "FREQ is required: YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY"),
        (
            "FREQ=FORTNIGHTLY",
            "FREQ is required: YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY",
        ),
        ("FREQ=SECONDLY", "FREQ=SECONDLY is not supported"),
        (
            "FREQ=DAILY;COUNT=5;UNTIL=20260101T000000Z",
            "COUNT and UNTIL cannot both be given (RFC 5545 §3.3.10)",
        ),
        ("FREQ=DAILY;COUNT=0", f"COUNT must be between 1 and {MAX_COUNT}"),
        (
            f"FREQ=DAILY;COUNT={MAX_COUNT + 1}",
            f"COUNT must be between 1 and {MAX_COUNT}",
        ),
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL must be between 1 and 1000"),
        (
            "FREQ=DAILY;UNTIL=2026-01-01",
            "UNTIL must be a DATE (YYYYMMDD) or a UTC DATE-TIME (…Z)",
        ),
        (
            "FREQ=DAILY;UNTIL=2026/01/01",
            "part UNTIL has an invalid value '2026/01/01'",
        ),
        (
            "FREQ=DAILY;UNTIL=20260101T00Z",
            "UNTIL must be a DATE (YYYYMMDD) or a UTC DATE-TIME (…Z)",
        ),
        (
            "FREQ=DAILY\nRRULE:FREQ=WEEKLY",
            "must be a single RRULE (use exdates/rdates for the rest)",
        ),
    ],
)
def test_normalize_rule_rejects_malformed_rules(text, message):
    assert rejected(lambda: normalize_rule(text)) == message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FREQ=DAILY", "FREQ=DAILY"),
        ("RRULE:FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO"),
        (
            "rrule:interval=2;byday=mo,we;freq=weekly;",
            "FREQ=WEEKLY;BYDAY=MO,WE;INTERVAL=2",
        ),
        ("  freq = monthly ; bymonthday = -1 ", "FREQ=MONTHLY;BYMONTHDAY=-1"),
        (f"FREQ=DAILY;COUNT={MAX_COUNT}", f"FREQ=DAILY;COUNT={MAX_COUNT}"),
    ],
)
def test_normalize_rule_accepts_and_canonicalises(text, expected):
    assert normalize_rule(text) == expected


def test_a_normalised_lower_case_rule_expands_like_the_upper_case_one():
    series = make("rrule:freq=daily;count=3", "2026-01-05 09:00", BERLIN)

    assert wall(series, "2026-01-01", "2026-02-01") == [
        "2026-01-05 09:00",
        "2026-01-06 09:00",
        "2026-01-07 09:00",
    ]


def test_validate_rejects_until_before_the_start():
    series = unvalidated("FREQ=DAILY;UNTIL=20260104T000000Z", START)

    assert rejected(lambda: validate(series)) == "UNTIL is before the event's start"


def test_validate_rejects_a_date_until_before_the_start_day():
    series = unvalidated("FREQ=DAILY;UNTIL=20260104", START)

    assert rejected(lambda: validate(series)) == "UNTIL is before the event's start"


def test_validate_accepts_until_on_the_start_instant():
    validate(unvalidated("FREQ=DAILY;UNTIL=20260105T080000Z", START))


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=HOURLY",
        "FREQ=HOURLY;INTERVAL=4",  # 2,190 in the first year
        "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16",
        "FREQ=HOURLY;UNTIL=20270101T000000Z",  # bounded, but too dense
    ],
)
def test_validate_rejects_too_dense_subdaily_rules(rule):
    message = rejected(lambda: validate(unvalidated(rule, START)))

    assert message == (
        f"produces more than {MAX_SUBDAILY_PER_YEAR} occurrences a year; "
        "that is the limit for hourly and minutely rules"
    )


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=HOURLY;BYHOUR=9,17",
        "FREQ=HOURLY;INTERVAL=5",  # 1,752 in the first year
        "FREQ=HOURLY;COUNT=2000",
        "FREQ=MINUTELY;INTERVAL=30;UNTIL=20260105T170000Z",
    ],
)
def test_validate_accepts_subdaily_rules_within_the_limit(rule):
    validate(unvalidated(rule, START))


def test_an_hourly_rule_with_byhour_expands_twice_a_day():
    series = make("FREQ=HOURLY;BYHOUR=9,17", "2026-01-05 09:00", BERLIN)

    assert wall(series, "2026-01-05", "2026-01-07") == [
        "2026-01-05 09:00",
        "2026-01-05 17:00",
        "2026-01-06 09:00",
        "2026-01-06 17:00",
    ]


def test_validate_rejects_an_all_day_series_repeating_more_than_daily():
    series = unvalidated(
        "FREQ=HOURLY;BYHOUR=0", datetime(2026, 1, 4, 23, tzinfo=UTC), all_day=True
    )

    assert rejected(lambda: validate(series)) == (
        "an all-day event cannot repeat more than daily"
    )


@pytest.mark.parametrize("rule", ["FREQ=WEEKLY;BYDAY=XX", "FREQ=MONTHLY;BYDAY=9"])
def test_validate_rejects_rules_dateutil_cannot_parse(rule):
    message = rejected(lambda: validate(unvalidated(rule, START)))

    assert message.startswith("BYDAY value ")


# --- last_end -----------------------------------------------------------------


def test_last_end_of_a_count_series_is_the_end_of_its_last_occurrence():
    series = make("FREQ=WEEKLY;COUNT=10", "1997-09-02 09:00")

    assert last_end(series) == at("1997-11-04 10:00")  # EST


def test_last_end_of_an_untilunvalidated():
    series = make("FREQ=DAILY;UNTIL=19971224T000000Z", "1997-09-02 09:00")

    assert last_end(series) == at("1997-12-23 10:00")


def test_last_end_of_an_unbounded_series_is_far_future():
    assert last_end(make("FREQ=WEEKLY", "1997-09-02 09:00")) == FAR_FUTURE


def test_last_end_includes_an_rdate_after_the_last_rule_occurrence():
    series = make(
        "FREQ=WEEKLY;COUNT=3", "1997-09-02 09:00", rdates=("1997-12-25 12:00",)
    )

    assert last_end(series) == at("1997-12-25 13:00")


def test_last_end_of_an_unsynchronised_count_1_series_is_its_dtstart_end():
    series = make("FREQ=WEEKLY;BYDAY=MO;COUNT=1", "2026-01-07 09:00", BERLIN)

    assert last_end(series) == at("2026-01-07 10:00", BERLIN)


def test_last_end_of_an_all_day_series_is_the_next_local_midnight():
    series = make("FREQ=DAILY;COUNT=3", "2026-03-27 00:00", BERLIN, all_day=True)

    assert local_iso(last_end(series), BERLIN) == "2026-03-30T00:00:00+02:00"


# --- splitting: until_before / count_before / remaining_count / is_occurrence --


@pytest.fixture
def ten_mondays() -> Series:
    """Berlin Mondays 09:00, COUNT=10, across the 2026-03-29 change to CEST."""
    return make("FREQ=WEEKLY;COUNT=10", "2026-03-09 09:00", BERLIN)


FOURTH = at("2026-03-30 09:00", BERLIN)  # 07:00Z


def test_until_before_ends_the_rule_one_second_before_the_split(ten_mondays):
    assert until_before(ten_mondays, FOURTH) == "FREQ=WEEKLY;UNTIL=20260330T065959Z"


def test_until_before_keeps_the_first_three(ten_mondays):
    rule = until_before(ten_mondays, FOURTH)
    ended = Series(rule, ten_mondays.start, ten_mondays.end, BERLIN)

    assert wall(ended, "2026-03-01", "2027-01-01") == [
        "2026-03-09 09:00",
        "2026-03-16 09:00",
        "2026-03-23 09:00",
    ]


def test_count_before_and_remaining_count_at_the_fourth_occurrence(ten_mondays):
    assert count_before(ten_mondays, FOURTH) == 3
    assert remaining_count(ten_mondays, FOURTH) == 7


def test_count_before_counts_exdated_occurrences_and_ignores_rdates():
    series = make(
        "FREQ=WEEKLY;COUNT=10",
        "2026-03-09 09:00",
        BERLIN,
        exdates=("2026-03-16 09:00",),
        rdates=("2026-03-11 12:00",),
    )

    assert count_before(series, FOURTH) == 3
    assert remaining_count(series, FOURTH) == 7


def test_count_before_at_dtstart_is_zero(ten_mondays):
    assert count_before(ten_mondays, ten_mondays.start) == 0
    assert remaining_count(ten_mondays, ten_mondays.start) == 10


def test_the_two_halves_of_a_count_split_give_back_the_wholeunvalidated(ten_mondays):
    head = make("FREQ=WEEKLY;COUNT=3", "2026-03-09 09:00", BERLIN)
    tail = make("FREQ=WEEKLY;COUNT=7", "2026-03-30 09:00", BERLIN)

    window = ("2026-03-01", "2027-01-01")
    assert wall(head, *window) + wall(tail, *window) == wall(ten_mondays, *window)
    assert len(wall(ten_mondays, *window)) == 10


def test_remaining_count_of_an_unbounded_series_is_none():
    series = make("FREQ=WEEKLY", "2026-03-09 09:00", BERLIN)

    assert remaining_count(series, FOURTH) is None


def test_until_before_an_all_day_occurrence_is_the_previous_date():
    series = make("FREQ=DAILY", "2026-03-27 00:00", BERLIN, all_day=True)

    rule = until_before(series, at("2026-03-30 00:00", BERLIN))

    assert rule == "FREQ=DAILY;UNTIL=20260329"
    ended = Series(rule, series.start, series.end, BERLIN, all_day=True)
    assert wall(ended, "2026-03-01", "2026-05-01") == [
        "2026-03-27 00:00",
        "2026-03-28 00:00",
        "2026-03-29 00:00",
    ]


def test_until_before_an_occurrence_moved_out_of_the_spring_gap_excludes_it():
    # 02:30 on 2026-03-29 is read as 03:30 CEST (01:30Z); UNTIL=01:29:59Z is
    # 03:29:59 on the wall, after the 02:30 wall time but before the instant.
    series = make("FREQ=DAILY", "2026-03-27 02:30", BERLIN)
    gap_day = at("2026-03-29 02:30", BERLIN)

    ended = Series(until_before(series, gap_day), series.start, series.end, BERLIN)

    assert wall(ended, "2026-03-01", "2026-05-01") == [
        "2026-03-27 02:30",
        "2026-03-28 02:30",
    ]
    assert not is_occurrence(ended, gap_day)


def test_no_occurrence_precedes_a_dtstart_in_the_second_pass_of_a_fold():
    # 02:30 CET on 2026-10-25 (01:30Z) comes after 02:30 CEST (00:30Z).
    start = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    series = Series(
        normalize_rule("FREQ=DAILY;COUNT=3"), start, start + timedelta(hours=1), BERLIN
    )

    assert offsets(series, "2026-10-24", "2026-11-01") == [
        "2026-10-25T02:30:00+01:00",
        "2026-10-26T02:30:00+01:00",
        "2026-10-27T02:30:00+01:00",
    ]


def test_is_occurrence(ten_mondays):
    series = Series(
        ten_mondays.rule,
        ten_mondays.start,
        ten_mondays.end,
        BERLIN,
        exdates=(at("2026-03-16 09:00", BERLIN),),
        rdates=(at("2026-03-11 12:00", BERLIN),),
    )

    assert is_occurrence(series, series.start)
    assert is_occurrence(series, FOURTH)
    assert is_occurrence(series, at("2026-03-16 09:00", BERLIN))  # exdated
    assert is_occurrence(series, at("2026-03-11 12:00", BERLIN))  # rdate
    assert is_occurrence(series, at("2026-05-11 09:00", BERLIN))  # the 10th
    assert not is_occurrence(series, at("2026-05-18 09:00", BERLIN))  # an 11th
    assert not is_occurrence(series, at("2026-03-30 08:00", BERLIN))
    assert not is_occurrence(series, at("2026-03-02 09:00", BERLIN))


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;UNTIL=20300101T000000Z",
        "FREQ=DAILY;INTERVAL=7;BYDAY=TU;COUNT=3",  # from a Monday: never a Tuesday
    ],
)
def test_validate_rejects_a_rule_that_never_occurs_after_the_start(rule):
    assert "never occurs after the event's start" in rejected(
        lambda: make(rule, "2026-01-05 09:00", BERLIN)
    )


def test_validate_accepts_a_single_count_and_a_rare_leap_day_rule():
    make("FREQ=DAILY;INTERVAL=7;BYDAY=TU;COUNT=1", "2026-01-05 09:00", BERLIN)
    make("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2026-01-05 09:00", BERLIN)


# --- bounded work, whatever UNTIL and COUNT say -----------------------------------


@contextmanager
def watchdog(seconds: int = 20):
    """Fail a call that runs away (these inputs ran 10-65 s before being bounded);
    a generous bound, not a measure of speed."""

    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


FAR_UNTIL = [
    "FREQ=HOURLY;INTERVAL=5;UNTIL=99990101T000000Z",
    "FREQ=DAILY;UNTIL=99990101T000000Z",
    "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=99991231",
    "FREQ=MINUTELY;INTERVAL=300;UNTIL=99990101T000000Z",
]


def test_rules_with_a_far_until_are_accepted_as_open_ended():
    with watchdog():
        for rule in FAR_UNTIL:
            series = make(rule, "2026-01-05 09:00", "UTC")
            assert last_end(series) == FAR_FUTURE, rule


@pytest.mark.parametrize("rule", FAR_UNTIL)
def test_a_far_until_series_expands_as_dateutil_does_centuries_later(rule):
    series = make(rule, "2026-01-05 09:00", "UTC")
    lo, hi = datetime(2400, 2, 27), datetime(2400, 3, 3)
    expected = rrulestr(rule.split(";UNTIL")[0], dtstart=datetime(2026, 1, 5, 9))
    found = [
        s.replace(tzinfo=None)
        for s in starts_between(series, lo.replace(tzinfo=UTC), hi.replace(tzinfo=UTC))
        if s.replace(tzinfo=None) >= lo
    ]
    assert found == expected.between(lo, hi, inc=False)
    assert found  # the window is not empty


def test_an_until_within_reach_still_gives_the_exact_last_end():
    series = make("FREQ=DAILY;UNTIL=21000101T000000Z", "2026-01-05 09:00", "UTC")
    assert last_end(series) == datetime(2099, 12, 31, 10, tzinfo=UTC)


def test_rules_that_never_occur_are_refused_without_a_search_to_year_9999():
    never = [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30;UNTIL=99990101T000000Z",
        "FREQ=HOURLY;INTERVAL=7;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MINUTELY;INTERVAL=7;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=WEEKLY;BYDAY=MO;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY;BYHOUR=9;BYSETPOS=2",  # one time a day: no second
    ]
    with watchdog():
        for rule in never:
            message = rejected(lambda r=rule: make(r, "2026-01-05 09:00", BERLIN))
            assert "never occurs after the event's start" in message, rule


def test_a_count_rule_is_counted_to_its_end_within_the_limits():
    daily = make("FREQ=DAILY;COUNT=10000", "2026-01-05 09:00", "UTC")
    assert last_end(daily) == datetime(2026, 1, 5, 10, tzinfo=UTC) + timedelta(9999)
    yearly = make("FREQ=YEARLY;COUNT=10000;BYMONTH=2;BYMONTHDAY=29", "2028-02-29 09:00")
    assert last_end(yearly).year == 9996  # dateutil's time ends in 9999


def test_a_count_rule_too_sparse_to_end_in_reach_is_refused():
    with watchdog():
        message = rejected(
            lambda: make(
                "FREQ=DAILY;COUNT=10000;BYMONTH=2;BYMONTHDAY=29", "2028-02-29 09:00"
            )
        )
    assert "COUNT=10000 is not reached within" in message
    assert "use UNTIL" in message


def test_a_count_of_a_million_is_refused():
    assert f"COUNT must be between 1 and {MAX_COUNT}" in rejected(
        lambda: make("FREQ=DAILY;COUNT=1000000", "2026-01-05 09:00")
    )


def test_a_single_count_whose_rule_never_matches_is_just_its_dtstart():
    with watchdog():
        series = make("FREQ=DAILY;COUNT=1;BYMONTH=2;BYMONTHDAY=30", "2026-01-05 09:00")
    assert last_end(series) == series.end


# --- "does it ever occur": calendar arithmetic against dateutil's enumeration ------

_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _listed(values, size: int = 3):
    return st.lists(values, min_size=1, max_size=size, unique=True).map(
        lambda xs: ",".join(map(str, xs))
    )


_ORDINAL_DAYS = st.lists(
    st.tuples(st.sampled_from([0, 0, 1, 2, 5, -1, -2, -5]), st.sampled_from(_DAYS)),
    min_size=1,
    max_size=3,
    unique=True,
).map(lambda xs: ",".join(f"{n or ''}{day}" for n, day in xs))


@st.composite
def _filtered_rules(draw) -> dict[str, str]:
    freq = draw(st.sampled_from(["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY"]))
    parts = {"FREQ": freq}
    maybe = {
        "INTERVAL": st.sampled_from([2, 3, 4, 5, 7, 12, 13, 14, 24, 48]).map(str),
        "BYMONTH": _listed(st.integers(1, 12)),
        "BYMONTHDAY": _listed(
            st.sampled_from([1, 2, 15, 28, 29, 30, 31, -1, -2, -29, -30, -31])
        ),
        "BYYEARDAY": _listed(st.sampled_from([1, 59, 60, 100, 365, 366, -1, -366])),
        "BYWEEKNO": _listed(st.sampled_from([1, 2, 20, 52, 53, -1, -53])),
        "BYDAY": _ORDINAL_DAYS
        if freq in ("YEARLY", "MONTHLY")
        else _listed(st.sampled_from(_DAYS)),
        "BYHOUR": _listed(st.integers(0, 23)),
        "BYSETPOS": _listed(st.sampled_from([1, 2, 3, -1])),
        "WKST": st.sampled_from(_DAYS),
    }
    for name, values in maybe.items():
        if name == "BYWEEKNO" and freq == "WEEKLY":
            continue
        if draw(st.integers(0, 9)) < (5 if name.startswith("BYM") else 2):
            parts[name] = draw(values)
    return parts


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    parts=_filtered_rules(),
    # Near MAXYEAR dateutil's own search ends within the horizon, never-matching
    # rules included; the year types are the same as in any other century.
    start=st.datetimes(datetime(9940, 1, 1), datetime(9999, 12, 20)),
    years=st.integers(0, 50),
)
def test_arithmetic_decides_an_occurrence_within_the_horizon_as_dateutil(
    parts, start, years
):
    start = start.replace(microsecond=0)
    text = ";".join(f"{k}={v}" for k, v in parts.items())
    try:
        found = next(rrulestr(text, dtstart=start).xafter(start, inc=False), None)
    except (ValueError, IndexError):  # rules dateutil cannot expand: refused anyway
        return
    last_year = min(start.year + years, 9999)
    decided = occurs_after_start(parts, start, last_year)
    enumerated = found is not None and found.year <= last_year
    if decided is None:  # left to enumeration: what arithmetic does not model
        assert "BYSETPOS" in parts or parts["FREQ"] == "HOURLY", text
    else:
        assert decided == enumerated, (text, start, found)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31",
        "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29",  # 2026, 2030, ...: no leap
        "FREQ=MONTHLY;INTERVAL=12;BYMONTH=3",  # January, every 12 months
        "FREQ=MONTHLY;BYDAY=5MO;BYMONTH=2;BYMONTHDAY=1,2,3",
        "FREQ=YEARLY;BYWEEKNO=53;BYMONTH=6",
    ],
)
def test_validate_rejects_rules_whose_filters_and_interval_never_meet(rule):
    assert "never occurs after the event's start" in rejected(
        lambda: make(rule, "2026-01-05 09:00", BERLIN)
    )


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=YEARLY;INTERVAL=2;BYMONTH=2;BYMONTHDAY=29",  # 2028
        "FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH",  # 2026 has a week 53
        "FREQ=MONTHLY;BYDAY=-1FR;BYMONTHDAY=25,26,27,28,29,30,31",
        "FREQ=DAILY;BYHOUR=10",  # later on the start day itself
    ],
)
def test_validate_accepts_rules_that_occur_within_the_horizon(rule):
    make(rule, "2026-01-05 09:00", BERLIN)


# --- RFC 5545 §3.3.10 value ranges --------------------------------------------


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        ("FREQ=YEARLY;BYDAY=+99MO", "±1..53"),  # dateutil raised IndexError
        ("FREQ=MONTHLY;BYDAY=53MO", "±1..5"),
        ("FREQ=YEARLY;BYMONTH=2;BYDAY=6MO", "±1..5"),
        ("FREQ=DAILY;BYDAY=1MO", "FREQ=MONTHLY or YEARLY"),
        ("FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO", "without BYWEEKNO"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY"),
        ("FREQ=MONTHLY;BYMONTHDAY=400", "BYMONTHDAY"),
        ("FREQ=YEARLY;BYYEARDAY=-367", "BYYEARDAY"),
        ("FREQ=YEARLY;BYWEEKNO=99", "BYWEEKNO"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH"),
        ("FREQ=DAILY;BYHOUR=24", "BYHOUR"),
        ("FREQ=HOURLY;BYMINUTE=60", "BYMINUTE"),
        ("FREQ=WEEKLY;BYDAY=MO;BYSETPOS=0", "BYSETPOS"),
        ("FREQ=DAILY;BYMONTH=1,", "BYMONTH"),
        ("FREQ=WEEKLY;WKST=XX", "WKST"),
    ],
)
def test_values_out_of_rfc_ranges_are_refused_by_name(rule, says):
    message = rejected(lambda: validate(unvalidated(rule, START)))
    assert says in message


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=YEARLY;BYDAY=-53MO",
        "FREQ=MONTHLY;BYDAY=-5FR,+5MO",
        "FREQ=YEARLY;BYMONTH=2;BYDAY=-1MO",
        "FREQ=MONTHLY;BYMONTHDAY=-31",
        "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
    ],
)
def test_values_at_the_ends_of_the_rfc_ranges_are_accepted(rule):
    validate(unvalidated(rule, START))
