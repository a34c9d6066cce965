from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.api_key_create import ApiKeyCreate
from ...models.api_key_created import ApiKeyCreated
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ApiKeyCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api-keys",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ApiKeyCreated | Error:
    if response.status_code == 201:
        response_201 = ApiKeyCreated.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiKeyCreated | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ApiKeyCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ApiKeyCreated | Error]:
    """Create an API key; its secret is in this response only

     Give a script or an agent its own credential, limited to the scopes it needs
    (write implies read). Keep the key from this response: only its hash is stored.
    Signed-in users only.

    Args:
        idempotency_key (str | Unset):
        body (ApiKeyCreate):  Example: {'expires_at': '2027-06-30T00:00:00Z', 'name': 'Scheduling
            assistant', 'scopes': ['calendars:read', 'events:write', 'availability:read']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeyCreated | Error]
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
    body: ApiKeyCreate,
    idempotency_key: str | Unset = UNSET,
) -> ApiKeyCreated | Error | None:
    """Create an API key; its secret is in this response only

     Give a script or an agent its own credential, limited to the scopes it needs
    (write implies read). Keep the key from this response: only its hash is stored.
    Signed-in users only.

    Args:
        idempotency_key (str | Unset):
        body (ApiKeyCreate):  Example: {'expires_at': '2027-06-30T00:00:00Z', 'name': 'Scheduling
            assistant', 'scopes': ['calendars:read', 'events:write', 'availability:read']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeyCreated | Error
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ApiKeyCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ApiKeyCreated | Error]:
    """Create an API key; its secret is in this response only

     Give a script or an agent its own credential, limited to the scopes it needs
    (write implies read). Keep the key from this response: only its hash is stored.
    Signed-in users only.

    Args:
        idempotency_key (str | Unset):
        body (ApiKeyCreate):  Example: {'expires_at': '2027-06-30T00:00:00Z', 'name': 'Scheduling
            assistant', 'scopes': ['calendars:read', 'events:write', 'availability:read']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeyCreated | Error]
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
    body: ApiKeyCreate,
    idempotency_key: str | Unset = UNSET,
) -> ApiKeyCreated | Error | None:
    """Create an API key; its secret is in this response only

     Give a script or an agent its own credential, limited to the scopes it needs
    (write implies read). Keep the key from this response: only its hash is stored.
    Signed-in users only.

    Args:
        idempotency_key (str | Unset):
        body (ApiKeyCreate):  Example: {'expires_at': '2027-06-30T00:00:00Z', 'name': 'Scheduling
            assistant', 'scopes': ['calendars:read', 'events:write', 'availability:read']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeyCreated | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
