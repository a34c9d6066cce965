from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.calendar import Calendar
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    calendar_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/calendars/{calendar_id}".format(
            calendar_id=quote(str(calendar_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Calendar | Error:
    if response.status_code == 200:
        response_200 = Calendar.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Calendar | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    calendar_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Calendar | Error]:
    """Get a calendar

     One calendar you can read, with your role and its ETag for a conditional update
    (If-Match) or read (If-None-Match).

    Args:
        calendar_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Calendar | Error]
    """

    kwargs = _get_kwargs(
        calendar_id=calendar_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    calendar_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Any | Calendar | Error | None:
    """Get a calendar

     One calendar you can read, with your role and its ETag for a conditional update
    (If-Match) or read (If-None-Match).

    Args:
        calendar_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Calendar | Error
    """

    return sync_detailed(
        calendar_id=calendar_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    calendar_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Calendar | Error]:
    """Get a calendar

     One calendar you can read, with your role and its ETag for a conditional update
    (If-Match) or read (If-None-Match).

    Args:
        calendar_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Calendar | Error]
    """

    kwargs = _get_kwargs(
        calendar_id=calendar_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    calendar_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Any | Calendar | Error | None:
    """Get a calendar

     One calendar you can read, with your role and its ETag for a conditional update
    (If-Match) or read (If-None-Match).

    Args:
        calendar_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Calendar | Error
    """

    return (
        await asyncio_detailed(
            calendar_id=calendar_id,
            client=client,
        )
    ).parsed
