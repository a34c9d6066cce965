from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.event import Event
from ...models.event_create import EventCreate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: EventCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/events",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Event:
    if response.status_code == 201:
        response_201 = Event.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Event]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: EventCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Event]:
    """Create an event on a calendar you can edit

     A single event, an all-day event (dates) or a recurring series (an RFC 5545
    recurrence_rule), with reminders and attendees in the same call. Needs editor or
    owner rights on the calendar.

    Args:
        idempotency_key (str | Unset):
        body (EventCreate):  Example: {'attendees': [{'email': 'charles@example.com', 'name':
            'Charles Babbage'}], 'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'description':
            'Priorities for the week', 'end_time': '2027-01-11T10:00:00Z', 'location': 'Room 4.12',
            'recurrence_rule': 'FREQ=WEEKLY;BYDAY=MO', 'reminders': [10], 'start_time':
            '2027-01-11T09:30:00Z', 'tags': ['team'], 'timezone': 'Europe/London', 'title': 'Weekly
            planning'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Event]
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
    body: EventCreate,
    idempotency_key: str | Unset = UNSET,
) -> Error | Event | None:
    """Create an event on a calendar you can edit

     A single event, an all-day event (dates) or a recurring series (an RFC 5545
    recurrence_rule), with reminders and attendees in the same call. Needs editor or
    owner rights on the calendar.

    Args:
        idempotency_key (str | Unset):
        body (EventCreate):  Example: {'attendees': [{'email': 'charles@example.com', 'name':
            'Charles Babbage'}], 'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'description':
            'Priorities for the week', 'end_time': '2027-01-11T10:00:00Z', 'location': 'Room 4.12',
            'recurrence_rule': 'FREQ=WEEKLY;BYDAY=MO', 'reminders': [10], 'start_time':
            '2027-01-11T09:30:00Z', 'tags': ['team'], 'timezone': 'Europe/London', 'title': 'Weekly
            planning'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Event
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: EventCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Event]:
    """Create an event on a calendar you can edit

     A single event, an all-day event (dates) or a recurring series (an RFC 5545
    recurrence_rule), with reminders and attendees in the same call. Needs editor or
    owner rights on the calendar.

    Args:
        idempotency_key (str | Unset):
        body (EventCreate):  Example: {'attendees': [{'email': 'charles@example.com', 'name':
            'Charles Babbage'}], 'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'description':
            'Priorities for the week', 'end_time': '2027-01-11T10:00:00Z', 'location': 'Room 4.12',
            'recurrence_rule': 'FREQ=WEEKLY;BYDAY=MO', 'reminders': [10], 'start_time':
            '2027-01-11T09:30:00Z', 'tags': ['team'], 'timezone': 'Europe/London', 'title': 'Weekly
            planning'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Event]
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
    body: EventCreate,
    idempotency_key: str | Unset = UNSET,
) -> Error | Event | None:
    """Create an event on a calendar you can edit

     A single event, an all-day event (dates) or a recurring series (an RFC 5545
    recurrence_rule), with reminders and attendees in the same call. Needs editor or
    owner rights on the calendar.

    Args:
        idempotency_key (str | Unset):
        body (EventCreate):  Example: {'attendees': [{'email': 'charles@example.com', 'name':
            'Charles Babbage'}], 'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'description':
            'Priorities for the week', 'end_time': '2027-01-11T10:00:00Z', 'location': 'Room 4.12',
            'recurrence_rule': 'FREQ=WEEKLY;BYDAY=MO', 'reminders': [10], 'start_time':
            '2027-01-11T09:30:00Z', 'tags': ['team'], 'timezone': 'Europe/London', 'title': 'Weekly
            planning'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Event
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
