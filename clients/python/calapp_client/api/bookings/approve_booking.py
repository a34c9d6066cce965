from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.booking_decision import BookingDecision
from ...models.error import Error
from ...models.owner_booking import OwnerBooking
from ...types import UNSET, Response, Unset


def _get_kwargs(
    booking_id: UUID,
    *,
    body: BookingDecision | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/bookings/{booking_id}/approve".format(
            booking_id=quote(str(booking_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | OwnerBooking:
    if response.status_code == 200:
        response_200 = OwnerBooking.from_dict(response.json())

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
) -> Response[Error | OwnerBooking]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    booking_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BookingDecision | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | OwnerBooking]:
    """Approve a pending booking: its event is confirmed (link owner only)

     The booking becomes confirmed and its tentative event confirmed; the visitor
    is told by email and your webhooks receive booking.approved. Approving again
    changes nothing; a declined, cancelled or timed-out booking is a 409.

    Args:
        booking_id (UUID):
        idempotency_key (str | Unset):
        body (BookingDecision | Unset):  Example: {'reason': 'I am travelling that week: please
            pick a slot in March.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OwnerBooking]
    """

    kwargs = _get_kwargs(
        booking_id=booking_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    booking_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BookingDecision | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Error | OwnerBooking | None:
    """Approve a pending booking: its event is confirmed (link owner only)

     The booking becomes confirmed and its tentative event confirmed; the visitor
    is told by email and your webhooks receive booking.approved. Approving again
    changes nothing; a declined, cancelled or timed-out booking is a 409.

    Args:
        booking_id (UUID):
        idempotency_key (str | Unset):
        body (BookingDecision | Unset):  Example: {'reason': 'I am travelling that week: please
            pick a slot in March.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OwnerBooking
    """

    return sync_detailed(
        booking_id=booking_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    booking_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BookingDecision | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | OwnerBooking]:
    """Approve a pending booking: its event is confirmed (link owner only)

     The booking becomes confirmed and its tentative event confirmed; the visitor
    is told by email and your webhooks receive booking.approved. Approving again
    changes nothing; a declined, cancelled or timed-out booking is a 409.

    Args:
        booking_id (UUID):
        idempotency_key (str | Unset):
        body (BookingDecision | Unset):  Example: {'reason': 'I am travelling that week: please
            pick a slot in March.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OwnerBooking]
    """

    kwargs = _get_kwargs(
        booking_id=booking_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    booking_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BookingDecision | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Error | OwnerBooking | None:
    """Approve a pending booking: its event is confirmed (link owner only)

     The booking becomes confirmed and its tentative event confirmed; the visitor
    is told by email and your webhooks receive booking.approved. Approving again
    changes nothing; a declined, cancelled or timed-out booking is a 409.

    Args:
        booking_id (UUID):
        idempotency_key (str | Unset):
        body (BookingDecision | Unset):  Example: {'reason': 'I am travelling that week: please
            pick a slot in March.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OwnerBooking
    """

    return (
        await asyncio_detailed(
            booking_id=booking_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
