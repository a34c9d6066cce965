from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.webhook_occurrence import WebhookOccurrence
    from ..models.webhook_reminder import WebhookReminder


T = TypeVar("T", bound="ReminderDueData")


@_attrs_define
class ReminderDueData:
    """
    Attributes:
        due_at (datetime.datetime):
        event (WebhookOccurrence):
        is_late (bool): Sent after an interruption
        occurrence_start (datetime.datetime):
        reminder (WebhookReminder):
    """

    due_at: datetime.datetime
    event: WebhookOccurrence
    is_late: bool
    occurrence_start: datetime.datetime
    reminder: WebhookReminder

    def to_dict(self) -> dict[str, Any]:
        due_at = self.due_at.isoformat()

        event = self.event.to_dict()

        is_late = self.is_late

        occurrence_start = self.occurrence_start.isoformat()

        reminder = self.reminder.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "due_at": due_at,
                "event": event,
                "is_late": is_late,
                "occurrence_start": occurrence_start,
                "reminder": reminder,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_occurrence import WebhookOccurrence  # noqa: PLC0415
        from ..models.webhook_reminder import WebhookReminder  # noqa: PLC0415

        d = dict(src_dict)
        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        event = WebhookOccurrence.from_dict(d.pop("event"))

        is_late = d.pop("is_late")

        occurrence_start = datetime.datetime.fromisoformat(d.pop("occurrence_start"))

        reminder = WebhookReminder.from_dict(d.pop("reminder"))

        reminder_due_data = cls(
            due_at=due_at,
            event=event,
            is_late=is_late,
            occurrence_start=occurrence_start,
            reminder=reminder,
        )

        return reminder_due_data
