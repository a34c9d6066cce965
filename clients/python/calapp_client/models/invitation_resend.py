from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="InvitationResend")


@_attrs_define
class InvitationResend:
    """
    Example:
        {'emails': ['grace@example.com']}

    Attributes:
        emails (list[str] | Unset): Attendees to send the invitation to again (default: those whose latest invitation
            failed or bounced)
    """

    emails: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        emails: list[str] | Unset = UNSET
        if not isinstance(self.emails, Unset):
            emails = self.emails

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if emails is not UNSET:
            field_dict["emails"] = emails

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        emails = cast(list[str], d.pop("emails", UNSET))

        invitation_resend = cls(
            emails=emails,
        )

        return invitation_resend
