from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.bounce import Bounce
from ...models.bounce_recorded import BounceRecorded
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: Bounce,
    x_mail_webhook_secret: str,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Mail-Webhook-Secret"] = x_mail_webhook_secret

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/mail/bounces",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BounceRecorded | Error:
    if response.status_code == 200:
        response_200 = BounceRecorded.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

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
) -> Response[BounceRecorded | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: Bounce,
    x_mail_webhook_secret: str,
    idempotency_key: str | Unset = UNSET,
) -> Response[BounceRecorded | Error]:
    """Record a bounce reported by the mail provider's webhook

     For the mail provider, not for users: authenticated by the
    X-Mail-Webhook-Secret header (the MAIL_WEBHOOK_SECRET setting; unset, every
    call is a 401). The email is found by its Message-ID; its invitation then
    shows as bounced and the calendar's owner is notified in-app.

    Args:
        x_mail_webhook_secret (str):
        idempotency_key (str | Unset):
        body (Bounce):  Example: {'bounced_at': '2027-01-10T09:17:42Z', 'message_id':
            '<7c6b5a49-3827-4615-9a0b-1c2d3e4f5a6b@calapp>', 'reason': '550 5.1.1 The email account
            that you tried to reach does not exist', 'recipient': 'grace@example.com'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BounceRecorded | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        x_mail_webhook_secret=x_mail_webhook_secret,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: Bounce,
    x_mail_webhook_secret: str,
    idempotency_key: str | Unset = UNSET,
) -> BounceRecorded | Error | None:
    """Record a bounce reported by the mail provider's webhook

     For the mail provider, not for users: authenticated by the
    X-Mail-Webhook-Secret header (the MAIL_WEBHOOK_SECRET setting; unset, every
    call is a 401). The email is found by its Message-ID; its invitation then
    shows as bounced and the calendar's owner is notified in-app.

    Args:
        x_mail_webhook_secret (str):
        idempotency_key (str | Unset):
        body (Bounce):  Example: {'bounced_at': '2027-01-10T09:17:42Z', 'message_id':
            '<7c6b5a49-3827-4615-9a0b-1c2d3e4f5a6b@calapp>', 'reason': '550 5.1.1 The email account
            that you tried to reach does not exist', 'recipient': 'grace@example.com'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BounceRecorded | Error
    """

    return sync_detailed(
        client=client,
        body=body,
        x_mail_webhook_secret=x_mail_webhook_secret,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: Bounce,
    x_mail_webhook_secret: str,
    idempotency_key: str | Unset = UNSET,
) -> Response[BounceRecorded | Error]:
    """Record a bounce reported by the mail provider's webhook

     For the mail provider, not for users: authenticated by the
    X-Mail-Webhook-Secret header (the MAIL_WEBHOOK_SECRET setting; unset, every
    call is a 401). The email is found by its Message-ID; its invitation then
    shows as bounced and the calendar's owner is notified in-app.

    Args:
        x_mail_webhook_secret (str):
        idempotency_key (str | Unset):
        body (Bounce):  Example: {'bounced_at': '2027-01-10T09:17:42Z', 'message_id':
            '<7c6b5a49-3827-4615-9a0b-1c2d3e4f5a6b@calapp>', 'reason': '550 5.1.1 The email account
            that you tried to reach does not exist', 'recipient': 'grace@example.com'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BounceRecorded | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        x_mail_webhook_secret=x_mail_webhook_secret,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: Bounce,
    x_mail_webhook_secret: str,
    idempotency_key: str | Unset = UNSET,
) -> BounceRecorded | Error | None:
    """Record a bounce reported by the mail provider's webhook

     For the mail provider, not for users: authenticated by the
    X-Mail-Webhook-Secret header (the MAIL_WEBHOOK_SECRET setting; unset, every
    call is a 401). The email is found by its Message-ID; its invitation then
    shows as bounced and the calendar's owner is notified in-app.

    Args:
        x_mail_webhook_secret (str):
        idempotency_key (str | Unset):
        body (Bounce):  Example: {'bounced_at': '2027-01-10T09:17:42Z', 'message_id':
            '<7c6b5a49-3827-4615-9a0b-1c2d3e4f5a6b@calapp>', 'reason': '550 5.1.1 The email account
            that you tried to reach does not exist', 'recipient': 'grace@example.com'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BounceRecorded | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_mail_webhook_secret=x_mail_webhook_secret,
            idempotency_key=idempotency_key,
        )
    ).parsed
