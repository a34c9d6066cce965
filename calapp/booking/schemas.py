import marshmallow as ma

from calapp.api import PageArgsSchema, Schema
from calapp.availability import slots
from calapp.availability.schemas import (
    MONTH_EXAMPLE_DAYS,
    MonthDaySchema,
    ReasonSchema,
    WorkingHourSlotSchema,
)
from calapp.events.schemas import CleanEmail, EventSchema, Text
from calapp.fields import Instant, Timezone

MAX_MINUTES = 1440
MAX_NOTICE_MINUTES = 525_600  # a year
MAX_DAYS_AHEAD = 3650
MAX_CONFIRMATION_HOURS = 720  # 30 days


def _minutes(low: int, high: int = MAX_MINUTES, **kwargs) -> ma.fields.Integer:
    return ma.fields.Integer(
        strict=True, validate=ma.validate.Range(min=low, max=high), **kwargs
    )


# --- working hours --------------------------------------------------------------------


def _day(name: str) -> ma.fields.List:
    return ma.fields.List(
        ma.fields.Nested(WorkingHourSlotSchema),
        metadata={"description": f"Windows on {name} (HH:MM local; end may be 24:00)"},
    )


class WorkingHoursSchema(Schema):
    mon = _day("Monday")
    tue = _day("Tuesday")
    wed = _day("Wednesday")
    thu = _day("Thursday")
    fri = _day("Friday")
    sat = _day("Saturday")
    sun = _day("Sunday")


def normalize_working_hours(value: dict) -> dict:
    """All seven days, windows sorted, "HH:MM" with 24:00 for the ending midnight.

    :raises ma.ValidationError: the windows break a rule of ``slots``.
    """
    try:
        parsed = slots.parse_working_hours(value)
    except ValueError as exc:
        raise ma.ValidationError(str(exc), "working_hours") from exc
    return {
        key: [
            {
                "start": f"{w.start:%H:%M}",
                "end": "24:00" if w.end == slots.MIDNIGHT else f"{w.end:%H:%M}",
            }
            for w in parsed.get(index, ())
        ]
        for index, key in enumerate(slots.DAY_KEYS)
    }


def _working_hours(**kwargs) -> ma.fields.Nested:
    return ma.fields.Nested(
        WorkingHoursSchema,
        metadata={
            "description": "Working hour windows per day of week, in `timezone`; "
            "a missing or empty day is closed",
            "example": {
                "mon": [{"start": "09:00", "end": "17:00"}],
                "tue": [
                    {"start": "09:00", "end": "12:00"},
                    {"start": "13:00", "end": "17:00"},
                ],
                "sat": [],
            },
        },
        **kwargs,
    )


# --- links (owner) --------------------------------------------------------------------


class _LinkFields(Schema):
    duration_minutes = _minutes(5, metadata={"example": 30})
    buffer_minutes = _minutes(
        0,
        metadata={
            "description": "Free time kept before and after every booking",
            "example": 0,
        },
    )
    timezone = Timezone(
        metadata={
            "description": "The zone of working_hours (not with schedule_id: a "
            "schedule has its own)",
            "example": "America/Asuncion",
        }
    )
    working_hours = _working_hours()
    schedule_id = ma.fields.UUID(
        allow_none=True,
        metadata={
            "description": "One of your schedules (POST /schedules) instead of "
            "inline working_hours: its weekly windows, date overrides and zone"
        },
    )
    active = ma.fields.Boolean()
    min_notice_minutes = _minutes(
        0,
        MAX_NOTICE_MINUTES,
        metadata={"description": "Earliest booking: now plus this (default 60)"},
    )
    max_days_ahead = _minutes(
        0,
        MAX_DAYS_AHEAD,
        metadata={
            "description": "Latest booking: this many days after today, in the "
            "link's zone (default 60)"
        },
    )
    slot_interval_minutes = _minutes(
        5,
        allow_none=True,
        metadata={"description": "Step between slot starts (null: the duration)"},
    )
    max_bookings_per_day = ma.fields.Integer(
        strict=True,
        allow_none=True,
        validate=ma.validate.Range(min=1, max=1000),
        metadata={"description": "Per local day of the link (null: unlimited)"},
    )
    title = Text(
        strip=True,
        validate=ma.validate.Length(min=1, max=500),
        metadata={
            "description": 'Title of booked events (default "Meeting with '
            '<owner name or email>")'
        },
    )
    description = Text(allow_none=True, validate=ma.validate.Length(max=5000))
    requires_confirmation = ma.fields.Boolean(
        metadata={
            "description": "Reservations wait for your approval (status pending, "
            "a tentative event holding the slot) until you approve or decline "
            "them at /bookings/{id}/approve|decline (default false)"
        }
    )
    confirmation_timeout_hours = _minutes(
        1,
        MAX_CONFIRMATION_HOURS,
        metadata={
            "description": "Hours you have to answer a pending booking; after "
            "them it is declined and its slot freed (default 24)"
        },
    )

    @ma.validates_schema
    def _hours_or_schedule(self, data, **kwargs):
        if data.get("schedule_id") is not None:
            for name in ("working_hours", "timezone"):
                if name in data:
                    raise ma.ValidationError(
                        "give schedule_id or working_hours and timezone, not both",
                        name,
                    )

    @ma.post_load
    def _normalise(self, data, **kwargs):
        if "working_hours" in data:
            data["working_hours"] = normalize_working_hours(data["working_hours"])
        return data


class BookingLinkCreateSchema(_LinkFields):
    EXAMPLE = {
        "duration_minutes": 30,
        "buffer_minutes": 10,
        "timezone": "Europe/London",
        "working_hours": {
            "mon": [{"start": "09:00", "end": "12:00"}],
            "wed": [{"start": "13:00", "end": "17:00"}],
        },
        "min_notice_minutes": 120,
        "max_days_ahead": 30,
        "title": "Intro call with Ada",
    }

    duration_minutes = _minutes(5, required=True, metadata={"example": 30})
    buffer_minutes = _minutes(0, load_default=0, metadata={"example": 0})
    active = ma.fields.Boolean(load_default=True)
    min_notice_minutes = _minutes(0, MAX_NOTICE_MINUTES, load_default=60)
    max_days_ahead = _minutes(0, MAX_DAYS_AHEAD, load_default=60)
    requires_confirmation = ma.fields.Boolean(load_default=False)
    confirmation_timeout_hours = _minutes(1, MAX_CONFIRMATION_HOURS, load_default=24)

    @ma.validates_schema
    def _one_of(self, data, **kwargs):
        if data.get("schedule_id") is None:
            missing = [n for n in ("working_hours", "timezone") if n not in data]
            if missing:
                raise ma.ValidationError(
                    {n: ["is required unless schedule_id is given"] for n in missing}
                )


class BookingLinkUpdateSchema(_LinkFields):
    """Every field optional: a field left out keeps its value."""

    EXAMPLE = {"duration_minutes": 45, "max_bookings_per_day": 4}


class BookingLinkSettingsSchema(Schema):
    duration_minutes = ma.fields.Integer(required=True)
    buffer_minutes = ma.fields.Integer(required=True)
    timezone = ma.fields.String(
        required=True, metadata={"description": "The link's zone, or its schedule's"}
    )
    working_hours = ma.fields.Dict(
        required=True,
        metadata={
            "description": "All seven days (mon..sun), closed days empty: the "
            "link's own, or its schedule's weekly windows"
        },
    )
    schedule_id = ma.fields.UUID(
        required=True,
        allow_none=True,
        metadata={"description": "The schedule whose hours the link offers, or null"},
    )
    active = ma.fields.Boolean(required=True)
    min_notice_minutes = ma.fields.Integer(required=True)
    max_days_ahead = ma.fields.Integer(required=True)
    slot_interval_minutes = ma.fields.Integer(
        required=True, metadata={"description": "The duration unless set"}
    )
    max_bookings_per_day = ma.fields.Integer(required=True, allow_none=True)
    title = ma.fields.String(required=True)
    description = ma.fields.String(required=True, allow_none=True)
    requires_confirmation = ma.fields.Boolean(required=True)
    confirmation_timeout_hours = ma.fields.Integer(required=True)


class BookingLinkSchema(Schema):
    EXAMPLE = {
        "token": "Hq3vN8xL2pWk",
        "public_url": "https://calendar.example.com/booking/Hq3vN8xL2pWk",
        "settings": {
            "duration_minutes": 30,
            "buffer_minutes": 10,
            "timezone": "Europe/London",
            "working_hours": {
                "mon": [{"start": "09:00", "end": "12:00"}],
                "tue": [],
                "wed": [{"start": "13:00", "end": "17:00"}],
                "thu": [],
                "fri": [],
                "sat": [],
                "sun": [],
            },
            "schedule_id": None,
            "active": True,
            "min_notice_minutes": 120,
            "max_days_ahead": 30,
            "slot_interval_minutes": 30,
            "max_bookings_per_day": None,
            "title": "Intro call with Ada",
            "description": None,
            "requires_confirmation": False,
            "confirmation_timeout_hours": 24,
        },
        "calendar_id": "0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10",
        "created_at": "2026-12-05T14:10:00Z",
        "updated_at": "2026-12-05T14:10:00Z",
    }

    token = ma.fields.String(required=True)
    public_url = ma.fields.String(
        required=True,
        metadata={
            "format": "uri",
            "example": "https://app.example.com/booking/abc123",
        },
    )
    settings = ma.fields.Nested(BookingLinkSettingsSchema, required=True)
    calendar_id = ma.fields.UUID(required=True)
    created_at = Instant(required=True)
    updated_at = Instant(required=True)


class BookingLinkListArgsSchema(PageArgsSchema):
    pass


# --- public ---------------------------------------------------------------------------


def _slot_order(data: dict, start: str = "slot_start", end: str = "slot_end") -> None:
    if start in data and end in data and data[end] <= data[start]:
        raise ma.ValidationError(f"must be after {start}", end)


class AvailabilityArgsSchema(Schema):
    start = Instant(required=True, metadata={"description": "Range start (RFC3339)"})
    end = Instant(
        required=True,
        metadata={"description": "Range end (RFC3339), at most 62 days after start"},
    )

    @ma.validates_schema
    def _window(self, data, **kwargs):
        _slot_order(data, "start", "end")


class TimeSlotSchema(Schema):
    start = Instant(required=True)
    end = Instant(required=True)


class PublicAvailabilitySchema(Schema):
    EXAMPLE = {
        "token": "Hq3vN8xL2pWk",  # noqa: S105 - a documentation example
        "timezone": "Europe/London",
        "duration_minutes": 30,
        "slots": [
            {"start": "2027-01-13T13:00:00Z", "end": "2027-01-13T13:30:00Z"},
            {"start": "2027-01-13T13:30:00Z", "end": "2027-01-13T14:00:00Z"},
        ],
    }

    token = ma.fields.String(required=True)
    timezone = ma.fields.String(required=True)
    duration_minutes = ma.fields.Integer(required=True)
    slots = ma.fields.List(ma.fields.Nested(TimeSlotSchema), required=True)


class PublicMonthSchema(Schema):
    EXAMPLE = {
        "token": "Hq3vN8xL2pWk",  # noqa: S105 - a documentation example
        "year": 2027,
        "month": 4,
        "timezone": "Europe/Berlin",
        "duration_minutes": 30,
        "days": MONTH_EXAMPLE_DAYS,
    }

    token = ma.fields.String(required=True)
    year = ma.fields.Integer(required=True)
    month = ma.fields.Integer(required=True)
    timezone = ma.fields.String(required=True)
    duration_minutes = ma.fields.Integer(required=True)
    days = ma.fields.List(ma.fields.Nested(MonthDaySchema), required=True)


class ExplainArgsSchema(Schema):
    start = Instant(
        required=True,
        metadata={
            "description": "The slot's start (RFC3339); it lasts the link's duration"
        },
    )


class PublicSlotExplanationSchema(Schema):
    """Whether the link offers a slot, and why not: never what is busy."""

    EXAMPLE = {
        "token": "Xq3v9bT2kLmN8pR4sW6yZ1aC5dE7fG0hJ2kL4mN6pQ8",
        "timezone": "Europe/Madrid",
        "duration_minutes": 30,
        "slot": {"start": "2027-01-11T16:45:00Z", "end": "2027-01-11T17:15:00Z"},
        "offered": False,
        "reasons": [
            {
                "code": "outside_working_hours",
                "message": "The slot is not inside the working hours of 2027-01-11 "
                "(Europe/Madrid)",
                "day": "2027-01-11",
                "windows": [
                    {"start": "2027-01-11T08:00:00Z", "end": "2027-01-11T16:00:00Z"}
                ],
            },
            {
                "code": "busy",
                "message": "The calendar is busy from 2027-01-11T17:00:00Z to "
                "2027-01-11T17:15:00Z",
                "start": "2027-01-11T17:00:00Z",
                "end": "2027-01-11T17:15:00Z",
            },
        ],
    }

    token = ma.fields.String(required=True)
    timezone = ma.fields.String(required=True)
    duration_minutes = ma.fields.Integer(required=True)
    slot = ma.fields.Nested(TimeSlotSchema, required=True)
    offered = ma.fields.Boolean(
        required=True,
        metadata={"description": "Is the slot in the link's availability now"},
    )
    reasons = ma.fields.List(
        ma.fields.Nested(ReasonSchema),
        required=True,
        metadata={"description": "Every rule the slot breaks; empty when offered"},
    )


class ReserveSchema(Schema):
    EXAMPLE = {
        "name": "Grace Hopper",
        "email": "grace@example.com",
        "slot_start": "2027-01-13T13:00:00Z",
        "slot_end": "2027-01-13T13:30:00Z",
        "notes": "About the compiler project",
    }

    name = Text(
        strip=True,
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={"example": "Visitor Name"},
    )
    email = CleanEmail(
        required=True,
        metadata={"format": "email", "example": "visitor@example.com"},
    )
    slot_start = Instant(required=True)
    slot_end = Instant(required=True)
    notes = Text(
        allow_none=True,
        validate=ma.validate.Length(max=5000),
        metadata={"example": "Looking forward to the meeting"},
    )
    hold_id = ma.fields.UUID(
        allow_none=True,
        metadata={"description": "A hold of this slot by the same email, to consume"},
    )

    @ma.validates_schema
    def _order(self, data, **kwargs):
        _slot_order(data)


class HoldCreateSchema(Schema):
    EXAMPLE = {
        "slot_start": "2027-01-13T13:00:00Z",
        "slot_end": "2027-01-13T13:30:00Z",
        "email": "grace@example.com",
    }

    slot_start = Instant(required=True)
    slot_end = Instant(required=True)
    email = CleanEmail(required=True, metadata={"format": "email"})

    @ma.validates_schema
    def _order(self, data, **kwargs):
        _slot_order(data)


class HoldSchema(Schema):
    EXAMPLE = {
        "hold_id": "a9b8c7d6-e5f4-4a3b-8c2d-1e0f9a8b7c6d",
        "expires_at": "2027-01-10T18:05:00Z",
    }

    hold_id = ma.fields.UUID(required=True)
    expires_at = Instant(required=True)


class ManageSchema(Schema):
    EXAMPLE = {"manage_token": "mT9qL2vX7cR4nB8kW1zY5hJ3"}  # noqa: S105

    manage_token = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "The secret returned once by reserve"},
    )


class ManageHeaderSchema(Schema):
    """The manage secret of ``GET /booking/{token}/bookings/{id}``, as a header:
    a secret in a URL would reach access logs and browser history."""

    class Meta:
        unknown = ma.EXCLUDE  # every other request header

    manage_token = ma.fields.String(
        required=True,
        data_key="Manage-Token",
        validate=ma.validate.Length(min=1, max=200),
        metadata={
            "description": "The secret returned once by reserve (also in "
            "the manage link of the confirmation email)"
        },
    )


class RescheduleSchema(ManageSchema):
    EXAMPLE = {
        "manage_token": "mT9qL2vX7cR4nB8kW1zY5hJ3",  # noqa: S105
        "slot_start": "2027-01-18T09:30:00Z",
        "slot_end": "2027-01-18T10:00:00Z",
    }

    slot_start = Instant(required=True)
    slot_end = Instant(required=True)

    @ma.validates_schema
    def _order(self, data, **kwargs):
        _slot_order(data)


class BookingSchema(Schema):
    id = ma.fields.UUID(required=True)
    status = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(("pending", "active", "declined", "cancelled")),
        metadata={
            "description": "pending: waits for the owner's approval; active: "
            "confirmed; declined: refused by the owner (or not answered in time); "
            "cancelled"
        },
    )
    slot_start = Instant(required=True)
    slot_end = Instant(required=True)
    manage_token = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "Secret to cancel or reschedule: shown once, in the "
            "response that created the booking; null otherwise"
        },
    )


VISITOR_EVENT = (
    "The booking as the visitor sees it: the link's title and description, the "
    "slot, and the visitor's name, email and notes as sent in this request (the "
    "booking's own for cancel and reschedule). Never what the owner added to the "
    "event later (notes, other attendees, location, reminders); `user_id` of the "
    "attendee is always null"
)


class ReservationSchema(Schema):
    EXAMPLE = {
        "ok": True,
        "status": "confirmed",
        "event": {
            **EventSchema.EXAMPLE,
            "id": "d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70",
            "ical_uid": "d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70@calapp",
            "title": "Intro call with Ada",
            "description": "Booked by Grace Hopper <grace@example.com> through a "
            "booking link.\n\nNotes from Grace Hopper:\nAbout the compiler project",
            "location": None,
            "start_time": "2027-01-13T13:00:00Z",
            "end_time": "2027-01-13T13:30:00Z",
            "recurrence_rule": None,
            "tags": [],
            "reminders": [],
            "attendees": [
                {
                    "id": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                    "email": "grace@example.com",
                    "name": "Grace Hopper",
                    "user_id": None,
                    "status": "accepted",
                }
            ],
            "created_by": None,
            "updated_by": None,
        },
        "booking": {
            "id": "6f5e4d3c-2b1a-4098-8776-5a4b3c2d1e0f",
            "status": "active",
            "slot_start": "2027-01-13T13:00:00Z",
            "slot_end": "2027-01-13T13:30:00Z",
            "manage_token": "mT9qL2vX7cR4nB8kW1zY5hJ3",  # noqa: S105
        },
    }

    ok = ma.fields.Boolean(required=True, metadata={"example": True})
    status = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(("confirmed", "pending")),
        metadata={
            "description": "confirmed: booked. pending: the link requires the "
            "owner's confirmation; the slot is held for you (the event is "
            "tentative) until the owner approves or declines, and you are told "
            "by email"
        },
    )
    event = ma.fields.Nested(
        EventSchema, required=True, metadata={"description": VISITOR_EVENT}
    )
    booking = ma.fields.Nested(BookingSchema, required=True)


class BookingChangeSchema(Schema):
    ok = ma.fields.Boolean(required=True, metadata={"example": True})
    event = ma.fields.Nested(
        EventSchema,
        required=True,
        allow_none=True,
        metadata={
            "description": VISITOR_EVENT + ". Null when the owner has deleted the event"
        },
    )
    booking = ma.fields.Nested(BookingSchema, required=True)


class PublicLinkSchema(Schema):
    """What a visitor may know of a link: nothing of its owner or calendar."""

    EXAMPLE = {
        "token": "Hq3vN8xL2pWk",  # noqa: S105 - a documentation example
        "title": "Intro call with Ada",
        "description": None,
        "duration_minutes": 30,
        "timezone": "Europe/London",
    }

    token = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    description = ma.fields.String(required=True, allow_none=True)
    duration_minutes = ma.fields.Integer(required=True)
    timezone = ma.fields.String(
        required=True,
        attribute="zone_name",
        metadata={"description": "The link's zone (working hours), or its schedule's"},
    )
    requires_confirmation = ma.fields.Boolean(
        metadata={"description": "Bookings wait for the owner's confirmation"}
    )


# --- the owner's bookings -------------------------------------------------------------

SHOWN_STATUSES = ("pending", "confirmed", "declined", "cancelled")


class BookingListArgsSchema(PageArgsSchema):
    status = ma.fields.String(
        validate=ma.validate.OneOf(SHOWN_STATUSES),
        metadata={"description": "Only bookings with this status"},
    )
    link = ma.fields.String(
        validate=ma.validate.Length(min=1, max=64),
        metadata={"description": "Only the bookings of this link (its token)"},
    )
    start = Instant(metadata={"description": "Only slots ending after this"})
    end = Instant(metadata={"description": "Only slots starting before this"})

    @ma.validates_schema
    def _window(self, data, **kwargs):
        _slot_order(data, "start", "end")


class BookedLinkSchema(Schema):
    token = ma.fields.String(required=True)
    title = ma.fields.String(required=True)


class OwnerBookingSchema(Schema):
    """A booking of one of your links, as its owner sees it."""

    EXAMPLE = {
        "id": "6f5e4d3c-2b1a-4098-8776-5a4b3c2d1e0f",
        "status": "pending",
        "link": {"token": "Hq3vN8xL2pWk", "title": "Intro call with Ada"},
        "calendar_id": "0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10",
        "event_id": "d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70",
        "name": "Grace Hopper",
        "email": "grace@example.com",
        "notes": "About the compiler project",
        "slot_start": "2027-01-13T13:00:00Z",
        "slot_end": "2027-01-13T13:30:00Z",
        "requires_confirmation": True,
        "respond_by": "2027-01-11T09:15:00Z",
        "decided_at": None,
        "reason": None,
        "created_at": "2027-01-10T09:15:00Z",
        "updated_at": "2027-01-10T09:15:00Z",
        "cancelled_at": None,
    }

    id = ma.fields.UUID(required=True)
    status = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(SHOWN_STATUSES),
        metadata={
            "description": "pending: waits for your answer (its event is "
            "tentative and holds the slot); confirmed; declined (by you, or not "
            "answered by respond_by); cancelled (by the visitor, or its event "
            "was cancelled or deleted)"
        },
    )
    link = ma.fields.Nested(BookedLinkSchema, required=True)
    calendar_id = ma.fields.UUID(required=True)
    event_id = ma.fields.UUID(required=True, allow_none=True)
    name = ma.fields.String(required=True, allow_none=True)
    email = ma.fields.String(required=True)
    notes = ma.fields.String(required=True, allow_none=True)
    slot_start = Instant(required=True)
    slot_end = Instant(required=True)
    requires_confirmation = ma.fields.Boolean(
        required=True,
        metadata={"description": "Made through a link that requires confirmation"},
    )
    respond_by = Instant(
        required=True,
        allow_none=True,
        metadata={
            "description": "While pending: it is declined if not answered by then"
        },
    )
    decided_at = Instant(required=True, allow_none=True)
    reason = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The reason given with the approval or decline"},
    )
    created_at = Instant(required=True)
    updated_at = Instant(required=True)
    cancelled_at = Instant(required=True, allow_none=True)


class BookingDecisionSchema(Schema):
    EXAMPLE = {"reason": "I am travelling that week: please pick a slot in March."}

    reason = Text(
        allow_none=True,
        strip=True,
        validate=ma.validate.Length(max=2000),
        metadata={"description": "Told to the visitor by email (optional)"},
    )
