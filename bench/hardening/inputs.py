"""Adversarial inputs of issue 10 item 1: far-UNTIL and never-matching rules,
ICS files of never-occurring rules, of many ATTENDEE lines, deeply folded lines
and unbalanced BEGIN/END lines."""

from __future__ import annotations

FAR_UNTIL_RULES = {
    "hourly_far_until": "FREQ=HOURLY;INTERVAL=5;UNTIL=99990101T000000Z",
    "daily_far_until": "FREQ=DAILY;UNTIL=99990101T000000Z",
    "weekly_far_until": "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=99990101T000000Z",
    "minutely_far_until": "FREQ=MINUTELY;INTERVAL=300;UNTIL=99990101T000000Z",
    "secondly_far_until": "FREQ=SECONDLY;UNTIL=99990101T000000Z",
    "daily_setpos_far_until": "FREQ=DAILY;BYSETPOS=1;BYHOUR=9;UNTIL=99990101T000000Z",
    "monthly_last_fri_far_until": "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=99990101T000000Z",
    "daily_count_max": "FREQ=DAILY;COUNT=10000",
    "count_huge": "FREQ=DAILY;COUNT=1000000",
    "daily_count_leap_days": "FREQ=DAILY;COUNT=10000;BYMONTH=2;BYMONTHDAY=29",
    "yearly_count_leap_days": "FREQ=YEARLY;COUNT=10000;BYMONTH=2;BYMONTHDAY=29",
}
NEVER_RULES = {
    "yearly_feb30": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "daily_feb30": "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "hourly_feb30": "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30;UNTIL=99990101T000000Z",
    "minutely_feb30": "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30",
    "weekly_feb30_mo": "FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30;BYDAY=MO",
    "daily_interval7_tu": "FREQ=DAILY;INTERVAL=7;BYDAY=TU",
    "monthly_apr31": "FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31;UNTIL=99990101T000000Z",
}
RULES = {**FAR_UNTIL_RULES, **NEVER_RULES}

_HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//hardening//EN\r\n"
_TAIL = "END:VCALENDAR\r\n"


def _vevent(uid: str, rule: str | None = None, extra: str = "") -> str:
    rrule = f"RRULE:{rule}\r\n" if rule else ""
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20240101T000000Z\r\n"
        "DTSTART:20240105T090000Z\r\nDTEND:20240105T100000Z\r\n"
        f"SUMMARY:{uid}\r\n{rrule}{extra}END:VEVENT\r\n"
    )


def never_rules_ics(size: int) -> bytes:
    """VEVENTs whose rules never occur after DTSTART, ~``size`` bytes."""
    rules = list(NEVER_RULES.values())
    parts, total, i = [_HEAD], len(_HEAD), 0
    while total < size:
        part = _vevent(f"never-{i}", rules[i % len(rules)])
        parts.append(part)
        total, i = total + len(part), i + 1
    parts.append(_TAIL)
    return "".join(parts).encode()


def attendees_ics(size: int, per_event: int) -> bytes:
    """VEVENTs of ``per_event`` ATTENDEE lines each, ~``size`` bytes."""
    parts, total, i = [_HEAD], len(_HEAD), 0
    while total < size:
        lines = "".join(
            f"ATTENDEE:mailto:g{j}@example.com\r\n" for j in range(per_event)
        )
        part = _vevent(f"crowd-{i}", extra=lines)
        parts.append(part)
        total, i = total + len(part), i + 1
    parts.append(_TAIL)
    return "".join(parts).encode()


def folded_ics(size: int) -> bytes:
    """One DESCRIPTION folded every octet: ~``size`` bytes of fold sequences."""
    pieces = "\r\n ".join("x" for _ in range(size // 4))
    return (
        _HEAD + _vevent("folded", extra=f"DESCRIPTION:{pieces}\r\n") + _TAIL
    ).encode()


def unbalanced_ics(size: int) -> bytes:
    """Many BEGIN lines never closed, then END lines of a kind never opened."""
    n = size // 28
    body = "BEGIN:VEVENT\r\n" * n + "END:VTODO\r\n" * n
    return (_HEAD + body + _TAIL).encode()


def params_ics(size: int) -> bytes:
    """One ATTENDEE line with a huge number of parameters and values."""
    params = ";".join(f'X-P{i}="a,b;c"' for i in range(size // 14))
    return (
        _HEAD + _vevent("params", extra=f"ATTENDEE;{params}:mailto:a@b.c\r\n") + _TAIL
    ).encode()


FILES = {
    "ics_never_rules_0.5MB": lambda: never_rules_ics(540_000),
    "ics_attendees_0.26MB": lambda: attendees_ics(250_000, 7_000),
    "ics_attendees_7MB": lambda: attendees_ics(7_000_000, 200_000),
    "ics_attendees_many_events_7MB": lambda: attendees_ics(7_300_000, 20),
    "ics_folded_1MB": lambda: folded_ics(1_000_000),
    "ics_unbalanced_0.26MB": lambda: unbalanced_ics(260_000),
    "ics_params_1MB": lambda: params_ics(1_000_000),
}
