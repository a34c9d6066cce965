import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.public_availability import PublicAvailability
from ...types import UNSET, Response


def _get_kwargs(
    token: str,
    *,
    start: datetime.datetime,
    end: datetime.datetime,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_start = start.isoformat()
    params["start"] = json_start

    json_end = end.isoformat()
    params["end"] = json_end

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/booking/{token}/availability".format(
            token=quote(str(token), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PublicAvailability:
    if response.status_code == 200:
        response_200 = PublicAvailability.from_dict(response.json())

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
) -> Response[Error | PublicAvailability]:
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
    end: datetime.datetime,
) -> Response[Error | PublicAvailability]:
    """Get the free slots of a booking link in a range (at most 62 days)

     No sign-in. The slots a visitor may book now, after working hours, buffers,
    notice, horizon, daily limits and holds are applied. Pick one and reserve it.

    Args:
        token (str):
        start (datetime.datetime):
        end (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PublicAvailability]
    """

    kwargs = _get_kwargs(
        token=token,
        start=start,
        end=end,
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
    end: datetime.datetime,
) -> Error | PublicAvailability | None:
    """Get the free slots of a booking link in a range (at most 62 days)

     No sign-in. The slots a visitor may book now, after working hours, buffers,
    notice, horizon, daily limits and holds are applied. Pick one and reserve it.

    Args:
        token (str):
        start (datetime.datetime):
        end (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PublicAvailability
    """

    return sync_detailed(
        token=token,
        client=client,
        start=start,
        end=end,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    start: datetime.datetime,
    end: datetime.datetime,
) -> Response[Error | PublicAvailability]:
    """Get the free slots of a booking link in a range (at most 62 days)

     No sign-in. The slots a visitor may book now, after working hours, buffers,
    notice, horizon, daily limits and holds are applied. Pick one and reserve it.

    Args:
        token (str):
        start (datetime.datetime):
        end (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PublicAvailability]
    """

    kwargs = _get_kwargs(
        token=token,
        start=start,
        end=end,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    start: datetime.datetime,
    end: datetime.datetime,
) -> Error | PublicAvailability | None:
    """Get the free slots of a booking link in a range (at most 62 days)

     No sign-in. The slots a visitor may book now, after working hours, buffers,
    notice, horizon, daily limits and holds are applied. Pick one and reserve it.

    Args:
        token (str):
        start (datetime.datetime):
        end (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PublicAvailability
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            start=start,
            end=end,
        )
    ).parsed
