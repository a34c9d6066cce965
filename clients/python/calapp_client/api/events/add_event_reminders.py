from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.reminder_create import ReminderCreate
from ...models.reminder_list import ReminderList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event_id: UUID,
    *,
    body: ReminderCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/events/{event_id}/reminders".format(
            event_id=quote(str(event_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | ReminderList:
    if response.status_code == 201:
        response_201 = ReminderList.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | ReminderList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    event_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReminderCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | ReminderList]:
    """Add reminders to an event (at most 10; repeating one is harmless)

     Reminders fire the given minutes before each start (every occurrence of a
    series): in-app, by email and to webhooks, for the owner and optionally the
    attendees.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (ReminderCreate):  Example: {'minutes_before': [10, 60], 'notify_attendees': True}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ReminderList]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReminderCreate,
    idempotency_key: str | Unset = UNSET,
) -> Error | ReminderList | None:
    """Add reminders to an event (at most 10; repeating one is harmless)

     Reminders fire the given minutes before each start (every occurrence of a
    series): in-app, by email and to webhooks, for the owner and optionally the
    attendees.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (ReminderCreate):  Example: {'minutes_before': [10, 60], 'notify_attendees': True}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ReminderList
    """

    return sync_detailed(
        event_id=event_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    event_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReminderCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | ReminderList]:
    """Add reminders to an event (at most 10; repeating one is harmless)

     Reminders fire the given minutes before each start (every occurrence of a
    series): in-app, by email and to webhooks, for the owner and optionally the
    attendees.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (ReminderCreate):  Example: {'minutes_before': [10, 60], 'notify_attendees': True}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ReminderList]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReminderCreate,
    idempotency_key: str | Unset = UNSET,
) -> Error | ReminderList | None:
    """Add reminders to an event (at most 10; repeating one is harmless)

     Reminders fire the given minutes before each start (every occurrence of a
    series): in-app, by email and to webhooks, for the owner and optionally the
    attendees.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (ReminderCreate):  Example: {'minutes_before': [10, 60], 'notify_attendees': True}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ReminderList
    """

    return (
        await asyncio_detailed(
            event_id=event_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
