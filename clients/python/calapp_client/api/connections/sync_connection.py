from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.connection import Connection
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    connection_id: UUID,
    *,
    wait: bool | Unset = True,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["wait"] = wait

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/connections/{connection_id}/sync".format(
            connection_id=quote(str(connection_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Connection | Error:
    if response.status_code == 200:
        response_200 = Connection.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = Connection.from_dict(response.json())

        return response_202

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
    wait: bool | Unset = True,
    idempotency_key: str | Unset = UNSET,
) -> Response[Connection | Error]:
    """Sync a connection now

     By default fetches what changed on the other side before answering; the
    answer's last_synced_at and last_error tell how it went (409 while a sync
    runs). With `wait=false` the job consumer syncs it and the answer is
    202 at once: poll the connection until `sync_requested_at` is null.

    Args:
        connection_id (UUID):
        wait (bool | Unset):  Default: True.
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Connection | Error]
    """

    kwargs = _get_kwargs(
        connection_id=connection_id,
        wait=wait,
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
    wait: bool | Unset = True,
    idempotency_key: str | Unset = UNSET,
) -> Connection | Error | None:
    """Sync a connection now

     By default fetches what changed on the other side before answering; the
    answer's last_synced_at and last_error tell how it went (409 while a sync
    runs). With `wait=false` the job consumer syncs it and the answer is
    202 at once: poll the connection until `sync_requested_at` is null.

    Args:
        connection_id (UUID):
        wait (bool | Unset):  Default: True.
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Connection | Error
    """

    return sync_detailed(
        connection_id=connection_id,
        client=client,
        wait=wait,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    connection_id: UUID,
    *,
    client: AuthenticatedClient,
    wait: bool | Unset = True,
    idempotency_key: str | Unset = UNSET,
) -> Response[Connection | Error]:
    """Sync a connection now

     By default fetches what changed on the other side before answering; the
    answer's last_synced_at and last_error tell how it went (409 while a sync
    runs). With `wait=false` the job consumer syncs it and the answer is
    202 at once: poll the connection until `sync_requested_at` is null.

    Args:
        connection_id (UUID):
        wait (bool | Unset):  Default: True.
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Connection | Error]
    """

    kwargs = _get_kwargs(
        connection_id=connection_id,
        wait=wait,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    connection_id: UUID,
    *,
    client: AuthenticatedClient,
    wait: bool | Unset = True,
    idempotency_key: str | Unset = UNSET,
) -> Connection | Error | None:
    """Sync a connection now

     By default fetches what changed on the other side before answering; the
    answer's last_synced_at and last_error tell how it went (409 while a sync
    runs). With `wait=false` the job consumer syncs it and the answer is
    202 at once: poll the connection until `sync_requested_at` is null.

    Args:
        connection_id (UUID):
        wait (bool | Unset):  Default: True.
        idempotency_key (str | Unset):

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
            wait=wait,
            idempotency_key=idempotency_key,
        )
    ).parsed
