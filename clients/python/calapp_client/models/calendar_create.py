from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CalendarCreate")


@_attrs_define
class CalendarCreate:
    """
    Example:
        {'color': '#3366CC', 'description': 'Meetings and office hours', 'is_public': False, 'name': 'Work', 'timezone':
            'Europe/London'}

    Attributes:
        name (str):
        color (str | Unset):  Default: '#3366CC'.
        description (None | str | Unset):
        is_public (bool | Unset):  Default: False.
        timezone (str | Unset):  Default: 'UTC'.
    """

    name: str
    color: str | Unset = "#3366CC"
    description: None | str | Unset = UNSET
    is_public: bool | Unset = False
    timezone: str | Unset = "UTC"

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        color = self.color

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        is_public = self.is_public

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if color is not UNSET:
            field_dict["color"] = color
        if description is not UNSET:
            field_dict["description"] = description
        if is_public is not UNSET:
            field_dict["is_public"] = is_public
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        color = d.pop("color", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        is_public = d.pop("is_public", UNSET)

        timezone = d.pop("timezone", UNSET)

        calendar_create = cls(
            name=name,
            color=color,
            description=description,
            is_public=is_public,
            timezone=timezone,
        )

        return calendar_create
