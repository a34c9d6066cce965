from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.change_message_op import ChangeMessageOp
from ..models.change_message_type import ChangeMessageType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ChangeMessage")


@_attrs_define
class ChangeMessage:
    """
    Attributes:
        position (int):
        type_ (ChangeMessageType):
        at (datetime.datetime | Unset):
        calendar_id (None | Unset | UUID):
        id (UUID | Unset): The resource's id
        op (ChangeMessageOp | Unset):
    """

    position: int
    type_: ChangeMessageType
    at: datetime.datetime | Unset = UNSET
    calendar_id: None | Unset | UUID = UNSET
    id: UUID | Unset = UNSET
    op: ChangeMessageOp | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        position = self.position

        type_ = self.type_.value

        at: str | Unset = UNSET
        if not isinstance(self.at, Unset):
            at = self.at.isoformat()

        calendar_id: None | str | Unset
        if isinstance(self.calendar_id, Unset):
            calendar_id = UNSET
        elif isinstance(self.calendar_id, UUID):
            calendar_id = str(self.calendar_id)
        else:
            calendar_id = self.calendar_id

        id: str | Unset = UNSET
        if not isinstance(self.id, Unset):
            id = str(self.id)

        op: str | Unset = UNSET
        if not isinstance(self.op, Unset):
            op = self.op.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "position": position,
                "type": type_,
            }
        )
        if at is not UNSET:
            field_dict["at"] = at
        if calendar_id is not UNSET:
            field_dict["calendar_id"] = calendar_id
        if id is not UNSET:
            field_dict["id"] = id
        if op is not UNSET:
            field_dict["op"] = op

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        position = d.pop("position")

        type_ = ChangeMessageType(d.pop("type"))

        _at = d.pop("at", UNSET)
        at: datetime.datetime | Unset
        if isinstance(_at, Unset):
            at = UNSET
        else:
            at = datetime.datetime.fromisoformat(_at)

        def _parse_calendar_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                calendar_id_type_0 = UUID(data)

                return calendar_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        calendar_id = _parse_calendar_id(d.pop("calendar_id", UNSET))

        _id = d.pop("id", UNSET)
        id: UUID | Unset
        if isinstance(_id, Unset):
            id = UNSET
        else:
            id = UUID(_id)

        _op = d.pop("op", UNSET)
        op: ChangeMessageOp | Unset
        if isinstance(_op, Unset):
            op = UNSET
        else:
            op = ChangeMessageOp(_op)

        change_message = cls(
            position=position,
            type_=type_,
            at=at,
            calendar_id=calendar_id,
            id=id,
            op=op,
        )

        return change_message
