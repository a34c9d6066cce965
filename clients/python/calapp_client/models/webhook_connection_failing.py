from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.webhook_connection_failing_type import WebhookConnectionFailingType

if TYPE_CHECKING:
    from ..models.connection_data import ConnectionData


T = TypeVar("T", bound="WebhookConnectionFailing")


@_attrs_define
class WebhookConnectionFailing:
    """
    Attributes:
        created_at (datetime.datetime): When the change was made
        data (ConnectionData):
        id (UUID): The event's id, the same on every delivery of it (retries, redeliveries): deduplicate on it
        type_ (WebhookConnectionFailingType):
    """

    created_at: datetime.datetime
    data: ConnectionData
    id: UUID
    type_: WebhookConnectionFailingType

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        id = str(self.id)

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "data": data,
                "id": id,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.connection_data import ConnectionData  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = ConnectionData.from_dict(d.pop("data"))

        id = UUID(d.pop("id"))

        type_ = WebhookConnectionFailingType(d.pop("type"))

        webhook_connection_failing = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return webhook_connection_failing
