from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Register")


@_attrs_define
class Register:
    """
    Example:
        {'email': 'ada@example.com', 'name': 'Ada Lovelace', 'password': 'analytical-engine-1843', 'timezone':
            'Europe/London'}

    Attributes:
        email (str):
        password (str): 10-72 bytes, with at least one letter and one digit
        name (None | str | Unset):
        timezone (str | Unset):  Default: 'UTC'. Example: Europe/Berlin.
    """

    email: str
    password: str
    name: None | str | Unset = UNSET
    timezone: str | Unset = "UTC"

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        password = self.password

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "password": password,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        password = d.pop("password")

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        timezone = d.pop("timezone", UNSET)

        register = cls(
            email=email,
            password=password,
            name=name,
            timezone=timezone,
        )

        return register
