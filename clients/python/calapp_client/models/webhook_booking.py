from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="WebhookBooking")


@_attrs_define
class WebhookBooking:
    """
    Attributes:
        calendar_id (UUID):
        cancelled_at (datetime.datetime | None):
        created_at (datetime.datetime):
        email (str):
        end_time (datetime.datetime):
        event_id (None | UUID):
        id (UUID):
        link_id (UUID):
        name (None | str):
        start_time (datetime.datetime):
        status (str):
    """

    calendar_id: UUID
    cancelled_at: datetime.datetime | None
    created_at: datetime.datetime
    email: str
    end_time: datetime.datetime
    event_id: None | UUID
    id: UUID
    link_id: UUID
    name: None | str
    start_time: datetime.datetime
    status: str

    def to_dict(self) -> dict[str, Any]:
        calendar_id = str(self.calendar_id)

        cancelled_at: None | str
        if isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        created_at = self.created_at.isoformat()

        email = self.email

        end_time = self.end_time.isoformat()

        event_id: None | str
        if isinstance(self.event_id, UUID):
            event_id = str(self.event_id)
        else:
            event_id = self.event_id

        id = str(self.id)

        link_id = str(self.link_id)

        name: None | str
        name = self.name

        start_time = self.start_time.isoformat()

        status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "calendar_id": calendar_id,
                "cancelled_at": cancelled_at,
                "created_at": created_at,
                "email": email,
                "end_time": end_time,
                "event_id": event_id,
                "id": id,
                "link_id": link_id,
                "name": name,
                "start_time": start_time,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        calendar_id = UUID(d.pop("calendar_id"))

        def _parse_cancelled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        end_time = datetime.datetime.fromisoformat(d.pop("end_time"))

        def _parse_event_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                event_id_type_0 = UUID(data)

                return event_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        event_id = _parse_event_id(d.pop("event_id"))

        id = UUID(d.pop("id"))

        link_id = UUID(d.pop("link_id"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        start_time = datetime.datetime.fromisoformat(d.pop("start_time"))

        status = d.pop("status")

        webhook_booking = cls(
            calendar_id=calendar_id,
            cancelled_at=cancelled_at,
            created_at=created_at,
            email=email,
            end_time=end_time,
            event_id=event_id,
            id=id,
            link_id=link_id,
            name=name,
            start_time=start_time,
            status=status,
        )

        return webhook_booking
