"""The read-path benchmark's calendar: one deterministic iCalendar file.

    python bench/readpath/generate.py OUT.ics

5,000 VEVENTs: 500 weekly series (half Europe/Berlin, half America/New_York;
09:00-18:00 local, 30-90 minutes; started from 2024 to mid-2027, 60 % ending by
UNTIL 3 to 24 months in, as the series of a calendar in use for years do; each
with 2-4 EXDATEs and one moved occurrence, a RECURRENCE-ID VEVENT) and 4,000
single events over 2026-2027 in the same two zones. March 2027 (both zones
change to summer time in it) holds about 1,150 occurrences. The file carries
both VTIMEZONEs with today's rules, so every server reads the same instants.
Fixed random seed: every run writes the same bytes.
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

SEED = 20261205
ZONES = ("Europe/Berlin", "America/New_York")
SERIES = 500
SINGLES = 4000
DAYS = ("MO", "TU", "WE", "TH", "FR")
STAMP = "20261201T000000Z"
VTIMEZONES = {
    "Europe/Berlin": """BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE""",
    "America/New_York": """BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
DTSTART:20070311T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
DTSTART:20071104T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE""",
}


def _local(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _times(zone: str, start: datetime, minutes: int) -> list[str]:
    end = start + timedelta(minutes=minutes)
    return [
        f"DTSTART;TZID={zone}:{_local(start)}",
        f"DTEND;TZID={zone}:{_local(end)}",
    ]


def _series(rng: random.Random, n: int) -> list[list[str]]:
    zone = ZONES[n % 2]
    day = rng.randrange(5)
    first = datetime(2024, 1, 1) + timedelta(
        weeks=rng.randrange(182), days=day, hours=rng.randrange(9, 18)
    )
    minutes = rng.choice((30, 45, 60, 90))
    uid = f"rp-series-{n:04d}@bench.example"
    rule = f"FREQ=WEEKLY;BYDAY={DAYS[day]}"
    if rng.random() < 0.6:  # ends 3 to 24 months in (UNTIL in UTC, as RFC 5545 asks)
        until = first + timedelta(days=rng.randrange(90, 730))
        rule += f";UNTIL={until.strftime('%Y%m%d')}T235959Z"
    weeks = [first + timedelta(weeks=w) for w in range(1, 100)]
    exdates = sorted(rng.sample(weeks[:90], rng.randrange(2, 5)))
    moved = rng.choice([w for w in weeks[:90] if w not in exdates])
    master = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{STAMP}",
        *_times(zone, first, minutes),
        f"RRULE:{rule}",
        f"EXDATE;TZID={zone}:" + ",".join(_local(x) for x in exdates),
        f"SUMMARY:Weekly {n}",
        "END:VEVENT",
    ]
    shifted = moved + timedelta(days=rng.choice((-1, 1)), hours=rng.choice((-2, 2)))
    exception = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{STAMP}",
        f"RECURRENCE-ID;TZID={zone}:{_local(moved)}",
        *_times(zone, shifted, minutes),
        f"SUMMARY:Weekly {n} (moved)",
        "END:VEVENT",
    ]
    return [master, exception]


def _single(rng: random.Random, n: int) -> list[str]:
    zone = ZONES[rng.randrange(2)]
    start = datetime(2026, 1, 1) + timedelta(
        days=rng.randrange(730), hours=rng.randrange(7, 20), minutes=rng.choice((0, 30))
    )
    return [
        "BEGIN:VEVENT",
        f"UID:rp-single-{n:04d}@bench.example",
        f"DTSTAMP:{STAMP}",
        *_times(zone, start, rng.choice((15, 30, 60, 120))),
        f"SUMMARY:Single {n}",
        "END:VEVENT",
    ]


def calendar() -> str:
    rng = random.Random(SEED)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//calapp bench//readpath//EN"]
    for zone in ZONES:
        lines += VTIMEZONES[zone].splitlines()
    for n in range(SERIES):
        for component in _series(rng, n):
            lines += component
    for n in range(SINGLES):
        lines += _single(rng, n)
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(calendar(), newline="")
