from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="ExplainedEvent")


@_attrs_define
class ExplainedEvent:
    """
    Attributes:
        calendar_id (UUID):
        id (UUID):
        title (str):
    """

    calendar_id: UUID
    id: UUID
    title: str

    def to_dict(self) -> dict[str, Any]:
        calendar_id = str(self.calendar_id)

        id = str(self.id)

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "calendar_id": calendar_id,
                "id": id,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        calendar_id = UUID(d.pop("calendar_id"))

        id = UUID(d.pop("id"))

        title = d.pop("title")

        explained_event = cls(
            calendar_id=calendar_id,
            id=id,
            title=title,
        )

        return explained_event
