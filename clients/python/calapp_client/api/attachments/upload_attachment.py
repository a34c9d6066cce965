from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.attachment_upload_body import AttachmentUploadBody
from ...models.error import Error
from ...models.file_attachment import FileAttachment
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event_id: UUID,
    *,
    body: AttachmentUploadBody,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/events/{event_id}/attachments".format(
            event_id=quote(str(event_id), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

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

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

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
    *,
    client: AuthenticatedClient,
    body: AttachmentUploadBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | FileAttachment]:
    """Upload a file to an event

     Streams the multipart field file to storage (never held in memory),
    sniffs its content type from the bytes, cleans its filename and records
    its size and SHA-256. Editors and owners only; 413 beyond
    ATTACHMENT_MAX_BYTES or your quota. Idempotency-Key is not applied.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (AttachmentUploadBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | FileAttachment]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AttachmentUploadBody,
    idempotency_key: str | Unset = UNSET,
) -> Error | FileAttachment | None:
    """Upload a file to an event

     Streams the multipart field file to storage (never held in memory),
    sniffs its content type from the bytes, cleans its filename and records
    its size and SHA-256. Editors and owners only; 413 beyond
    ATTACHMENT_MAX_BYTES or your quota. Idempotency-Key is not applied.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (AttachmentUploadBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | FileAttachment
    """

    return sync_detailed(
        event_id=event_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    event_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AttachmentUploadBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | FileAttachment]:
    """Upload a file to an event

     Streams the multipart field file to storage (never held in memory),
    sniffs its content type from the bytes, cleans its filename and records
    its size and SHA-256. Editors and owners only; 413 beyond
    ATTACHMENT_MAX_BYTES or your quota. Idempotency-Key is not applied.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (AttachmentUploadBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | FileAttachment]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AttachmentUploadBody,
    idempotency_key: str | Unset = UNSET,
) -> Error | FileAttachment | None:
    """Upload a file to an event

     Streams the multipart field file to storage (never held in memory),
    sniffs its content type from the bytes, cleans its filename and records
    its size and SHA-256. Editors and owners only; 413 beyond
    ATTACHMENT_MAX_BYTES or your quota. Idempotency-Key is not applied.

    Args:
        event_id (UUID):
        idempotency_key (str | Unset):
        body (AttachmentUploadBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | FileAttachment
    """

    return (
        await asyncio_detailed(
            event_id=event_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
