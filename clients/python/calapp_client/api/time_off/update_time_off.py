from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.time_off import TimeOff
from ...models.time_off_update import TimeOffUpdate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    time_off_id: UUID,
    *,
    body: TimeOffUpdate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/time-off/{time_off_id}".format(
            time_off_id=quote(str(time_off_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | TimeOff:
    if response.status_code == 200:
        response_200 = TimeOff.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | TimeOff]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    time_off_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TimeOffUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | TimeOff]:
    """Update time off (partial)

     Move or extend an absence, change its reason, or switch between timed and
    all-day (then give the other kind's fields). Availability follows at once.

    Args:
        time_off_id (UUID):
        idempotency_key (str | Unset):
        body (TimeOffUpdate):  Example: {'end_date': '2027-04-10', 'reason': 'Family visit (one
            more day)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TimeOff]
    """

    kwargs = _get_kwargs(
        time_off_id=time_off_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    time_off_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TimeOffUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Error | TimeOff | None:
    """Update time off (partial)

     Move or extend an absence, change its reason, or switch between timed and
    all-day (then give the other kind's fields). Availability follows at once.

    Args:
        time_off_id (UUID):
        idempotency_key (str | Unset):
        body (TimeOffUpdate):  Example: {'end_date': '2027-04-10', 'reason': 'Family visit (one
            more day)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TimeOff
    """

    return sync_detailed(
        time_off_id=time_off_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    time_off_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TimeOffUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | TimeOff]:
    """Update time off (partial)

     Move or extend an absence, change its reason, or switch between timed and
    all-day (then give the other kind's fields). Availability follows at once.

    Args:
        time_off_id (UUID):
        idempotency_key (str | Unset):
        body (TimeOffUpdate):  Example: {'end_date': '2027-04-10', 'reason': 'Family visit (one
            more day)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TimeOff]
    """

    kwargs = _get_kwargs(
        time_off_id=time_off_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    time_off_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TimeOffUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Error | TimeOff | None:
    """Update time off (partial)

     Move or extend an absence, change its reason, or switch between timed and
    all-day (then give the other kind's fields). Availability follows at once.

    Args:
        time_off_id (UUID):
        idempotency_key (str | Unset):
        body (TimeOffUpdate):  Example: {'end_date': '2027-04-10', 'reason': 'Family visit (one
            more day)'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TimeOff
    """

    return (
        await asyncio_detailed(
            time_off_id=time_off_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
