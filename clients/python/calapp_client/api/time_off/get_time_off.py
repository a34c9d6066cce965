from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.time_off import TimeOff
from ...types import Response


def _get_kwargs(
    time_off_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/time-off/{time_off_id}".format(
            time_off_id=quote(str(time_off_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | TimeOff:
    if response.status_code == 200:
        response_200 = TimeOff.from_dict(response.json())

        return response_200

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | TimeOff]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    time_off_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Error | TimeOff]:
    """Get one of your absences

     The span of one absence with its dates, zone and private reason. Someone
    else's time off is a 404.

    Args:
        time_off_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TimeOff]
    """

    kwargs = _get_kwargs(
        time_off_id=time_off_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    time_off_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Error | TimeOff | None:
    """Get one of your absences

     The span of one absence with its dates, zone and private reason. Someone
    else's time off is a 404.

    Args:
        time_off_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TimeOff
    """

    return sync_detailed(
        time_off_id=time_off_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    time_off_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Error | TimeOff]:
    """Get one of your absences

     The span of one absence with its dates, zone and private reason. Someone
    else's time off is a 404.

    Args:
        time_off_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TimeOff]
    """

    kwargs = _get_kwargs(
        time_off_id=time_off_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    time_off_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Error | TimeOff | None:
    """Get one of your absences

     The span of one absence with its dates, zone and private reason. Someone
    else's time off is a 404.

    Args:
        time_off_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TimeOff
    """

    return (
        await asyncio_detailed(
            time_off_id=time_off_id,
            client=client,
        )
    ).parsed
