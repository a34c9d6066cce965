from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.holiday import Holiday


T = TypeVar("T", bound="HolidayList")


@_attrs_define
class HolidayList:
    """
    Example:
        {'country': 'DE', 'items': [{'date': '2027-01-01', 'name': "New Year's Day"}, {'date': '2027-01-06', 'name':
            'Epiphany'}], 'subdivision': 'BY', 'year': 2027}

    Attributes:
        country (str):
        items (list[Holiday]):
        subdivision (None | str):
        year (int):
    """

    country: str
    items: list[Holiday]
    subdivision: None | str
    year: int

    def to_dict(self) -> dict[str, Any]:
        country = self.country

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        subdivision: None | str
        subdivision = self.subdivision

        year = self.year

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "country": country,
                "items": items,
                "subdivision": subdivision,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.holiday import Holiday  # noqa: PLC0415

        d = dict(src_dict)
        country = d.pop("country")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Holiday.from_dict(items_item_data)

            items.append(items_item)

        def _parse_subdivision(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subdivision = _parse_subdivision(d.pop("subdivision"))

        year = d.pop("year")

        holiday_list = cls(
            country=country,
            items=items,
            subdivision=subdivision,
            year=year,
        )

        return holiday_list
