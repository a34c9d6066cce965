from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.token import Token
from ...types import UNSET, Response, Unset


def _get_kwargs(
    provider: str,
    *,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    iss: str | Unset = UNSET,
    error: str | Unset = UNSET,
    error_description: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["code"] = code

    params["state"] = state

    params["iss"] = iss

    params["error"] = error

    params["error_description"] = error_description

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/auth/oidc/{provider}/callback".format(
            provider=quote(str(provider), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | Token:
    if response.status_code == 200:
        response_200 = Token.from_dict(response.json())

        return response_200

    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error | Token]:
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
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    iss: str | Unset = UNSET,
    error: str | Unset = UNSET,
    error_description: str | Unset = UNSET,
) -> Response[Any | Error | Token]:
    """Finish signing in: the provider sends the browser back here

     Register this URL at the provider. calapp checks the state (once only),
    exchanges the code with PKCE, validates the ID token, and finds or creates
    the account; then it answers the tokens as POST /auth/login does, or
    redirects to the client app's redirect_uri with a one-time code. Errors
    are JSON without a redirect_uri; with one, every error after the state
    check redirects to it (302 with `error`), while a missing, unknown, used
    or expired state and an unknown provider stay JSON (400 invalid_state,
    404): nothing then says where the browser may safely go.

    Args:
        provider (str):
        code (str | Unset):
        state (str | Unset):
        iss (str | Unset):
        error (str | Unset):
        error_description (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | Token]
    """

    kwargs = _get_kwargs(
        provider=provider,
        code=code,
        state=state,
        iss=iss,
        error=error,
        error_description=error_description,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    iss: str | Unset = UNSET,
    error: str | Unset = UNSET,
    error_description: str | Unset = UNSET,
) -> Any | Error | Token | None:
    """Finish signing in: the provider sends the browser back here

     Register this URL at the provider. calapp checks the state (once only),
    exchanges the code with PKCE, validates the ID token, and finds or creates
    the account; then it answers the tokens as POST /auth/login does, or
    redirects to the client app's redirect_uri with a one-time code. Errors
    are JSON without a redirect_uri; with one, every error after the state
    check redirects to it (302 with `error`), while a missing, unknown, used
    or expired state and an unknown provider stay JSON (400 invalid_state,
    404): nothing then says where the browser may safely go.

    Args:
        provider (str):
        code (str | Unset):
        state (str | Unset):
        iss (str | Unset):
        error (str | Unset):
        error_description (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | Token
    """

    return sync_detailed(
        provider=provider,
        client=client,
        code=code,
        state=state,
        iss=iss,
        error=error,
        error_description=error_description,
    ).parsed


async def asyncio_detailed(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    iss: str | Unset = UNSET,
    error: str | Unset = UNSET,
    error_description: str | Unset = UNSET,
) -> Response[Any | Error | Token]:
    """Finish signing in: the provider sends the browser back here

     Register this URL at the provider. calapp checks the state (once only),
    exchanges the code with PKCE, validates the ID token, and finds or creates
    the account; then it answers the tokens as POST /auth/login does, or
    redirects to the client app's redirect_uri with a one-time code. Errors
    are JSON without a redirect_uri; with one, every error after the state
    check redirects to it (302 with `error`), while a missing, unknown, used
    or expired state and an unknown provider stay JSON (400 invalid_state,
    404): nothing then says where the browser may safely go.

    Args:
        provider (str):
        code (str | Unset):
        state (str | Unset):
        iss (str | Unset):
        error (str | Unset):
        error_description (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | Token]
    """

    kwargs = _get_kwargs(
        provider=provider,
        code=code,
        state=state,
        iss=iss,
        error=error,
        error_description=error_description,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    code: str | Unset = UNSET,
    state: str | Unset = UNSET,
    iss: str | Unset = UNSET,
    error: str | Unset = UNSET,
    error_description: str | Unset = UNSET,
) -> Any | Error | Token | None:
    """Finish signing in: the provider sends the browser back here

     Register this URL at the provider. calapp checks the state (once only),
    exchanges the code with PKCE, validates the ID token, and finds or creates
    the account; then it answers the tokens as POST /auth/login does, or
    redirects to the client app's redirect_uri with a one-time code. Errors
    are JSON without a redirect_uri; with one, every error after the state
    check redirects to it (302 with `error`), while a missing, unknown, used
    or expired state and an unknown provider stay JSON (400 invalid_state,
    404): nothing then says where the browser may safely go.

    Args:
        provider (str):
        code (str | Unset):
        state (str | Unset):
        iss (str | Unset):
        error (str | Unset):
        error_description (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | Token
    """

    return (
        await asyncio_detailed(
            provider=provider,
            client=client,
            code=code,
            state=state,
            iss=iss,
            error=error,
            error_description=error_description,
        )
    ).parsed
