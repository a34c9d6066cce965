"""Weekly windows in local wall time: what a schedule, a booking link's inline
working hours and slot finding share.

Pure values and parsing, no database: ``{"mon": [{"start": "09:00", "end":
"17:00"}], ...}`` becomes ``Window`` tuples keyed by weekday (0 = Monday). An
end of "24:00" (or "00:00") is the midnight that ends the day.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time

MIDNIGHT = time(0)
MAX_WINDOWS_PER_DAY = 10
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = weekday()
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Window:
    """One window on a day, in local wall time.

    ``end == time(0)`` means the midnight that ends the day, so
    ``Window(time(0), time(0))`` is the whole day.
    """

    start: time
    end: time

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            if not isinstance(value, time) or value.tzinfo is not None:
                raise ValueError(f"window {name} must be a naive time, got {value!r}")
        if self.end != MIDNIGHT and self.end <= self.start:
            raise ValueError(
                f"window end {self.end:%H:%M} must be after its start "
                f"{self.start:%H:%M} (use 24:00 for midnight)"
            )

    def overlaps(self, other: Window) -> bool:
        """Do the two windows share any wall time? (Touching is not overlapping.)"""
        return (0, self.start) < other._end_key and (0, other.start) < self._end_key

    @property
    def _end_key(self) -> tuple[int, time]:
        # Midnight-at-end sorts after every time of the day.
        return (1, MIDNIGHT) if self.end == MIDNIGHT else (0, self.end)


def parse_working_hours(
    data: Mapping, name: str = "working_hours"
) -> dict[int, tuple[Window, ...]]:
    """``{"mon": [{"start": "09:00", "end": "17:00"}], ...}`` as windows by weekday.

    Days left out or given ``[]`` are closed (and left out of the result).
    Windows of a day come back sorted; touching windows are kept apart. Errors
    name the field ``name``.

    :raises ValueError: not an object, an unknown day, a window that is not
        ``{"start", "end"}``, a time that is not "HH:MM", an end not after its
        start, overlapping windows, more than ``MAX_WINDOWS_PER_DAY`` a day.
    """
    if not isinstance(data, Mapping):
        raise ValueError(f"{name} must be an object keyed by day (mon..sun)")
    result: dict[int, tuple[Window, ...]] = {}
    for key, items in data.items():
        if key not in DAY_KEYS:
            raise ValueError(f"{name}: unknown day {key!r}; use {', '.join(DAY_KEYS)}")
        windows = parse_windows(f"{name}.{key}", items)
        if windows:
            result[DAY_KEYS.index(key)] = windows
    return result


def parse_windows(where: str, items: object) -> tuple[Window, ...]:
    """One day's windows (``[{"start": "HH:MM", "end": "HH:MM"}, ...]``), sorted.

    :raises ValueError: as ``parse_working_hours``, naming ``where``.
    """
    if not isinstance(items, list | tuple):
        raise ValueError(f"{where} must be a list of windows")
    if len(items) > MAX_WINDOWS_PER_DAY:
        raise ValueError(f"{where}: at most {MAX_WINDOWS_PER_DAY} windows a day")
    parsed = [_parse_window(f"{where}[{i}]", item) for i, item in enumerate(items)]
    windows = tuple(sorted(parsed, key=lambda w: w.start))
    check_day(where, windows)
    return windows


def format_windows(windows: tuple[Window, ...]) -> list[dict]:
    """Windows as the API shows them: "HH:MM", 24:00 for the ending midnight."""
    return [
        {"start": f"{w.start:%H:%M}", "end": label_time(w.end, True)} for w in windows
    ]


def format_working_hours(parsed: Mapping[int, tuple[Window, ...]]) -> dict:
    """All seven days, closed ones empty."""
    return {
        key: format_windows(parsed.get(index, ())) for index, key in enumerate(DAY_KEYS)
    }


def label_time(value: time, is_end: bool = False) -> str:
    return "24:00" if is_end and value == MIDNIGHT else f"{value:%H:%M}"


def check_day(where: str, windows: tuple[Window, ...]) -> None:
    """:raises ValueError: too many windows, or two of them overlap."""
    if len(windows) > MAX_WINDOWS_PER_DAY:
        raise ValueError(f"{where}: at most {MAX_WINDOWS_PER_DAY} windows a day")
    ordered = sorted(windows, key=lambda w: w.start)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.overlaps(after):
            raise ValueError(
                f"{where}: windows {_label(before)} and {_label(after)} overlap"
            )


def _parse_window(where: str, item: object) -> Window:
    if not isinstance(item, Mapping) or set(item) != {"start", "end"}:
        raise ValueError(f'{where} must be {{"start": "HH:MM", "end": "HH:MM"}}')
    start = _parse_hhmm(f"{where}.start", item["start"], is_end=False)
    end = _parse_hhmm(f"{where}.end", item["end"], is_end=True)
    if end != MIDNIGHT and end <= start:
        raise ValueError(
            f"{where}: end {item['end']} must be after start {item['start']} "
            "(use 24:00 for midnight)"
        )
    return Window(start, end)


def _parse_hhmm(where: str, value: object, *, is_end: bool) -> time:
    if is_end and value == "24:00":
        return MIDNIGHT
    match = _HHMM.match(value) if isinstance(value, str) else None
    if match is None:
        allowed = "00:00–23:59, or 24:00 for an end" if is_end else "00:00–23:59"
        raise ValueError(f"{where}: {value!r} is not a time HH:MM ({allowed})")
    return time(int(match.group(1)), int(match.group(2)))


def _label(window: Window) -> str:
    return f"{window.start:%H:%M}–{label_time(window.end, True)}"
