from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.webhook_create import WebhookCreate
from ...models.webhook_created import WebhookCreated
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: WebhookCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/webhooks",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | WebhookCreated:
    if response.status_code == 201:
        response_201 = WebhookCreated.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | WebhookCreated]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: WebhookCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | WebhookCreated]:
    """Register a webhook (its secret is shown once)

     calapp will POST signed JSON to the URL for the chosen event types. Keep the
    secret from this response to verify Calapp-Signature.

    Args:
        idempotency_key (str | Unset):
        body (WebhookCreate):  Example: {'events': ['event.created', 'event.updated',
            'booking.created'], 'url': 'https://example.com/hooks/calapp'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | WebhookCreated]
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
    body: WebhookCreate,
    idempotency_key: str | Unset = UNSET,
) -> Error | WebhookCreated | None:
    """Register a webhook (its secret is shown once)

     calapp will POST signed JSON to the URL for the chosen event types. Keep the
    secret from this response to verify Calapp-Signature.

    Args:
        idempotency_key (str | Unset):
        body (WebhookCreate):  Example: {'events': ['event.created', 'event.updated',
            'booking.created'], 'url': 'https://example.com/hooks/calapp'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | WebhookCreated
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: WebhookCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | WebhookCreated]:
    """Register a webhook (its secret is shown once)

     calapp will POST signed JSON to the URL for the chosen event types. Keep the
    secret from this response to verify Calapp-Signature.

    Args:
        idempotency_key (str | Unset):
        body (WebhookCreate):  Example: {'events': ['event.created', 'event.updated',
            'booking.created'], 'url': 'https://example.com/hooks/calapp'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | WebhookCreated]
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
    body: WebhookCreate,
    idempotency_key: str | Unset = UNSET,
) -> Error | WebhookCreated | None:
    """Register a webhook (its secret is shown once)

     calapp will POST signed JSON to the URL for the chosen event types. Keep the
    secret from this response to verify Calapp-Signature.

    Args:
        idempotency_key (str | Unset):
        body (WebhookCreate):  Example: {'events': ['event.created', 'event.updated',
            'booking.created'], 'url': 'https://example.com/hooks/calapp'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | WebhookCreated
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
