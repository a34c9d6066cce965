from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.file_attachment import FileAttachment
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event_id: UUID,
    attachment_id: UUID,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/events/{event_id}/attachments/uploads/{attachment_id}/complete".format(
            event_id=quote(str(event_id), safe=""),
            attachment_id=quote(str(attachment_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | FileAttachment:
    if response.status_code == 201:
        response_201 = FileAttachment.from_dict(response.json())

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
) -> Response[Error | FileAttachment]:
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
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | FileAttachment]:
    """Complete a direct upload

     Checks the uploaded object against the declared size, measures its
    SHA-256 and content type from its bytes, and makes the attachment
    visible on the event.

    Args:
        event_id (UUID):
        attachment_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | FileAttachment]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        attachment_id=attachment_id,
        idempotency_key=idempotency_key,
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
    idempotency_key: str | Unset = UNSET,
) -> Error | FileAttachment | None:
    """Complete a direct upload

     Checks the uploaded object against the declared size, measures its
    SHA-256 and content type from its bytes, and makes the attachment
    visible on the event.

    Args:
        event_id (UUID):
        attachment_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | FileAttachment
    """

    return sync_detailed(
        event_id=event_id,
        attachment_id=attachment_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    event_id: UUID,
    attachment_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | FileAttachment]:
    """Complete a direct upload

     Checks the uploaded object against the declared size, measures its
    SHA-256 and content type from its bytes, and makes the attachment
    visible on the event.

    Args:
        event_id (UUID):
        attachment_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | FileAttachment]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        attachment_id=attachment_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event_id: UUID,
    attachment_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Error | FileAttachment | None:
    """Complete a direct upload

     Checks the uploaded object against the declared size, measures its
    SHA-256 and content type from its bytes, and makes the attachment
    visible on the event.

    Args:
        event_id (UUID):
        attachment_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | FileAttachment
    """

    return (
        await asyncio_detailed(
            event_id=event_id,
            attachment_id=attachment_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
