from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.attendee import Attendee
from ...models.attendee_create import AttendeeCreate
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event_id: UUID,
    *,
    body: AttendeeCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/events/{event_id}/attendees".format(
            event_id=quote(str(event_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Attendee | Error:
    if response.status_code == 201:
        response_201 = Attendee.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Attendee | Error]:
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
    body: AttendeeCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Attendee | Error]:
    """Invite an attendee to an event

     Invite someone by email; a registered address is linked to its account, which
    can then answer. The attendee starts as needs_action.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (AttendeeCreate):  Example: {'email': 'charles@example.com', 'name': 'Charles
            Babbage'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Attendee | Error]
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
    body: AttendeeCreate,
    idempotency_key: str | Unset = UNSET,
) -> Attendee | Error | None:
    """Invite an attendee to an event

     Invite someone by email; a registered address is linked to its account, which
    can then answer. The attendee starts as needs_action.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (AttendeeCreate):  Example: {'email': 'charles@example.com', 'name': 'Charles
            Babbage'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Attendee | Error
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
    body: AttendeeCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Attendee | Error]:
    """Invite an attendee to an event

     Invite someone by email; a registered address is linked to its account, which
    can then answer. The attendee starts as needs_action.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (AttendeeCreate):  Example: {'email': 'charles@example.com', 'name': 'Charles
            Babbage'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Attendee | Error]
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
    body: AttendeeCreate,
    idempotency_key: str | Unset = UNSET,
) -> Attendee | Error | None:
    """Invite an attendee to an event

     Invite someone by email; a registered address is linked to its account, which
    can then answer. The attendee starts as needs_action.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (AttendeeCreate):  Example: {'email': 'charles@example.com', 'name': 'Charles
            Babbage'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Attendee | Error
    """

    return (
        await asyncio_detailed(
            event_id=event_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
