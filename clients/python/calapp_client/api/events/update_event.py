from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.event_update import EventUpdate
from ...models.event_update_result import EventUpdateResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event_id: UUID,
    *,
    body: EventUpdate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/events/{event_id}".format(
            event_id=quote(str(event_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | EventUpdateResult:
    if response.status_code == 200:
        response_200 = EventUpdateResult.from_dict(response.json())

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

    if response.status_code == 412:
        response_412 = Error.from_dict(response.json())

        return response_412

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | EventUpdateResult]:
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
    body: EventUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | EventUpdateResult]:
    """Update an event; on a recurring event this changes every occurrence

     Change the fields sent and keep the others. To change a single occurrence of a
    series use PUT /events/{event_id}/instances/{original_start_time} instead.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (EventUpdate):  Example: {'end_time': '2027-01-11T10:00:00Z', 'location': 'Room
            2.03', 'title': 'Weekly planning (30 min)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | EventUpdateResult]
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
    body: EventUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Error | EventUpdateResult | None:
    """Update an event; on a recurring event this changes every occurrence

     Change the fields sent and keep the others. To change a single occurrence of a
    series use PUT /events/{event_id}/instances/{original_start_time} instead.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (EventUpdate):  Example: {'end_time': '2027-01-11T10:00:00Z', 'location': 'Room
            2.03', 'title': 'Weekly planning (30 min)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | EventUpdateResult
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
    body: EventUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | EventUpdateResult]:
    """Update an event; on a recurring event this changes every occurrence

     Change the fields sent and keep the others. To change a single occurrence of a
    series use PUT /events/{event_id}/instances/{original_start_time} instead.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (EventUpdate):  Example: {'end_time': '2027-01-11T10:00:00Z', 'location': 'Room
            2.03', 'title': 'Weekly planning (30 min)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | EventUpdateResult]
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
    body: EventUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Error | EventUpdateResult | None:
    """Update an event; on a recurring event this changes every occurrence

     Change the fields sent and keep the others. To change a single occurrence of a
    series use PUT /events/{event_id}/instances/{original_start_time} instead.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (EventUpdate):  Example: {'end_time': '2027-01-11T10:00:00Z', 'location': 'Room
            2.03', 'title': 'Weekly planning (30 min)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | EventUpdateResult
    """

    return (
        await asyncio_detailed(
            event_id=event_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
