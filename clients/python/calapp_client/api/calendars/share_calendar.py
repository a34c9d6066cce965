from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.member import Member
from ...models.share import Share
from ...types import UNSET, Response, Unset


def _get_kwargs(
    calendar_id: UUID,
    *,
    body: Share,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/calendars/{calendar_id}/share".format(
            calendar_id=quote(str(calendar_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Member:
    if response.status_code == 201:
        response_201 = Member.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Member]:
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
    body: Share,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Member]:
    """Share a calendar with a registered user as editor, viewer or freebusy

     Give another registered user access by email or user id (owner only): editors
    read and write events, viewers only read, freebusy holders only see when the
    calendar is busy (GET /availability, POST /availability/find, participants)
    and never its events or details. Sharing again changes the role.

    Args:
        calendar_id (UUID):
        idempotency_key (str | Unset):
        body (Share):  Example: {'email': 'charles@example.com', 'role': 'editor'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Member]
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
    body: Share,
    idempotency_key: str | Unset = UNSET,
) -> Error | Member | None:
    """Share a calendar with a registered user as editor, viewer or freebusy

     Give another registered user access by email or user id (owner only): editors
    read and write events, viewers only read, freebusy holders only see when the
    calendar is busy (GET /availability, POST /availability/find, participants)
    and never its events or details. Sharing again changes the role.

    Args:
        calendar_id (UUID):
        idempotency_key (str | Unset):
        body (Share):  Example: {'email': 'charles@example.com', 'role': 'editor'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Member
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
    body: Share,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Member]:
    """Share a calendar with a registered user as editor, viewer or freebusy

     Give another registered user access by email or user id (owner only): editors
    read and write events, viewers only read, freebusy holders only see when the
    calendar is busy (GET /availability, POST /availability/find, participants)
    and never its events or details. Sharing again changes the role.

    Args:
        calendar_id (UUID):
        idempotency_key (str | Unset):
        body (Share):  Example: {'email': 'charles@example.com', 'role': 'editor'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Member]
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
    body: Share,
    idempotency_key: str | Unset = UNSET,
) -> Error | Member | None:
    """Share a calendar with a registered user as editor, viewer or freebusy

     Give another registered user access by email or user id (owner only): editors
    read and write events, viewers only read, freebusy holders only see when the
    calendar is busy (GET /availability, POST /availability/find, participants)
    and never its events or details. Sharing again changes the role.

    Args:
        calendar_id (UUID):
        idempotency_key (str | Unset):
        body (Share):  Example: {'email': 'charles@example.com', 'role': 'editor'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Member
    """

    return (
        await asyncio_detailed(
            calendar_id=calendar_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
