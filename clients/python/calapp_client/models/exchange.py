from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Exchange")


@_attrs_define
class Exchange:
    """
    Example:
        {'code': 'Jq3vX2kR9mN4sL8tW1yZ6bC3dF5gH0jK2aE4uI6oY8x'}

    Attributes:
        code (str): The `code` of the redirect to the client app
    """

    code: str

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        exchange = cls(
            code=code,
        )

        return exchange
