from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.deleted_event_status import DeletedEventStatus

T = TypeVar("T", bound="DeletedEvent")


@_attrs_define
class DeletedEvent:
    """
    Attributes:
        calendar_id (None | UUID):
        id (UUID):
        original_start_time (datetime.datetime | None):
        series_id (None | UUID):
        status (DeletedEventStatus):
    """

    calendar_id: None | UUID
    id: UUID
    original_start_time: datetime.datetime | None
    series_id: None | UUID
    status: DeletedEventStatus

    def to_dict(self) -> dict[str, Any]:
        calendar_id: None | str
        if isinstance(self.calendar_id, UUID):
            calendar_id = str(self.calendar_id)
        else:
            calendar_id = self.calendar_id

        id = str(self.id)

        original_start_time: None | str
        if isinstance(self.original_start_time, datetime.datetime):
            original_start_time = self.original_start_time.isoformat()
        else:
            original_start_time = self.original_start_time

        series_id: None | str
        if isinstance(self.series_id, UUID):
            series_id = str(self.series_id)
        else:
            series_id = self.series_id

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "calendar_id": calendar_id,
                "id": id,
                "original_start_time": original_start_time,
                "series_id": series_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_calendar_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                calendar_id_type_0 = UUID(data)

                return calendar_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        calendar_id = _parse_calendar_id(d.pop("calendar_id"))

        id = UUID(d.pop("id"))

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

        status = DeletedEventStatus(d.pop("status"))

        deleted_event = cls(
            calendar_id=calendar_id,
            id=id,
            original_start_time=original_start_time,
            series_id=series_id,
            status=status,
        )

        return deleted_event
