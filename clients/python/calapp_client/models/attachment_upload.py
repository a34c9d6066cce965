from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.attachment_upload_method import AttachmentUploadMethod

if TYPE_CHECKING:
    from ..models.pending_attachment import PendingAttachment


T = TypeVar("T", bound="AttachmentUpload")


@_attrs_define
class AttachmentUpload:
    """
    Attributes:
        attachment (PendingAttachment):
        complete_url (str): POST to it once the PUT succeeded
        expires_at (datetime.datetime):
        method (AttachmentUploadMethod):
        upload_url (str): Presigned URL: PUT the file's bytes to it
    """

    attachment: PendingAttachment
    complete_url: str
    expires_at: datetime.datetime
    method: AttachmentUploadMethod
    upload_url: str

    def to_dict(self) -> dict[str, Any]:
        attachment = self.attachment.to_dict()

        complete_url = self.complete_url

        expires_at = self.expires_at.isoformat()

        method = self.method.value

        upload_url = self.upload_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "attachment": attachment,
                "complete_url": complete_url,
                "expires_at": expires_at,
                "method": method,
                "upload_url": upload_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pending_attachment import PendingAttachment  # noqa: PLC0415

        d = dict(src_dict)
        attachment = PendingAttachment.from_dict(d.pop("attachment"))

        complete_url = d.pop("complete_url")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        method = AttachmentUploadMethod(d.pop("method"))

        upload_url = d.pop("upload_url")

        attachment_upload = cls(
            attachment=attachment,
            complete_url=complete_url,
            expires_at=expires_at,
            method=method,
            upload_url=upload_url,
        )

        return attachment_upload
