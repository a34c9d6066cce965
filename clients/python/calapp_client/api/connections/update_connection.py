from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.connection import Connection
from ...models.connection_update import ConnectionUpdate
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    connection_id: UUID,
    *,
    body: ConnectionUpdate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/connections/{connection_id}".format(
            connection_id=quote(str(connection_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Connection | Error:
    if response.status_code == 200:
        response_200 = Connection.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Connection | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    connection_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ConnectionUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Connection | Error]:
    """Change a connection: name, credentials, which calendars count

     New credentials are checked against the server at once; each remote
    calendar can count as busy, be shown, both or neither.

    Args:
        connection_id (UUID):
        idempotency_key (str | Unset):
        body (ConnectionUpdate):  Example: {'calendars': [{'id':
            '7c2d4e6f-8a9b-4c1d-9e2f-3a4b5c6d7e8f', 'is_busy': False, 'is_shown': True}], 'name':
            'Home (iCloud)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Connection | Error]
    """

    kwargs = _get_kwargs(
        connection_id=connection_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    connection_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ConnectionUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Connection | Error | None:
    """Change a connection: name, credentials, which calendars count

     New credentials are checked against the server at once; each remote
    calendar can count as busy, be shown, both or neither.

    Args:
        connection_id (UUID):
        idempotency_key (str | Unset):
        body (ConnectionUpdate):  Example: {'calendars': [{'id':
            '7c2d4e6f-8a9b-4c1d-9e2f-3a4b5c6d7e8f', 'is_busy': False, 'is_shown': True}], 'name':
            'Home (iCloud)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Connection | Error
    """

    return sync_detailed(
        connection_id=connection_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    connection_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ConnectionUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Connection | Error]:
    """Change a connection: name, credentials, which calendars count

     New credentials are checked against the server at once; each remote
    calendar can count as busy, be shown, both or neither.

    Args:
        connection_id (UUID):
        idempotency_key (str | Unset):
        body (ConnectionUpdate):  Example: {'calendars': [{'id':
            '7c2d4e6f-8a9b-4c1d-9e2f-3a4b5c6d7e8f', 'is_busy': False, 'is_shown': True}], 'name':
            'Home (iCloud)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Connection | Error]
    """

    kwargs = _get_kwargs(
        connection_id=connection_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    connection_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ConnectionUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Connection | Error | None:
    """Change a connection: name, credentials, which calendars count

     New credentials are checked against the server at once; each remote
    calendar can count as busy, be shown, both or neither.

    Args:
        connection_id (UUID):
        idempotency_key (str | Unset):
        body (ConnectionUpdate):  Example: {'calendars': [{'id':
            '7c2d4e6f-8a9b-4c1d-9e2f-3a4b5c6d7e8f', 'is_busy': False, 'is_shown': True}], 'name':
            'Home (iCloud)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Connection | Error
    """

    return (
        await asyncio_detailed(
            connection_id=connection_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
