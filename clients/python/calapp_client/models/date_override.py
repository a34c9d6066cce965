from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.window import Window


T = TypeVar("T", bound="DateOverride")


@_attrs_define
class DateOverride:
    """
    Attributes:
        date (datetime.date):  Example: 2027-03-28.
        windows (list[Window]): The day's windows instead of the weekday's; [] for unavailable all day
    """

    date: datetime.date
    windows: list[Window]

    def to_dict(self) -> dict[str, Any]:
        date = self.date.isoformat()

        windows = []
        for windows_item_data in self.windows:
            windows_item = windows_item_data.to_dict()
            windows.append(windows_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "date": date,
                "windows": windows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.window import Window  # noqa: PLC0415

        d = dict(src_dict)
        date = datetime.date.fromisoformat(d.pop("date"))

        windows = []
        _windows = d.pop("windows")
        for windows_item_data in _windows:
            windows_item = Window.from_dict(windows_item_data)

            windows.append(windows_item)

        date_override = cls(
            date=date,
            windows=windows,
        )

        return date_override
