from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AttachmentUploadCreate")


@_attrs_define
class AttachmentUploadCreate:
    """
    Example:
        {'filename': 'quarterly-review.pdf', 'size': 48213760}

    Attributes:
        filename (str):
        size (int): The exact size in bytes the PUT will send
    """

    filename: str
    size: int

    def to_dict(self) -> dict[str, Any]:
        filename = self.filename

        size = self.size

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "filename": filename,
                "size": size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        filename = d.pop("filename")

        size = d.pop("size")

        attachment_upload_create = cls(
            filename=filename,
            size=size,
        )

        return attachment_upload_create
