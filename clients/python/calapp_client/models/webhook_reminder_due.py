from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.webhook_reminder_due_type import WebhookReminderDueType

if TYPE_CHECKING:
    from ..models.reminder_due_data import ReminderDueData


T = TypeVar("T", bound="WebhookReminderDue")


@_attrs_define
class WebhookReminderDue:
    """
    Attributes:
        created_at (datetime.datetime): When the change was made
        data (ReminderDueData):
        id (UUID): The event's id, the same on every delivery of it (retries, redeliveries): deduplicate on it
        type_ (WebhookReminderDueType):
    """

    created_at: datetime.datetime
    data: ReminderDueData
    id: UUID
    type_: WebhookReminderDueType

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
        from ..models.reminder_due_data import ReminderDueData  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = ReminderDueData.from_dict(d.pop("data"))

        id = UUID(d.pop("id"))

        type_ = WebhookReminderDueType(d.pop("type"))

        webhook_reminder_due = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return webhook_reminder_due
