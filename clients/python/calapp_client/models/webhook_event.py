from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="WebhookEvent")


@_attrs_define
class WebhookEvent:
    """
    Attributes:
        all_day (bool):
        calendar_id (UUID):
        deleted_at (datetime.datetime | None):
        description (None | str):
        end_time (datetime.datetime):
        ical_uid (str):
        id (UUID):
        location (None | str):
        original_start_time (datetime.datetime | None):
        recurrence_rule (None | str):
        sequence (int):
        series_id (None | UUID):
        start_time (datetime.datetime):
        status (str):
        timezone (str):
        title (str):
        updated_at (datetime.datetime):
    """

    all_day: bool
    calendar_id: UUID
    deleted_at: datetime.datetime | None
    description: None | str
    end_time: datetime.datetime
    ical_uid: str
    id: UUID
    location: None | str
    original_start_time: datetime.datetime | None
    recurrence_rule: None | str
    sequence: int
    series_id: None | UUID
    start_time: datetime.datetime
    status: str
    timezone: str
    title: str
    updated_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        all_day = self.all_day

        calendar_id = str(self.calendar_id)

        deleted_at: None | str
        if isinstance(self.deleted_at, datetime.datetime):
            deleted_at = self.deleted_at.isoformat()
        else:
            deleted_at = self.deleted_at

        description: None | str
        description = self.description

        end_time = self.end_time.isoformat()

        ical_uid = self.ical_uid

        id = str(self.id)

        location: None | str
        location = self.location

        original_start_time: None | str
        if isinstance(self.original_start_time, datetime.datetime):
            original_start_time = self.original_start_time.isoformat()
        else:
            original_start_time = self.original_start_time

        recurrence_rule: None | str
        recurrence_rule = self.recurrence_rule

        sequence = self.sequence

        series_id: None | str
        if isinstance(self.series_id, UUID):
            series_id = str(self.series_id)
        else:
            series_id = self.series_id

        start_time = self.start_time.isoformat()

        status = self.status

        timezone = self.timezone

        title = self.title

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "all_day": all_day,
                "calendar_id": calendar_id,
                "deleted_at": deleted_at,
                "description": description,
                "end_time": end_time,
                "ical_uid": ical_uid,
                "id": id,
                "location": location,
                "original_start_time": original_start_time,
                "recurrence_rule": recurrence_rule,
                "sequence": sequence,
                "series_id": series_id,
                "start_time": start_time,
                "status": status,
                "timezone": timezone,
                "title": title,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        all_day = d.pop("all_day")

        calendar_id = UUID(d.pop("calendar_id"))

        def _parse_deleted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deleted_at_type_0 = datetime.datetime.fromisoformat(data)

                return deleted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deleted_at = _parse_deleted_at(d.pop("deleted_at"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        end_time = datetime.datetime.fromisoformat(d.pop("end_time"))

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

        def _parse_recurrence_rule(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        recurrence_rule = _parse_recurrence_rule(d.pop("recurrence_rule"))

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

        start_time = datetime.datetime.fromisoformat(d.pop("start_time"))

        status = d.pop("status")

        timezone = d.pop("timezone")

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        webhook_event = cls(
            all_day=all_day,
            calendar_id=calendar_id,
            deleted_at=deleted_at,
            description=description,
            end_time=end_time,
            ical_uid=ical_uid,
            id=id,
            location=location,
            original_start_time=original_start_time,
            recurrence_rule=recurrence_rule,
            sequence=sequence,
            series_id=series_id,
            start_time=start_time,
            status=status,
            timezone=timezone,
            title=title,
            updated_at=updated_at,
        )

        return webhook_event
