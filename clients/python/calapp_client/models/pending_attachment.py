from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="PendingAttachment")


@_attrs_define
class PendingAttachment:
    """
    Attributes:
        content_type (str): Sniffed from the bytes, not taken from the client
        created_at (datetime.datetime):
        event_id (UUID): The event that holds the file: for a recurrence exception, its series (exceptions share the
            series' files)
        filename (str): Cleaned: no path, no control characters
        id (UUID):
        sha256 (None | str): null until the upload is completed
        size (int): Bytes
        url (str): GET it (with your credentials) to download the file
    """

    content_type: str
    created_at: datetime.datetime
    event_id: UUID
    filename: str
    id: UUID
    sha256: None | str
    size: int
    url: str

    def to_dict(self) -> dict[str, Any]:
        content_type = self.content_type

        created_at = self.created_at.isoformat()

        event_id = str(self.event_id)

        filename = self.filename

        id = str(self.id)

        sha256: None | str
        sha256 = self.sha256

        size = self.size

        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "content_type": content_type,
                "created_at": created_at,
                "event_id": event_id,
                "filename": filename,
                "id": id,
                "sha256": sha256,
                "size": size,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content_type = d.pop("content_type")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        event_id = UUID(d.pop("event_id"))

        filename = d.pop("filename")

        id = UUID(d.pop("id"))

        def _parse_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sha256 = _parse_sha256(d.pop("sha256"))

        size = d.pop("size")

        url = d.pop("url")

        pending_attachment = cls(
            content_type=content_type,
            created_at=created_at,
            event_id=event_id,
            filename=filename,
            id=id,
            sha256=sha256,
            size=size,
            url=url,
        )

        return pending_attachment
