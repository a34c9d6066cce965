from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Logout")


@_attrs_define
class Logout:
    """
    Example:
        {'refresh_token': 'pQ7vX2kR9mN4sL8tW1yZ6bC3dF5gH0jK2aE4uI6oY8x'}

    Attributes:
        all_ (bool | Unset): End every session of the user Default: False.
        refresh_token (str | Unset): End this token's session (default: the current one)
    """

    all_: bool | Unset = False
    refresh_token: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        all_ = self.all_

        refresh_token = self.refresh_token

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if all_ is not UNSET:
            field_dict["all"] = all_
        if refresh_token is not UNSET:
            field_dict["refresh_token"] = refresh_token

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        all_ = d.pop("all", UNSET)

        refresh_token = d.pop("refresh_token", UNSET)

        logout = cls(
            all_=all_,
            refresh_token=refresh_token,
        )

        return logout
