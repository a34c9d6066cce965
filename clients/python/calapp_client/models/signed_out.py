from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="SignedOut")


@_attrs_define
class SignedOut:
    """
    Example:
        {'end_session_url': 'https://accounts.example.com/logout?id_token_hint=eyJ...&client_id=calapp&post_logout_redir
            ect_uri=https%3A%2F%2Fapp.example.com%2Fsigned-out&state=q8Lw2d'}

    Attributes:
        end_session_url (None | str): Open it in the browser to end the session at the provider too (RP-Initiated
            Logout: id_token_hint, client_id, post_logout_redirect_uri, state). null when the session did not come from a
            provider, the provider publishes no end_session_endpoint, or it cannot be reached (calapp's session is ended all
            the same).
    """

    end_session_url: None | str

    def to_dict(self) -> dict[str, Any]:
        end_session_url: None | str
        end_session_url = self.end_session_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "end_session_url": end_session_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_end_session_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        end_session_url = _parse_end_session_url(d.pop("end_session_url"))

        signed_out = cls(
            end_session_url=end_session_url,
        )

        return signed_out
