from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Link")


@_attrs_define
class Link:
    """
    Example:
        {'provider': 'microsoft', 'redirect_uri': 'https://app.example.com/linked', 'state': 'k2J9xQ'}

    Attributes:
        provider (str): A name of GET /auth/oidc/providers
        redirect_uri (None | str | Unset): The client app's page to come back to, with a one-time `code` to trade at
            POST /auth/oidc/exchange (or, when the sign-in fails, `error`). Must be on OIDC_REDIRECT_ALLOWLIST. Without it
            the callback answers the tokens as JSON (as POST /auth/login does). Example: https://app.example.com/signed-in.
        state (None | str | Unset): The client app's own opaque value, handed back as `state` with the redirect: the app
            checks it is the one it sent (login CSRF).
    """

    provider: str
    redirect_uri: None | str | Unset = UNSET
    state: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        provider = self.provider

        redirect_uri: None | str | Unset
        if isinstance(self.redirect_uri, Unset):
            redirect_uri = UNSET
        else:
            redirect_uri = self.redirect_uri

        state: None | str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        else:
            state = self.state

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "provider": provider,
            }
        )
        if redirect_uri is not UNSET:
            field_dict["redirect_uri"] = redirect_uri
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        provider = d.pop("provider")

        def _parse_redirect_uri(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        redirect_uri = _parse_redirect_uri(d.pop("redirect_uri", UNSET))

        def _parse_state(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        link = cls(
            provider=provider,
            redirect_uri=redirect_uri,
            state=state,
        )

        return link
