from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.public_month import PublicMonth
from ...types import UNSET, Response, Unset


def _get_kwargs(
    token: str,
    *,
    year: int,
    month: int,
    timezone: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["year"] = year

    params["month"] = month

    params["timezone"] = timezone

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/booking/{token}/month".format(
            token=quote(str(token), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PublicMonth:
    if response.status_code == 200:
        response_200 = PublicMonth.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PublicMonth]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    year: int,
    month: int,
    timezone: str | Unset = UNSET,
) -> Response[Error | PublicMonth]:
    """Get a booking link's month: each day's status and number of free slots

     No sign-in. One entry per local day of the month in `timezone` (default:
    the link's): available, partial, full, off, holiday or time_off, the
    holiday's name, and how many slots the availability listing offers that
    day. Use it to grey out days with nothing to book.

    Args:
        token (str):
        year (int):  Example: 2027.
        month (int):  Example: 4.
        timezone (str | Unset):  Example: Europe/Berlin.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PublicMonth]
    """

    kwargs = _get_kwargs(
        token=token,
        year=year,
        month=month,
        timezone=timezone,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    year: int,
    month: int,
    timezone: str | Unset = UNSET,
) -> Error | PublicMonth | None:
    """Get a booking link's month: each day's status and number of free slots

     No sign-in. One entry per local day of the month in `timezone` (default:
    the link's): available, partial, full, off, holiday or time_off, the
    holiday's name, and how many slots the availability listing offers that
    day. Use it to grey out days with nothing to book.

    Args:
        token (str):
        year (int):  Example: 2027.
        month (int):  Example: 4.
        timezone (str | Unset):  Example: Europe/Berlin.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PublicMonth
    """

    return sync_detailed(
        token=token,
        client=client,
        year=year,
        month=month,
        timezone=timezone,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    year: int,
    month: int,
    timezone: str | Unset = UNSET,
) -> Response[Error | PublicMonth]:
    """Get a booking link's month: each day's status and number of free slots

     No sign-in. One entry per local day of the month in `timezone` (default:
    the link's): available, partial, full, off, holiday or time_off, the
    holiday's name, and how many slots the availability listing offers that
    day. Use it to grey out days with nothing to book.

    Args:
        token (str):
        year (int):  Example: 2027.
        month (int):  Example: 4.
        timezone (str | Unset):  Example: Europe/Berlin.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PublicMonth]
    """

    kwargs = _get_kwargs(
        token=token,
        year=year,
        month=month,
        timezone=timezone,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    year: int,
    month: int,
    timezone: str | Unset = UNSET,
) -> Error | PublicMonth | None:
    """Get a booking link's month: each day's status and number of free slots

     No sign-in. One entry per local day of the month in `timezone` (default:
    the link's): available, partial, full, off, holiday or time_off, the
    holiday's name, and how many slots the availability listing offers that
    day. Use it to grey out days with nothing to book.

    Args:
        token (str):
        year (int):  Example: 2027.
        month (int):  Example: 4.
        timezone (str | Unset):  Example: Europe/Berlin.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PublicMonth
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            year=year,
            month=month,
            timezone=timezone,
        )
    ).parsed
