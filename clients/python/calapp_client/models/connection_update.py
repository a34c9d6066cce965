from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.calendar_choice import CalendarChoice


T = TypeVar("T", bound="ConnectionUpdate")


@_attrs_define
class ConnectionUpdate:
    """
    Example:
        {'calendars': [{'id': '7c2d4e6f-8a9b-4c1d-9e2f-3a4b5c6d7e8f', 'is_busy': False, 'is_shown': True}], 'name':
            'Home (iCloud)'}

    Attributes:
        calendars (list[CalendarChoice] | Unset): Per remote calendar: count as busy, show
        name (str | Unset):
        password (str | Unset):
        sync_interval_minutes (int | Unset):
        username (str | Unset):
    """

    calendars: list[CalendarChoice] | Unset = UNSET
    name: str | Unset = UNSET
    password: str | Unset = UNSET
    sync_interval_minutes: int | Unset = UNSET
    username: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        calendars: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.calendars, Unset):
            calendars = []
            for calendars_item_data in self.calendars:
                calendars_item = calendars_item_data.to_dict()
                calendars.append(calendars_item)

        name = self.name

        password = self.password

        sync_interval_minutes = self.sync_interval_minutes

        username = self.username

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if calendars is not UNSET:
            field_dict["calendars"] = calendars
        if name is not UNSET:
            field_dict["name"] = name
        if password is not UNSET:
            field_dict["password"] = password
        if sync_interval_minutes is not UNSET:
            field_dict["sync_interval_minutes"] = sync_interval_minutes
        if username is not UNSET:
            field_dict["username"] = username

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.calendar_choice import CalendarChoice  # noqa: PLC0415

        d = dict(src_dict)
        _calendars = d.pop("calendars", UNSET)
        calendars: list[CalendarChoice] | Unset = UNSET
        if _calendars is not UNSET:
            calendars = []
            for calendars_item_data in _calendars:
                calendars_item = CalendarChoice.from_dict(calendars_item_data)

                calendars.append(calendars_item)

        name = d.pop("name", UNSET)

        password = d.pop("password", UNSET)

        sync_interval_minutes = d.pop("sync_interval_minutes", UNSET)

        username = d.pop("username", UNSET)

        connection_update = cls(
            calendars=calendars,
            name=name,
            password=password,
            sync_interval_minutes=sync_interval_minutes,
            username=username,
        )

        return connection_update
