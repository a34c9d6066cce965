from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.booking_change import BookingChange
from ...models.error import Error
from ...models.reschedule import Reschedule
from ...types import UNSET, Response, Unset


def _get_kwargs(
    token: str,
    booking_id: UUID,
    *,
    body: Reschedule,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/booking/{token}/bookings/{booking_id}/reschedule".format(
            token=quote(str(token), safe=""),
            booking_id=quote(str(booking_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BookingChange | Error:
    if response.status_code == 200:
        response_200 = BookingChange.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BookingChange | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    booking_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: Reschedule,
    idempotency_key: str | Unset = UNSET,
) -> Response[BookingChange | Error]:
    """Move a booking to another offered slot with its manage_token

     No sign-in. The visitor moves the booking to another offered slot with the
    manage_token; the old slot is offered again.

    Args:
        token (str):
        booking_id (UUID):
        idempotency_key (str | Unset):
        body (Reschedule):  Example: {'manage_token': 'mT9qL2vX7cR4nB8kW1zY5hJ3', 'slot_end':
            '2027-01-18T10:00:00Z', 'slot_start': '2027-01-18T09:30:00Z'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingChange | Error]
    """

    kwargs = _get_kwargs(
        token=token,
        booking_id=booking_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    booking_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: Reschedule,
    idempotency_key: str | Unset = UNSET,
) -> BookingChange | Error | None:
    """Move a booking to another offered slot with its manage_token

     No sign-in. The visitor moves the booking to another offered slot with the
    manage_token; the old slot is offered again.

    Args:
        token (str):
        booking_id (UUID):
        idempotency_key (str | Unset):
        body (Reschedule):  Example: {'manage_token': 'mT9qL2vX7cR4nB8kW1zY5hJ3', 'slot_end':
            '2027-01-18T10:00:00Z', 'slot_start': '2027-01-18T09:30:00Z'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BookingChange | Error
    """

    return sync_detailed(
        token=token,
        booking_id=booking_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    token: str,
    booking_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: Reschedule,
    idempotency_key: str | Unset = UNSET,
) -> Response[BookingChange | Error]:
    """Move a booking to another offered slot with its manage_token

     No sign-in. The visitor moves the booking to another offered slot with the
    manage_token; the old slot is offered again.

    Args:
        token (str):
        booking_id (UUID):
        idempotency_key (str | Unset):
        body (Reschedule):  Example: {'manage_token': 'mT9qL2vX7cR4nB8kW1zY5hJ3', 'slot_end':
            '2027-01-18T10:00:00Z', 'slot_start': '2027-01-18T09:30:00Z'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingChange | Error]
    """

    kwargs = _get_kwargs(
        token=token,
        booking_id=booking_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    booking_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: Reschedule,
    idempotency_key: str | Unset = UNSET,
) -> BookingChange | Error | None:
    """Move a booking to another offered slot with its manage_token

     No sign-in. The visitor moves the booking to another offered slot with the
    manage_token; the old slot is offered again.

    Args:
        token (str):
        booking_id (UUID):
        idempotency_key (str | Unset):
        body (Reschedule):  Example: {'manage_token': 'mT9qL2vX7cR4nB8kW1zY5hJ3', 'slot_end':
            '2027-01-18T10:00:00Z', 'slot_start': '2027-01-18T09:30:00Z'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BookingChange | Error
    """

    return (
        await asyncio_detailed(
            token=token,
            booking_id=booking_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
