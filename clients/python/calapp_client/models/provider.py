from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Provider")


@_attrs_define
class Provider:
    """
    Example:
        {'authorize_url': '/auth/oidc/google/authorize', 'display_name': 'Google', 'issuer':
            'https://accounts.google.com', 'name': 'google'}

    Attributes:
        authorize_url (str): Where the button sends the browser (add ?redirect_uri=)
        display_name (str): For a 'Sign in with ...' button
        issuer (str):
        name (str): The `{provider}` of the paths
    """

    authorize_url: str
    display_name: str
    issuer: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        authorize_url = self.authorize_url

        display_name = self.display_name

        issuer = self.issuer

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "authorize_url": authorize_url,
                "display_name": display_name,
                "issuer": issuer,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        authorize_url = d.pop("authorize_url")

        display_name = d.pop("display_name")

        issuer = d.pop("issuer")

        name = d.pop("name")

        provider = cls(
            authorize_url=authorize_url,
            display_name=display_name,
            issuer=issuer,
            name=name,
        )

        return provider
