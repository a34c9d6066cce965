import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.public_slot_explanation import PublicSlotExplanation
from ...types import UNSET, Response


def _get_kwargs(
    token: str,
    *,
    start: datetime.datetime,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_start = start.isoformat()
    params["start"] = json_start

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/booking/{token}/explain".format(
            token=quote(str(token), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PublicSlotExplanation:
    if response.status_code == 200:
        response_200 = PublicSlotExplanation.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | PublicSlotExplanation]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    start: datetime.datetime,
) -> Response[Error | PublicSlotExplanation]:
    """Explain whether a booking link offers a slot, and why not

     Answers whether the slot starting at `start` (lasting the link's
    duration) is in the link's availability now; if not, every reason as a
    code with detail: outside_working_hours, not_on_interval, min_notice,
    beyond_horizon, daily_limit, busy, buffer, held, time_off, holiday or
    link_inactive. Use it to pick another time. It never says what a busy
    time is, only when (and a holiday's name).

    Args:
        token (str):
        start (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PublicSlotExplanation]
    """

    kwargs = _get_kwargs(
        token=token,
        start=start,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    start: datetime.datetime,
) -> Error | PublicSlotExplanation | None:
    """Explain whether a booking link offers a slot, and why not

     Answers whether the slot starting at `start` (lasting the link's
    duration) is in the link's availability now; if not, every reason as a
    code with detail: outside_working_hours, not_on_interval, min_notice,
    beyond_horizon, daily_limit, busy, buffer, held, time_off, holiday or
    link_inactive. Use it to pick another time. It never says what a busy
    time is, only when (and a holiday's name).

    Args:
        token (str):
        start (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PublicSlotExplanation
    """

    return sync_detailed(
        token=token,
        client=client,
        start=start,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    start: datetime.datetime,
) -> Response[Error | PublicSlotExplanation]:
    """Explain whether a booking link offers a slot, and why not

     Answers whether the slot starting at `start` (lasting the link's
    duration) is in the link's availability now; if not, every reason as a
    code with detail: outside_working_hours, not_on_interval, min_notice,
    beyond_horizon, daily_limit, busy, buffer, held, time_off, holiday or
    link_inactive. Use it to pick another time. It never says what a busy
    time is, only when (and a holiday's name).

    Args:
        token (str):
        start (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PublicSlotExplanation]
    """

    kwargs = _get_kwargs(
        token=token,
        start=start,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    start: datetime.datetime,
) -> Error | PublicSlotExplanation | None:
    """Explain whether a booking link offers a slot, and why not

     Answers whether the slot starting at `start` (lasting the link's
    duration) is in the link's availability now; if not, every reason as a
    code with detail: outside_working_hours, not_on_interval, min_notice,
    beyond_horizon, daily_limit, busy, buffer, held, time_off, holiday or
    link_inactive. Use it to pick another time. It never says what a busy
    time is, only when (and a holiday's name).

    Args:
        token (str):
        start (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PublicSlotExplanation
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            start=start,
        )
    ).parsed
