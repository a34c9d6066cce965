from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.month_day_status import MonthDayStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="MonthDay")


@_attrs_define
class MonthDay:
    """
    Attributes:
        date (datetime.date): The local day
        slots (int): Slots offered on the day
        status (MonthDayStatus): available: slots offered and none taken; partial: slots offered, some taken by busy,
            held or booked time (or time off); full: working hours but every slot taken; off: no working hours (or none
            within notice and horizon); holiday: a blocking public holiday; time_off: time off covers the day's hours
        holiday_name (None | str | Unset): The public holiday on the day, if any
    """

    date: datetime.date
    slots: int
    status: MonthDayStatus
    holiday_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        date = self.date.isoformat()

        slots = self.slots

        status = self.status.value

        holiday_name: None | str | Unset
        if isinstance(self.holiday_name, Unset):
            holiday_name = UNSET
        else:
            holiday_name = self.holiday_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "date": date,
                "slots": slots,
                "status": status,
            }
        )
        if holiday_name is not UNSET:
            field_dict["holiday_name"] = holiday_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        date = datetime.date.fromisoformat(d.pop("date"))

        slots = d.pop("slots")

        status = MonthDayStatus(d.pop("status"))

        def _parse_holiday_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        holiday_name = _parse_holiday_name(d.pop("holiday_name", UNSET))

        month_day = cls(
            date=date,
            slots=slots,
            status=status,
            holiday_name=holiday_name,
        )

        return month_day
