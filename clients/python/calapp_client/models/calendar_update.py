from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CalendarUpdate")


@_attrs_define
class CalendarUpdate:
    """
    Example:
        {'color': '#0B8043', 'name': 'Work (London office)'}

    Attributes:
        color (str | Unset):
        description (None | str | Unset):
        is_public (bool | Unset):
        name (str | Unset):
        timezone (str | Unset):
    """

    color: str | Unset = UNSET
    description: None | str | Unset = UNSET
    is_public: bool | Unset = UNSET
    name: str | Unset = UNSET
    timezone: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        color = self.color

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        is_public = self.is_public

        name = self.name

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if color is not UNSET:
            field_dict["color"] = color
        if description is not UNSET:
            field_dict["description"] = description
        if is_public is not UNSET:
            field_dict["is_public"] = is_public
        if name is not UNSET:
            field_dict["name"] = name
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        color = d.pop("color", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        is_public = d.pop("is_public", UNSET)

        name = d.pop("name", UNSET)

        timezone = d.pop("timezone", UNSET)

        calendar_update = cls(
            color=color,
            description=description,
            is_public=is_public,
            name=name,
            timezone=timezone,
        )

        return calendar_update
