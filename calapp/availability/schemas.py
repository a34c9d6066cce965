from datetime import timedelta

import marshmallow as ma

from calapp.api import Schema
from calapp.availability import reasons
from calapp.fields import Instant, Timezone


class AvailabilityArgsSchema(Schema):
    calendar_id = ma.fields.List(
        ma.fields.UUID(),
        required=True,
        validate=ma.validate.Length(min=1, max=20),
        metadata={"description": "Repeatable: ?calendar_id=A&calendar_id=B"},
    )
    start = Instant(required=True)
    end = Instant(required=True, metadata={"description": "At most 366 days after"})


class BusyBlockSchema(Schema):
    start = Instant(required=True)
    end = Instant(required=True)


class CalendarBusySchema(Schema):
    calendar_id = ma.fields.UUID(required=True)
    busy = ma.fields.List(ma.fields.Nested(BusyBlockSchema), required=True)


class AvailabilitySchema(Schema):
    EXAMPLE = {
        "calendar_id": "0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10",
        "start": "2027-01-11T00:00:00Z",
        "end": "2027-01-12T00:00:00Z",
        "busy": [{"start": "2027-01-11T09:30:00Z", "end": "2027-01-11T10:00:00Z"}],
        "calendars": [
            {
                "calendar_id": "0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10",
                "busy": [
                    {"start": "2027-01-11T09:30:00Z", "end": "2027-01-11T10:00:00Z"}
                ],
            }
        ],
    }

    calendar_id = ma.fields.UUID(
        required=True, metadata={"description": "The first calendar asked for"}
    )
    start = Instant(required=True)
    end = Instant(required=True)
    busy = ma.fields.List(
        ma.fields.Nested(BusyBlockSchema),
        required=True,
        metadata={"description": "Merged busy blocks of all the calendars"},
    )
    calendars = ma.fields.List(
        ma.fields.Nested(CalendarBusySchema),
        required=True,
        metadata={"description": "Busy blocks of each calendar, in the order asked"},
    )


class WorkingHourSlotSchema(Schema):
    start = ma.fields.String(required=True, metadata={"example": "09:00"})
    end = ma.fields.String(required=True, metadata={"example": "17:00"})


def working_hours_field(**kwargs):
    return ma.fields.Dict(
        keys=ma.fields.String(
            validate=ma.validate.OneOf(
                ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            )
        ),
        values=ma.fields.List(ma.fields.Nested(WorkingHourSlotSchema)),
        metadata={
            "description": "Windows per weekday in local time (HH:MM, end may be "
            "24:00); a missing or empty day is closed",
            "example": {"mon": [{"start": "09:00", "end": "17:00"}], "sat": []},
        },
        **kwargs,
    )


def timezone_field() -> Timezone:
    return Timezone(
        metadata={
            "description": "The zone of working_hours and of local days (required "
            "unless schedule_id is given: a schedule has its own)",
            "example": "Europe/Berlin",
        }
    )


def schedule_id_field() -> ma.fields.UUID:
    return ma.fields.UUID(
        allow_none=True,
        metadata={
            "description": "One of your schedules instead of working_hours and "
            "timezone: its weekly windows, date overrides and zone; your time off "
            "and (with holidays_block) public holidays are kept out too"
        },
    )


def check_hours_or_schedule(data: dict) -> None:
    """``schedule_id``, or ``timezone`` (with optional ``working_hours``)."""
    if data.get("schedule_id") is not None:
        for name in ("working_hours", "timezone"):
            if data.get(name) is not None:
                raise ma.ValidationError(
                    "give schedule_id or timezone and working_hours, not both", name
                )
    elif "timezone" not in data:
        raise ma.ValidationError("is required unless schedule_id is given", "timezone")


class FindSlotsSchema(Schema):
    EXAMPLE = {
        "calendar_ids": [
            "0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10",
            "3e7a1c5b-2d4f-4b6a-9e8d-7c1b2a3f4e50",
        ],
        "start": "2027-01-11T00:00:00Z",
        "end": "2027-01-16T00:00:00Z",
        "duration_minutes": 30,
        "timezone": "Europe/London",
        "working_hours": {
            "mon": [{"start": "09:00", "end": "17:00"}],
            "tue": [{"start": "09:00", "end": "17:00"}],
        },
    }

    calendar_ids = ma.fields.List(
        ma.fields.UUID(), required=True, validate=ma.validate.Length(min=1, max=20)
    )
    start = Instant(required=True)
    end = Instant(required=True, metadata={"description": "At most 62 days after"})
    duration_minutes = ma.fields.Integer(
        required=True, strict=True, validate=ma.validate.Range(min=5, max=1440)
    )
    timezone = timezone_field()
    working_hours = working_hours_field(allow_none=True)
    schedule_id = schedule_id_field()
    buffer_minutes = ma.fields.Integer(
        strict=True, load_default=0, validate=ma.validate.Range(min=0, max=1440)
    )
    slot_interval_minutes = ma.fields.Integer(
        strict=True,
        allow_none=True,
        validate=ma.validate.Range(min=5, max=1440),
        metadata={"description": "Step between slot starts (default: the duration)"},
    )

    @ma.validates_schema
    def _hours(self, data, **kwargs):
        check_hours_or_schedule(data)


class FoundSlotsSchema(Schema):
    EXAMPLE = {
        "calendar_ids": [
            "0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10",
            "3e7a1c5b-2d4f-4b6a-9e8d-7c1b2a3f4e50",
        ],
        "schedule_id": None,
        "timezone": "Europe/London",
        "duration_minutes": 30,
        "slots": [
            {"start": "2027-01-11T09:00:00Z", "end": "2027-01-11T09:30:00Z"},
            {"start": "2027-01-11T10:00:00Z", "end": "2027-01-11T10:30:00Z"},
        ],
    }

    calendar_ids = ma.fields.List(ma.fields.UUID(), required=True)
    schedule_id = ma.fields.UUID(
        required=True, allow_none=True, metadata={"description": "The schedule used"}
    )
    timezone = ma.fields.String(required=True)
    duration_minutes = ma.fields.Integer(required=True)
    slots = ma.fields.List(ma.fields.Nested(BusyBlockSchema), required=True)


# --- explanations ---------------------------------------------------------------------

REASON_CODES_TEXT = (
    "`outside_working_hours` (no working-hours window holds the slot whole), "
    "`not_on_interval` (a window holds it but slots start every "
    "`slot_interval` from the window's start), `min_notice` (too soon), "
    "`beyond_horizon` (after `max_days_ahead`), `daily_limit` (the day has its "
    "bookings), `busy` (something overlaps the slot), `buffer` (something lies "
    "within the buffer around it), `held` (a visitor holds it for a few minutes), "
    "`link_inactive` (the booking link was deactivated), `time_off` (the "
    "owner's time off overlaps the slot), `holiday` (a public holiday of the "
    "owner's country, which blocks the owner's schedule)"
)


class ReasonSchema(Schema):
    """One rule the slot breaks; only the fields of its code are present."""

    code = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(reasons.CODES),
        metadata={"description": REASON_CODES_TEXT, "example": "busy"},
    )
    message = ma.fields.String(
        required=True,
        metadata={"example": "The calendar is busy from 2027-03-01T10:00:00Z to "
                  "2027-03-01T10:30:00Z"},
    )  # fmt: skip
    start = Instant(
        metadata={
            "description": "busy: the busy part of the slot; buffer, held: the "
            "part in the way of the slot widened by the buffer"
        }
    )
    end = Instant()
    day = ma.fields.Date(
        metadata={"description": "outside_working_hours, daily_limit: the local day"}
    )
    windows = ma.fields.List(
        ma.fields.Nested(BusyBlockSchema),
        metadata={"description": "outside_working_hours: that day's working hours"},
    )
    previous_start = Instant(
        metadata={"description": "not_on_interval: the slot start just before"}
    )
    next_start = Instant(
        metadata={"description": "not_on_interval: the slot start just after"}
    )
    earliest_start = Instant(
        metadata={"description": "min_notice: the earliest start allowed now"}
    )
    last_day = ma.fields.Date(
        metadata={"description": "beyond_horizon: the last local day allowed"}
    )
    limit = ma.fields.Integer(
        metadata={
            "description": "not_on_interval: minutes between starts; min_notice: "
            "minutes of notice; beyond_horizon: days ahead; daily_limit: bookings "
            "a day"
        }
    )
    count = ma.fields.Integer(
        metadata={"description": "daily_limit: bookings and holds of that day"}
    )
    buffer_minutes = ma.fields.Integer(
        metadata={"description": "buffer, held: minutes kept free around slots"}
    )
    expires_at = Instant(metadata={"description": "held: when the hold lapses"})
    name = ma.fields.String(
        metadata={"description": "holiday: the public holiday's name"}
    )


class ExplainedEventSchema(Schema):
    id = ma.fields.UUID(required=True)
    title = ma.fields.String(required=True)
    calendar_id = ma.fields.UUID(required=True)


class NamedReasonSchema(ReasonSchema):
    calendar_id = ma.fields.UUID(
        metadata={"description": "busy, buffer: the calendar that is busy"}
    )
    event = ma.fields.Nested(
        ExplainedEventSchema,
        metadata={
            "description": "busy, buffer: the event in the way, when you may read "
            "it (events:read); absent otherwise"
        },
    )


def reason_fields(reason: reasons.Reason) -> dict:
    """The fields of a reason that apply to it (``source`` is for the caller)."""
    shown = {
        name: value
        for name, value in reason.__dict__.items()
        if value is not None and name != "source"
    }
    if reason.windows is not None:
        shown["windows"] = [{"start": s, "end": e} for s, e in reason.windows]
    return shown


class ExplainSchema(Schema):
    EXAMPLE = {
        "calendar_ids": ["0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10"],
        "start": "2027-01-11T10:00:00Z",
        "duration_minutes": 60,
        "timezone": "Europe/London",
        "working_hours": {"mon": [{"start": "09:00", "end": "17:00"}]},
        "buffer_minutes": 10,
    }

    calendar_ids = ma.fields.List(
        ma.fields.UUID(), required=True, validate=ma.validate.Length(min=1, max=20)
    )
    start = Instant(required=True, metadata={"description": "The slot's start"})
    duration_minutes = ma.fields.Integer(
        strict=True,
        validate=ma.validate.Range(min=5, max=1440),
        metadata={"description": "The slot's length (or give `end`)"},
    )
    end = Instant(metadata={"description": "The slot's end (or give duration)"})
    timezone = timezone_field()
    working_hours = working_hours_field(allow_none=True)
    schedule_id = schedule_id_field()
    buffer_minutes = ma.fields.Integer(
        strict=True, load_default=0, validate=ma.validate.Range(min=0, max=1440)
    )
    slot_interval_minutes = ma.fields.Integer(
        strict=True,
        allow_none=True,
        validate=ma.validate.Range(min=5, max=1440),
        metadata={"description": "Step between slot starts (default: the duration)"},
    )

    @ma.validates_schema
    def _length(self, data, **kwargs):
        check_hours_or_schedule(data)
        if ("end" in data) == ("duration_minutes" in data):
            raise ma.ValidationError("give either end or duration_minutes", "end")
        if "end" in data and "start" in data:
            minutes = (data["end"] - data["start"]) / timedelta(minutes=1)
            if not 5 <= minutes <= 1440 or minutes != int(minutes):
                raise ma.ValidationError(
                    "must be 5 to 1440 whole minutes after start", "end"
                )


class SlotExplanationSchema(Schema):
    EXAMPLE = {
        "calendar_ids": ["0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10"],
        "schedule_id": None,
        "timezone": "Europe/London",
        "duration_minutes": 60,
        "slot": {"start": "2027-01-11T10:00:00Z", "end": "2027-01-11T11:00:00Z"},
        "offered": False,
        "reasons": [
            {
                "code": "busy",
                "message": "The calendar is busy from 2027-01-11T10:30:00Z to "
                "2027-01-11T11:00:00Z",
                "start": "2027-01-11T10:30:00Z",
                "end": "2027-01-11T11:00:00Z",
                "calendar_id": "0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10",
                "event": {
                    "id": "6f1d2c3b-4a5e-4f70-8b9c-0d1e2f3a4b5c",
                    "title": "Quarterly review",
                    "calendar_id": "0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10",
                },
            }
        ],
    }

    calendar_ids = ma.fields.List(ma.fields.UUID(), required=True)
    schedule_id = ma.fields.UUID(
        required=True, allow_none=True, metadata={"description": "The schedule used"}
    )
    timezone = ma.fields.String(required=True)
    duration_minutes = ma.fields.Integer(required=True)
    slot = ma.fields.Nested(BusyBlockSchema, required=True)
    offered = ma.fields.Boolean(
        required=True,
        metadata={"description": "Would POST /availability/find offer this slot"},
    )
    reasons = ma.fields.List(
        ma.fields.Nested(NamedReasonSchema),
        required=True,
        metadata={"description": "Every rule the slot breaks; empty when offered"},
    )
