from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.logout import Logout
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: Logout,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/logout",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: Logout,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | Error]:
    """Sign out: this session, the refresh token's session, or all sessions

     Revokes the refresh token of this session, or of the refresh_token given, or
    with all=true every session of the user. Use it when a device or a program is
    done with its tokens.

    Args:
        idempotency_key (str | Unset):
        body (Logout):  Example: {'refresh_token': 'pQ7vX2kR9mN4sL8tW1yZ6bC3dF5gH0jK2aE4uI6oY8x'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
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
    body: Logout,
    idempotency_key: str | Unset = UNSET,
) -> Any | Error | None:
    """Sign out: this session, the refresh token's session, or all sessions

     Revokes the refresh token of this session, or of the refresh_token given, or
    with all=true every session of the user. Use it when a device or a program is
    done with its tokens.

    Args:
        idempotency_key (str | Unset):
        body (Logout):  Example: {'refresh_token': 'pQ7vX2kR9mN4sL8tW1yZ6bC3dF5gH0jK2aE4uI6oY8x'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: Logout,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | Error]:
    """Sign out: this session, the refresh token's session, or all sessions

     Revokes the refresh token of this session, or of the refresh_token given, or
    with all=true every session of the user. Use it when a device or a program is
    done with its tokens.

    Args:
        idempotency_key (str | Unset):
        body (Logout):  Example: {'refresh_token': 'pQ7vX2kR9mN4sL8tW1yZ6bC3dF5gH0jK2aE4uI6oY8x'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
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
    body: Logout,
    idempotency_key: str | Unset = UNSET,
) -> Any | Error | None:
    """Sign out: this session, the refresh token's session, or all sessions

     Revokes the refresh token of this session, or of the refresh_token given, or
    with all=true every session of the user. Use it when a device or a program is
    done with its tokens.

    Args:
        idempotency_key (str | Unset):
        body (Logout):  Example: {'refresh_token': 'pQ7vX2kR9mN4sL8tW1yZ6bC3dF5gH0jK2aE4uI6oY8x'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
