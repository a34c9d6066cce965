from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.booking_change import BookingChange
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    token: str,
    booking_id: UUID,
    *,
    manage_token: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Manage-Token"] = manage_token

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/booking/{token}/bookings/{booking_id}".format(
            token=quote(str(token), safe=""),
            booking_id=quote(str(booking_id), safe=""),
        ),
    }

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
    manage_token: str,
) -> Response[BookingChange | Error]:
    """Get a booking as its visitor, with the manage secret in a header

     No sign-in. What the manage link of the booking page shows: the booking's
    status and slot, and the visitor's own receipt of its event. A wrong secret
    or an unknown booking is a 404; a deactivated link still answers, so the
    visitor can cancel.

    Args:
        token (str):
        booking_id (UUID):
        manage_token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingChange | Error]
    """

    kwargs = _get_kwargs(
        token=token,
        booking_id=booking_id,
        manage_token=manage_token,
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
    manage_token: str,
) -> BookingChange | Error | None:
    """Get a booking as its visitor, with the manage secret in a header

     No sign-in. What the manage link of the booking page shows: the booking's
    status and slot, and the visitor's own receipt of its event. A wrong secret
    or an unknown booking is a 404; a deactivated link still answers, so the
    visitor can cancel.

    Args:
        token (str):
        booking_id (UUID):
        manage_token (str):

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
        manage_token=manage_token,
    ).parsed


async def asyncio_detailed(
    token: str,
    booking_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    manage_token: str,
) -> Response[BookingChange | Error]:
    """Get a booking as its visitor, with the manage secret in a header

     No sign-in. What the manage link of the booking page shows: the booking's
    status and slot, and the visitor's own receipt of its event. A wrong secret
    or an unknown booking is a 404; a deactivated link still answers, so the
    visitor can cancel.

    Args:
        token (str):
        booking_id (UUID):
        manage_token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingChange | Error]
    """

    kwargs = _get_kwargs(
        token=token,
        booking_id=booking_id,
        manage_token=manage_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    booking_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    manage_token: str,
) -> BookingChange | Error | None:
    """Get a booking as its visitor, with the manage secret in a header

     No sign-in. What the manage link of the booking page shows: the booking's
    status and slot, and the visitor's own receipt of its event. A wrong secret
    or an unknown booking is a 404; a deactivated link still answers, so the
    visitor can cancel.

    Args:
        token (str):
        booking_id (UUID):
        manage_token (str):

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
            manage_token=manage_token,
        )
    ).parsed
