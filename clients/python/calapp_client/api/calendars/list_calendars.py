from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.calendar_sync_page import CalendarSyncPage
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
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

    params["sync_token"] = sync_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/calendars",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CalendarSyncPage | Error:
    if response.status_code == 200:
        response_200 = CalendarSyncPage.from_dict(response.json())

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

    if response.status_code == 410:
        response_410 = Error.from_dict(response.json())

        return response_410

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CalendarSyncPage | Error]:
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
    sync_token: str | Unset = UNSET,
) -> Response[CalendarSyncPage | Error]:
    """List your calendars with your role, or those changed since sync_token

     Every calendar you own or that is shared with you, with your role on each
    (owner, editor, viewer; a calendar shared at freebusy is not listed). With
    sync_token, only what changed since the last page
    of a previous listing.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        sync_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CalendarSyncPage | Error]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
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
    sync_token: str | Unset = UNSET,
) -> CalendarSyncPage | Error | None:
    """List your calendars with your role, or those changed since sync_token

     Every calendar you own or that is shared with you, with your role on each
    (owner, editor, viewer; a calendar shared at freebusy is not listed). With
    sync_token, only what changed since the last page
    of a previous listing.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        sync_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CalendarSyncPage | Error
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        sync_token=sync_token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sync_token: str | Unset = UNSET,
) -> Response[CalendarSyncPage | Error]:
    """List your calendars with your role, or those changed since sync_token

     Every calendar you own or that is shared with you, with your role on each
    (owner, editor, viewer; a calendar shared at freebusy is not listed). With
    sync_token, only what changed since the last page
    of a previous listing.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        sync_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CalendarSyncPage | Error]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        sync_token=sync_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sync_token: str | Unset = UNSET,
) -> CalendarSyncPage | Error | None:
    """List your calendars with your role, or those changed since sync_token

     Every calendar you own or that is shared with you, with your role on each
    (owner, editor, viewer; a calendar shared at freebusy is not listed). With
    sync_token, only what changed since the last page
    of a previous listing.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        sync_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CalendarSyncPage | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            sync_token=sync_token,
        )
    ).parsed
