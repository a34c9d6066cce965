from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.schedule import Schedule
from ...models.schedule_update import ScheduleUpdate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    schedule_id: UUID,
    *,
    body: ScheduleUpdate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/schedules/{schedule_id}".format(
            schedule_id=quote(str(schedule_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Schedule:
    if response.status_code == 200:
        response_200 = Schedule.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Schedule]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    schedule_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ScheduleUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Schedule]:
    """Update an availability schedule (partial; weekly and overrides replaced)

     Change the name, zone, weekly windows or date overrides; the booking links
    using the schedule offer the new times at once. is_default true makes it
    your default schedule.

    Args:
        schedule_id (UUID):
        idempotency_key (str | Unset):
        body (ScheduleUpdate):  Example: {'date_overrides': [{'date': '2027-10-31', 'windows':
            [{'end': '12:00', 'start': '08:00'}]}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Schedule]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    schedule_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ScheduleUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Error | Schedule | None:
    """Update an availability schedule (partial; weekly and overrides replaced)

     Change the name, zone, weekly windows or date overrides; the booking links
    using the schedule offer the new times at once. is_default true makes it
    your default schedule.

    Args:
        schedule_id (UUID):
        idempotency_key (str | Unset):
        body (ScheduleUpdate):  Example: {'date_overrides': [{'date': '2027-10-31', 'windows':
            [{'end': '12:00', 'start': '08:00'}]}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Schedule
    """

    return sync_detailed(
        schedule_id=schedule_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    schedule_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ScheduleUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Schedule]:
    """Update an availability schedule (partial; weekly and overrides replaced)

     Change the name, zone, weekly windows or date overrides; the booking links
    using the schedule offer the new times at once. is_default true makes it
    your default schedule.

    Args:
        schedule_id (UUID):
        idempotency_key (str | Unset):
        body (ScheduleUpdate):  Example: {'date_overrides': [{'date': '2027-10-31', 'windows':
            [{'end': '12:00', 'start': '08:00'}]}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Schedule]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    schedule_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ScheduleUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Error | Schedule | None:
    """Update an availability schedule (partial; weekly and overrides replaced)

     Change the name, zone, weekly windows or date overrides; the booking links
    using the schedule offer the new times at once. is_default true makes it
    your default schedule.

    Args:
        schedule_id (UUID):
        idempotency_key (str | Unset):
        body (ScheduleUpdate):  Example: {'date_overrides': [{'date': '2027-10-31', 'windows':
            [{'end': '12:00', 'start': '08:00'}]}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Schedule
    """

    return (
        await asyncio_detailed(
            schedule_id=schedule_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
