import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.event_sync_page import EventSyncPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    start: datetime.datetime | Unset = UNSET,
    end: datetime.datetime | Unset = UNSET,
    calendar_id: list[UUID] | Unset = UNSET,
    search: str | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    sync_token: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_start: str | Unset = UNSET
    if not isinstance(start, Unset):
        json_start = start.isoformat()
    params["start"] = json_start

    json_end: str | Unset = UNSET
    if not isinstance(end, Unset):
        json_end = end.isoformat()
    params["end"] = json_end

    json_calendar_id: list[str] | Unset = UNSET
    if not isinstance(calendar_id, Unset):
        json_calendar_id = []
        for calendar_id_item_data in calendar_id:
            calendar_id_item = str(calendar_id_item_data)
            json_calendar_id.append(calendar_id_item)

    params["calendar_id"] = json_calendar_id

    params["search"] = search

    json_tag: list[str] | Unset = UNSET
    if not isinstance(tag, Unset):
        json_tag = tag

    params["tag"] = json_tag

    params["sync_token"] = sync_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/events",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | EventSyncPage:
    if response.status_code == 200:
        response_200 = EventSyncPage.from_dict(response.json())

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

    if response.status_code == 410:
        response_410 = Error.from_dict(response.json())

        return response_410

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | EventSyncPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    start: datetime.datetime | Unset = UNSET,
    end: datetime.datetime | Unset = UNSET,
    calendar_id: list[UUID] | Unset = UNSET,
    search: str | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    sync_token: str | Unset = UNSET,
) -> Response[Error | EventSyncPage]:
    """List readable events by start time, or those changed since sync_token

     The main read of a calendar. With start and end, events overlapping the window
    with recurring events expanded into occurrences (series_id and
    original_start_time set); filter by calendar_id, search or tag. With sync_token,
    what changed since a previous listing.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        start (datetime.datetime | Unset):
        end (datetime.datetime | Unset):
        calendar_id (list[UUID] | Unset):
        search (str | Unset):
        tag (list[str] | Unset):
        sync_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | EventSyncPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        start=start,
        end=end,
        calendar_id=calendar_id,
        search=search,
        tag=tag,
        sync_token=sync_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    start: datetime.datetime | Unset = UNSET,
    end: datetime.datetime | Unset = UNSET,
    calendar_id: list[UUID] | Unset = UNSET,
    search: str | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    sync_token: str | Unset = UNSET,
) -> Error | EventSyncPage | None:
    """List readable events by start time, or those changed since sync_token

     The main read of a calendar. With start and end, events overlapping the window
    with recurring events expanded into occurrences (series_id and
    original_start_time set); filter by calendar_id, search or tag. With sync_token,
    what changed since a previous listing.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        start (datetime.datetime | Unset):
        end (datetime.datetime | Unset):
        calendar_id (list[UUID] | Unset):
        search (str | Unset):
        tag (list[str] | Unset):
        sync_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | EventSyncPage
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        start=start,
        end=end,
        calendar_id=calendar_id,
        search=search,
        tag=tag,
        sync_token=sync_token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    start: datetime.datetime | Unset = UNSET,
    end: datetime.datetime | Unset = UNSET,
    calendar_id: list[UUID] | Unset = UNSET,
    search: str | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    sync_token: str | Unset = UNSET,
) -> Response[Error | EventSyncPage]:
    """List readable events by start time, or those changed since sync_token

     The main read of a calendar. With start and end, events overlapping the window
    with recurring events expanded into occurrences (series_id and
    original_start_time set); filter by calendar_id, search or tag. With sync_token,
    what changed since a previous listing.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        start (datetime.datetime | Unset):
        end (datetime.datetime | Unset):
        calendar_id (list[UUID] | Unset):
        search (str | Unset):
        tag (list[str] | Unset):
        sync_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | EventSyncPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        start=start,
        end=end,
        calendar_id=calendar_id,
        search=search,
        tag=tag,
        sync_token=sync_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    start: datetime.datetime | Unset = UNSET,
    end: datetime.datetime | Unset = UNSET,
    calendar_id: list[UUID] | Unset = UNSET,
    search: str | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    sync_token: str | Unset = UNSET,
) -> Error | EventSyncPage | None:
    """List readable events by start time, or those changed since sync_token

     The main read of a calendar. With start and end, events overlapping the window
    with recurring events expanded into occurrences (series_id and
    original_start_time set); filter by calendar_id, search or tag. With sync_token,
    what changed since a previous listing.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        start (datetime.datetime | Unset):
        end (datetime.datetime | Unset):
        calendar_id (list[UUID] | Unset):
        search (str | Unset):
        tag (list[str] | Unset):
        sync_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | EventSyncPage
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            start=start,
            end=end,
            calendar_id=calendar_id,
            search=search,
            tag=tag,
            sync_token=sync_token,
        )
    ).parsed
