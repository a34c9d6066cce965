from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.month import Month
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    year: int,
    month: int,
    timezone: str | Unset = UNSET,
    schedule_id: UUID | Unset = UNSET,
    duration_minutes: int | Unset = 30,
    participant: list[str] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["year"] = year

    params["month"] = month

    params["timezone"] = timezone

    json_schedule_id: str | Unset = UNSET
    if not isinstance(schedule_id, Unset):
        json_schedule_id = str(schedule_id)
    params["schedule_id"] = json_schedule_id

    params["duration_minutes"] = duration_minutes

    json_participant: list[str] | Unset = UNSET
    if not isinstance(participant, Unset):
        json_participant = participant

    params["participant"] = json_participant

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/availability/month",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Month:
    if response.status_code == 200:
        response_200 = Month.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Month]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    year: int,
    month: int,
    timezone: str | Unset = UNSET,
    schedule_id: UUID | Unset = UNSET,
    duration_minutes: int | Unset = 30,
    participant: list[str] | Unset = UNSET,
) -> Response[Error | Month]:
    """Get your month: each day's status and number of free slots

     One entry per local day of the month in `timezone` (default: the
    schedule's): available, partial, full, off, holiday or time_off, the
    holiday's name, and how many slots of duration_minutes your schedule
    (schedule_id, default your default schedule) leaves free after the busy
    time of your calendars, your time off and blocking public holidays. With
    participant (repeatable), the month of a group: slots every participant is
    free in too. A 400 when you have no default schedule and give none.

    Args:
        year (int):  Example: 2027.
        month (int):  Example: 4.
        timezone (str | Unset):  Example: Europe/Berlin.
        schedule_id (UUID | Unset):
        duration_minutes (int | Unset):  Default: 30.
        participant (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Month]
    """

    kwargs = _get_kwargs(
        year=year,
        month=month,
        timezone=timezone,
        schedule_id=schedule_id,
        duration_minutes=duration_minutes,
        participant=participant,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    year: int,
    month: int,
    timezone: str | Unset = UNSET,
    schedule_id: UUID | Unset = UNSET,
    duration_minutes: int | Unset = 30,
    participant: list[str] | Unset = UNSET,
) -> Error | Month | None:
    """Get your month: each day's status and number of free slots

     One entry per local day of the month in `timezone` (default: the
    schedule's): available, partial, full, off, holiday or time_off, the
    holiday's name, and how many slots of duration_minutes your schedule
    (schedule_id, default your default schedule) leaves free after the busy
    time of your calendars, your time off and blocking public holidays. With
    participant (repeatable), the month of a group: slots every participant is
    free in too. A 400 when you have no default schedule and give none.

    Args:
        year (int):  Example: 2027.
        month (int):  Example: 4.
        timezone (str | Unset):  Example: Europe/Berlin.
        schedule_id (UUID | Unset):
        duration_minutes (int | Unset):  Default: 30.
        participant (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Month
    """

    return sync_detailed(
        client=client,
        year=year,
        month=month,
        timezone=timezone,
        schedule_id=schedule_id,
        duration_minutes=duration_minutes,
        participant=participant,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    year: int,
    month: int,
    timezone: str | Unset = UNSET,
    schedule_id: UUID | Unset = UNSET,
    duration_minutes: int | Unset = 30,
    participant: list[str] | Unset = UNSET,
) -> Response[Error | Month]:
    """Get your month: each day's status and number of free slots

     One entry per local day of the month in `timezone` (default: the
    schedule's): available, partial, full, off, holiday or time_off, the
    holiday's name, and how many slots of duration_minutes your schedule
    (schedule_id, default your default schedule) leaves free after the busy
    time of your calendars, your time off and blocking public holidays. With
    participant (repeatable), the month of a group: slots every participant is
    free in too. A 400 when you have no default schedule and give none.

    Args:
        year (int):  Example: 2027.
        month (int):  Example: 4.
        timezone (str | Unset):  Example: Europe/Berlin.
        schedule_id (UUID | Unset):
        duration_minutes (int | Unset):  Default: 30.
        participant (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Month]
    """

    kwargs = _get_kwargs(
        year=year,
        month=month,
        timezone=timezone,
        schedule_id=schedule_id,
        duration_minutes=duration_minutes,
        participant=participant,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    year: int,
    month: int,
    timezone: str | Unset = UNSET,
    schedule_id: UUID | Unset = UNSET,
    duration_minutes: int | Unset = 30,
    participant: list[str] | Unset = UNSET,
) -> Error | Month | None:
    """Get your month: each day's status and number of free slots

     One entry per local day of the month in `timezone` (default: the
    schedule's): available, partial, full, off, holiday or time_off, the
    holiday's name, and how many slots of duration_minutes your schedule
    (schedule_id, default your default schedule) leaves free after the busy
    time of your calendars, your time off and blocking public holidays. With
    participant (repeatable), the month of a group: slots every participant is
    free in too. A 400 when you have no default schedule and give none.

    Args:
        year (int):  Example: 2027.
        month (int):  Example: 4.
        timezone (str | Unset):  Example: Europe/Berlin.
        schedule_id (UUID | Unset):
        duration_minutes (int | Unset):  Default: 30.
        participant (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Month
    """

    return (
        await asyncio_detailed(
            client=client,
            year=year,
            month=month,
            timezone=timezone,
            schedule_id=schedule_id,
            duration_minutes=duration_minutes,
            participant=participant,
        )
    ).parsed
