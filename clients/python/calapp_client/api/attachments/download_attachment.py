from http import HTTPStatus
from io import BytesIO
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import File, Response


def _get_kwargs(
    event_id: UUID,
    attachment_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/events/{event_id}/attachments/{attachment_id}".format(
            event_id=quote(str(event_id), safe=""),
            attachment_id=quote(str(attachment_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | File:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 206:
        response_206 = File(payload=BytesIO(response.content))

        return response_206

    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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

    if response.status_code == 416:
        response_416 = cast(Any, None)
        return response_416

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error | File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    event_id: UUID,
    attachment_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Error | File]:
    """Download a file of an event

     Disk storage streams the bytes as a download (Range supported, nosniff);
    S3 storage answers 302 with a presigned URL valid ATTACHMENT_URL_SECONDS.

    Args:
        event_id (UUID):
        attachment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | File]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        attachment_id=attachment_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event_id: UUID,
    attachment_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Any | Error | File | None:
    """Download a file of an event

     Disk storage streams the bytes as a download (Range supported, nosniff);
    S3 storage answers 302 with a presigned URL valid ATTACHMENT_URL_SECONDS.

    Args:
        event_id (UUID):
        attachment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | File
    """

    return sync_detailed(
        event_id=event_id,
        attachment_id=attachment_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    event_id: UUID,
    attachment_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Error | File]:
    """Download a file of an event

     Disk storage streams the bytes as a download (Range supported, nosniff);
    S3 storage answers 302 with a presigned URL valid ATTACHMENT_URL_SECONDS.

    Args:
        event_id (UUID):
        attachment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | File]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        attachment_id=attachment_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event_id: UUID,
    attachment_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Any | Error | File | None:
    """Download a file of an event

     Disk storage streams the bytes as a download (Range supported, nosniff);
    S3 storage answers 302 with a presigned URL valid ATTACHMENT_URL_SECONDS.

    Args:
        event_id (UUID):
        attachment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | File
    """

    return (
        await asyncio_detailed(
            event_id=event_id,
            attachment_id=attachment_id,
            client=client,
        )
    ).parsed
