import marshmallow as ma

from calapp.api import Schema
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
    timezone = Timezone(required=True, metadata={"example": "Europe/Berlin"})
    working_hours = working_hours_field(allow_none=True)
    buffer_minutes = ma.fields.Integer(
        strict=True, load_default=0, validate=ma.validate.Range(min=0, max=1440)
    )
    slot_interval_minutes = ma.fields.Integer(
        strict=True,
        allow_none=True,
        validate=ma.validate.Range(min=5, max=1440),
        metadata={"description": "Step between slot starts (default: the duration)"},
    )


class FoundSlotsSchema(Schema):
    EXAMPLE = {
        "calendar_ids": [
            "0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10",
            "3e7a1c5b-2d4f-4b6a-9e8d-7c1b2a3f4e50",
        ],
        "timezone": "Europe/London",
        "duration_minutes": 30,
        "slots": [
            {"start": "2027-01-11T09:00:00Z", "end": "2027-01-11T09:30:00Z"},
            {"start": "2027-01-11T10:00:00Z", "end": "2027-01-11T10:30:00Z"},
        ],
    }

    calendar_ids = ma.fields.List(ma.fields.UUID(), required=True)
    timezone = ma.fields.String(required=True)
    duration_minutes = ma.fields.Integer(required=True)
    slots = ma.fields.List(ma.fields.Nested(BusyBlockSchema), required=True)
