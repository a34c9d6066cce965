import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.availability import Availability
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    calendar_id: list[UUID] | Unset = UNSET,
    participant: list[str] | Unset = UNSET,
    start: datetime.datetime,
    end: datetime.datetime,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_calendar_id: list[str] | Unset = UNSET
    if not isinstance(calendar_id, Unset):
        json_calendar_id = []
        for calendar_id_item_data in calendar_id:
            calendar_id_item = str(calendar_id_item_data)
            json_calendar_id.append(calendar_id_item)

    params["calendar_id"] = json_calendar_id

    json_participant: list[str] | Unset = UNSET
    if not isinstance(participant, Unset):
        json_participant = participant

    params["participant"] = json_participant

    json_start = start.isoformat()
    params["start"] = json_start

    json_end = end.isoformat()
    params["end"] = json_end

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/availability",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Availability | Error:
    if response.status_code == 200:
        response_200 = Availability.from_dict(response.json())

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

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Availability | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    calendar_id: list[UUID] | Unset = UNSET,
    participant: list[str] | Unset = UNSET,
    start: datetime.datetime,
    end: datetime.datetime,
) -> Response[Availability | Error]:
    """Get busy blocks of calendars or people (recurring events expanded)

     Merged busy blocks in a window of the calendars you hold any role on
    (freebusy included) and of participants (by user id or email: the calendars
    they share with you), without titles, ids or attendees: cancelled events,
    free (transparent) events and declined invitations do not count. Use it
    before proposing a time.

    Args:
        calendar_id (list[UUID] | Unset):
        participant (list[str] | Unset):
        start (datetime.datetime):
        end (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Availability | Error]
    """

    kwargs = _get_kwargs(
        calendar_id=calendar_id,
        participant=participant,
        start=start,
        end=end,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    calendar_id: list[UUID] | Unset = UNSET,
    participant: list[str] | Unset = UNSET,
    start: datetime.datetime,
    end: datetime.datetime,
) -> Availability | Error | None:
    """Get busy blocks of calendars or people (recurring events expanded)

     Merged busy blocks in a window of the calendars you hold any role on
    (freebusy included) and of participants (by user id or email: the calendars
    they share with you), without titles, ids or attendees: cancelled events,
    free (transparent) events and declined invitations do not count. Use it
    before proposing a time.

    Args:
        calendar_id (list[UUID] | Unset):
        participant (list[str] | Unset):
        start (datetime.datetime):
        end (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Availability | Error
    """

    return sync_detailed(
        client=client,
        calendar_id=calendar_id,
        participant=participant,
        start=start,
        end=end,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    calendar_id: list[UUID] | Unset = UNSET,
    participant: list[str] | Unset = UNSET,
    start: datetime.datetime,
    end: datetime.datetime,
) -> Response[Availability | Error]:
    """Get busy blocks of calendars or people (recurring events expanded)

     Merged busy blocks in a window of the calendars you hold any role on
    (freebusy included) and of participants (by user id or email: the calendars
    they share with you), without titles, ids or attendees: cancelled events,
    free (transparent) events and declined invitations do not count. Use it
    before proposing a time.

    Args:
        calendar_id (list[UUID] | Unset):
        participant (list[str] | Unset):
        start (datetime.datetime):
        end (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Availability | Error]
    """

    kwargs = _get_kwargs(
        calendar_id=calendar_id,
        participant=participant,
        start=start,
        end=end,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    calendar_id: list[UUID] | Unset = UNSET,
    participant: list[str] | Unset = UNSET,
    start: datetime.datetime,
    end: datetime.datetime,
) -> Availability | Error | None:
    """Get busy blocks of calendars or people (recurring events expanded)

     Merged busy blocks in a window of the calendars you hold any role on
    (freebusy included) and of participants (by user id or email: the calendars
    they share with you), without titles, ids or attendees: cancelled events,
    free (transparent) events and declined invitations do not count. Use it
    before proposing a time.

    Args:
        calendar_id (list[UUID] | Unset):
        participant (list[str] | Unset):
        start (datetime.datetime):
        end (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Availability | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            calendar_id=calendar_id,
            participant=participant,
            start=start,
            end=end,
        )
    ).parsed
