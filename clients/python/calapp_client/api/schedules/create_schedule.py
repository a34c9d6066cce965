from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.schedule import Schedule
from ...models.schedule_create import ScheduleCreate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ScheduleCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/schedules",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Schedule:
    if response.status_code == 201:
        response_201 = Schedule.from_dict(response.json())

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

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Schedule]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ScheduleCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Schedule]:
    """Create an availability schedule

     Weekly windows per weekday (several a day, HH:MM local wall times in the
    schedule's IANA zone, no overlaps) and date overrides that replace a day's
    windows or mark it unavailable. Your first schedule becomes your default.

    Args:
        idempotency_key (str | Unset):
        body (ScheduleCreate):  Example: {'date_overrides': [{'date': '2027-03-28', 'windows':
            [{'end': '14:00', 'start': '10:00'}]}, {'date': '2027-04-02', 'windows': []}], 'name':
            'Coaching hours', 'timezone': 'Europe/Berlin', 'weekly': {'mon': [{'end': '12:00',
            'start': '09:00'}, {'end': '17:00', 'start': '13:00'}], 'wed': [{'end': '17:00', 'start':
            '09:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Schedule]
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
    body: ScheduleCreate,
    idempotency_key: str | Unset = UNSET,
) -> Error | Schedule | None:
    """Create an availability schedule

     Weekly windows per weekday (several a day, HH:MM local wall times in the
    schedule's IANA zone, no overlaps) and date overrides that replace a day's
    windows or mark it unavailable. Your first schedule becomes your default.

    Args:
        idempotency_key (str | Unset):
        body (ScheduleCreate):  Example: {'date_overrides': [{'date': '2027-03-28', 'windows':
            [{'end': '14:00', 'start': '10:00'}]}, {'date': '2027-04-02', 'windows': []}], 'name':
            'Coaching hours', 'timezone': 'Europe/Berlin', 'weekly': {'mon': [{'end': '12:00',
            'start': '09:00'}, {'end': '17:00', 'start': '13:00'}], 'wed': [{'end': '17:00', 'start':
            '09:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Schedule
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ScheduleCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Schedule]:
    """Create an availability schedule

     Weekly windows per weekday (several a day, HH:MM local wall times in the
    schedule's IANA zone, no overlaps) and date overrides that replace a day's
    windows or mark it unavailable. Your first schedule becomes your default.

    Args:
        idempotency_key (str | Unset):
        body (ScheduleCreate):  Example: {'date_overrides': [{'date': '2027-03-28', 'windows':
            [{'end': '14:00', 'start': '10:00'}]}, {'date': '2027-04-02', 'windows': []}], 'name':
            'Coaching hours', 'timezone': 'Europe/Berlin', 'weekly': {'mon': [{'end': '12:00',
            'start': '09:00'}, {'end': '17:00', 'start': '13:00'}], 'wed': [{'end': '17:00', 'start':
            '09:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Schedule]
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
    body: ScheduleCreate,
    idempotency_key: str | Unset = UNSET,
) -> Error | Schedule | None:
    """Create an availability schedule

     Weekly windows per weekday (several a day, HH:MM local wall times in the
    schedule's IANA zone, no overlaps) and date overrides that replace a day's
    windows or mark it unavailable. Your first schedule becomes your default.

    Args:
        idempotency_key (str | Unset):
        body (ScheduleCreate):  Example: {'date_overrides': [{'date': '2027-03-28', 'windows':
            [{'end': '14:00', 'start': '10:00'}]}, {'date': '2027-04-02', 'windows': []}], 'name':
            'Coaching hours', 'timezone': 'Europe/Berlin', 'weekly': {'mon': [{'end': '12:00',
            'start': '09:00'}, {'end': '17:00', 'start': '13:00'}], 'wed': [{'end': '17:00', 'start':
            '09:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Schedule
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
