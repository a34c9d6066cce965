from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="BookedLink")


@_attrs_define
class BookedLink:
    """
    Attributes:
        title (str):
        token (str):
    """

    title: str
    token: str

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        token = d.pop("token")

        booked_link = cls(
            title=title,
            token=token,
        )

        return booked_link
