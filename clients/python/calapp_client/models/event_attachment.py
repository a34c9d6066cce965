from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EventAttachment")


@_attrs_define
class EventAttachment:
    """
    Attributes:
        content_type (None | str): A file's is sniffed from its bytes
        filename (str):
        id (None | UUID): An uploaded file's id (GET or DELETE /events/{event_id}/attachments/{id}); null for a link
        sha256 (None | str): Hex SHA-256 of a file's bytes; null for a link
        size (int | None): Bytes
        url (str): A file's download URL (needs your credentials), or the link
        mime_type (None | str | Unset): A link's type as given
        name (str | Unset): A link's name as given
    """

    content_type: None | str
    filename: str
    id: None | UUID
    sha256: None | str
    size: int | None
    url: str
    mime_type: None | str | Unset = UNSET
    name: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        content_type: None | str
        content_type = self.content_type

        filename = self.filename

        id: None | str
        if isinstance(self.id, UUID):
            id = str(self.id)
        else:
            id = self.id

        sha256: None | str
        sha256 = self.sha256

        size: int | None
        size = self.size

        url = self.url

        mime_type: None | str | Unset
        if isinstance(self.mime_type, Unset):
            mime_type = UNSET
        else:
            mime_type = self.mime_type

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "content_type": content_type,
                "filename": filename,
                "id": id,
                "sha256": sha256,
                "size": size,
                "url": url,
            }
        )
        if mime_type is not UNSET:
            field_dict["mime_type"] = mime_type
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_content_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content_type = _parse_content_type(d.pop("content_type"))

        filename = d.pop("filename")

        def _parse_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                id_type_0 = UUID(data)

                return id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        id = _parse_id(d.pop("id"))

        def _parse_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sha256 = _parse_sha256(d.pop("sha256"))

        def _parse_size(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        size = _parse_size(d.pop("size"))

        url = d.pop("url")

        def _parse_mime_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mime_type = _parse_mime_type(d.pop("mime_type", UNSET))

        name = d.pop("name", UNSET)

        event_attachment = cls(
            content_type=content_type,
            filename=filename,
            id=id,
            sha256=sha256,
            size=size,
            url=url,
            mime_type=mime_type,
            name=name,
        )

        return event_attachment
