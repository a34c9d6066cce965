from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.time_off import TimeOff
from ...models.time_off_create import TimeOffCreate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: TimeOffCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/time-off",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | TimeOff:
    if response.status_code == 201:
        response_201 = TimeOff.from_dict(response.json())

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
    *,
    client: AuthenticatedClient,
    body: TimeOffCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | TimeOff]:
    """Add time off (timed, or whole days)

     Timed with start_time and end_time, or all_day with start_date and end_date
    (inclusive) in a zone. From then on you are busy for the whole span in
    free/busy, your booking links and slot finding; the reason stays private.

    Args:
        idempotency_key (str | Unset):
        body (TimeOffCreate):  Example: {'all_day': True, 'end_date': '2027-04-09', 'reason':
            'Family visit', 'start_date': '2027-04-06', 'timezone': 'Europe/Berlin'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TimeOff]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: TimeOffCreate,
    idempotency_key: str | Unset = UNSET,
) -> Error | TimeOff | None:
    """Add time off (timed, or whole days)

     Timed with start_time and end_time, or all_day with start_date and end_date
    (inclusive) in a zone. From then on you are busy for the whole span in
    free/busy, your booking links and slot finding; the reason stays private.

    Args:
        idempotency_key (str | Unset):
        body (TimeOffCreate):  Example: {'all_day': True, 'end_date': '2027-04-09', 'reason':
            'Family visit', 'start_date': '2027-04-06', 'timezone': 'Europe/Berlin'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TimeOff
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: TimeOffCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | TimeOff]:
    """Add time off (timed, or whole days)

     Timed with start_time and end_time, or all_day with start_date and end_date
    (inclusive) in a zone. From then on you are busy for the whole span in
    free/busy, your booking links and slot finding; the reason stays private.

    Args:
        idempotency_key (str | Unset):
        body (TimeOffCreate):  Example: {'all_day': True, 'end_date': '2027-04-09', 'reason':
            'Family visit', 'start_date': '2027-04-06', 'timezone': 'Europe/Berlin'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TimeOff]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: TimeOffCreate,
    idempotency_key: str | Unset = UNSET,
) -> Error | TimeOff | None:
    """Add time off (timed, or whole days)

     Timed with start_time and end_time, or all_day with start_date and end_date
    (inclusive) in a zone. From then on you are busy for the whole span in
    free/busy, your booking links and slot finding; the reason stays private.

    Args:
        idempotency_key (str | Unset):
        body (TimeOffCreate):  Example: {'all_day': True, 'end_date': '2027-04-09', 'reason':
            'Family visit', 'start_date': '2027-04-06', 'timezone': 'Europe/Berlin'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TimeOff
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
