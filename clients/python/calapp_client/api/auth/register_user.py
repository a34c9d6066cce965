from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.register import Register
from ...models.token import Token
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: Register,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/register",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Token:
    if response.status_code == 201:
        response_201 = Token.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

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
    body: Register,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Token]:
    """Create an account and sign in (a link to confirm the email is mailed)

     Use this once per person to open an account. The answer already carries an
    access token and a refresh token, so no login is needed afterwards; an email
    already registered is a 409.

    Args:
        idempotency_key (str | Unset):
        body (Register):  Example: {'email': 'ada@example.com', 'name': 'Ada Lovelace',
            'password': 'analytical-engine-1843', 'timezone': 'Europe/London'}.

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
    body: Register,
    idempotency_key: str | Unset = UNSET,
) -> Error | Token | None:
    """Create an account and sign in (a link to confirm the email is mailed)

     Use this once per person to open an account. The answer already carries an
    access token and a refresh token, so no login is needed afterwards; an email
    already registered is a 409.

    Args:
        idempotency_key (str | Unset):
        body (Register):  Example: {'email': 'ada@example.com', 'name': 'Ada Lovelace',
            'password': 'analytical-engine-1843', 'timezone': 'Europe/London'}.

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
    body: Register,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Token]:
    """Create an account and sign in (a link to confirm the email is mailed)

     Use this once per person to open an account. The answer already carries an
    access token and a refresh token, so no login is needed afterwards; an email
    already registered is a 409.

    Args:
        idempotency_key (str | Unset):
        body (Register):  Example: {'email': 'ada@example.com', 'name': 'Ada Lovelace',
            'password': 'analytical-engine-1843', 'timezone': 'Europe/London'}.

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
    body: Register,
    idempotency_key: str | Unset = UNSET,
) -> Error | Token | None:
    """Create an account and sign in (a link to confirm the email is mailed)

     Use this once per person to open an account. The answer already carries an
    access token and a refresh token, so no login is needed afterwards; an email
    already registered is a 409.

    Args:
        idempotency_key (str | Unset):
        body (Register):  Example: {'email': 'ada@example.com', 'name': 'Ada Lovelace',
            'password': 'analytical-engine-1843', 'timezone': 'Europe/London'}.

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
