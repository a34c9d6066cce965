from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.booking_link import BookingLink
from ...models.booking_link_update import BookingLinkUpdate
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    token: str,
    *,
    body: BookingLinkUpdate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/booking-links/{token}".format(
            token=quote(str(token), safe=""),
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
    token: str,
    *,
    client: AuthenticatedClient,
    body: BookingLinkUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Response[BookingLink | Error]:
    """Update a booking link's settings (owner only; partial bodies allowed)

     Change a link's duration, hours, buffers or limits, or (re)activate it; existing
    bookings stay as they are.

    Args:
        token (str):
        idempotency_key (str | Unset):
        body (BookingLinkUpdate):  Example: {'duration_minutes': 45, 'max_bookings_per_day': 4}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingLink | Error]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    *,
    client: AuthenticatedClient,
    body: BookingLinkUpdate,
    idempotency_key: str | Unset = UNSET,
) -> BookingLink | Error | None:
    """Update a booking link's settings (owner only; partial bodies allowed)

     Change a link's duration, hours, buffers or limits, or (re)activate it; existing
    bookings stay as they are.

    Args:
        token (str):
        idempotency_key (str | Unset):
        body (BookingLinkUpdate):  Example: {'duration_minutes': 45, 'max_bookings_per_day': 4}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BookingLink | Error
    """

    return sync_detailed(
        token=token,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient,
    body: BookingLinkUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Response[BookingLink | Error]:
    """Update a booking link's settings (owner only; partial bodies allowed)

     Change a link's duration, hours, buffers or limits, or (re)activate it; existing
    bookings stay as they are.

    Args:
        token (str):
        idempotency_key (str | Unset):
        body (BookingLinkUpdate):  Example: {'duration_minutes': 45, 'max_bookings_per_day': 4}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookingLink | Error]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient,
    body: BookingLinkUpdate,
    idempotency_key: str | Unset = UNSET,
) -> BookingLink | Error | None:
    """Update a booking link's settings (owner only; partial bodies allowed)

     Change a link's duration, hours, buffers or limits, or (re)activate it; existing
    bookings stay as they are.

    Args:
        token (str):
        idempotency_key (str | Unset):
        body (BookingLinkUpdate):  Example: {'duration_minutes': 45, 'max_bookings_per_day': 4}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BookingLink | Error
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
