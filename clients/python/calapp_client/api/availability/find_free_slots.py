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
    """Find slots free for every listed calendar and person, within working hours

     Slots of the given duration free in every listed calendar and for every
    required participant (by user id or email: the calendars they share with
    you, role freebusy or above) at once, inside working hours in the given time
    zone (or one of your schedules, by schedule_id) and inside each participant's
    own default schedule, outside the owners' and participants' time off and
    blocking holidays. With optional_participants, slots where at least
    min_required of them are free, ranked by how many are (their schedules and
    time off count). Use it to schedule a meeting between several people.

    Args:
        idempotency_key (str | Unset):
        body (FindSlots):  Example: {'calendar_ids': ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10'],
            'duration_minutes': 30, 'end': '2027-01-16T00:00:00Z', 'min_required': 1,
            'optional_participants': ['bob@example.com', 'carol@example.com'], 'participants':
            ['ada@example.com', '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'], 'start':
            '2027-01-11T00:00:00Z', 'timezone': 'Europe/London', 'working_hours': {'mon': [{'end':
            '17:00', 'start': '09:00'}], 'tue': [{'end': '17:00', 'start': '09:00'}]}}.

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
    """Find slots free for every listed calendar and person, within working hours

     Slots of the given duration free in every listed calendar and for every
    required participant (by user id or email: the calendars they share with
    you, role freebusy or above) at once, inside working hours in the given time
    zone (or one of your schedules, by schedule_id) and inside each participant's
    own default schedule, outside the owners' and participants' time off and
    blocking holidays. With optional_participants, slots where at least
    min_required of them are free, ranked by how many are (their schedules and
    time off count). Use it to schedule a meeting between several people.

    Args:
        idempotency_key (str | Unset):
        body (FindSlots):  Example: {'calendar_ids': ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10'],
            'duration_minutes': 30, 'end': '2027-01-16T00:00:00Z', 'min_required': 1,
            'optional_participants': ['bob@example.com', 'carol@example.com'], 'participants':
            ['ada@example.com', '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'], 'start':
            '2027-01-11T00:00:00Z', 'timezone': 'Europe/London', 'working_hours': {'mon': [{'end':
            '17:00', 'start': '09:00'}], 'tue': [{'end': '17:00', 'start': '09:00'}]}}.

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
    """Find slots free for every listed calendar and person, within working hours

     Slots of the given duration free in every listed calendar and for every
    required participant (by user id or email: the calendars they share with
    you, role freebusy or above) at once, inside working hours in the given time
    zone (or one of your schedules, by schedule_id) and inside each participant's
    own default schedule, outside the owners' and participants' time off and
    blocking holidays. With optional_participants, slots where at least
    min_required of them are free, ranked by how many are (their schedules and
    time off count). Use it to schedule a meeting between several people.

    Args:
        idempotency_key (str | Unset):
        body (FindSlots):  Example: {'calendar_ids': ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10'],
            'duration_minutes': 30, 'end': '2027-01-16T00:00:00Z', 'min_required': 1,
            'optional_participants': ['bob@example.com', 'carol@example.com'], 'participants':
            ['ada@example.com', '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'], 'start':
            '2027-01-11T00:00:00Z', 'timezone': 'Europe/London', 'working_hours': {'mon': [{'end':
            '17:00', 'start': '09:00'}], 'tue': [{'end': '17:00', 'start': '09:00'}]}}.

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
    """Find slots free for every listed calendar and person, within working hours

     Slots of the given duration free in every listed calendar and for every
    required participant (by user id or email: the calendars they share with
    you, role freebusy or above) at once, inside working hours in the given time
    zone (or one of your schedules, by schedule_id) and inside each participant's
    own default schedule, outside the owners' and participants' time off and
    blocking holidays. With optional_participants, slots where at least
    min_required of them are free, ranked by how many are (their schedules and
    time off count). Use it to schedule a meeting between several people.

    Args:
        idempotency_key (str | Unset):
        body (FindSlots):  Example: {'calendar_ids': ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10'],
            'duration_minutes': 30, 'end': '2027-01-16T00:00:00Z', 'min_required': 1,
            'optional_participants': ['bob@example.com', 'carol@example.com'], 'participants':
            ['ada@example.com', '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'], 'start':
            '2027-01-11T00:00:00Z', 'timezone': 'Europe/London', 'working_hours': {'mon': [{'end':
            '17:00', 'start': '09:00'}], 'tue': [{'end': '17:00', 'start': '09:00'}]}}.

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
