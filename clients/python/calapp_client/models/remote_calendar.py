from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="RemoteCalendar")


@_attrs_define
class RemoteCalendar:
    """
    Attributes:
        calendar_id (None | UUID): The read-only calendar that mirrors it (source caldav or ics); null while neither
            busy nor shown
        color (None | str):
        href (str): The calendar's URL on the server (the feed's URL)
        id (UUID):
        is_busy (bool): Its events make you busy: free/busy, slot finding and booking links skip them in every calendar
            you own
        is_shown (bool): Its mirror is one of your calendars (listed, its events in event lists); hidden, it still
            blocks time when is_busy
        name (str):
        supports_sync (bool): The server offers sync-collection (RFC 6578)
    """

    calendar_id: None | UUID
    color: None | str
    href: str
    id: UUID
    is_busy: bool
    is_shown: bool
    name: str
    supports_sync: bool

    def to_dict(self) -> dict[str, Any]:
        calendar_id: None | str
        if isinstance(self.calendar_id, UUID):
            calendar_id = str(self.calendar_id)
        else:
            calendar_id = self.calendar_id

        color: None | str
        color = self.color

        href = self.href

        id = str(self.id)

        is_busy = self.is_busy

        is_shown = self.is_shown

        name = self.name

        supports_sync = self.supports_sync

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "calendar_id": calendar_id,
                "color": color,
                "href": href,
                "id": id,
                "is_busy": is_busy,
                "is_shown": is_shown,
                "name": name,
                "supports_sync": supports_sync,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_calendar_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                calendar_id_type_0 = UUID(data)

                return calendar_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        calendar_id = _parse_calendar_id(d.pop("calendar_id"))

        def _parse_color(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        color = _parse_color(d.pop("color"))

        href = d.pop("href")

        id = UUID(d.pop("id"))

        is_busy = d.pop("is_busy")

        is_shown = d.pop("is_shown")

        name = d.pop("name")

        supports_sync = d.pop("supports_sync")

        remote_calendar = cls(
            calendar_id=calendar_id,
            color=color,
            href=href,
            id=id,
            is_busy=is_busy,
            is_shown=is_shown,
            name=name,
            supports_sync=supports_sync,
        )

        return remote_calendar
