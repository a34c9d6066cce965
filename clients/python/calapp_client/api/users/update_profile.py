from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.user import User
from ...models.user_update import UserUpdate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: UserUpdate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/users/me",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | User:
    if response.status_code == 200:
        response_200 = User.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | User]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: UserUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | User]:
    """Update your profile (email and password changes need current_password)

     A new email is not applied at once: it becomes `pending_email` and a link
    is mailed to it; following the link (`POST /auth/verify-email`) makes it
    the account's email. default_schedule_id picks your default schedule;
    holiday_country, holiday_subdivision (checked against the holidays package,
    400 when unknown) and holidays_block say whether public holidays make you
    unavailable. API keys need `account:write`, and may not change the email or
    the password. An account made by signing in with an OpenID provider has no
    password yet: it sets one without current_password.

    Args:
        idempotency_key (str | Unset):
        body (UserUpdate):  Example: {'holiday_country': 'GB', 'holiday_subdivision': 'ENG',
            'holidays_block': True, 'name': 'Ada King', 'timezone': 'Europe/London'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | User]
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
    body: UserUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Error | User | None:
    """Update your profile (email and password changes need current_password)

     A new email is not applied at once: it becomes `pending_email` and a link
    is mailed to it; following the link (`POST /auth/verify-email`) makes it
    the account's email. default_schedule_id picks your default schedule;
    holiday_country, holiday_subdivision (checked against the holidays package,
    400 when unknown) and holidays_block say whether public holidays make you
    unavailable. API keys need `account:write`, and may not change the email or
    the password. An account made by signing in with an OpenID provider has no
    password yet: it sets one without current_password.

    Args:
        idempotency_key (str | Unset):
        body (UserUpdate):  Example: {'holiday_country': 'GB', 'holiday_subdivision': 'ENG',
            'holidays_block': True, 'name': 'Ada King', 'timezone': 'Europe/London'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | User
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: UserUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | User]:
    """Update your profile (email and password changes need current_password)

     A new email is not applied at once: it becomes `pending_email` and a link
    is mailed to it; following the link (`POST /auth/verify-email`) makes it
    the account's email. default_schedule_id picks your default schedule;
    holiday_country, holiday_subdivision (checked against the holidays package,
    400 when unknown) and holidays_block say whether public holidays make you
    unavailable. API keys need `account:write`, and may not change the email or
    the password. An account made by signing in with an OpenID provider has no
    password yet: it sets one without current_password.

    Args:
        idempotency_key (str | Unset):
        body (UserUpdate):  Example: {'holiday_country': 'GB', 'holiday_subdivision': 'ENG',
            'holidays_block': True, 'name': 'Ada King', 'timezone': 'Europe/London'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | User]
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
    body: UserUpdate,
    idempotency_key: str | Unset = UNSET,
) -> Error | User | None:
    """Update your profile (email and password changes need current_password)

     A new email is not applied at once: it becomes `pending_email` and a link
    is mailed to it; following the link (`POST /auth/verify-email`) makes it
    the account's email. default_schedule_id picks your default schedule;
    holiday_country, holiday_subdivision (checked against the holidays package,
    400 when unknown) and holidays_block say whether public holidays make you
    unavailable. API keys need `account:write`, and may not change the email or
    the password. An account made by signing in with an OpenID provider has no
    password yet: it sets one without current_password.

    Args:
        idempotency_key (str | Unset):
        body (UserUpdate):  Example: {'holiday_country': 'GB', 'holiday_subdivision': 'ENG',
            'holidays_block': True, 'name': 'Ada King', 'timezone': 'Europe/London'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | User
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
