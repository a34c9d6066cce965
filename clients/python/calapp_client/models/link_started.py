from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="LinkStarted")


@_attrs_define
class LinkStarted:
    """
    Example:
        {'authorize_url':
            'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?response_type=code&client_id=...&state=...'}

    Attributes:
        authorize_url (str): Open it in the browser to sign in at the provider
    """

    authorize_url: str

    def to_dict(self) -> dict[str, Any]:
        authorize_url = self.authorize_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "authorize_url": authorize_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        authorize_url = d.pop("authorize_url")

        link_started = cls(
            authorize_url=authorize_url,
        )

        return link_started
