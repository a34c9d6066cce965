from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.attendee_status import AttendeeStatus

T = TypeVar("T", bound="Attendee")


@_attrs_define
class Attendee:
    """
    Example:
        {'email': 'charles@example.com', 'id': 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', 'name': 'Charles Babbage',
            'status': 'accepted', 'user_id': '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'}

    Attributes:
        email (str):
        id (UUID):
        name (None | str):
        status (AttendeeStatus):
        user_id (None | UUID): The account with this email, once registered
    """

    email: str
    id: UUID
    name: None | str
    status: AttendeeStatus
    user_id: None | UUID

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        id = str(self.id)

        name: None | str
        name = self.name

        status = self.status.value

        user_id: None | str
        if isinstance(self.user_id, UUID):
            user_id = str(self.user_id)
        else:
            user_id = self.user_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "id": id,
                "name": name,
                "status": status,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        id = UUID(d.pop("id"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        status = AttendeeStatus(d.pop("status"))

        def _parse_user_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                user_id_type_0 = UUID(data)

                return user_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        user_id = _parse_user_id(d.pop("user_id"))

        attendee = cls(
            email=email,
            id=id,
            name=name,
            status=status,
            user_id=user_id,
        )

        return attendee
