from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.attendee_update_status import AttendeeUpdateStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="AttendeeUpdate")


@_attrs_define
class AttendeeUpdate:
    """
    Example:
        {'status': 'accepted'}

    Attributes:
        name (None | str | Unset): Editors and owners only
        status (AttendeeUpdateStatus | Unset): By the attendee itself, or an editor/owner
    """

    name: None | str | Unset = UNSET
    status: AttendeeUpdateStatus | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        _status = d.pop("status", UNSET)
        status: AttendeeUpdateStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = AttendeeUpdateStatus(_status)

        attendee_update = cls(
            name=name,
            status=status,
        )

        return attendee_update
