from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.webhook_event_created_type import WebhookEventCreatedType

if TYPE_CHECKING:
    from ..models.event_data import EventData


T = TypeVar("T", bound="WebhookEventCreated")


@_attrs_define
class WebhookEventCreated:
    """
    Attributes:
        created_at (datetime.datetime): When the change was made
        data (EventData):
        id (UUID): The event's id, the same on every delivery of it (retries, redeliveries): deduplicate on it
        position (int): Position of the change in the change log (the order changes were committed in; sync tokens and
            streams use the same positions). `data` is the resource as it was when the entry was read, which may be later
            than the change.
        type_ (WebhookEventCreatedType):
    """

    created_at: datetime.datetime
    data: EventData
    id: UUID
    position: int
    type_: WebhookEventCreatedType

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        id = str(self.id)

        position = self.position

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "data": data,
                "id": id,
                "position": position,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_data import EventData  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = EventData.from_dict(d.pop("data"))

        id = UUID(d.pop("id"))

        position = d.pop("position")

        type_ = WebhookEventCreatedType(d.pop("type"))

        webhook_event_created = cls(
            created_at=created_at,
            data=data,
            id=id,
            position=position,
            type_=type_,
        )

        return webhook_event_created
