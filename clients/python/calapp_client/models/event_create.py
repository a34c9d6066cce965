from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.event_create_status import EventCreateStatus
from ..models.event_create_transparency import EventCreateTransparency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attachment import Attachment
    from ..models.attendee_create import AttendeeCreate


T = TypeVar("T", bound="EventCreate")


@_attrs_define
class EventCreate:
    """
    Example:
        {'attendees': [{'email': 'charles@example.com', 'name': 'Charles Babbage'}], 'calendar_id':
            '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'description': 'Priorities for the week', 'end_time':
            '2027-01-11T10:00:00Z', 'location': 'Room 4.12', 'recurrence_rule': 'FREQ=WEEKLY;BYDAY=MO', 'reminders': [10],
            'start_time': '2027-01-11T09:30:00Z', 'tags': ['team'], 'timezone': 'Europe/London', 'title': 'Weekly planning'}

    Attributes:
        calendar_id (UUID):
        start_time (datetime.date | datetime.datetime): A date (all-day events, e.g. 2026-12-25) or an RFC 3339 date-
            time with Z or an offset (timed events)
        title (str):
        all_day (bool | Unset): Default: true when start_time is a date
        attachments (list[Attachment] | Unset):
        attendees (list[AttendeeCreate] | Unset):
        description (None | str | Unset):
        end_time (datetime.date | datetime.datetime | Unset): An RFC 3339 date-time not before start_time (equal: a
            zero-length event), or for an all-day event a date after it (exclusive; omitted on create: one day)
        exdates (list[datetime.date | datetime.datetime] | Unset): Occurrences to remove: their original starts (dates
            for an all-day event)
        ical_uid (str | Unset): iCalendar UID, unique per calendar (default: <uuid>@calapp)
        location (None | str | Unset):
        rdates (list[datetime.date | datetime.datetime] | Unset): Extra occurrence starts (dates for all-day)
        recurrence_rule (None | str | Unset): RFC 5545 RRULE, with or without the RRULE: prefix
        reminders (list[int] | Unset): Minutes before the start (0-40320), at most 10
        status (EventCreateStatus | Unset):
        tags (list[str] | Unset): At most 50 tags of 1-64 characters (trimmed; duplicates dropped)
        timezone (str | Unset): IANA zone (default: the calendar's) Example: Europe/Berlin.
        transparency (EventCreateTransparency | Unset):
    """

    calendar_id: UUID
    start_time: datetime.date | datetime.datetime
    title: str
    all_day: bool | Unset = UNSET
    attachments: list[Attachment] | Unset = UNSET
    attendees: list[AttendeeCreate] | Unset = UNSET
    description: None | str | Unset = UNSET
    end_time: datetime.date | datetime.datetime | Unset = UNSET
    exdates: list[datetime.date | datetime.datetime] | Unset = UNSET
    ical_uid: str | Unset = UNSET
    location: None | str | Unset = UNSET
    rdates: list[datetime.date | datetime.datetime] | Unset = UNSET
    recurrence_rule: None | str | Unset = UNSET
    reminders: list[int] | Unset = UNSET
    status: EventCreateStatus | Unset = UNSET
    tags: list[str] | Unset = UNSET
    timezone: str | Unset = UNSET
    transparency: EventCreateTransparency | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        calendar_id = str(self.calendar_id)

        start_time: str
        if isinstance(self.start_time, datetime.date):
            start_time = self.start_time.isoformat()
        else:
            start_time = self.start_time.isoformat()

        title = self.title

        all_day = self.all_day

        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_dict()
                attachments.append(attachments_item)

        attendees: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attendees, Unset):
            attendees = []
            for attendees_item_data in self.attendees:
                attendees_item = attendees_item_data.to_dict()
                attendees.append(attendees_item)

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        end_time: str | Unset
        if isinstance(self.end_time, Unset):
            end_time = UNSET
        elif isinstance(self.end_time, datetime.date):
            end_time = self.end_time.isoformat()
        else:
            end_time = self.end_time.isoformat()

        exdates: list[str] | Unset = UNSET
        if not isinstance(self.exdates, Unset):
            exdates = []
            for exdates_item_data in self.exdates:
                exdates_item: str
                if isinstance(exdates_item_data, datetime.date):
                    exdates_item = exdates_item_data.isoformat()
                else:
                    exdates_item = exdates_item_data.isoformat()

                exdates.append(exdates_item)

        ical_uid = self.ical_uid

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location

        rdates: list[str] | Unset = UNSET
        if not isinstance(self.rdates, Unset):
            rdates = []
            for rdates_item_data in self.rdates:
                rdates_item: str
                if isinstance(rdates_item_data, datetime.date):
                    rdates_item = rdates_item_data.isoformat()
                else:
                    rdates_item = rdates_item_data.isoformat()

                rdates.append(rdates_item)

        recurrence_rule: None | str | Unset
        if isinstance(self.recurrence_rule, Unset):
            recurrence_rule = UNSET
        else:
            recurrence_rule = self.recurrence_rule

        reminders: list[int] | Unset = UNSET
        if not isinstance(self.reminders, Unset):
            reminders = self.reminders

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        timezone = self.timezone

        transparency: str | Unset = UNSET
        if not isinstance(self.transparency, Unset):
            transparency = self.transparency.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "calendar_id": calendar_id,
                "start_time": start_time,
                "title": title,
            }
        )
        if all_day is not UNSET:
            field_dict["all_day"] = all_day
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if attendees is not UNSET:
            field_dict["attendees"] = attendees
        if description is not UNSET:
            field_dict["description"] = description
        if end_time is not UNSET:
            field_dict["end_time"] = end_time
        if exdates is not UNSET:
            field_dict["exdates"] = exdates
        if ical_uid is not UNSET:
            field_dict["ical_uid"] = ical_uid
        if location is not UNSET:
            field_dict["location"] = location
        if rdates is not UNSET:
            field_dict["rdates"] = rdates
        if recurrence_rule is not UNSET:
            field_dict["recurrence_rule"] = recurrence_rule
        if reminders is not UNSET:
            field_dict["reminders"] = reminders
        if status is not UNSET:
            field_dict["status"] = status
        if tags is not UNSET:
            field_dict["tags"] = tags
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if transparency is not UNSET:
            field_dict["transparency"] = transparency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attachment import Attachment  # noqa: PLC0415
        from ..models.attendee_create import AttendeeCreate  # noqa: PLC0415

        d = dict(src_dict)
        calendar_id = UUID(d.pop("calendar_id"))

        def _parse_start_time(data: object) -> datetime.date | datetime.datetime:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_time_type_0 = datetime.date.fromisoformat(data)

                return start_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            start_time_type_1 = datetime.datetime.fromisoformat(data)

            return start_time_type_1

        start_time = _parse_start_time(d.pop("start_time"))

        title = d.pop("title")

        all_day = d.pop("all_day", UNSET)

        _attachments = d.pop("attachments", UNSET)
        attachments: list[Attachment] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = Attachment.from_dict(attachments_item_data)

                attachments.append(attachments_item)

        _attendees = d.pop("attendees", UNSET)
        attendees: list[AttendeeCreate] | Unset = UNSET
        if _attendees is not UNSET:
            attendees = []
            for attendees_item_data in _attendees:
                attendees_item = AttendeeCreate.from_dict(attendees_item_data)

                attendees.append(attendees_item)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_end_time(data: object) -> datetime.date | datetime.datetime | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_time_type_0 = datetime.date.fromisoformat(data)

                return end_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            end_time_type_1 = datetime.datetime.fromisoformat(data)

            return end_time_type_1

        end_time = _parse_end_time(d.pop("end_time", UNSET))

        _exdates = d.pop("exdates", UNSET)
        exdates: list[datetime.date | datetime.datetime] | Unset = UNSET
        if _exdates is not UNSET:
            exdates = []
            for exdates_item_data in _exdates:

                def _parse_exdates_item(data: object) -> datetime.date | datetime.datetime:
                    try:
                        if not isinstance(data, str):
                            raise TypeError()
                        exdates_item_type_0 = datetime.date.fromisoformat(data)

                        return exdates_item_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if not isinstance(data, str):
                        raise TypeError()
                    exdates_item_type_1 = datetime.datetime.fromisoformat(data)

                    return exdates_item_type_1

                exdates_item = _parse_exdates_item(exdates_item_data)

                exdates.append(exdates_item)

        ical_uid = d.pop("ical_uid", UNSET)

        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))

        _rdates = d.pop("rdates", UNSET)
        rdates: list[datetime.date | datetime.datetime] | Unset = UNSET
        if _rdates is not UNSET:
            rdates = []
            for rdates_item_data in _rdates:

                def _parse_rdates_item(data: object) -> datetime.date | datetime.datetime:
                    try:
                        if not isinstance(data, str):
                            raise TypeError()
                        rdates_item_type_0 = datetime.date.fromisoformat(data)

                        return rdates_item_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if not isinstance(data, str):
                        raise TypeError()
                    rdates_item_type_1 = datetime.datetime.fromisoformat(data)

                    return rdates_item_type_1

                rdates_item = _parse_rdates_item(rdates_item_data)

                rdates.append(rdates_item)

        def _parse_recurrence_rule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        recurrence_rule = _parse_recurrence_rule(d.pop("recurrence_rule", UNSET))

        reminders = cast(list[int], d.pop("reminders", UNSET))

        _status = d.pop("status", UNSET)
        status: EventCreateStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = EventCreateStatus(_status)

        tags = cast(list[str], d.pop("tags", UNSET))

        timezone = d.pop("timezone", UNSET)

        _transparency = d.pop("transparency", UNSET)
        transparency: EventCreateTransparency | Unset
        if isinstance(_transparency, Unset):
            transparency = UNSET
        else:
            transparency = EventCreateTransparency(_transparency)

        event_create = cls(
            calendar_id=calendar_id,
            start_time=start_time,
            title=title,
            all_day=all_day,
            attachments=attachments,
            attendees=attendees,
            description=description,
            end_time=end_time,
            exdates=exdates,
            ical_uid=ical_uid,
            location=location,
            rdates=rdates,
            recurrence_rule=recurrence_rule,
            reminders=reminders,
            status=status,
            tags=tags,
            timezone=timezone,
            transparency=transparency,
        )

        return event_create
