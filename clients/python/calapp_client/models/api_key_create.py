from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.api_key_create_scopes_type_0_item import ApiKeyCreateScopesType0Item
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.api_key_create_scopes_type_1 import ApiKeyCreateScopesType1


T = TypeVar("T", bound="ApiKeyCreate")


@_attrs_define
class ApiKeyCreate:
    """
    Example:
        {'expires_at': '2027-06-30T00:00:00Z', 'name': 'Scheduling assistant', 'scopes': ['calendars:read',
            'events:write', 'availability:read']}

    Attributes:
        name (str):
        scopes (ApiKeyCreateScopesType1 | list[ApiKeyCreateScopesType0Item]): A list such as ['events:read',
            'events:write'] or an object such as {'events': ['read', 'write']}. write implies read. Valid scopes:
            account:read, account:write, availability:read, availability:write, booking:read, booking:write, calendars:read,
            calendars:write, contacts:read, contacts:write, events:read, events:write
        expires_at (datetime.datetime | None | Unset):
    """

    name: str
    scopes: ApiKeyCreateScopesType1 | list[ApiKeyCreateScopesType0Item]
    expires_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        scopes: dict[str, Any] | list[str]
        if isinstance(self.scopes, list):
            scopes = []
            for scopes_type_0_item_data in self.scopes:
                scopes_type_0_item = scopes_type_0_item_data.value
                scopes.append(scopes_type_0_item)

        else:
            scopes = self.scopes.to_dict()

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "scopes": scopes,
            }
        )
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.api_key_create_scopes_type_1 import ApiKeyCreateScopesType1  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_scopes(data: object) -> ApiKeyCreateScopesType1 | list[ApiKeyCreateScopesType0Item]:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                scopes_type_0 = []
                _scopes_type_0 = data
                for scopes_type_0_item_data in _scopes_type_0:
                    scopes_type_0_item = ApiKeyCreateScopesType0Item(scopes_type_0_item_data)

                    scopes_type_0.append(scopes_type_0_item)

                return scopes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            scopes_type_1 = ApiKeyCreateScopesType1.from_dict(data)

            return scopes_type_1

        scopes = _parse_scopes(d.pop("scopes"))

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        api_key_create = cls(
            name=name,
            scopes=scopes,
            expires_at=expires_at,
        )

        return api_key_create
