from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.working_hour_slot import WorkingHourSlot


T = TypeVar("T", bound="ExplainWorkingHoursType0")


@_attrs_define
class ExplainWorkingHoursType0:
    """Windows per weekday in local time (HH:MM, end may be 24:00); a missing or empty day is closed

    Example:
        {'mon': [{'end': '17:00', 'start': '09:00'}], 'sat': []}

    """

    additional_properties: dict[str, list[WorkingHourSlot]] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = []
            for additional_property_item_data in prop:
                additional_property_item = additional_property_item_data.to_dict()
                field_dict[prop_name].append(additional_property_item)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.working_hour_slot import WorkingHourSlot  # noqa: PLC0415

        d = dict(src_dict)
        explain_working_hours_type_0 = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = []
            _additional_property = prop_dict
            for additional_property_item_data in _additional_property:
                additional_property_item = WorkingHourSlot.from_dict(additional_property_item_data)

                additional_property.append(additional_property_item)

            additional_properties[prop_name] = additional_property

        explain_working_hours_type_0.additional_properties = additional_properties
        return explain_working_hours_type_0

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> list[WorkingHourSlot]:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: list[WorkingHourSlot]) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
