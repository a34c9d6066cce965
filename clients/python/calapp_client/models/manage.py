from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Manage")


@_attrs_define
class Manage:
    """
    Example:
        {'manage_token': 'mT9qL2vX7cR4nB8kW1zY5hJ3'}

    Attributes:
        manage_token (str): The secret returned once by reserve
    """

    manage_token: str

    def to_dict(self) -> dict[str, Any]:
        manage_token = self.manage_token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "manage_token": manage_token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        manage_token = d.pop("manage_token")

        manage = cls(
            manage_token=manage_token,
        )

        return manage
