from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.share_role import ShareRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="Share")


@_attrs_define
class Share:
    """
    Example:
        {'email': 'charles@example.com', 'role': 'editor'}

    Attributes:
        role (ShareRole): editor: read and write events; viewer: read; freebusy: only when the calendar is busy (GET
            /availability, slot finding), never its events, and the calendar is in none of their lists
        email (str | Unset): Share with this account's email
        user_id (UUID | Unset): ...or with this user id
    """

    role: ShareRole
    email: str | Unset = UNSET
    user_id: UUID | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        role = self.role.value

        email = self.email

        user_id: str | Unset = UNSET
        if not isinstance(self.user_id, Unset):
            user_id = str(self.user_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        role = ShareRole(d.pop("role"))

        email = d.pop("email", UNSET)

        _user_id = d.pop("user_id", UNSET)
        user_id: UUID | Unset
        if isinstance(_user_id, Unset):
            user_id = UNSET
        else:
            user_id = UUID(_user_id)

        share = cls(
            role=role,
            email=email,
            user_id=user_id,
        )

        return share
