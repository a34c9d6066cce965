from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.event_update_result_source_type_1 import EventUpdateResultSourceType1
from ..models.event_update_result_source_type_2_type_1 import EventUpdateResultSourceType2Type1
from ..models.event_update_result_source_type_3_type_1 import EventUpdateResultSourceType3Type1
from ..models.event_update_result_status import EventUpdateResultStatus
from ..models.event_update_result_transparency import EventUpdateResultTransparency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attendee import Attendee
    from ..models.event_attachment import EventAttachment
    from ..models.reminder import Reminder


T = TypeVar("T", bound="EventUpdateResult")


@_attrs_define
class EventUpdateResult:
    """
    Example:
        {'all_day': False, 'attachments': [], 'attendees': [{'email': 'charles@example.com', 'id':
            'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', 'name': 'Charles Babbage', 'status': 'accepted', 'user_id':
            '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'}], 'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'created_at':
            '2026-12-05T14:03:00Z', 'created_by': '7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d', 'description': 'Priorities for the
            week', 'end_date': None, 'end_time': '2027-01-11T10:00:00Z', 'exdates': [], 'ical_uid':
            '5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60@calapp', 'id': '5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60', 'location': 'Room
            2.03', 'original_start_time': None, 'rdates': [], 'recurrence_rule': 'FREQ=WEEKLY;BYDAY=MO', 'reminders':
            [{'id': 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', 'minutes_before': 10, 'notify_attendees': False}], 'sequence':
            1, 'series_id': None, 'source': None, 'start_date': None, 'start_time': '2027-01-11T09:30:00Z', 'status':
            'confirmed', 'tags': ['team'], 'timezone': 'Europe/London', 'title': 'Weekly planning (30 min)', 'transparency':
            'busy', 'updated_at': '2026-12-06T08:12:00Z', 'updated_by': '7d1a2b3c-4e5f-4a6b-8c9d-0e1f2a3b4c5d'}

    Attributes:
        all_day (bool):
        attachments (list[EventAttachment]):
        attendees (list[Attendee]):
        calendar_id (UUID):
        created_at (datetime.datetime):
        created_by (None | UUID):
        description (None | str):
        end_date (datetime.date | None): Day after the last day of an all-day event (exclusive, as in iCalendar); null
            otherwise
        end_time (datetime.datetime): UTC; equal to start_time for a zero-length event (RFC 5545: a DTSTART without an
            end), which is listed in a window it starts in and is never busy
        exdates (list[datetime.datetime]): Original starts removed from the rule (UTC)
        ical_uid (str):
        id (UUID):
        location (None | str):
        original_start_time (datetime.datetime | None): The occurrence's slot in the rule (RECURRENCE-ID), UTC; address
            it at /events/{series_id}/instances/{original_start_time}
        rdates (list[datetime.datetime]): Extra starts added to the rule (UTC)
        recurrence_rule (None | str): RFC 5545 RRULE without the RRULE: prefix
        reminders (list[Reminder]):
        sequence (int): iCalendar SEQUENCE: grows when the time, title, location, status or rule change
        series_id (None | UUID): For an occurrence or an exception: its recurring event (an occurrence also has that
            event's id). Null for other events
        source (EventUpdateResultSourceType1 | EventUpdateResultSourceType2Type1 | EventUpdateResultSourceType3Type1 |
            None): null: an event of calapp; caldav or ics: brought in from a connected calendar (GET /connections) and
            read-only here
        start_date (datetime.date | None): First day of an all-day event; null otherwise
        start_time (datetime.datetime): UTC; for an all-day event, midnight of start_date in the event's timezone
        status (EventUpdateResultStatus):
        tags (list[str]):
        timezone (str):  Example: Europe/Berlin.
        title (str):
        transparency (EventUpdateResultTransparency):
        updated_at (datetime.datetime):
        updated_by (None | UUID):
        dropped_exceptions (list[datetime.datetime] | Unset): Original starts of changed or cancelled occurrences
            deleted because the new rule or start no longer has their slot
    """

    all_day: bool
    attachments: list[EventAttachment]
    attendees: list[Attendee]
    calendar_id: UUID
    created_at: datetime.datetime
    created_by: None | UUID
    description: None | str
    end_date: datetime.date | None
    end_time: datetime.datetime
    exdates: list[datetime.datetime]
    ical_uid: str
    id: UUID
    location: None | str
    original_start_time: datetime.datetime | None
    rdates: list[datetime.datetime]
    recurrence_rule: None | str
    reminders: list[Reminder]
    sequence: int
    series_id: None | UUID
    source: EventUpdateResultSourceType1 | EventUpdateResultSourceType2Type1 | EventUpdateResultSourceType3Type1 | None
    start_date: datetime.date | None
    start_time: datetime.datetime
    status: EventUpdateResultStatus
    tags: list[str]
    timezone: str
    title: str
    transparency: EventUpdateResultTransparency
    updated_at: datetime.datetime
    updated_by: None | UUID
    dropped_exceptions: list[datetime.datetime] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        all_day = self.all_day

        attachments = []
        for attachments_item_data in self.attachments:
            attachments_item = attachments_item_data.to_dict()
            attachments.append(attachments_item)

        attendees = []
        for attendees_item_data in self.attendees:
            attendees_item = attendees_item_data.to_dict()
            attendees.append(attendees_item)

        calendar_id = str(self.calendar_id)

        created_at = self.created_at.isoformat()

        created_by: None | str
        if isinstance(self.created_by, UUID):
            created_by = str(self.created_by)
        else:
            created_by = self.created_by

        description: None | str
        description = self.description

        end_date: None | str
        if isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        end_time = self.end_time.isoformat()

        exdates = []
        for exdates_item_data in self.exdates:
            exdates_item = exdates_item_data.isoformat()
            exdates.append(exdates_item)

        ical_uid = self.ical_uid

        id = str(self.id)

        location: None | str
        location = self.location

        original_start_time: None | str
        if isinstance(self.original_start_time, datetime.datetime):
            original_start_time = self.original_start_time.isoformat()
        else:
            original_start_time = self.original_start_time

        rdates = []
        for rdates_item_data in self.rdates:
            rdates_item = rdates_item_data.isoformat()
            rdates.append(rdates_item)

        recurrence_rule: None | str
        recurrence_rule = self.recurrence_rule

        reminders = []
        for reminders_item_data in self.reminders:
            reminders_item = reminders_item_data.to_dict()
            reminders.append(reminders_item)

        sequence = self.sequence

        series_id: None | str
        if isinstance(self.series_id, UUID):
            series_id = str(self.series_id)
        else:
            series_id = self.series_id

        source: None | str
        if isinstance(self.source, EventUpdateResultSourceType1):
            source = self.source.value
        elif isinstance(self.source, EventUpdateResultSourceType2Type1):
            source = self.source.value
        elif isinstance(self.source, EventUpdateResultSourceType3Type1):
            source = self.source.value
        else:
            source = self.source

        start_date: None | str
        if isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        start_time = self.start_time.isoformat()

        status = self.status.value

        tags = self.tags

        timezone = self.timezone

        title = self.title

        transparency = self.transparency.value

        updated_at = self.updated_at.isoformat()

        updated_by: None | str
        if isinstance(self.updated_by, UUID):
            updated_by = str(self.updated_by)
        else:
            updated_by = self.updated_by

        dropped_exceptions: list[str] | Unset = UNSET
        if not isinstance(self.dropped_exceptions, Unset):
            dropped_exceptions = []
            for dropped_exceptions_item_data in self.dropped_exceptions:
                dropped_exceptions_item = dropped_exceptions_item_data.isoformat()
                dropped_exceptions.append(dropped_exceptions_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "all_day": all_day,
                "attachments": attachments,
                "attendees": attendees,
                "calendar_id": calendar_id,
                "created_at": created_at,
                "created_by": created_by,
                "description": description,
                "end_date": end_date,
                "end_time": end_time,
                "exdates": exdates,
                "ical_uid": ical_uid,
                "id": id,
                "location": location,
                "original_start_time": original_start_time,
                "rdates": rdates,
                "recurrence_rule": recurrence_rule,
                "reminders": reminders,
                "sequence": sequence,
                "series_id": series_id,
                "source": source,
                "start_date": start_date,
                "start_time": start_time,
                "status": status,
                "tags": tags,
                "timezone": timezone,
                "title": title,
                "transparency": transparency,
                "updated_at": updated_at,
                "updated_by": updated_by,
            }
        )
        if dropped_exceptions is not UNSET:
            field_dict["dropped_exceptions"] = dropped_exceptions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attendee import Attendee  # noqa: PLC0415
        from ..models.event_attachment import EventAttachment  # noqa: PLC0415
        from ..models.reminder import Reminder  # noqa: PLC0415

        d = dict(src_dict)
        all_day = d.pop("all_day")

        attachments = []
        _attachments = d.pop("attachments")
        for attachments_item_data in _attachments:
            attachments_item = EventAttachment.from_dict(attachments_item_data)

            attachments.append(attachments_item)

        attendees = []
        _attendees = d.pop("attendees")
        for attendees_item_data in _attendees:
            attendees_item = Attendee.from_dict(attendees_item_data)

            attendees.append(attendees_item)

        calendar_id = UUID(d.pop("calendar_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_by_type_0 = UUID(data)

                return created_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        created_by = _parse_created_by(d.pop("created_by"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_end_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        end_date = _parse_end_date(d.pop("end_date"))

        end_time = datetime.datetime.fromisoformat(d.pop("end_time"))

        exdates = []
        _exdates = d.pop("exdates")
        for exdates_item_data in _exdates:
            exdates_item = datetime.datetime.fromisoformat(exdates_item_data)

            exdates.append(exdates_item)

        ical_uid = d.pop("ical_uid")

        id = UUID(d.pop("id"))

        def _parse_location(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        location = _parse_location(d.pop("location"))

        def _parse_original_start_time(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                original_start_time_type_0 = datetime.datetime.fromisoformat(data)

                return original_start_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        original_start_time = _parse_original_start_time(d.pop("original_start_time"))

        rdates = []
        _rdates = d.pop("rdates")
        for rdates_item_data in _rdates:
            rdates_item = datetime.datetime.fromisoformat(rdates_item_data)

            rdates.append(rdates_item)

        def _parse_recurrence_rule(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        recurrence_rule = _parse_recurrence_rule(d.pop("recurrence_rule"))

        reminders = []
        _reminders = d.pop("reminders")
        for reminders_item_data in _reminders:
            reminders_item = Reminder.from_dict(reminders_item_data)

            reminders.append(reminders_item)

        sequence = d.pop("sequence")

        def _parse_series_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                series_id_type_0 = UUID(data)

                return series_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        series_id = _parse_series_id(d.pop("series_id"))

        def _parse_source(
            data: object,
        ) -> (
            EventUpdateResultSourceType1 | EventUpdateResultSourceType2Type1 | EventUpdateResultSourceType3Type1 | None
        ):
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_type_1 = EventUpdateResultSourceType1(data)

                return source_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_type_2_type_1 = EventUpdateResultSourceType2Type1(data)

                return source_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_type_3_type_1 = EventUpdateResultSourceType3Type1(data)

                return source_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                EventUpdateResultSourceType1
                | EventUpdateResultSourceType2Type1
                | EventUpdateResultSourceType3Type1
                | None,
                data,
            )

        source = _parse_source(d.pop("source"))

        def _parse_start_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.date.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        start_date = _parse_start_date(d.pop("start_date"))

        start_time = datetime.datetime.fromisoformat(d.pop("start_time"))

        status = EventUpdateResultStatus(d.pop("status"))

        tags = cast(list[str], d.pop("tags"))

        timezone = d.pop("timezone")

        title = d.pop("title")

        transparency = EventUpdateResultTransparency(d.pop("transparency"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_updated_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_by_type_0 = UUID(data)

                return updated_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        updated_by = _parse_updated_by(d.pop("updated_by"))

        _dropped_exceptions = d.pop("dropped_exceptions", UNSET)
        dropped_exceptions: list[datetime.datetime] | Unset = UNSET
        if _dropped_exceptions is not UNSET:
            dropped_exceptions = []
            for dropped_exceptions_item_data in _dropped_exceptions:
                dropped_exceptions_item = datetime.datetime.fromisoformat(dropped_exceptions_item_data)

                dropped_exceptions.append(dropped_exceptions_item)

        event_update_result = cls(
            all_day=all_day,
            attachments=attachments,
            attendees=attendees,
            calendar_id=calendar_id,
            created_at=created_at,
            created_by=created_by,
            description=description,
            end_date=end_date,
            end_time=end_time,
            exdates=exdates,
            ical_uid=ical_uid,
            id=id,
            location=location,
            original_start_time=original_start_time,
            rdates=rdates,
            recurrence_rule=recurrence_rule,
            reminders=reminders,
            sequence=sequence,
            series_id=series_id,
            source=source,
            start_date=start_date,
            start_time=start_time,
            status=status,
            tags=tags,
            timezone=timezone,
            title=title,
            transparency=transparency,
            updated_at=updated_at,
            updated_by=updated_by,
            dropped_exceptions=dropped_exceptions,
        )

        return event_update_result
