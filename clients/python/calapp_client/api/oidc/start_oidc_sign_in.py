from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    provider: str,
    *,
    redirect_uri: None | str | Unset = UNSET,
    state: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_redirect_uri: None | str | Unset
    if isinstance(redirect_uri, Unset):
        json_redirect_uri = UNSET
    else:
        json_redirect_uri = redirect_uri
    params["redirect_uri"] = json_redirect_uri

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    else:
        json_state = state
    params["state"] = json_state

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/auth/oidc/{provider}/authorize".format(
            provider=quote(str(provider), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error:
    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    redirect_uri: None | str | Unset = UNSET,
    state: None | str | Unset = UNSET,
) -> Response[Any | Error]:
    """Start signing in with an OpenID provider (redirects to it)

     Open it in the browser: calapp keeps a one-time state, nonce and PKCE
    verifier and sends the browser to the provider. After sign-in the provider
    returns to /auth/oidc/{provider}/callback. An unknown provider is a 404.

    Args:
        provider (str):
        redirect_uri (None | str | Unset):  Example: https://app.example.com/signed-in.
        state (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        provider=provider,
        redirect_uri=redirect_uri,
        state=state,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    redirect_uri: None | str | Unset = UNSET,
    state: None | str | Unset = UNSET,
) -> Any | Error | None:
    """Start signing in with an OpenID provider (redirects to it)

     Open it in the browser: calapp keeps a one-time state, nonce and PKCE
    verifier and sends the browser to the provider. After sign-in the provider
    returns to /auth/oidc/{provider}/callback. An unknown provider is a 404.

    Args:
        provider (str):
        redirect_uri (None | str | Unset):  Example: https://app.example.com/signed-in.
        state (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        provider=provider,
        client=client,
        redirect_uri=redirect_uri,
        state=state,
    ).parsed


async def asyncio_detailed(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    redirect_uri: None | str | Unset = UNSET,
    state: None | str | Unset = UNSET,
) -> Response[Any | Error]:
    """Start signing in with an OpenID provider (redirects to it)

     Open it in the browser: calapp keeps a one-time state, nonce and PKCE
    verifier and sends the browser to the provider. After sign-in the provider
    returns to /auth/oidc/{provider}/callback. An unknown provider is a 404.

    Args:
        provider (str):
        redirect_uri (None | str | Unset):  Example: https://app.example.com/signed-in.
        state (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        provider=provider,
        redirect_uri=redirect_uri,
        state=state,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    redirect_uri: None | str | Unset = UNSET,
    state: None | str | Unset = UNSET,
) -> Any | Error | None:
    """Start signing in with an OpenID provider (redirects to it)

     Open it in the browser: calapp keeps a one-time state, nonce and PKCE
    verifier and sends the browser to the provider. After sign-in the provider
    returns to /auth/oidc/{provider}/callback. An unknown provider is a 404.

    Args:
        provider (str):
        redirect_uri (None | str | Unset):  Example: https://app.example.com/signed-in.
        state (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            provider=provider,
            client=client,
            redirect_uri=redirect_uri,
            state=state,
        )
    ).parsed
