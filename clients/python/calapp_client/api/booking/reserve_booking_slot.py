from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.reservation import Reservation
from ...models.reserve import Reserve
from ...types import UNSET, Response, Unset


def _get_kwargs(
    token: str,
    *,
    body: Reserve,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/booking/{token}/reserve".format(
            token=quote(str(token), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Reservation:
    if response.status_code == 200:
        response_200 = Reservation.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Reservation]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: Reserve,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Reservation]:
    """Reserve an offered slot: creates the event (409 slot_unavailable if taken)

     No sign-in. Books one of the offered slots for a visitor: the event is created
    in the owner's calendar and the answer carries the manage_token to cancel or
    reschedule. Send an Idempotency-Key so a retry cannot book twice.

    Args:
        token (str):
        idempotency_key (str | Unset):
        body (Reserve):  Example: {'email': 'grace@example.com', 'name': 'Grace Hopper', 'notes':
            'About the compiler project', 'slot_end': '2027-01-13T13:30:00Z', 'slot_start':
            '2027-01-13T13:00:00Z'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Reservation]
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
    client: AuthenticatedClient | Client,
    body: Reserve,
    idempotency_key: str | Unset = UNSET,
) -> Error | Reservation | None:
    """Reserve an offered slot: creates the event (409 slot_unavailable if taken)

     No sign-in. Books one of the offered slots for a visitor: the event is created
    in the owner's calendar and the answer carries the manage_token to cancel or
    reschedule. Send an Idempotency-Key so a retry cannot book twice.

    Args:
        token (str):
        idempotency_key (str | Unset):
        body (Reserve):  Example: {'email': 'grace@example.com', 'name': 'Grace Hopper', 'notes':
            'About the compiler project', 'slot_end': '2027-01-13T13:30:00Z', 'slot_start':
            '2027-01-13T13:00:00Z'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Reservation
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
    client: AuthenticatedClient | Client,
    body: Reserve,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Reservation]:
    """Reserve an offered slot: creates the event (409 slot_unavailable if taken)

     No sign-in. Books one of the offered slots for a visitor: the event is created
    in the owner's calendar and the answer carries the manage_token to cancel or
    reschedule. Send an Idempotency-Key so a retry cannot book twice.

    Args:
        token (str):
        idempotency_key (str | Unset):
        body (Reserve):  Example: {'email': 'grace@example.com', 'name': 'Grace Hopper', 'notes':
            'About the compiler project', 'slot_end': '2027-01-13T13:30:00Z', 'slot_start':
            '2027-01-13T13:00:00Z'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Reservation]
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
    client: AuthenticatedClient | Client,
    body: Reserve,
    idempotency_key: str | Unset = UNSET,
) -> Error | Reservation | None:
    """Reserve an offered slot: creates the event (409 slot_unavailable if taken)

     No sign-in. Books one of the offered slots for a visitor: the event is created
    in the owner's calendar and the answer carries the manage_token to cancel or
    reschedule. Send an Idempotency-Key so a retry cannot book twice.

    Args:
        token (str):
        idempotency_key (str | Unset):
        body (Reserve):  Example: {'email': 'grace@example.com', 'name': 'Grace Hopper', 'notes':
            'About the compiler project', 'slot_end': '2027-01-13T13:30:00Z', 'slot_start':
            '2027-01-13T13:00:00Z'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Reservation
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
