from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.find_slots import FindSlots
from ...models.found_slots import FoundSlots
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: FindSlots,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/availability/find",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | FoundSlots:
    if response.status_code == 200:
        response_200 = FoundSlots.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | FoundSlots]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: FindSlots,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | FoundSlots]:
    """Find slots free in every listed calendar, within working hours

     Slots of the given duration that are free in every listed calendar at once,
    inside working hours in the given time zone (or one of your schedules, by
    schedule_id), outside the owners' time off and blocking holidays. Use it to
    schedule a meeting between several people.

    Args:
        idempotency_key (str | Unset):
        body (FindSlots):  Example: {'calendar_ids': ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10',
            '3e7a1c5b-2d4f-4b6a-9e8d-7c1b2a3f4e50'], 'duration_minutes': 30, 'end':
            '2027-01-16T00:00:00Z', 'start': '2027-01-11T00:00:00Z', 'timezone': 'Europe/London',
            'working_hours': {'mon': [{'end': '17:00', 'start': '09:00'}], 'tue': [{'end': '17:00',
            'start': '09:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | FoundSlots]
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
    body: FindSlots,
    idempotency_key: str | Unset = UNSET,
) -> Error | FoundSlots | None:
    """Find slots free in every listed calendar, within working hours

     Slots of the given duration that are free in every listed calendar at once,
    inside working hours in the given time zone (or one of your schedules, by
    schedule_id), outside the owners' time off and blocking holidays. Use it to
    schedule a meeting between several people.

    Args:
        idempotency_key (str | Unset):
        body (FindSlots):  Example: {'calendar_ids': ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10',
            '3e7a1c5b-2d4f-4b6a-9e8d-7c1b2a3f4e50'], 'duration_minutes': 30, 'end':
            '2027-01-16T00:00:00Z', 'start': '2027-01-11T00:00:00Z', 'timezone': 'Europe/London',
            'working_hours': {'mon': [{'end': '17:00', 'start': '09:00'}], 'tue': [{'end': '17:00',
            'start': '09:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | FoundSlots
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: FindSlots,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | FoundSlots]:
    """Find slots free in every listed calendar, within working hours

     Slots of the given duration that are free in every listed calendar at once,
    inside working hours in the given time zone (or one of your schedules, by
    schedule_id), outside the owners' time off and blocking holidays. Use it to
    schedule a meeting between several people.

    Args:
        idempotency_key (str | Unset):
        body (FindSlots):  Example: {'calendar_ids': ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10',
            '3e7a1c5b-2d4f-4b6a-9e8d-7c1b2a3f4e50'], 'duration_minutes': 30, 'end':
            '2027-01-16T00:00:00Z', 'start': '2027-01-11T00:00:00Z', 'timezone': 'Europe/London',
            'working_hours': {'mon': [{'end': '17:00', 'start': '09:00'}], 'tue': [{'end': '17:00',
            'start': '09:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | FoundSlots]
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
    body: FindSlots,
    idempotency_key: str | Unset = UNSET,
) -> Error | FoundSlots | None:
    """Find slots free in every listed calendar, within working hours

     Slots of the given duration that are free in every listed calendar at once,
    inside working hours in the given time zone (or one of your schedules, by
    schedule_id), outside the owners' time off and blocking holidays. Use it to
    schedule a meeting between several people.

    Args:
        idempotency_key (str | Unset):
        body (FindSlots):  Example: {'calendar_ids': ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10',
            '3e7a1c5b-2d4f-4b6a-9e8d-7c1b2a3f4e50'], 'duration_minutes': 30, 'end':
            '2027-01-16T00:00:00Z', 'start': '2027-01-11T00:00:00Z', 'timezone': 'Europe/London',
            'working_hours': {'mon': [{'end': '17:00', 'start': '09:00'}], 'tue': [{'end': '17:00',
            'start': '09:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | FoundSlots
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
