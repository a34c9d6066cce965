from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="PublicFeed")


@_attrs_define
class PublicFeed:
    """
    Attributes:
        calendar_id (UUID):
        is_public (bool): The feed answers only while this is true
        public_url (str):  Example: https://cal.example.com/calendars/public/abc.ics.
        webcal_url (str):  Example: webcal://cal.example.com/calendars/public/abc.ics.
    """

    calendar_id: UUID
    is_public: bool
    public_url: str
    webcal_url: str

    def to_dict(self) -> dict[str, Any]:
        calendar_id = str(self.calendar_id)

        is_public = self.is_public

        public_url = self.public_url

        webcal_url = self.webcal_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "calendar_id": calendar_id,
                "is_public": is_public,
                "public_url": public_url,
                "webcal_url": webcal_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        calendar_id = UUID(d.pop("calendar_id"))

        is_public = d.pop("is_public")

        public_url = d.pop("public_url")

        webcal_url = d.pop("webcal_url")

        public_feed = cls(
            calendar_id=calendar_id,
            is_public=is_public,
            public_url=public_url,
            webcal_url=webcal_url,
        )

        return public_feed
