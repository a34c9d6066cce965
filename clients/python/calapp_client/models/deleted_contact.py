from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.deleted_contact_status import DeletedContactStatus

T = TypeVar("T", bound="DeletedContact")


@_attrs_define
class DeletedContact:
    """
    Attributes:
        id (UUID):
        status (DeletedContactStatus):
    """

    id: UUID
    status: DeletedContactStatus

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        status = DeletedContactStatus(d.pop("status"))

        deleted_contact = cls(
            id=id,
            status=status,
        )

        return deleted_contact
