from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.explain import Explain
from ...models.slot_explanation import SlotExplanation
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: Explain,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/availability/explain",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | SlotExplanation:
    if response.status_code == 200:
        response_200 = SlotExplanation.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | SlotExplanation]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: Explain,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | SlotExplanation]:
    """Explain whether a slot is free for the calendars and people, and why not

     Judges one slot (start plus duration_minutes or end) with the rules of
    POST /availability/find and answers whether find would offer it; if not,
    every reason as a code with detail: outside_working_hours,
    not_on_interval, busy, buffer, time_off or holiday. A busy reason names
    the event (id, title, calendar) only when you may read it and hold
    events:read; otherwise (a calendar shared with you at freebusy) it says
    only when the calendar is busy. With participants, their busy time, time
    off, holidays and own working hours too, each reason naming the participant.

    Args:
        idempotency_key (str | Unset):
        body (Explain):  Example: {'buffer_minutes': 10, 'calendar_ids':
            ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10'], 'duration_minutes': 60, 'start':
            '2027-01-11T10:00:00Z', 'timezone': 'Europe/London', 'working_hours': {'mon': [{'end':
            '17:00', 'start': '09:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SlotExplanation]
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
    body: Explain,
    idempotency_key: str | Unset = UNSET,
) -> Error | SlotExplanation | None:
    """Explain whether a slot is free for the calendars and people, and why not

     Judges one slot (start plus duration_minutes or end) with the rules of
    POST /availability/find and answers whether find would offer it; if not,
    every reason as a code with detail: outside_working_hours,
    not_on_interval, busy, buffer, time_off or holiday. A busy reason names
    the event (id, title, calendar) only when you may read it and hold
    events:read; otherwise (a calendar shared with you at freebusy) it says
    only when the calendar is busy. With participants, their busy time, time
    off, holidays and own working hours too, each reason naming the participant.

    Args:
        idempotency_key (str | Unset):
        body (Explain):  Example: {'buffer_minutes': 10, 'calendar_ids':
            ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10'], 'duration_minutes': 60, 'start':
            '2027-01-11T10:00:00Z', 'timezone': 'Europe/London', 'working_hours': {'mon': [{'end':
            '17:00', 'start': '09:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SlotExplanation
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: Explain,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | SlotExplanation]:
    """Explain whether a slot is free for the calendars and people, and why not

     Judges one slot (start plus duration_minutes or end) with the rules of
    POST /availability/find and answers whether find would offer it; if not,
    every reason as a code with detail: outside_working_hours,
    not_on_interval, busy, buffer, time_off or holiday. A busy reason names
    the event (id, title, calendar) only when you may read it and hold
    events:read; otherwise (a calendar shared with you at freebusy) it says
    only when the calendar is busy. With participants, their busy time, time
    off, holidays and own working hours too, each reason naming the participant.

    Args:
        idempotency_key (str | Unset):
        body (Explain):  Example: {'buffer_minutes': 10, 'calendar_ids':
            ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10'], 'duration_minutes': 60, 'start':
            '2027-01-11T10:00:00Z', 'timezone': 'Europe/London', 'working_hours': {'mon': [{'end':
            '17:00', 'start': '09:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SlotExplanation]
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
    body: Explain,
    idempotency_key: str | Unset = UNSET,
) -> Error | SlotExplanation | None:
    """Explain whether a slot is free for the calendars and people, and why not

     Judges one slot (start plus duration_minutes or end) with the rules of
    POST /availability/find and answers whether find would offer it; if not,
    every reason as a code with detail: outside_working_hours,
    not_on_interval, busy, buffer, time_off or holiday. A busy reason names
    the event (id, title, calendar) only when you may read it and hold
    events:read; otherwise (a calendar shared with you at freebusy) it says
    only when the calendar is busy. With participants, their busy time, time
    off, holidays and own working hours too, each reason naming the participant.

    Args:
        idempotency_key (str | Unset):
        body (Explain):  Example: {'buffer_minutes': 10, 'calendar_ids':
            ['0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10'], 'duration_minutes': 60, 'start':
            '2027-01-11T10:00:00Z', 'timezone': 'Europe/London', 'working_hours': {'mon': [{'end':
            '17:00', 'start': '09:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SlotExplanation
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
