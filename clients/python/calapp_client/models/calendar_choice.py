from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CalendarChoice")


@_attrs_define
class CalendarChoice:
    """
    Attributes:
        id (UUID):
        is_busy (bool | Unset):
        is_shown (bool | Unset):
    """

    id: UUID
    is_busy: bool | Unset = UNSET
    is_shown: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        is_busy = self.is_busy

        is_shown = self.is_shown

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
            }
        )
        if is_busy is not UNSET:
            field_dict["is_busy"] = is_busy
        if is_shown is not UNSET:
            field_dict["is_shown"] = is_shown

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        is_busy = d.pop("is_busy", UNSET)

        is_shown = d.pop("is_shown", UNSET)

        calendar_choice = cls(
            id=id,
            is_busy=is_busy,
            is_shown=is_shown,
        )

        return calendar_choice
