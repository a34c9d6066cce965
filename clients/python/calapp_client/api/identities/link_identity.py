from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.link import Link
from ...models.link_started import LinkStarted
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: Link,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/users/me/identities",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | LinkStarted:
    if response.status_code == 200:
        response_200 = LinkStarted.from_dict(response.json())

        return response_200

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

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | LinkStarted]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: Link,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | LinkStarted]:
    """Start linking a provider account to yours (answers its sign-in URL)

     Open authorize_url in the browser and sign in at the provider: its callback
    links that identity to your account, whatever its email (the way to link a
    provider that does not verify emails), then answers like a sign-in. 409
    identity_taken at the callback when another account has it.

    Args:
        idempotency_key (str | Unset):
        body (Link):  Example: {'provider': 'microsoft', 'redirect_uri':
            'https://app.example.com/linked', 'state': 'k2J9xQ'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LinkStarted]
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
    client: AuthenticatedClient,
    body: Link,
    idempotency_key: str | Unset = UNSET,
) -> Error | LinkStarted | None:
    """Start linking a provider account to yours (answers its sign-in URL)

     Open authorize_url in the browser and sign in at the provider: its callback
    links that identity to your account, whatever its email (the way to link a
    provider that does not verify emails), then answers like a sign-in. 409
    identity_taken at the callback when another account has it.

    Args:
        idempotency_key (str | Unset):
        body (Link):  Example: {'provider': 'microsoft', 'redirect_uri':
            'https://app.example.com/linked', 'state': 'k2J9xQ'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LinkStarted
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: Link,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | LinkStarted]:
    """Start linking a provider account to yours (answers its sign-in URL)

     Open authorize_url in the browser and sign in at the provider: its callback
    links that identity to your account, whatever its email (the way to link a
    provider that does not verify emails), then answers like a sign-in. 409
    identity_taken at the callback when another account has it.

    Args:
        idempotency_key (str | Unset):
        body (Link):  Example: {'provider': 'microsoft', 'redirect_uri':
            'https://app.example.com/linked', 'state': 'k2J9xQ'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LinkStarted]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: Link,
    idempotency_key: str | Unset = UNSET,
) -> Error | LinkStarted | None:
    """Start linking a provider account to yours (answers its sign-in URL)

     Open authorize_url in the browser and sign in at the provider: its callback
    links that identity to your account, whatever its email (the way to link a
    provider that does not verify emails), then answers like a sign-in. 409
    identity_taken at the callback when another account has it.

    Args:
        idempotency_key (str | Unset):
        body (Link):  Example: {'provider': 'microsoft', 'redirect_uri':
            'https://app.example.com/linked', 'state': 'k2J9xQ'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LinkStarted
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
