from http import HTTPStatus
from typing import Any, cast
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.stream_changes_web_socket_types_item import StreamChangesWebSocketTypesItem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    ticket: str | Unset = UNSET,
    calendar_id: list[UUID] | Unset = UNSET,
    types: list[StreamChangesWebSocketTypesItem] | Unset = UNSET,
    resume_from: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["ticket"] = ticket

    json_calendar_id: list[str] | Unset = UNSET
    if not isinstance(calendar_id, Unset):
        json_calendar_id = []
        for calendar_id_item_data in calendar_id:
            calendar_id_item = str(calendar_id_item_data)
            json_calendar_id.append(calendar_id_item)

    params["calendar_id"] = json_calendar_id

    json_types: list[str] | Unset = UNSET
    if not isinstance(types, Unset):
        json_types = []
        for types_item_data in types:
            types_item = types_item_data.value
            json_types.append(types_item)

    params["types"] = json_types

    params["resume_from"] = resume_from

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/ws",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error:
    if response.status_code == 101:
        response_101 = cast(Any, None)
        return response_101

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

    if response.status_code == 421:
        response_421 = Error.from_dict(response.json())

        return response_421

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
    *,
    client: AuthenticatedClient,
    ticket: str | Unset = UNSET,
    calendar_id: list[UUID] | Unset = UNSET,
    types: list[StreamChangesWebSocketTypesItem] | Unset = UNSET,
    resume_from: int | Unset = UNSET,
) -> Response[Any | Error]:
    """Receive the changes you may read over a WebSocket

     The same live updates as GET /stream over a WebSocket, resumable with
    resume_from. Served by the stream process.

    Args:
        ticket (str | Unset):
        calendar_id (list[UUID] | Unset):
        types (list[StreamChangesWebSocketTypesItem] | Unset):
        resume_from (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        ticket=ticket,
        calendar_id=calendar_id,
        types=types,
        resume_from=resume_from,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    ticket: str | Unset = UNSET,
    calendar_id: list[UUID] | Unset = UNSET,
    types: list[StreamChangesWebSocketTypesItem] | Unset = UNSET,
    resume_from: int | Unset = UNSET,
) -> Any | Error | None:
    """Receive the changes you may read over a WebSocket

     The same live updates as GET /stream over a WebSocket, resumable with
    resume_from. Served by the stream process.

    Args:
        ticket (str | Unset):
        calendar_id (list[UUID] | Unset):
        types (list[StreamChangesWebSocketTypesItem] | Unset):
        resume_from (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        client=client,
        ticket=ticket,
        calendar_id=calendar_id,
        types=types,
        resume_from=resume_from,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    ticket: str | Unset = UNSET,
    calendar_id: list[UUID] | Unset = UNSET,
    types: list[StreamChangesWebSocketTypesItem] | Unset = UNSET,
    resume_from: int | Unset = UNSET,
) -> Response[Any | Error]:
    """Receive the changes you may read over a WebSocket

     The same live updates as GET /stream over a WebSocket, resumable with
    resume_from. Served by the stream process.

    Args:
        ticket (str | Unset):
        calendar_id (list[UUID] | Unset):
        types (list[StreamChangesWebSocketTypesItem] | Unset):
        resume_from (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        ticket=ticket,
        calendar_id=calendar_id,
        types=types,
        resume_from=resume_from,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    ticket: str | Unset = UNSET,
    calendar_id: list[UUID] | Unset = UNSET,
    types: list[StreamChangesWebSocketTypesItem] | Unset = UNSET,
    resume_from: int | Unset = UNSET,
) -> Any | Error | None:
    """Receive the changes you may read over a WebSocket

     The same live updates as GET /stream over a WebSocket, resumable with
    resume_from. Served by the stream process.

    Args:
        ticket (str | Unset):
        calendar_id (list[UUID] | Unset):
        types (list[StreamChangesWebSocketTypesItem] | Unset):
        resume_from (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            ticket=ticket,
            calendar_id=calendar_id,
            types=types,
            resume_from=resume_from,
        )
    ).parsed
