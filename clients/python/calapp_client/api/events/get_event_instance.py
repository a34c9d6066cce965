from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.event import Event
from ...types import Response


def _get_kwargs(
    event_id: UUID,
    original_start_time: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/events/{event_id}/instances/{original_start_time}".format(
            event_id=quote(str(event_id), safe=""),
            original_start_time=quote(str(original_start_time), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Event:
    if response.status_code == 200:
        response_200 = Event.from_dict(response.json())

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

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Event]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    event_id: UUID,
    original_start_time: str,
    *,
    client: AuthenticatedClient,
) -> Response[Error | Event]:
    """Get one occurrence by its original start

     One occurrence of a series, addressed by its original start (RFC 3339, as listed
    in original_start_time), with any change made to it applied.

    Args:
        event_id (UUID):
        original_start_time (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Event]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        original_start_time=original_start_time,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event_id: UUID,
    original_start_time: str,
    *,
    client: AuthenticatedClient,
) -> Error | Event | None:
    """Get one occurrence by its original start

     One occurrence of a series, addressed by its original start (RFC 3339, as listed
    in original_start_time), with any change made to it applied.

    Args:
        event_id (UUID):
        original_start_time (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Event
    """

    return sync_detailed(
        event_id=event_id,
        original_start_time=original_start_time,
        client=client,
    ).parsed


async def asyncio_detailed(
    event_id: UUID,
    original_start_time: str,
    *,
    client: AuthenticatedClient,
) -> Response[Error | Event]:
    """Get one occurrence by its original start

     One occurrence of a series, addressed by its original start (RFC 3339, as listed
    in original_start_time), with any change made to it applied.

    Args:
        event_id (UUID):
        original_start_time (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Event]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        original_start_time=original_start_time,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event_id: UUID,
    original_start_time: str,
    *,
    client: AuthenticatedClient,
) -> Error | Event | None:
    """Get one occurrence by its original start

     One occurrence of a series, addressed by its original start (RFC 3339, as listed
    in original_start_time), with any change made to it applied.

    Args:
        event_id (UUID):
        original_start_time (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Event
    """

    return (
        await asyncio_detailed(
            event_id=event_id,
            original_start_time=original_start_time,
            client=client,
        )
    ).parsed
