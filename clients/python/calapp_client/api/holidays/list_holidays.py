from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.holiday_list import HolidayList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    country: str,
    subdivision: str | Unset = UNSET,
    year: int,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["country"] = country

    params["subdivision"] = subdivision

    params["year"] = year

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/holidays",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | HolidayList:
    if response.status_code == 200:
        response_200 = HolidayList.from_dict(response.json())

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

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | HolidayList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    country: str,
    subdivision: str | Unset = UNSET,
    year: int,
) -> Response[Error | HolidayList]:
    """List the public holidays of a country (or subdivision) in a year

     A year's public holidays by date, in English, for a country code (DE, US,
    AU) and optionally one of its subdivisions (BY, CA, NSW): the days that block
    your schedule when holiday_country is set and holidays_block is true. The
    list is a year long, so it is never paged.

    Args:
        country (str):  Example: DE.
        subdivision (str | Unset):  Example: BY.
        year (int):  Example: 2027.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | HolidayList]
    """

    kwargs = _get_kwargs(
        country=country,
        subdivision=subdivision,
        year=year,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    country: str,
    subdivision: str | Unset = UNSET,
    year: int,
) -> Error | HolidayList | None:
    """List the public holidays of a country (or subdivision) in a year

     A year's public holidays by date, in English, for a country code (DE, US,
    AU) and optionally one of its subdivisions (BY, CA, NSW): the days that block
    your schedule when holiday_country is set and holidays_block is true. The
    list is a year long, so it is never paged.

    Args:
        country (str):  Example: DE.
        subdivision (str | Unset):  Example: BY.
        year (int):  Example: 2027.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | HolidayList
    """

    return sync_detailed(
        client=client,
        country=country,
        subdivision=subdivision,
        year=year,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    country: str,
    subdivision: str | Unset = UNSET,
    year: int,
) -> Response[Error | HolidayList]:
    """List the public holidays of a country (or subdivision) in a year

     A year's public holidays by date, in English, for a country code (DE, US,
    AU) and optionally one of its subdivisions (BY, CA, NSW): the days that block
    your schedule when holiday_country is set and holidays_block is true. The
    list is a year long, so it is never paged.

    Args:
        country (str):  Example: DE.
        subdivision (str | Unset):  Example: BY.
        year (int):  Example: 2027.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | HolidayList]
    """

    kwargs = _get_kwargs(
        country=country,
        subdivision=subdivision,
        year=year,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    country: str,
    subdivision: str | Unset = UNSET,
    year: int,
) -> Error | HolidayList | None:
    """List the public holidays of a country (or subdivision) in a year

     A year's public holidays by date, in English, for a country code (DE, US,
    AU) and optionally one of its subdivisions (BY, CA, NSW): the days that block
    your schedule when holiday_country is set and holidays_block is true. The
    list is a year long, so it is never paged.

    Args:
        country (str):  Example: DE.
        subdivision (str | Unset):  Example: BY.
        year (int):  Example: 2027.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | HolidayList
    """

    return (
        await asyncio_detailed(
            client=client,
            country=country,
            subdivision=subdivision,
            year=year,
        )
    ).parsed
