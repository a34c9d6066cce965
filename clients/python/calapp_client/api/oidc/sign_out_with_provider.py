from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.sign_out import SignOut
from ...models.signed_out import SignedOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: SignOut,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/oidc/logout",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | SignedOut:
    if response.status_code == 200:
        response_200 = SignedOut.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | SignedOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SignOut,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | SignedOut]:
    """Sign out here, and get the provider's logout URL to sign out there too

     Ends this calapp session as POST /auth/logout does. When the session came
    from signing in with a provider that publishes an end_session_endpoint,
    answers its logout URL (with id_token_hint): open it in the browser to
    end the provider's session, then come back to post_logout_redirect_uri.

    Args:
        idempotency_key (str | Unset):
        body (SignOut):  Example: {'post_logout_redirect_uri': 'https://app.example.com/signed-
            out', 'state': 'q8Lw2d'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SignedOut]
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
    body: SignOut,
    idempotency_key: str | Unset = UNSET,
) -> Error | SignedOut | None:
    """Sign out here, and get the provider's logout URL to sign out there too

     Ends this calapp session as POST /auth/logout does. When the session came
    from signing in with a provider that publishes an end_session_endpoint,
    answers its logout URL (with id_token_hint): open it in the browser to
    end the provider's session, then come back to post_logout_redirect_uri.

    Args:
        idempotency_key (str | Unset):
        body (SignOut):  Example: {'post_logout_redirect_uri': 'https://app.example.com/signed-
            out', 'state': 'q8Lw2d'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SignedOut
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SignOut,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | SignedOut]:
    """Sign out here, and get the provider's logout URL to sign out there too

     Ends this calapp session as POST /auth/logout does. When the session came
    from signing in with a provider that publishes an end_session_endpoint,
    answers its logout URL (with id_token_hint): open it in the browser to
    end the provider's session, then come back to post_logout_redirect_uri.

    Args:
        idempotency_key (str | Unset):
        body (SignOut):  Example: {'post_logout_redirect_uri': 'https://app.example.com/signed-
            out', 'state': 'q8Lw2d'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SignedOut]
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
    body: SignOut,
    idempotency_key: str | Unset = UNSET,
) -> Error | SignedOut | None:
    """Sign out here, and get the provider's logout URL to sign out there too

     Ends this calapp session as POST /auth/logout does. When the session came
    from signing in with a provider that publishes an end_session_endpoint,
    answers its logout URL (with id_token_hint): open it in the browser to
    end the provider's session, then come back to post_logout_redirect_uri.

    Args:
        idempotency_key (str | Unset):
        body (SignOut):  Example: {'post_logout_redirect_uri': 'https://app.example.com/signed-
            out', 'state': 'q8Lw2d'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SignedOut
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
