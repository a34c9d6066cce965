from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="WebhookReminder")


@_attrs_define
class WebhookReminder:
    """
    Attributes:
        id (UUID):
        minutes_before (int):
    """

    id: UUID
    minutes_before: int

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        minutes_before = self.minutes_before

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "minutes_before": minutes_before,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        minutes_before = d.pop("minutes_before")

        webhook_reminder = cls(
            id=id,
            minutes_before=minutes_before,
        )

        return webhook_reminder
