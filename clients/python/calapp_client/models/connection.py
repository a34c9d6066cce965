from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.connection_kind import ConnectionKind
from ..models.connection_state import ConnectionState

if TYPE_CHECKING:
    from ..models.remote_calendar import RemoteCalendar


T = TypeVar("T", bound="Connection")


@_attrs_define
class Connection:
    """
    Example:
        {'calendars': [], 'consecutive_failures': 0, 'created_at': '2026-12-01T10:00:00Z', 'has_password': True, 'id':
            '4a0c1c9e-7e39-4a53-9a5b-3f4f1d2e6a10', 'kind': 'caldav', 'last_error': None, 'last_synced_at':
            '2026-12-01T10:20:00Z', 'name': 'iCloud', 'next_sync_at': '2026-12-01T10:35:00Z', 'state': 'active',
            'sync_interval_minutes': 15, 'sync_requested_at': None, 'updated_at': '2026-12-01T10:20:00Z', 'url':
            'https://caldav.icloud.com/', 'username': 'ada@icloud.com'}

    Attributes:
        calendars (list[RemoteCalendar]):
        consecutive_failures (int):
        created_at (datetime.datetime):
        has_password (bool): A password is stored (sealed)
        id (UUID):
        kind (ConnectionKind):
        last_error (None | str):
        last_synced_at (datetime.datetime | None): The last successful sync: the data's freshness
        name (str):
        next_sync_at (datetime.datetime):
        state (ConnectionState): failing: CONNECTIONS_FAILING_AFTER syncs in a row failed (see last_error); busy time
            from it may be stale
        sync_interval_minutes (int):
        sync_requested_at (datetime.datetime | None): A sync asked for with `wait=false` that has not run yet; null
            again once a sync that started after it has ended (then last_synced_at or last_error tell how it went)
        updated_at (datetime.datetime):
        url (str):
        username (None | str):
    """

    calendars: list[RemoteCalendar]
    consecutive_failures: int
    created_at: datetime.datetime
    has_password: bool
    id: UUID
    kind: ConnectionKind
    last_error: None | str
    last_synced_at: datetime.datetime | None
    name: str
    next_sync_at: datetime.datetime
    state: ConnectionState
    sync_interval_minutes: int
    sync_requested_at: datetime.datetime | None
    updated_at: datetime.datetime
    url: str
    username: None | str

    def to_dict(self) -> dict[str, Any]:
        calendars = []
        for calendars_item_data in self.calendars:
            calendars_item = calendars_item_data.to_dict()
            calendars.append(calendars_item)

        consecutive_failures = self.consecutive_failures

        created_at = self.created_at.isoformat()

        has_password = self.has_password

        id = str(self.id)

        kind = self.kind.value

        last_error: None | str
        last_error = self.last_error

        last_synced_at: None | str
        if isinstance(self.last_synced_at, datetime.datetime):
            last_synced_at = self.last_synced_at.isoformat()
        else:
            last_synced_at = self.last_synced_at

        name = self.name

        next_sync_at = self.next_sync_at.isoformat()

        state = self.state.value

        sync_interval_minutes = self.sync_interval_minutes

        sync_requested_at: None | str
        if isinstance(self.sync_requested_at, datetime.datetime):
            sync_requested_at = self.sync_requested_at.isoformat()
        else:
            sync_requested_at = self.sync_requested_at

        updated_at = self.updated_at.isoformat()

        url = self.url

        username: None | str
        username = self.username

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "calendars": calendars,
                "consecutive_failures": consecutive_failures,
                "created_at": created_at,
                "has_password": has_password,
                "id": id,
                "kind": kind,
                "last_error": last_error,
                "last_synced_at": last_synced_at,
                "name": name,
                "next_sync_at": next_sync_at,
                "state": state,
                "sync_interval_minutes": sync_interval_minutes,
                "sync_requested_at": sync_requested_at,
                "updated_at": updated_at,
                "url": url,
                "username": username,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.remote_calendar import RemoteCalendar  # noqa: PLC0415

        d = dict(src_dict)
        calendars = []
        _calendars = d.pop("calendars")
        for calendars_item_data in _calendars:
            calendars_item = RemoteCalendar.from_dict(calendars_item_data)

            calendars.append(calendars_item)

        consecutive_failures = d.pop("consecutive_failures")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        has_password = d.pop("has_password")

        id = UUID(d.pop("id"))

        kind = ConnectionKind(d.pop("kind"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_last_synced_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_synced_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_synced_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_synced_at = _parse_last_synced_at(d.pop("last_synced_at"))

        name = d.pop("name")

        next_sync_at = datetime.datetime.fromisoformat(d.pop("next_sync_at"))

        state = ConnectionState(d.pop("state"))

        sync_interval_minutes = d.pop("sync_interval_minutes")

        def _parse_sync_requested_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sync_requested_at_type_0 = datetime.datetime.fromisoformat(data)

                return sync_requested_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        sync_requested_at = _parse_sync_requested_at(d.pop("sync_requested_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        url = d.pop("url")

        def _parse_username(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        username = _parse_username(d.pop("username"))

        connection = cls(
            calendars=calendars,
            consecutive_failures=consecutive_failures,
            created_at=created_at,
            has_password=has_password,
            id=id,
            kind=kind,
            last_error=last_error,
            last_synced_at=last_synced_at,
            name=name,
            next_sync_at=next_sync_at,
            state=state,
            sync_interval_minutes=sync_interval_minutes,
            sync_requested_at=sync_requested_at,
            updated_at=updated_at,
            url=url,
            username=username,
        )

        return connection
