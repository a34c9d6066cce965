from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.attendee import Attendee
from ...models.attendee_update import AttendeeUpdate
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event_id: UUID,
    attendee_id: UUID,
    *,
    body: AttendeeUpdate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/events/{event_id}/attendees/{attendee_id}".format(
            event_id=quote(str(event_id), safe=""),
            attendee_id=quote(str(attendee_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Attendee | Error:
    if response.status_code == 200:
        response_200 = Attendee.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Attendee | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    event_id: UUID,
    attendee_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AttendeeUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Attendee | Error]:
    """Answer an invitation (status) or rename an attendee (editors)

     The attendee answers (accepted, declined, tentative); editors of the calendar
    may also rename an attendee. A declined invitation does not count as busy.

    Args:
        event_id (UUID):
        attendee_id (UUID):
        idempotency_key (str | Unset):
        body (AttendeeUpdate):  Example: {'status': 'accepted'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Attendee | Error]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        attendee_id=attendee_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event_id: UUID,
    attendee_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AttendeeUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Attendee | Error | None:
    """Answer an invitation (status) or rename an attendee (editors)

     The attendee answers (accepted, declined, tentative); editors of the calendar
    may also rename an attendee. A declined invitation does not count as busy.

    Args:
        event_id (UUID):
        attendee_id (UUID):
        idempotency_key (str | Unset):
        body (AttendeeUpdate):  Example: {'status': 'accepted'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Attendee | Error
    """

    return sync_detailed(
        event_id=event_id,
        attendee_id=attendee_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    event_id: UUID,
    attendee_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AttendeeUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Attendee | Error]:
    """Answer an invitation (status) or rename an attendee (editors)

     The attendee answers (accepted, declined, tentative); editors of the calendar
    may also rename an attendee. A declined invitation does not count as busy.

    Args:
        event_id (UUID):
        attendee_id (UUID):
        idempotency_key (str | Unset):
        body (AttendeeUpdate):  Example: {'status': 'accepted'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Attendee | Error]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        attendee_id=attendee_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event_id: UUID,
    attendee_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AttendeeUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Attendee | Error | None:
    """Answer an invitation (status) or rename an attendee (editors)

     The attendee answers (accepted, declined, tentative); editors of the calendar
    may also rename an attendee. A declined invitation does not count as busy.

    Args:
        event_id (UUID):
        attendee_id (UUID):
        idempotency_key (str | Unset):
        body (AttendeeUpdate):  Example: {'status': 'accepted'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Attendee | Error
    """

    return (
        await asyncio_detailed(
            event_id=event_id,
            attendee_id=attendee_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
