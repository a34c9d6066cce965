from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.event_update import EventUpdate
from ...models.event_update_result import EventUpdateResult
from ...models.update_event_instance_scope import UpdateEventInstanceScope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event_id: UUID,
    original_start_time: str,
    *,
    body: EventUpdate,
    scope: UpdateEventInstanceScope | Unset = UpdateEventInstanceScope.THIS,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    json_scope: str | Unset = UNSET
    if not isinstance(scope, Unset):
        json_scope = scope.value

    params["scope"] = json_scope

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/events/{event_id}/instances/{original_start_time}".format(
            event_id=quote(str(event_id), safe=""),
            original_start_time=quote(str(original_start_time), safe=""),
        ),
        "params": params,
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
    original_start_time: str,
    *,
    client: AuthenticatedClient,
    body: EventUpdate,
    scope: UpdateEventInstanceScope | Unset = UpdateEventInstanceScope.THIS,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | EventUpdateResult]:
    """Change one occurrence (scope=this) or it and all later ones (following)

     Move or edit a single occurrence (scope=this), or split the series and change
    this and every later occurrence (scope=following).

    Args:
        event_id (UUID):
        original_start_time (str):
        scope (UpdateEventInstanceScope | Unset):  Default: UpdateEventInstanceScope.THIS.
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
        original_start_time=original_start_time,
        body=body,
        scope=scope,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event_id: UUID,
    original_start_time: str,
    *,
    client: AuthenticatedClient,
    body: EventUpdate,
    scope: UpdateEventInstanceScope | Unset = UpdateEventInstanceScope.THIS,
    idempotency_key: str | Unset = UNSET,
) -> Error | EventUpdateResult | None:
    """Change one occurrence (scope=this) or it and all later ones (following)

     Move or edit a single occurrence (scope=this), or split the series and change
    this and every later occurrence (scope=following).

    Args:
        event_id (UUID):
        original_start_time (str):
        scope (UpdateEventInstanceScope | Unset):  Default: UpdateEventInstanceScope.THIS.
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
        original_start_time=original_start_time,
        client=client,
        body=body,
        scope=scope,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    event_id: UUID,
    original_start_time: str,
    *,
    client: AuthenticatedClient,
    body: EventUpdate,
    scope: UpdateEventInstanceScope | Unset = UpdateEventInstanceScope.THIS,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | EventUpdateResult]:
    """Change one occurrence (scope=this) or it and all later ones (following)

     Move or edit a single occurrence (scope=this), or split the series and change
    this and every later occurrence (scope=following).

    Args:
        event_id (UUID):
        original_start_time (str):
        scope (UpdateEventInstanceScope | Unset):  Default: UpdateEventInstanceScope.THIS.
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
        original_start_time=original_start_time,
        body=body,
        scope=scope,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event_id: UUID,
    original_start_time: str,
    *,
    client: AuthenticatedClient,
    body: EventUpdate,
    scope: UpdateEventInstanceScope | Unset = UpdateEventInstanceScope.THIS,
    idempotency_key: str | Unset = UNSET,
) -> Error | EventUpdateResult | None:
    """Change one occurrence (scope=this) or it and all later ones (following)

     Move or edit a single occurrence (scope=this), or split the series and change
    this and every later occurrence (scope=following).

    Args:
        event_id (UUID):
        original_start_time (str):
        scope (UpdateEventInstanceScope | Unset):  Default: UpdateEventInstanceScope.THIS.
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
            original_start_time=original_start_time,
            client=client,
            body=body,
            scope=scope,
            idempotency_key=idempotency_key,
        )
    ).parsed
