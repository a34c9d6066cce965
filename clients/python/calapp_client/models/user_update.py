from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserUpdate")


@_attrs_define
class UserUpdate:
    """
    Example:
        {'name': 'Ada King', 'timezone': 'Europe/London'}

    Attributes:
        current_password (str | Unset): Required to change email or password
        email (str | Unset): New address (needs current_password): it becomes pending_email, and replaces email once the
            link mailed to it is followed
        name (None | str | Unset):
        password (str | Unset): New password; needs current_password
        timezone (str | Unset):
    """

    current_password: str | Unset = UNSET
    email: str | Unset = UNSET
    name: None | str | Unset = UNSET
    password: str | Unset = UNSET
    timezone: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        current_password = self.current_password

        email = self.email

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        password = self.password

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if current_password is not UNSET:
            field_dict["current_password"] = current_password
        if email is not UNSET:
            field_dict["email"] = email
        if name is not UNSET:
            field_dict["name"] = name
        if password is not UNSET:
            field_dict["password"] = password
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        current_password = d.pop("current_password", UNSET)

        email = d.pop("email", UNSET)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        password = d.pop("password", UNSET)

        timezone = d.pop("timezone", UNSET)

        user_update = cls(
            current_password=current_password,
            email=email,
            name=name,
            password=password,
            timezone=timezone,
        )

        return user_update
