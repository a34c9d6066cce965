"""A deterministic iCalendar file for the benchmark, in the style of a Google export.

    python bench/ics/generate.py OUT.ics [--prefix b0] [--series 1000] [--singles 7000]

Default: 10,000 VEVENTs = 1,000 recurring series (weekly, daily on weekdays,
monthly; a third bounded by COUNT, a third by UNTIL; some EXDATEs) with 2
exceptions each (one moved, one cancelled: RECURRENCE-ID VEVENTs) + 7,000 single
events (70% in one of five IANA zones, 10% UTC, 20% all-day; a third with 1-3
attendees, half with an alarm, some tags; descriptions of 80-300 characters).
Different ``--prefix`` values give disjoint UIDs, so files can be stacked into
one calendar.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, datetime, timedelta
from pathlib import Path

ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Asia/Tokyo",
    "Europe/London",
    "America/Los_Angeles",
]
WORDS = (
    "planning review sync budget roadmap launch retro hiring design customer "
    "quarterly offsite training lunch standup demo interview workshop"
).split()
SEED = 20261121


def _local(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _text(rng: random.Random, low: int, high: int) -> str:
    out = []
    while sum(len(w) + 1 for w in out) < rng.randint(low, high):
        out.append(rng.choice(WORDS))
    return " ".join(out).capitalize() + ", with details\\; notes\\n- item"


def _series(rng: random.Random, prefix: str, n: int) -> list[str]:
    zone = rng.choice(ZONES)
    start = datetime(2025, 1, 6) + timedelta(days=rng.randint(0, 500))
    start = start.replace(hour=rng.randint(8, 17), minute=rng.choice([0, 15, 30, 45]))
    length = timedelta(minutes=rng.choice([15, 30, 45, 60]))
    kind = rng.choice(["weekly", "weekly", "daily", "monthly"])
    if kind == "weekly":
        rule, step = f"FREQ=WEEKLY;BYDAY={start.strftime('%a')[:2].upper()}", 7
    elif kind == "daily":
        start += timedelta(days=(7 - start.weekday()) % 7)  # a Monday
        rule, step = "FREQ=DAILY", 1
    else:
        start = start.replace(day=min(start.day, 28))
        rule, step = f"FREQ=MONTHLY;BYMONTHDAY={start.day}", 0
    ending = rng.random()
    if ending < 1 / 3:
        rule += f";COUNT={rng.randint(10, 120)}"
    elif ending < 2 / 3:
        until = start + timedelta(days=rng.randint(120, 700))
        rule += f";UNTIL={until:%Y%m%d}T235959Z"

    def slot(k: int) -> datetime:
        if step:
            return start + timedelta(days=step * k)
        month = start.month - 1 + k
        return start.replace(year=start.year + month // 12, month=month % 12 + 1)

    uid = f"{prefix}-series-{n}@bench.calapp"
    head = [f"UID:{uid}", "DTSTAMP:20260101T000000Z", "SEQUENCE:0"]
    master = [
        "BEGIN:VEVENT",
        *head,
        f"DTSTART;TZID={zone}:{_local(start)}",
        f"DTEND;TZID={zone}:{_local(start + length)}",
        f"RRULE:{rule}",
        f"SUMMARY:{rng.choice(WORDS).capitalize()} #{n}",
        f"DESCRIPTION:{_text(rng, 60, 160)}",
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
    ]
    if rng.random() < 0.3:
        master.append(f"EXDATE;TZID={zone}:{_local(slot(6))}")
    master.append("END:VEVENT")
    moved_slot, cancelled_slot = slot(2), slot(4)
    moved = [
        "BEGIN:VEVENT",
        *head[:2],
        "SEQUENCE:1",
        f"RECURRENCE-ID;TZID={zone}:{_local(moved_slot)}",
        f"DTSTART;TZID={zone}:{_local(moved_slot + timedelta(hours=2))}",
        f"DTEND;TZID={zone}:{_local(moved_slot + timedelta(hours=2) + length)}",
        f"SUMMARY:{rng.choice(WORDS).capitalize()} #{n} (moved)",
        "END:VEVENT",
    ]
    cancelled = [
        "BEGIN:VEVENT",
        *head[:2],
        "SEQUENCE:1",
        f"RECURRENCE-ID;TZID={zone}:{_local(cancelled_slot)}",
        f"DTSTART;TZID={zone}:{_local(cancelled_slot)}",
        f"DTEND;TZID={zone}:{_local(cancelled_slot + length)}",
        f"SUMMARY:{rng.choice(WORDS).capitalize()} #{n}",
        "STATUS:CANCELLED",
        "END:VEVENT",
    ]
    return master + moved + cancelled


def _single(rng: random.Random, prefix: str, n: int) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{prefix}-single-{n}@bench.calapp",
        "DTSTAMP:20260101T000000Z",
        "CREATED:20251001T080000Z",
        "LAST-MODIFIED:20251101T080000Z",
    ]
    roll = rng.random()
    day = date(2025, 1, 1) + timedelta(days=rng.randint(0, 1000))
    if roll < 0.2:
        end = day + timedelta(days=rng.choice([1, 1, 1, 2, 3]))
        lines += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}"]
    else:
        start = datetime(day.year, day.month, day.day, rng.randint(7, 19), 30)
        end = start + timedelta(minutes=rng.choice([15, 30, 60, 90, 120]))
        if roll < 0.3:
            lines += [f"DTSTART:{_local(start)}Z", f"DTEND:{_local(end)}Z"]
        else:
            zone = rng.choice(ZONES)
            lines += [
                f"DTSTART;TZID={zone}:{_local(start)}",
                f"DTEND;TZID={zone}:{_local(end)}",
            ]
    lines += [
        f"SUMMARY:{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {n}",
        f"DESCRIPTION:{_text(rng, 80, 300)}",
        f"LOCATION:Room {rng.randint(1, 40)}",
        "STATUS:CONFIRMED",
        f"TRANSP:{'TRANSPARENT' if rng.random() < 0.1 else 'OPAQUE'}",
    ]
    if rng.random() < 0.25:
        lines.append(f"CATEGORIES:{rng.choice(WORDS)},{rng.choice(WORDS)}")
    if rng.random() < 1 / 3:
        for k in range(rng.randint(1, 3)):
            who = f"person{rng.randint(1, 500)}.{k}"
            lines.append(
                "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;"
                f"CN={who.title()}:mailto:{who}@example.com"
            )
    if rng.random() < 0.5:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "DESCRIPTION:Reminder",
            f"TRIGGER:-PT{rng.choice([5, 10, 15, 30, 60])}M",
            "END:VALARM",
        ]
    return lines + ["END:VEVENT"]


def generate(prefix: str = "b0", series: int = 1000, singles: int = 7000) -> bytes:
    rng = random.Random(f"{SEED}-{prefix}")
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//calapp bench//generate.py//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:Bench {prefix}",
        "X-WR-TIMEZONE:Europe/Berlin",
    ]
    for n in range(series):
        lines += _series(rng, prefix, n)
    for n in range(singles):
        lines += _single(rng, prefix, n)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--prefix", default="b0")
    parser.add_argument("--series", type=int, default=1000)
    parser.add_argument("--singles", type=int, default=7000)
    args = parser.parse_args()
    data = generate(args.prefix, args.series, args.singles)
    args.out.write_bytes(data)
    print(f"{args.out}: {len(data):,} bytes, {data.count(b'BEGIN:VEVENT'):,} VEVENTs")


if __name__ == "__main__":
    main()
