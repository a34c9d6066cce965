from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.connection import Connection
from ...models.connection_create import ConnectionCreate
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ConnectionCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/connections",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Connection | Error:
    if response.status_code == 201:
        response_201 = Connection.from_dict(response.json())

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
    *,
    client: AuthenticatedClient,
    body: ConnectionCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Connection | Error]:
    """Connect a CalDAV account or subscribe to an ICS feed

     A CalDAV account is checked at once (its calendars are discovered); the
    first sync follows within a minute, or at once with the sync operation.

    Args:
        idempotency_key (str | Unset):
        body (ConnectionCreate):  Example: {'kind': 'caldav', 'name': 'iCloud', 'password': 'abcd-
            efgh-ijkl-mnop', 'url': 'https://caldav.icloud.com/', 'username': 'ada@icloud.com'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Connection | Error]
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
    body: ConnectionCreate,
    idempotency_key: str | Unset = UNSET,
) -> Connection | Error | None:
    """Connect a CalDAV account or subscribe to an ICS feed

     A CalDAV account is checked at once (its calendars are discovered); the
    first sync follows within a minute, or at once with the sync operation.

    Args:
        idempotency_key (str | Unset):
        body (ConnectionCreate):  Example: {'kind': 'caldav', 'name': 'iCloud', 'password': 'abcd-
            efgh-ijkl-mnop', 'url': 'https://caldav.icloud.com/', 'username': 'ada@icloud.com'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Connection | Error
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ConnectionCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Connection | Error]:
    """Connect a CalDAV account or subscribe to an ICS feed

     A CalDAV account is checked at once (its calendars are discovered); the
    first sync follows within a minute, or at once with the sync operation.

    Args:
        idempotency_key (str | Unset):
        body (ConnectionCreate):  Example: {'kind': 'caldav', 'name': 'iCloud', 'password': 'abcd-
            efgh-ijkl-mnop', 'url': 'https://caldav.icloud.com/', 'username': 'ada@icloud.com'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Connection | Error]
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
    body: ConnectionCreate,
    idempotency_key: str | Unset = UNSET,
) -> Connection | Error | None:
    """Connect a CalDAV account or subscribe to an ICS feed

     A CalDAV account is checked at once (its calendars are discovered); the
    first sync follows within a minute, or at once with the sync operation.

    Args:
        idempotency_key (str | Unset):
        body (ConnectionCreate):  Example: {'kind': 'caldav', 'name': 'iCloud', 'password': 'abcd-
            efgh-ijkl-mnop', 'url': 'https://caldav.icloud.com/', 'username': 'ada@icloud.com'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Connection | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
