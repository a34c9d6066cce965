from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserUpdate")


@_attrs_define
class UserUpdate:
    """
    Example:
        {'holiday_country': 'GB', 'holiday_subdivision': 'ENG', 'holidays_block': True, 'name': 'Ada King', 'timezone':
            'Europe/London'}

    Attributes:
        current_password (str | Unset): Required to change email or password
        default_schedule_id (None | Unset | UUID): One of your schedules (GET /schedules), or null
        email (str | Unset): New address (needs current_password): it becomes pending_email, and replaces email once the
            link mailed to it is followed
        holiday_country (None | str | Unset): ISO 3166-1 alpha-2 code of a country the holidays package knows (GET
            /holidays lists them), or null Example: DE.
        holiday_subdivision (None | str | Unset): A subdivision of holiday_country Example: BY.
        holidays_block (bool | Unset): Public holidays block your availability
        name (None | str | Unset):
        password (str | Unset): New password; needs current_password (unless the account has none yet: it signs in with
            an OpenID provider)
        timezone (str | Unset):
    """

    current_password: str | Unset = UNSET
    default_schedule_id: None | Unset | UUID = UNSET
    email: str | Unset = UNSET
    holiday_country: None | str | Unset = UNSET
    holiday_subdivision: None | str | Unset = UNSET
    holidays_block: bool | Unset = UNSET
    name: None | str | Unset = UNSET
    password: str | Unset = UNSET
    timezone: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        current_password = self.current_password

        default_schedule_id: None | str | Unset
        if isinstance(self.default_schedule_id, Unset):
            default_schedule_id = UNSET
        elif isinstance(self.default_schedule_id, UUID):
            default_schedule_id = str(self.default_schedule_id)
        else:
            default_schedule_id = self.default_schedule_id

        email = self.email

        holiday_country: None | str | Unset
        if isinstance(self.holiday_country, Unset):
            holiday_country = UNSET
        else:
            holiday_country = self.holiday_country

        holiday_subdivision: None | str | Unset
        if isinstance(self.holiday_subdivision, Unset):
            holiday_subdivision = UNSET
        else:
            holiday_subdivision = self.holiday_subdivision

        holidays_block = self.holidays_block

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        password = self.password

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if current_password is not UNSET:
            field_dict["current_password"] = current_password
        if default_schedule_id is not UNSET:
            field_dict["default_schedule_id"] = default_schedule_id
        if email is not UNSET:
            field_dict["email"] = email
        if holiday_country is not UNSET:
            field_dict["holiday_country"] = holiday_country
        if holiday_subdivision is not UNSET:
            field_dict["holiday_subdivision"] = holiday_subdivision
        if holidays_block is not UNSET:
            field_dict["holidays_block"] = holidays_block
        if name is not UNSET:
            field_dict["name"] = name
        if password is not UNSET:
            field_dict["password"] = password
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        current_password = d.pop("current_password", UNSET)

        def _parse_default_schedule_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                default_schedule_id_type_0 = UUID(data)

                return default_schedule_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        default_schedule_id = _parse_default_schedule_id(d.pop("default_schedule_id", UNSET))

        email = d.pop("email", UNSET)

        def _parse_holiday_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        holiday_country = _parse_holiday_country(d.pop("holiday_country", UNSET))

        def _parse_holiday_subdivision(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        holiday_subdivision = _parse_holiday_subdivision(d.pop("holiday_subdivision", UNSET))

        holidays_block = d.pop("holidays_block", UNSET)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        password = d.pop("password", UNSET)

        timezone = d.pop("timezone", UNSET)

        user_update = cls(
            current_password=current_password,
            default_schedule_id=default_schedule_id,
            email=email,
            holiday_country=holiday_country,
            holiday_subdivision=holiday_subdivision,
            holidays_block=holidays_block,
            name=name,
            password=password,
            timezone=timezone,
        )

        return user_update
