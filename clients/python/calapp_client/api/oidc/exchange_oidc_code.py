from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.exchange import Exchange
from ...models.token import Token
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: Exchange,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/oidc/exchange",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Token:
    if response.status_code == 200:
        response_200 = Token.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Token]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: Exchange,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Token]:
    """Trade the one-time code of a sign-in redirect for tokens

     A single-page or mobile app calls this with the `code` its redirect_uri
    received after signing in with a provider. The code works once and for
    OIDC_EXCHANGE_CODE_SECONDS (60 s by default); the answer is POST
    /auth/login's.

    Args:
        idempotency_key (str | Unset):
        body (Exchange):  Example: {'code': 'Jq3vX2kR9mN4sL8tW1yZ6bC3dF5gH0jK2aE4uI6oY8x'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Token]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: Exchange,
    idempotency_key: str | Unset = UNSET,
) -> Error | Token | None:
    """Trade the one-time code of a sign-in redirect for tokens

     A single-page or mobile app calls this with the `code` its redirect_uri
    received after signing in with a provider. The code works once and for
    OIDC_EXCHANGE_CODE_SECONDS (60 s by default); the answer is POST
    /auth/login's.

    Args:
        idempotency_key (str | Unset):
        body (Exchange):  Example: {'code': 'Jq3vX2kR9mN4sL8tW1yZ6bC3dF5gH0jK2aE4uI6oY8x'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Token
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: Exchange,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Token]:
    """Trade the one-time code of a sign-in redirect for tokens

     A single-page or mobile app calls this with the `code` its redirect_uri
    received after signing in with a provider. The code works once and for
    OIDC_EXCHANGE_CODE_SECONDS (60 s by default); the answer is POST
    /auth/login's.

    Args:
        idempotency_key (str | Unset):
        body (Exchange):  Example: {'code': 'Jq3vX2kR9mN4sL8tW1yZ6bC3dF5gH0jK2aE4uI6oY8x'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Token]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: Exchange,
    idempotency_key: str | Unset = UNSET,
) -> Error | Token | None:
    """Trade the one-time code of a sign-in redirect for tokens

     A single-page or mobile app calls this with the `code` its redirect_uri
    received after signing in with a provider. The code works once and for
    OIDC_EXCHANGE_CODE_SECONDS (60 s by default); the answer is POST
    /auth/login's.

    Args:
        idempotency_key (str | Unset):
        body (Exchange):  Example: {'code': 'Jq3vX2kR9mN4sL8tW1yZ6bC3dF5gH0jK2aE4uI6oY8x'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Token
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
