from datetime import date

import marshmallow as ma

from calapp.api import PageArgsSchema, Schema
from calapp.fields import Instant, Timezone
from calapp.schedules.windows import MAX_WINDOWS_PER_DAY

FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)


class WindowSchema(Schema):
    start = ma.fields.String(required=True, metadata={"example": "09:00"})
    end = ma.fields.String(
        required=True,
        metadata={"description": "After start; 24:00 for midnight", "example": "17:00"},
    )


def _day(name: str) -> ma.fields.List:
    return ma.fields.List(
        ma.fields.Nested(WindowSchema),
        validate=ma.validate.Length(max=MAX_WINDOWS_PER_DAY),
        metadata={"description": f"Windows on {name} (HH:MM local, no overlaps)"},
    )


class WeeklySchema(Schema):
    mon = _day("Monday")
    tue = _day("Tuesday")
    wed = _day("Wednesday")
    thu = _day("Thursday")
    fri = _day("Friday")
    sat = _day("Saturday")
    sun = _day("Sunday")


def _local_date(**kwargs) -> ma.fields.Date:
    return ma.fields.Date(
        validate=ma.validate.Range(min=FIRST_DAY, max=LAST_DAY), **kwargs
    )


class DateOverrideSchema(Schema):
    date = _local_date(required=True, metadata={"example": "2027-03-28"})
    windows = ma.fields.List(
        ma.fields.Nested(WindowSchema),
        required=True,
        validate=ma.validate.Length(max=MAX_WINDOWS_PER_DAY),
        metadata={
            "description": "The day's windows instead of the weekday's; [] for "
            "unavailable all day"
        },
    )


WEEKLY_EXAMPLE = {
    "mon": [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
    "tue": [{"start": "09:00", "end": "17:00"}],
    "wed": [{"start": "09:00", "end": "17:00"}],
    "thu": [{"start": "09:00", "end": "17:00"}],
    "fri": [{"start": "09:00", "end": "13:00"}],
    "sat": [],
    "sun": [],
}


def _weekly(**kwargs) -> ma.fields.Nested:
    return ma.fields.Nested(
        WeeklySchema,
        metadata={
            "description": "Windows per weekday in `timezone` (local wall times: "
            "09:00 stays 09:00 across DST); a missing or empty day is closed",
            "example": WEEKLY_EXAMPLE,
        },
        **kwargs,
    )


def _overrides(**kwargs) -> ma.fields.List:
    return ma.fields.List(
        ma.fields.Nested(DateOverrideSchema),
        validate=ma.validate.Length(max=366),
        metadata={"description": "Local dates with other windows, or none (off)"},
        **kwargs,
    )


class ScheduleSchema(Schema):
    EXAMPLE = {
        "id": "5f0c7a2e-9b1d-4c3e-8a6f-2d4b1e7c9a30",
        "name": "Coaching hours",
        "timezone": "Europe/Berlin",
        "weekly": WEEKLY_EXAMPLE,
        "date_overrides": [
            {"date": "2027-03-28", "windows": [{"start": "10:00", "end": "14:00"}]},
            {"date": "2027-04-02", "windows": []},
        ],
        "is_default": True,
        "created_at": "2026-12-05T09:00:00Z",
        "updated_at": "2026-12-05T09:00:00Z",
    }

    id = ma.fields.UUID(required=True)
    name = ma.fields.String(required=True)
    timezone = ma.fields.String(required=True)
    weekly = ma.fields.Dict(
        required=True,
        metadata={"description": "All seven days (mon..sun), closed days empty"},
    )
    date_overrides = ma.fields.List(ma.fields.Nested(DateOverrideSchema), required=True)
    is_default = ma.fields.Boolean(
        required=True, metadata={"description": "Your default schedule"}
    )
    created_at = Instant(required=True)
    updated_at = Instant(required=True)


class _ScheduleFields(Schema):
    name = ma.fields.String(
        validate=ma.validate.Length(min=1, max=200), metadata={"example": "Mornings"}
    )
    timezone = Timezone(metadata={"example": "America/New_York"})
    weekly = _weekly()
    date_overrides = _overrides()
    is_default = ma.fields.Boolean(
        metadata={
            "description": "true: make it your default schedule (false changes "
            "nothing: make another one the default instead)"
        }
    )


class ScheduleCreateSchema(_ScheduleFields):
    EXAMPLE = {
        "name": "Coaching hours",
        "timezone": "Europe/Berlin",
        "weekly": {
            "mon": [
                {"start": "09:00", "end": "12:00"},
                {"start": "13:00", "end": "17:00"},
            ],
            "wed": [{"start": "09:00", "end": "17:00"}],
        },
        "date_overrides": [
            {"date": "2027-03-28", "windows": [{"start": "10:00", "end": "14:00"}]},
            {"date": "2027-04-02", "windows": []},
        ],
    }

    name = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={"example": "Coaching hours"},
    )
    timezone = Timezone(required=True, metadata={"example": "Europe/Berlin"})
    weekly = _weekly(required=True)
    date_overrides = _overrides(load_default=list)


class ScheduleUpdateSchema(_ScheduleFields):
    """Every field optional; ``weekly`` and ``date_overrides`` replace the old."""

    EXAMPLE = {
        "date_overrides": [
            {"date": "2027-10-31", "windows": [{"start": "08:00", "end": "12:00"}]}
        ]
    }


class ScheduleListArgsSchema(PageArgsSchema):
    pass


# --- time off -------------------------------------------------------------------------


class TimeOffSchema(Schema):
    EXAMPLE = {
        "id": "8b2d4f6a-1c3e-4a5b-9d7f-0e2c4a6b8d10",
        "start_time": "2027-04-05T22:00:00Z",
        "end_time": "2027-04-09T22:00:00Z",
        "all_day": True,
        "start_date": "2027-04-06",
        "end_date": "2027-04-09",
        "timezone": "Europe/Berlin",
        "reason": "Family visit",
        "created_at": "2026-12-05T09:00:00Z",
        "updated_at": "2026-12-05T09:00:00Z",
    }

    id = ma.fields.UUID(required=True)
    start_time = Instant(required=True)
    end_time = Instant(required=True, metadata={"description": "Exclusive"})
    all_day = ma.fields.Boolean(required=True)
    start_date = ma.fields.Date(
        required=True, allow_none=True, metadata={"description": "All-day: first day"}
    )
    end_date = ma.fields.Date(
        required=True,
        allow_none=True,
        metadata={"description": "All-day: last day (inclusive)"},
    )
    timezone = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "All-day: the zone of its days"},
    )
    reason = ma.fields.String(required=True, allow_none=True)
    created_at = Instant(required=True)
    updated_at = Instant(required=True)


class _TimeOffFields(Schema):
    start_time = Instant(metadata={"description": "Timed: start (RFC 3339)"})
    end_time = Instant(metadata={"description": "Timed: end (exclusive)"})
    all_day = ma.fields.Boolean(
        metadata={"description": "true: give start_date and end_date instead"}
    )
    start_date = _local_date(metadata={"description": "All-day: first day"})
    end_date = _local_date(metadata={"description": "All-day: last day (inclusive)"})
    timezone = Timezone(
        allow_none=True,
        metadata={
            "description": "All-day: the zone of its days (default: your default "
            "schedule's, else your profile's)",
            "example": "Europe/Berlin",
        },
    )
    reason = ma.fields.String(
        allow_none=True,
        validate=ma.validate.Length(max=500),
        metadata={"description": "Private to you; never shown to others"},
    )


TIMED = ("start_time", "end_time")
DATED = ("start_date", "end_date", "timezone")


class TimeOffCreateSchema(_TimeOffFields):
    EXAMPLE = {
        "all_day": True,
        "start_date": "2027-04-06",
        "end_date": "2027-04-09",
        "timezone": "Europe/Berlin",
        "reason": "Family visit",
    }

    all_day = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "true: give start_date and end_date instead"},
    )

    @ma.validates_schema
    def _shape(self, data, **kwargs):
        _check_shape(data, data.get("all_day", False), require=True)


class TimeOffUpdateSchema(_TimeOffFields):
    """Every field optional; switching ``all_day`` needs the other kind's fields."""

    EXAMPLE = {"end_date": "2027-04-10", "reason": "Family visit (one more day)"}

    @ma.validates_schema
    def _shape(self, data, **kwargs):
        if "all_day" in data:
            _check_shape(data, data["all_day"], require=False)
        elif any(k in data for k in TIMED) and any(k in data for k in DATED):
            raise ma.ValidationError(
                "give start_time/end_time or start_date/end_date, not both", "all_day"
            )


def _check_shape(data: dict, all_day: bool, *, require: bool) -> None:
    wrong = DATED if not all_day else TIMED
    needed = TIMED if not all_day else ("start_date", "end_date")
    errors = {
        k: ["not with all_day " + str(all_day).lower()] for k in wrong if k in data
    }
    if require:
        errors.update({k: ["is required"] for k in needed if k not in data})
    if errors:
        raise ma.ValidationError(errors)


class TimeOffListArgsSchema(PageArgsSchema):
    start = Instant(metadata={"description": "Only time off ending after this"})
    end = Instant(metadata={"description": "Only time off starting before this"})


# --- holidays -------------------------------------------------------------------------


class HolidayArgsSchema(Schema):
    country = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=2, max=8),
        metadata={"description": "ISO 3166-1 alpha-2 code", "example": "DE"},
    )
    subdivision = ma.fields.String(
        validate=ma.validate.Length(min=1, max=64),
        metadata={"description": "A state or region code of it", "example": "BY"},
    )
    year = ma.fields.Integer(
        required=True,
        validate=ma.validate.Range(min=1900, max=2100),
        metadata={"example": 2027},
    )


class HolidaySchema(Schema):
    date = ma.fields.Date(required=True)
    name = ma.fields.String(required=True)


class HolidayListSchema(Schema):
    EXAMPLE = {
        "country": "DE",
        "subdivision": "BY",
        "year": 2027,
        "items": [
            {"date": "2027-01-01", "name": "New Year's Day"},
            {"date": "2027-01-06", "name": "Epiphany"},
        ],
    }

    country = ma.fields.String(required=True)
    subdivision = ma.fields.String(required=True, allow_none=True)
    year = ma.fields.Integer(required=True)
    items = ma.fields.List(ma.fields.Nested(HolidaySchema), required=True)
