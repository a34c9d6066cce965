from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="WebhookOccurrence")


@_attrs_define
class WebhookOccurrence:
    """
    Attributes:
        all_day (bool):
        calendar_id (UUID):
        end_time (datetime.datetime):
        id (UUID):
        location (None | str):
        series_id (None | UUID):
        start_time (datetime.datetime):
        timezone (str):
        title (str):
    """

    all_day: bool
    calendar_id: UUID
    end_time: datetime.datetime
    id: UUID
    location: None | str
    series_id: None | UUID
    start_time: datetime.datetime
    timezone: str
    title: str

    def to_dict(self) -> dict[str, Any]:
        all_day = self.all_day

        calendar_id = str(self.calendar_id)

        end_time = self.end_time.isoformat()

        id = str(self.id)

        location: None | str
        location = self.location

        series_id: None | str
        if isinstance(self.series_id, UUID):
            series_id = str(self.series_id)
        else:
            series_id = self.series_id

        start_time = self.start_time.isoformat()

        timezone = self.timezone

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "all_day": all_day,
                "calendar_id": calendar_id,
                "end_time": end_time,
                "id": id,
                "location": location,
                "series_id": series_id,
                "start_time": start_time,
                "timezone": timezone,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        all_day = d.pop("all_day")

        calendar_id = UUID(d.pop("calendar_id"))

        end_time = datetime.datetime.fromisoformat(d.pop("end_time"))

        id = UUID(d.pop("id"))

        def _parse_location(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        location = _parse_location(d.pop("location"))

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

        timezone = d.pop("timezone")

        title = d.pop("title")

        webhook_occurrence = cls(
            all_day=all_day,
            calendar_id=calendar_id,
            end_time=end_time,
            id=id,
            location=location,
            series_id=series_id,
            start_time=start_time,
            timezone=timezone,
            title=title,
        )

        return webhook_occurrence
