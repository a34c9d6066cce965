from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.notification_kind import NotificationKind

if TYPE_CHECKING:
    from ..models.notification_data import NotificationData


T = TypeVar("T", bound="Notification")


@_attrs_define
class Notification:
    """
    Example:
        {'body': 'Monday 11 January 2027, 09:30-10:00 (Europe/London), Room 4.12', 'created_at': '2027-01-11T09:20:01Z',
            'data': {'due_at': '2027-01-11T09:20:00Z', 'event_id': '5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60', 'is_late': False,
            'location': 'Room 4.12', 'minutes_before': 10, 'occurrence_start': '2027-01-11T09:30:00Z', 'reminder_id':
            'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', 'series_id': '5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60'}, 'event_id':
            '5c2e8f1a-9b3d-4f6e-8a7c-1d2b3e4f5a60', 'id': '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b', 'kind': 'reminder',
            'read_at': None, 'title': 'Weekly planning in 10 minutes'}

    Attributes:
        body (str):
        created_at (datetime.datetime):
        data (NotificationData): reminder: event_id, series_id, occurrence_start, due_at, minutes_before, reminder_id,
            is_late, location; delivery_failed: delivery_id, channel, topic, recipient, event_id, error
        event_id (None | UUID):
        id (UUID):
        kind (NotificationKind): reminder: an event's reminder is due; delivery_failed: an email (reminder or
            invitation) could not be sent after every try
        read_at (datetime.datetime | None):
        title (str):
    """

    body: str
    created_at: datetime.datetime
    data: NotificationData
    event_id: None | UUID
    id: UUID
    kind: NotificationKind
    read_at: datetime.datetime | None
    title: str

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        event_id: None | str
        if isinstance(self.event_id, UUID):
            event_id = str(self.event_id)
        else:
            event_id = self.event_id

        id = str(self.id)

        kind = self.kind.value

        read_at: None | str
        if isinstance(self.read_at, datetime.datetime):
            read_at = self.read_at.isoformat()
        else:
            read_at = self.read_at

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "body": body,
                "created_at": created_at,
                "data": data,
                "event_id": event_id,
                "id": id,
                "kind": kind,
                "read_at": read_at,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notification_data import NotificationData  # noqa: PLC0415

        d = dict(src_dict)
        body = d.pop("body")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = NotificationData.from_dict(d.pop("data"))

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

        kind = NotificationKind(d.pop("kind"))

        def _parse_read_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                read_at_type_0 = datetime.datetime.fromisoformat(data)

                return read_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        read_at = _parse_read_at(d.pop("read_at"))

        title = d.pop("title")

        notification = cls(
            body=body,
            created_at=created_at,
            data=data,
            event_id=event_id,
            id=id,
            kind=kind,
            read_at=read_at,
            title=title,
        )

        return notification
