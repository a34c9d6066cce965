from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="WebhookConnection")


@_attrs_define
class WebhookConnection:
    """
    Attributes:
        consecutive_failures (int):
        id (UUID):
        kind (str):
        last_error (None | str):
        last_synced_at (datetime.datetime | None):
        name (str):
        state (str):
    """

    consecutive_failures: int
    id: UUID
    kind: str
    last_error: None | str
    last_synced_at: datetime.datetime | None
    name: str
    state: str

    def to_dict(self) -> dict[str, Any]:
        consecutive_failures = self.consecutive_failures

        id = str(self.id)

        kind = self.kind

        last_error: None | str
        last_error = self.last_error

        last_synced_at: None | str
        if isinstance(self.last_synced_at, datetime.datetime):
            last_synced_at = self.last_synced_at.isoformat()
        else:
            last_synced_at = self.last_synced_at

        name = self.name

        state = self.state

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "consecutive_failures": consecutive_failures,
                "id": id,
                "kind": kind,
                "last_error": last_error,
                "last_synced_at": last_synced_at,
                "name": name,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        consecutive_failures = d.pop("consecutive_failures")

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

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

        state = d.pop("state")

        webhook_connection = cls(
            consecutive_failures=consecutive_failures,
            id=id,
            kind=kind,
            last_error=last_error,
            last_synced_at=last_synced_at,
            name=name,
            state=state,
        )

        return webhook_connection
