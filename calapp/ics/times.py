"""When a VEVENT happens: DTSTART/DTEND/DURATION and RRULE/EXDATE/RDATE/
RECURRENCE-ID values as UTC instants in the event's zone.

- Floating times are read in the calendar's zone (``X-WR-TIMEZONE``, else the
  target calendar's); ``Z`` times keep the event in UTC; TZIDs go through
  ``calapp.ics.zones``. An all-day event's zone is the calendar's, or its
  ``X-CALAPP-TIMEZONE`` (written by our export).
- No DTEND/DURATION: a DATE lasts one day; a DATE-TIME has zero length (RFC 5545
  §3.6.1) and is stored with ``end_time == start_time``. An end before the
  start is repaired to zero length too.
- ``RDATE;VALUE=PERIOD`` values keep their own length (§3.8.5.2), in
  ``rdate_periods`` (``calapp.events.periods``).
- A DURATION's days and weeks are nominal (§3.3.6): a series given
  ``DURATION:P1D`` keeps ``duration_days`` so that each occurrence ends at the
  same wall time a day later, where a DTEND gives them all one exact length
  (§3.8.5.3).
- DATE/DATE-TIME mixes: an all-day event's date-time end or EXDATE is read as a
  date; a timed event's date end is local midnight, a date EXDATE the series'
  wall time on that day. Outlook's midnight-to-midnight events flagged
  ``X-MICROSOFT-CDO-ALLDAYEVENT`` are all-day.
- The rule goes through the API's checks (``recurrence.normalize_rule`` and
  ``validate``): what the API refuses is an ``EventError``. RDATE without RRULE
  becomes ``FREQ=DAILY;COUNT=1`` plus the RDATEs; EXRULE, a second RRULE and
  EXDATE without a rule are ignored; UNTIL is stored in the type RFC 5545
  requires (``export.portable_rule``).

Every repair is appended to the ``repairs`` list it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from calapp.errors import AppError
from calapp.events import periods, recurrence
from calapp.events.schemas import MAX_RECURRENCE_DATES
from calapp.fields import EARLIEST_INSTANT, LATEST_INSTANT, is_timezone
from calapp.ics import text as ical
from calapp.ics.export import TIMEZONE_PROP, portable_rule
from calapp.ics.zones import Resolved, Resolver

_UTC = Resolved("UTC", UTC)


class EventError(Exception):
    """This VEVENT cannot be imported; the message says why."""

    def __init__(self, message: str, uid: str | None = None) -> None:
        super().__init__(message)
        self.uid = uid


@dataclass
class Moment:
    """A DATE or DATE-TIME value as written: ``value`` is naive; ``zone`` is None
    for a DATE or a floating time."""

    value: date | datetime
    is_date: bool
    zone: Resolved | None

    def instant(self, floating: Resolved) -> datetime:
        tz = (self.zone or floating).tzinfo
        try:
            return self.value.replace(tzinfo=tz, fold=0).astimezone(UTC)
        except (OverflowError, ValueError) as exc:
            raise EventError(f"{self.value} is out of range") from exc


class Context:
    """What mapping one file's events shares: its zones and default zone."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.floating = resolver.default()


def moment(prop: ical.Prop, ctx: Context) -> Moment:
    """:raises EventError: not a DATE or DATE-TIME."""
    raw = prop.value.strip()
    if "," in raw:
        raw = raw.split(",", 1)[0]
    try:
        if prop.param("VALUE") == "DATE" or (len(raw) in (8, 10) and "T" not in raw):
            value: date | datetime = ical.parse_date(raw)
            is_date, utc = True, False
        else:
            value, utc = ical.parse_datetime(raw)
            is_date = False
    except ValueError as exc:
        raise EventError(f"{prop.name}: {exc}") from exc
    # The API's range (calapp.fields): what is imported can be read and edited.
    if not EARLIEST_INSTANT.year <= value.year <= LATEST_INSTANT.year:
        raise EventError(
            f"{prop.name}: the year must be between {EARLIEST_INSTANT.year} "
            f"and {LATEST_INSTANT.year}"
        )
    tzid = prop.param("TZID")
    if utc:
        return Moment(value, is_date, _UTC)
    if tzid and tzid.strip():
        return Moment(value, is_date, ctx.resolver.resolve(tzid, value.year))
    return Moment(value, is_date, None)


def _moments(props: list[ical.Prop], ctx: Context, name: str) -> list[Moment]:
    out = []
    for prop in props:
        for raw in ical.split_list(prop.value):
            if not raw.strip():
                continue
            if prop.param("VALUE") == "PERIOD" or "/" in raw:
                raw = raw.split("/", 1)[0]
            out.append(moment(ical.Prop(name, prop.params, raw), ctx))
    return out


def _periods(props: list[ical.Prop], ctx: Context, row: dict, repairs) -> dict:
    """``RDATE;VALUE=PERIOD`` values of a timed series: ``{rdate: length}``
    (RFC 5545 §3.8.5.2; ``start/end`` or ``start/duration``)."""
    found: dict[datetime, timedelta] = {}
    zone = Resolved(row["timezone"], ZoneInfo(row["timezone"]))
    for prop in props:
        for raw in ical.split_list(prop.value):
            if "/" not in raw:
                continue
            first, _, second = raw.strip().partition("/")
            start = moment(ical.Prop("RDATE", prop.params, first), ctx)
            if start.is_date or row["all_day"]:
                continue  # read as a plain RDATE (``_dates`` says so)
            begin = start.instant(zone)
            try:
                if second[:1] in "+-P":
                    length = ical.parse_duration(second)
                    end = begin + length
                else:
                    end = moment(ical.Prop("RDATE", prop.params, second), ctx)
                    end = end.instant(zone)
            except (ValueError, OverflowError) as exc:
                raise EventError(f"RDATE period {raw.strip()!r}: {exc}") from exc
            if end < begin:
                repairs.append(f"RDATE period {raw.strip()!r} ends before it starts")
                end = begin
            found[begin] = end - begin
    return found


def _midnight(day: date, zone: str) -> datetime:
    try:
        return datetime.combine(day, time(), tzinfo=ZoneInfo(zone)).astimezone(UTC)
    except OverflowError as exc:
        raise EventError(f"{day} is out of range") from exc


# --- times ---------------------------------------------------------------------------


def _outlook_all_day(component, start: Moment, ctx: Context) -> date | None:
    """Outlook's all-day event written as midnight to midnight: its end date."""
    flag = (component.text("X-MICROSOFT-CDO-ALLDAYEVENT") or "").strip().upper()
    end_prop = component.first("DTEND")
    if flag != "TRUE" or start.is_date or start.value.time() != time() or not end_prop:
        return None
    end = moment(end_prop, ctx)
    if end.is_date or end.value.time() != time():
        return None
    return max(end.value.date(), start.value.date() + timedelta(days=1))


def _event_zone(component: ical.Component, start: Moment, ctx: Context) -> Resolved:
    if start.is_date:
        own = component.text(TIMEZONE_PROP)
        if own and is_timezone(own.strip()):
            return Resolved(own.strip(), ZoneInfo(own.strip()))
    return start.zone or ctx.floating


def _all_day_end(component, start_day: date, ctx, repairs) -> date:
    end_prop, duration = component.first("DTEND"), component.first("DURATION")
    if end_prop is not None:
        end = moment(end_prop, ctx)
        if end.is_date:
            day = end.value
        else:
            late = end.value.time() != time()  # ends during that day
            day = end.value.date() + timedelta(days=1 if late else 0)
            repairs.append("DTEND is a DATE-TIME on an all-day event: read as a date")
    elif duration is not None:
        try:
            length = ical.parse_duration(duration.value)
        except ValueError as exc:
            raise EventError(f"DURATION: {exc}") from exc
        day = start_day + timedelta(days=-(-length // timedelta(days=1)))
    else:  # RFC 5545 §3.6.1: a DATE start without an end lasts one day
        day = start_day + timedelta(days=1)
    if day <= start_day:
        repairs.append("the end is not after the start: the event lasts one day")
        day = start_day + timedelta(days=1)
    return day


def _timed_end(component, start: datetime, zone: Resolved, ctx, repairs) -> datetime:
    end_prop, duration = component.first("DTEND"), component.first("DURATION")
    if end_prop is not None:
        end = moment(end_prop, ctx)
        if end.is_date:
            repairs.append("DTEND is a DATE on a timed event: read as local midnight")
            end_time = _midnight(end.value, zone.zone)
        else:
            end_time = end.instant(zone)
    elif duration is not None:
        try:
            length = ical.parse_duration(duration.value)
            # Days and weeks are nominal (RFC 5545 §3.3.6): the same wall time later.
            days = timedelta(days=length.days)
            local = start.astimezone(zone.tzinfo).replace(tzinfo=None) + days
            end_time = Moment(local, False, zone).instant(zone) + (length - days)
        except OverflowError as exc:  # P99999999999W: beyond any representable end
            raise EventError("DURATION: the end is out of range") from exc
        except ValueError as exc:
            raise EventError(f"DURATION: {exc}") from exc
    else:  # RFC 5545 §3.6.1: a DATE-TIME start alone is an instant
        return start
    if end_time < start:
        repairs.append("the end is before the start: stored with zero length")
        return start
    return end_time


def times(component: ical.Component, ctx: Context, repairs: list[str]) -> dict:
    """The five time columns and the zone. :raises EventError: no or bad DTSTART."""
    start_prop = component.first("DTSTART")
    if start_prop is None:
        raise EventError("no DTSTART")
    start = moment(start_prop, ctx)
    zone = _event_zone(component, start, ctx)
    end_day = _outlook_all_day(component, start, ctx)
    if end_day is not None:
        start = Moment(start.value.date(), True, None)
    if start.is_date:
        end_day = end_day or _all_day_end(component, start.value, ctx, repairs)
        return {
            "timezone": zone.zone,
            "all_day": True,
            "start_date": start.value,
            "end_date": end_day,
            "start_time": _midnight(start.value, zone.zone),
            "end_time": _midnight(end_day, zone.zone),
            "duration_days": 0,  # all-day occurrences keep their days anyway
        }
    start_time = start.instant(zone)
    end_time = _timed_end(component, start_time, zone, ctx, repairs)
    return {
        "timezone": zone.zone,
        "all_day": False,
        "start_date": None,
        "end_date": None,
        "start_time": start_time,
        "end_time": end_time,
        "duration_days": _nominal_days(component) if end_time > start_time else 0,
    }


def _nominal_days(component) -> int:
    """The days (weeks included) of a timed event's DURATION, or 0."""
    duration = component.first("DURATION")
    if duration is None or component.first("DTEND") is not None:
        return 0
    try:
        return max(ical.parse_duration(duration.value).days, 0)
    except ValueError:
        return 0


# --- recurrence ----------------------------------------------------------------------


def slot_instant(moment_: Moment, zone: str, all_day: bool, wall: time) -> datetime:
    """A RECURRENCE-ID/EXDATE/RDATE value as the UTC slot of a series: an
    all-day series' local midnight, or an instant (a date: ``wall`` that day)."""
    floating = Resolved(zone, ZoneInfo(zone))
    if all_day:
        day = moment_.value if moment_.is_date else _local_date(moment_, floating)
        return _midnight(day, zone)
    if moment_.is_date:
        return Moment(datetime.combine(moment_.value, wall), False, floating).instant(
            floating
        )
    return moment_.instant(floating)


def _local_date(moment_: Moment, floating: Resolved) -> date:
    if moment_.zone is None:
        return moment_.value.date()
    return moment_.instant(floating).astimezone(floating.tzinfo).date()


def _dates(component, name, row, ctx, repairs) -> list[datetime]:
    moments = _moments(component.all(name), ctx, name)
    if any(m.is_date != row["all_day"] for m in moments):
        kind = "DATE-TIMEs on an all-day" if row["all_day"] else "DATEs on a timed"
        repairs.append(f"{name} {kind} event read as its occurrences")
    wall = row["start_time"].astimezone(ZoneInfo(row["timezone"])).time()
    values = sorted(
        {slot_instant(m, row["timezone"], row["all_day"], wall) for m in moments}
    )
    if len(values) > MAX_RECURRENCE_DATES:
        raise EventError(f"more than {MAX_RECURRENCE_DATES} {name} values")
    return values


def rule_fields(component, row: dict, ctx: Context, repairs: list[str]) -> dict:
    """recurrence_rule, exdates, rdates, validated as the API validates them.

    :raises EventError: a rule the API would refuse (with its reason).
    """
    rules = component.all("RRULE")
    if len(rules) > 1:
        repairs.append("more than one RRULE: only the first is kept")
    if component.first("EXRULE"):
        repairs.append("EXRULE ignored (deprecated by RFC 5545)")
    exdates = _dates(component, "EXDATE", row, ctx, repairs)
    rdates = _dates(component, "RDATE", row, ctx, repairs)
    lengths = _periods(component.all("RDATE"), ctx, row, repairs)
    # Only lengths that differ from the series' are kept; DTSTART's occurrence
    # keeps its DTEND.
    base = row["end_time"] - row["start_time"]
    lengths = {
        start: length
        for start, length in lengths.items()
        if start != row["start_time"] and length != base
    }
    rule = None
    try:
        if rules:
            rule = recurrence.normalize_rule(rules[0].value)
        elif rdates:
            rule = "FREQ=DAILY;COUNT=1"
            repairs.append("RDATE without RRULE: stored as FREQ=DAILY;COUNT=1 + RDATEs")
        if rule is None:
            if exdates:
                repairs.append("EXDATE without RRULE or RDATE ignored")
            return {
                "recurrence_rule": None,
                "exdates": [],
                "rdates": [],
                "rdate_periods": {},
                "duration_days": 0,
                "last_end": None,
            }
        rule = portable_rule(rule, row["timezone"], row["all_day"])
        series = recurrence.Series(
            rule=rule,
            start=row["start_time"],
            end=row["end_time"],
            timezone=row["timezone"],
            all_day=row["all_day"],
            exdates=tuple(exdates),
            rdates=tuple(rdates),
            rdate_lengths=tuple(sorted(lengths.items())),
            duration_days=row["duration_days"],
        )
        recurrence.validate(series)
        last_end = recurrence.last_end(series)
    except AppError as exc:
        raise EventError(f"RRULE: {exc.message}") from exc
    except (ValueError, OverflowError) as exc:
        raise EventError(f"RRULE: {exc}") from exc
    return {
        "recurrence_rule": rule,
        "exdates": exdates,
        "rdates": rdates,
        "rdate_periods": periods.stored(lengths.items()),
        "last_end": last_end,
    }
