from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    attachment_id: UUID,
    *,
    body: File,
    expires: int,
    signature: str,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["expires"] = expires

    params["signature"] = signature

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/attachments/uploads/{attachment_id}".format(
            attachment_id=quote(str(attachment_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    expires: int,
    signature: str,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | Error]:
    """Send a direct upload's bytes (disk storage)

     The upload_url of createAttachmentUpload on disk storage: the raw body is
    streamed to storage, at most the declared size; then complete the upload.

    Args:
        attachment_id (UUID):
        expires (int):
        signature (str):
        idempotency_key (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        attachment_id=attachment_id,
        body=body,
        expires=expires,
        signature=signature,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    expires: int,
    signature: str,
    idempotency_key: str | Unset = UNSET,
) -> Any | Error | None:
    """Send a direct upload's bytes (disk storage)

     The upload_url of createAttachmentUpload on disk storage: the raw body is
    streamed to storage, at most the declared size; then complete the upload.

    Args:
        attachment_id (UUID):
        expires (int):
        signature (str):
        idempotency_key (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        attachment_id=attachment_id,
        client=client,
        body=body,
        expires=expires,
        signature=signature,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    expires: int,
    signature: str,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | Error]:
    """Send a direct upload's bytes (disk storage)

     The upload_url of createAttachmentUpload on disk storage: the raw body is
    streamed to storage, at most the declared size; then complete the upload.

    Args:
        attachment_id (UUID):
        expires (int):
        signature (str):
        idempotency_key (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        attachment_id=attachment_id,
        body=body,
        expires=expires,
        signature=signature,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    expires: int,
    signature: str,
    idempotency_key: str | Unset = UNSET,
) -> Any | Error | None:
    """Send a direct upload's bytes (disk storage)

     The upload_url of createAttachmentUpload on disk storage: the raw body is
    streamed to storage, at most the declared size; then complete the upload.

    Args:
        attachment_id (UUID):
        expires (int):
        signature (str):
        idempotency_key (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            attachment_id=attachment_id,
            client=client,
            body=body,
            expires=expires,
            signature=signature,
            idempotency_key=idempotency_key,
        )
    ).parsed
