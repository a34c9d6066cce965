from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="Contact")


@_attrs_define
class Contact:
    """
    Example:
        {'company': 'Navy Labs', 'created_at': '2026-12-02T11:30:00Z', 'email': 'grace@example.com', 'first_name':
            'Grace', 'id': 'f0e1d2c3-b4a5-4968-8776-655443322110', 'last_name': 'Hopper', 'notes': 'Met at the compiler
            workshop', 'phone': '+1 (415) 555-2671', 'phone_e164': '+14155552671', 'uid':
            'f0e1d2c3-b4a5-4968-8776-655443322110@calapp', 'updated_at': '2026-12-02T11:30:00Z'}

    Attributes:
        company (None | str):
        created_at (datetime.datetime):
        email (None | str):
        first_name (None | str):
        id (UUID):
        last_name (None | str):
        notes (None | str):
        phone (None | str): As given Example: +1 (415) 555-2671.
        phone_e164 (None | str): phone in E.164 when it starts with + and is a valid number (extensions dropped); null
            otherwise Example: +14155552671.
        uid (str): vCard UID, unique among your contacts
        updated_at (datetime.datetime):
    """

    company: None | str
    created_at: datetime.datetime
    email: None | str
    first_name: None | str
    id: UUID
    last_name: None | str
    notes: None | str
    phone: None | str
    phone_e164: None | str
    uid: str
    updated_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        company: None | str
        company = self.company

        created_at = self.created_at.isoformat()

        email: None | str
        email = self.email

        first_name: None | str
        first_name = self.first_name

        id = str(self.id)

        last_name: None | str
        last_name = self.last_name

        notes: None | str
        notes = self.notes

        phone: None | str
        phone = self.phone

        phone_e164: None | str
        phone_e164 = self.phone_e164

        uid = self.uid

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "company": company,
                "created_at": created_at,
                "email": email,
                "first_name": first_name,
                "id": id,
                "last_name": last_name,
                "notes": notes,
                "phone": phone,
                "phone_e164": phone_e164,
                "uid": uid,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_company(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        company = _parse_company(d.pop("company"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        def _parse_first_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        first_name = _parse_first_name(d.pop("first_name"))

        id = UUID(d.pop("id"))

        def _parse_last_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_name = _parse_last_name(d.pop("last_name"))

        def _parse_notes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notes = _parse_notes(d.pop("notes"))

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        def _parse_phone_e164(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone_e164 = _parse_phone_e164(d.pop("phone_e164"))

        uid = d.pop("uid")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        contact = cls(
            company=company,
            created_at=created_at,
            email=email,
            first_name=first_name,
            id=id,
            last_name=last_name,
            notes=notes,
            phone=phone,
            phone_e164=phone_e164,
            uid=uid,
            updated_at=updated_at,
        )

        return contact
