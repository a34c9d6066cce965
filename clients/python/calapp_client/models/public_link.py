from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PublicLink")


@_attrs_define
class PublicLink:
    """
    Example:
        {'description': None, 'duration_minutes': 30, 'timezone': 'Europe/London', 'title': 'Intro call with Ada',
            'token': 'Hq3vN8xL2pWk'}

    Attributes:
        description (None | str):
        duration_minutes (int):
        timezone (str): The link's zone (working hours), or its schedule's
        title (str):
        token (str):
        requires_confirmation (bool | Unset): Bookings wait for the owner's confirmation
    """

    description: None | str
    duration_minutes: int
    timezone: str
    title: str
    token: str
    requires_confirmation: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        description: None | str
        description = self.description

        duration_minutes = self.duration_minutes

        timezone = self.timezone

        title = self.title

        token = self.token

        requires_confirmation = self.requires_confirmation

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
                "duration_minutes": duration_minutes,
                "timezone": timezone,
                "title": title,
                "token": token,
            }
        )
        if requires_confirmation is not UNSET:
            field_dict["requires_confirmation"] = requires_confirmation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        duration_minutes = d.pop("duration_minutes")

        timezone = d.pop("timezone")

        title = d.pop("title")

        token = d.pop("token")

        requires_confirmation = d.pop("requires_confirmation", UNSET)

        public_link = cls(
            description=description,
            duration_minutes=duration_minutes,
            timezone=timezone,
            title=title,
            token=token,
            requires_confirmation=requires_confirmation,
        )

        return public_link
