from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.event_update_status import EventUpdateStatus
from ..models.event_update_transparency import EventUpdateTransparency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attachment import Attachment


T = TypeVar("T", bound="EventUpdate")


@_attrs_define
class EventUpdate:
    """
    Example:
        {'end_time': '2027-01-11T10:00:00Z', 'location': 'Room 2.03', 'title': 'Weekly planning (30 min)'}

    Attributes:
        all_day (bool | Unset): Default: true when start_time is a date
        attachments (list[Attachment] | Unset):
        calendar_id (UUID | Unset): Move the event (needs write on both calendars)
        description (None | str | Unset):
        end_time (datetime.date | datetime.datetime | Unset): An RFC 3339 date-time not before start_time (equal: a
            zero-length event), or for an all-day event a date after it (exclusive; omitted on create: one day)
        exdates (list[datetime.date | datetime.datetime] | Unset): Occurrences to remove: their original starts (dates
            for an all-day event)
        location (None | str | Unset):
        rdates (list[datetime.date | datetime.datetime] | Unset): Extra occurrence starts (dates for all-day)
        recurrence_rule (None | str | Unset): RFC 5545 RRULE, with or without the RRULE: prefix
        start_time (datetime.date | datetime.datetime | Unset): A date (all-day events, e.g. 2026-12-25) or an RFC 3339
            date-time with Z or an offset (timed events)
        status (EventUpdateStatus | Unset):
        tags (list[str] | Unset): At most 50 tags of 1-64 characters (trimmed; duplicates dropped)
        timezone (str | Unset): IANA zone (default: the calendar's) Example: Europe/Berlin.
        title (str | Unset):
        transparency (EventUpdateTransparency | Unset):
    """

    all_day: bool | Unset = UNSET
    attachments: list[Attachment] | Unset = UNSET
    calendar_id: UUID | Unset = UNSET
    description: None | str | Unset = UNSET
    end_time: datetime.date | datetime.datetime | Unset = UNSET
    exdates: list[datetime.date | datetime.datetime] | Unset = UNSET
    location: None | str | Unset = UNSET
    rdates: list[datetime.date | datetime.datetime] | Unset = UNSET
    recurrence_rule: None | str | Unset = UNSET
    start_time: datetime.date | datetime.datetime | Unset = UNSET
    status: EventUpdateStatus | Unset = UNSET
    tags: list[str] | Unset = UNSET
    timezone: str | Unset = UNSET
    title: str | Unset = UNSET
    transparency: EventUpdateTransparency | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        all_day = self.all_day

        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_dict()
                attachments.append(attachments_item)

        calendar_id: str | Unset = UNSET
        if not isinstance(self.calendar_id, Unset):
            calendar_id = str(self.calendar_id)

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

        start_time: str | Unset
        if isinstance(self.start_time, Unset):
            start_time = UNSET
        elif isinstance(self.start_time, datetime.date):
            start_time = self.start_time.isoformat()
        else:
            start_time = self.start_time.isoformat()

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        timezone = self.timezone

        title = self.title

        transparency: str | Unset = UNSET
        if not isinstance(self.transparency, Unset):
            transparency = self.transparency.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if all_day is not UNSET:
            field_dict["all_day"] = all_day
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if calendar_id is not UNSET:
            field_dict["calendar_id"] = calendar_id
        if description is not UNSET:
            field_dict["description"] = description
        if end_time is not UNSET:
            field_dict["end_time"] = end_time
        if exdates is not UNSET:
            field_dict["exdates"] = exdates
        if location is not UNSET:
            field_dict["location"] = location
        if rdates is not UNSET:
            field_dict["rdates"] = rdates
        if recurrence_rule is not UNSET:
            field_dict["recurrence_rule"] = recurrence_rule
        if start_time is not UNSET:
            field_dict["start_time"] = start_time
        if status is not UNSET:
            field_dict["status"] = status
        if tags is not UNSET:
            field_dict["tags"] = tags
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if title is not UNSET:
            field_dict["title"] = title
        if transparency is not UNSET:
            field_dict["transparency"] = transparency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attachment import Attachment  # noqa: PLC0415

        d = dict(src_dict)
        all_day = d.pop("all_day", UNSET)

        _attachments = d.pop("attachments", UNSET)
        attachments: list[Attachment] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = Attachment.from_dict(attachments_item_data)

                attachments.append(attachments_item)

        _calendar_id = d.pop("calendar_id", UNSET)
        calendar_id: UUID | Unset
        if isinstance(_calendar_id, Unset):
            calendar_id = UNSET
        else:
            calendar_id = UUID(_calendar_id)

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

        def _parse_start_time(data: object) -> datetime.date | datetime.datetime | Unset:
            if isinstance(data, Unset):
                return data
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

        start_time = _parse_start_time(d.pop("start_time", UNSET))

        _status = d.pop("status", UNSET)
        status: EventUpdateStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = EventUpdateStatus(_status)

        tags = cast(list[str], d.pop("tags", UNSET))

        timezone = d.pop("timezone", UNSET)

        title = d.pop("title", UNSET)

        _transparency = d.pop("transparency", UNSET)
        transparency: EventUpdateTransparency | Unset
        if isinstance(_transparency, Unset):
            transparency = UNSET
        else:
            transparency = EventUpdateTransparency(_transparency)

        event_update = cls(
            all_day=all_day,
            attachments=attachments,
            calendar_id=calendar_id,
            description=description,
            end_time=end_time,
            exdates=exdates,
            location=location,
            rdates=rdates,
            recurrence_rule=recurrence_rule,
            start_time=start_time,
            status=status,
            tags=tags,
            timezone=timezone,
            title=title,
            transparency=transparency,
        )

        return event_update
