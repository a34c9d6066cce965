from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.event_type_type import EventTypeType

if TYPE_CHECKING:
    from ..models.event_type_schema import EventTypeSchema


T = TypeVar("T", bound="EventType")


@_attrs_define
class EventType:
    """
    Attributes:
        description (str):
        schema (EventTypeSchema): JSON Schema of the payload
        type_ (EventTypeType):
    """

    description: str
    schema: EventTypeSchema
    type_: EventTypeType

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        schema = self.schema.to_dict()

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
                "schema": schema,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_type_schema import EventTypeSchema  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description")

        schema = EventTypeSchema.from_dict(d.pop("schema"))

        type_ = EventTypeType(d.pop("type"))

        event_type = cls(
            description=description,
            schema=schema,
            type_=type_,
        )

        return event_type
