from datetime import timedelta

import marshmallow as ma

from calapp.api import Schema
from calapp.availability import month, participants, reasons
from calapp.fields import Email, Instant, Timezone

MAX_PARTICIPANTS = 20
PARTICIPANT_TEXT = (
    "A person by user id or email: their busy time across the calendars they "
    "share with you (role freebusy or above; yours when it is you). One who "
    "shares nothing with you, or does not exist, is a 404 naming them as given"
)


class Participant(ma.fields.String):
    """A person by user id or email, kept as given (trimmed)."""

    default_error_messages = {"invalid": "must be a user id or an email address"}

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if participants.as_user_id(text) is not None:
            return text
        try:
            return Email()._deserialize(text, attr, data, **kwargs)
        except ma.ValidationError as exc:
            raise self.make_error("invalid") from exc


def participants_field(description: str = PARTICIPANT_TEXT, **kwargs):
    return ma.fields.List(
        Participant(metadata={"example": "ada@example.com"}),
        validate=ma.validate.Length(max=MAX_PARTICIPANTS),
        metadata={"description": description},
        **kwargs,
    )


class AvailabilityArgsSchema(Schema):
    calendar_id = ma.fields.List(
        ma.fields.UUID(),
        load_default=list,
        validate=ma.validate.Length(max=20),
        metadata={
            "description": "Repeatable: ?calendar_id=A&calendar_id=B (a calendar "
            "you hold any role on, freebusy included)"
        },
    )
    participant = participants_field(
        "Repeatable: ?participant=ada@example.com&participant=<user id>. "
        + PARTICIPANT_TEXT,
        load_default=list,
    )
    start = Instant(required=True)
    end = Instant(required=True, metadata={"description": "At most 366 days after"})

    @ma.validates_schema
    def _something(self, data, **kwargs):
        if not data.get("calendar_id") and not data.get("participant"):
            raise ma.ValidationError(
                "give at least one calendar_id or participant", "calendar_id"
            )


class BusyBlockSchema(Schema):
    start = Instant(required=True)
    end = Instant(required=True)


class CalendarBusySchema(Schema):
    calendar_id = ma.fields.UUID(required=True)
    busy = ma.fields.List(ma.fields.Nested(BusyBlockSchema), required=True)


class ParticipantBusySchema(Schema):
    participant = ma.fields.String(
        required=True, metadata={"description": "As you gave it"}
    )
    busy = ma.fields.List(
        ma.fields.Nested(BusyBlockSchema),
        required=True,
        metadata={"description": "Merged busy blocks of their shared calendars"},
    )


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
        "participants": [],
    }

    calendar_id = ma.fields.UUID(
        required=True,
        allow_none=True,
        metadata={"description": "The first calendar asked for (null: none was)"},
    )
    start = Instant(required=True)
    end = Instant(required=True)
    busy = ma.fields.List(
        ma.fields.Nested(BusyBlockSchema),
        required=True,
        metadata={
            "description": "Merged busy blocks of all the calendars and participants"
        },
    )
    calendars = ma.fields.List(
        ma.fields.Nested(CalendarBusySchema),
        required=True,
        metadata={"description": "Busy blocks of each calendar, in the order asked"},
    )
    participants = ma.fields.List(
        ma.fields.Nested(ParticipantBusySchema),
        required=True,
        metadata={"description": "Busy blocks of each participant, in the order asked"},
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
        "calendar_ids": ["0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10"],
        "participants": ["ada@example.com", "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"],
        "optional_participants": ["bob@example.com", "carol@example.com"],
        "min_required": 1,
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
        ma.fields.UUID(),
        load_default=list,
        validate=ma.validate.Length(max=20),
        metadata={
            "description": "Calendars that must be free (any role, freebusy "
            "included); give calendars, participants or both"
        },
    )
    participants = participants_field(
        "Required participants: every one must be free. " + PARTICIPANT_TEXT,
        load_default=list,
    )
    optional_participants = participants_field(
        "Optional participants: slots come ranked by how many of them are free "
        "(each slot lists them), and need at least min_required of them",
        load_default=list,
    )
    min_required = ma.fields.Integer(
        strict=True,
        load_default=0,
        validate=ma.validate.Range(min=0, max=MAX_PARTICIPANTS),
        metadata={
            "description": "How many optional participants must be free in a slot "
            "(at most as many as there are)"
        },
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

    @ma.validates_schema
    def _someone(self, data, **kwargs):
        if not any(
            data.get(name)
            for name in ("calendar_ids", "participants", "optional_participants")
        ):
            raise ma.ValidationError(
                "give at least one of calendar_ids, participants or "
                "optional_participants",
                "calendar_ids",
            )
        both = set(data.get("participants", ())) & set(
            data.get("optional_participants", ())
        )
        if both:
            raise ma.ValidationError(
                f"{', '.join(sorted(both))} cannot be both required and optional",
                "optional_participants",
            )


class FoundSlotSchema(BusyBlockSchema):
    optional_free = ma.fields.List(
        ma.fields.String(),
        metadata={
            "description": "With optional_participants: those free in this slot, "
            "as given"
        },
    )
    optional_free_count = ma.fields.Integer(
        metadata={"description": "With optional_participants: how many are free"}
    )


class FoundSlotsSchema(Schema):
    EXAMPLE = {
        "calendar_ids": ["0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10"],
        "participants": ["ada@example.com", "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"],
        "optional_participants": ["bob@example.com", "carol@example.com"],
        "min_required": 1,
        "schedule_id": None,
        "timezone": "Europe/London",
        "duration_minutes": 30,
        "slots": [
            {
                "start": "2027-01-11T10:00:00Z",
                "end": "2027-01-11T10:30:00Z",
                "optional_free": ["bob@example.com", "carol@example.com"],
                "optional_free_count": 2,
            },
            {
                "start": "2027-01-11T09:00:00Z",
                "end": "2027-01-11T09:30:00Z",
                "optional_free": ["carol@example.com"],
                "optional_free_count": 1,
            },
        ],
    }

    calendar_ids = ma.fields.List(ma.fields.UUID(), required=True)
    schedule_id = ma.fields.UUID(
        required=True, allow_none=True, metadata={"description": "The schedule used"}
    )
    participants = ma.fields.List(
        ma.fields.String(),
        required=True,
        metadata={"description": "The required participants, as given"},
    )
    optional_participants = ma.fields.List(
        ma.fields.String(),
        metadata={"description": "The optional participants, as given (if any)"},
    )
    min_required = ma.fields.Integer(
        metadata={"description": "With optional_participants: as asked"}
    )
    timezone = ma.fields.String(required=True)
    duration_minutes = ma.fields.Integer(required=True)
    slots = ma.fields.List(
        ma.fields.Nested(FoundSlotSchema),
        required=True,
        metadata={
            "description": "By start; with optional_participants, those with the "
            "most of them free first, then by start"
        },
    )


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
    participant = ma.fields.String(
        metadata={
            "description": "The participant (as you gave them) whose busy time, "
            "time off, holiday or own working hours the reason is about"
        }
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
        ma.fields.UUID(), load_default=list, validate=ma.validate.Length(max=20)
    )
    participants = participants_field(
        "People judged as POST /availability/find judges required participants: "
        "their shared busy time, time off, holidays and own working hours. "
        + PARTICIPANT_TEXT,
        load_default=list,
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
        if not data.get("calendar_ids") and not data.get("participants"):
            raise ma.ValidationError(
                "give calendar_ids, participants or both", "calendar_ids"
            )
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
        "participants": [],
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
    participants = ma.fields.List(
        ma.fields.String(),
        required=True,
        metadata={"description": "The participants as you gave them"},
    )
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


# --- the month view -----------------------------------------------------------------

MONTH_EXAMPLE_DAYS = [
    {"date": "2027-04-01", "status": "available", "holiday_name": None, "slots": 16},
    {
        "date": "2027-04-02",
        "status": "holiday",
        "holiday_name": "Good Friday",
        "slots": 0,
    },
    {"date": "2027-04-03", "status": "off", "holiday_name": None, "slots": 0},
    {"date": "2027-04-05", "status": "partial", "holiday_name": None, "slots": 11},
    {"date": "2027-04-06", "status": "full", "holiday_name": None, "slots": 0},
    {"date": "2027-04-07", "status": "time_off", "holiday_name": None, "slots": 0},
]


class MonthArgsSchema(Schema):
    year = ma.fields.Integer(
        required=True,
        validate=ma.validate.Range(1900, 2200),
        metadata={"description": "The year, 1900-2200", "example": 2027},
    )
    month = ma.fields.Integer(
        required=True,
        validate=ma.validate.Range(1, 12),
        metadata={"description": "The month, 1-12", "example": 4},
    )
    timezone = Timezone(
        metadata={
            "description": "The zone whose local days are listed (default: the "
            "zone of the link or schedule)",
            "example": "Europe/Berlin",
        }
    )


class MyMonthArgsSchema(MonthArgsSchema):
    schedule_id = ma.fields.UUID(
        metadata={"description": "One of your schedules (default: your default one)"}
    )
    duration_minutes = ma.fields.Integer(
        load_default=30,
        validate=ma.validate.Range(5, 1440),
        metadata={"description": "Slot length in minutes (default 30)"},
    )
    participant = participants_field(
        "Repeatable: the month of a group. A day's slots are then those free "
        "for you and for every participant: within their own default schedule "
        "too, outside their busy time, time off and blocking holidays. "
        + PARTICIPANT_TEXT,
        load_default=list,
    )


class MonthDaySchema(Schema):
    date = ma.fields.Date(required=True, metadata={"description": "The local day"})
    status = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(month.STATUSES),
        metadata={
            "description": "available: slots offered and none taken; partial: "
            "slots offered, some taken by busy, held or booked time (or time "
            "off); full: working hours but every slot taken; off: no working "
            "hours (or none within notice and horizon); holiday: a blocking "
            "public holiday; time_off: time off covers the day's hours"
        },
    )
    holiday_name = ma.fields.String(
        allow_none=True,
        metadata={"description": "The public holiday on the day, if any"},
    )
    slots = ma.fields.Integer(
        required=True, metadata={"description": "Slots offered on the day"}
    )


class MonthSchema(Schema):
    EXAMPLE = {
        "year": 2027,
        "month": 4,
        "timezone": "Europe/Berlin",
        "duration_minutes": 30,
        "schedule_id": "5e0c7f3a-9b2d-4c61-8a7e-3f1d2b9c6a40",
        "participants": ["ada@example.com"],
        "days": MONTH_EXAMPLE_DAYS,
    }

    year = ma.fields.Integer(required=True)
    month = ma.fields.Integer(required=True)
    timezone = ma.fields.String(required=True)
    duration_minutes = ma.fields.Integer(required=True)
    schedule_id = ma.fields.UUID(required=True)
    participants = ma.fields.List(
        ma.fields.String(),
        required=True,
        metadata={
            "description": "The participants as you gave them (empty: you alone)"
        },
    )
    days = ma.fields.List(ma.fields.Nested(MonthDaySchema), required=True)
