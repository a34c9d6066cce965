from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.booking_link import BookingLink
from ...models.booking_link_create import BookingLinkCreate
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    calendar_id: UUID,
    *,
    body: BookingLinkCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/calendars/{calendar_id}/booking-link".format(
            calendar_id=quote(str(calendar_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BookingLink | Error:
    if response.status_code == 200:
        response_200 = BookingLink.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BookingLink | Error]:
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
    body: BookingLinkCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[BookingLink | Error]:
    """Create a public booking link for a calendar (owner only)

     A public link where anyone can book a slot of your calendar without an account:
    duration, working hours (inline, or one of your schedules by schedule_id),
    buffers, notice and daily limits. Share its public_url.

    Args:
        calendar_id (UUID):
        idempotency_key (str | Unset):
        body (BookingLinkCreate):  Example: {'buffer_minutes': 10, 'duration_minutes': 30,
            'max_days_ahead': 30, 'min_notice_minutes': 120, 'timezone': 'Europe/London', 'title':
            'Intro call with Ada', 'working_hours': {'mon': [{'end': '12:00', 'start': '09:00'}],
            'wed': [{'end': '17:00', 'start': '13:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingLink | Error]
    """

    kwargs = _get_kwargs(
        calendar_id=calendar_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    calendar_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BookingLinkCreate,
    idempotency_key: str | Unset = UNSET,
) -> BookingLink | Error | None:
    """Create a public booking link for a calendar (owner only)

     A public link where anyone can book a slot of your calendar without an account:
    duration, working hours (inline, or one of your schedules by schedule_id),
    buffers, notice and daily limits. Share its public_url.

    Args:
        calendar_id (UUID):
        idempotency_key (str | Unset):
        body (BookingLinkCreate):  Example: {'buffer_minutes': 10, 'duration_minutes': 30,
            'max_days_ahead': 30, 'min_notice_minutes': 120, 'timezone': 'Europe/London', 'title':
            'Intro call with Ada', 'working_hours': {'mon': [{'end': '12:00', 'start': '09:00'}],
            'wed': [{'end': '17:00', 'start': '13:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BookingLink | Error
    """

    return sync_detailed(
        calendar_id=calendar_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    calendar_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BookingLinkCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[BookingLink | Error]:
    """Create a public booking link for a calendar (owner only)

     A public link where anyone can book a slot of your calendar without an account:
    duration, working hours (inline, or one of your schedules by schedule_id),
    buffers, notice and daily limits. Share its public_url.

    Args:
        calendar_id (UUID):
        idempotency_key (str | Unset):
        body (BookingLinkCreate):  Example: {'buffer_minutes': 10, 'duration_minutes': 30,
            'max_days_ahead': 30, 'min_notice_minutes': 120, 'timezone': 'Europe/London', 'title':
            'Intro call with Ada', 'working_hours': {'mon': [{'end': '12:00', 'start': '09:00'}],
            'wed': [{'end': '17:00', 'start': '13:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingLink | Error]
    """

    kwargs = _get_kwargs(
        calendar_id=calendar_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    calendar_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BookingLinkCreate,
    idempotency_key: str | Unset = UNSET,
) -> BookingLink | Error | None:
    """Create a public booking link for a calendar (owner only)

     A public link where anyone can book a slot of your calendar without an account:
    duration, working hours (inline, or one of your schedules by schedule_id),
    buffers, notice and daily limits. Share its public_url.

    Args:
        calendar_id (UUID):
        idempotency_key (str | Unset):
        body (BookingLinkCreate):  Example: {'buffer_minutes': 10, 'duration_minutes': 30,
            'max_days_ahead': 30, 'min_notice_minutes': 120, 'timezone': 'Europe/London', 'title':
            'Intro call with Ada', 'working_hours': {'mon': [{'end': '12:00', 'start': '09:00'}],
            'wed': [{'end': '17:00', 'start': '13:00'}]}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BookingLink | Error
    """

    return (
        await asyncio_detailed(
            calendar_id=calendar_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
