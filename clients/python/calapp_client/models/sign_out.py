from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SignOut")


@_attrs_define
class SignOut:
    """
    Example:
        {'post_logout_redirect_uri': 'https://app.example.com/signed-out', 'state': 'q8Lw2d'}

    Attributes:
        post_logout_redirect_uri (None | str | Unset): Where the provider sends the browser after its own sign-out. Must
            be on OIDC_REDIRECT_ALLOWLIST and registered at the provider as a post-logout redirect URI. Example:
            https://app.example.com/signed-out.
        state (None | str | Unset): The client app's own value, handed back by the provider with the redirect to
            post_logout_redirect_uri.
    """

    post_logout_redirect_uri: None | str | Unset = UNSET
    state: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        post_logout_redirect_uri: None | str | Unset
        if isinstance(self.post_logout_redirect_uri, Unset):
            post_logout_redirect_uri = UNSET
        else:
            post_logout_redirect_uri = self.post_logout_redirect_uri

        state: None | str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        else:
            state = self.state

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if post_logout_redirect_uri is not UNSET:
            field_dict["post_logout_redirect_uri"] = post_logout_redirect_uri
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_post_logout_redirect_uri(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        post_logout_redirect_uri = _parse_post_logout_redirect_uri(d.pop("post_logout_redirect_uri", UNSET))

        def _parse_state(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        sign_out = cls(
            post_logout_redirect_uri=post_logout_redirect_uri,
            state=state,
        )

        return sign_out
