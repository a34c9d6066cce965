from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.import_calendar_files_body import ImportCalendarFilesBody
from ...models.import_calendar_mode import ImportCalendarMode
from ...models.import_result import ImportResult
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: ImportCalendarFilesBody | File | Unset = UNSET,
    calendar_id: None | Unset | UUID = UNSET,
    mode: ImportCalendarMode | Unset = ImportCalendarMode.MERGE,
    dry_run: bool | Unset = False,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    json_calendar_id: None | str | Unset
    if isinstance(calendar_id, Unset):
        json_calendar_id = UNSET
    elif isinstance(calendar_id, UUID):
        json_calendar_id = str(calendar_id)
    else:
        json_calendar_id = calendar_id
    params["calendar_id"] = json_calendar_id

    json_mode: str | Unset = UNSET
    if not isinstance(mode, Unset):
        json_mode = mode.value

    params["mode"] = json_mode

    params["dry_run"] = dry_run

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/calendars/import",
        "params": params,
    }

    if isinstance(body, ImportCalendarFilesBody):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "text/calendar"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | ImportResult:
    if response.status_code == 200:
        response_200 = ImportResult.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = ImportResult.from_dict(response.json())

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

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | ImportResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ImportCalendarFilesBody | File | Unset = UNSET,
    calendar_id: None | Unset | UUID = UNSET,
    mode: ImportCalendarMode | Unset = ImportCalendarMode.MERGE,
    dry_run: bool | Unset = False,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | ImportResult]:
    """Import an iCalendar file into a calendar, or into a new one

     API keys need `events:write`, and `calendars:write` too when no
    `calendar_id` is given (a new calendar is made).

    Args:
        calendar_id (None | Unset | UUID):
        mode (ImportCalendarMode | Unset):  Default: ImportCalendarMode.MERGE.
        dry_run (bool | Unset):  Default: False.
        idempotency_key (str | Unset):
        body (ImportCalendarFilesBody):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ImportResult]
    """

    kwargs = _get_kwargs(
        body=body,
        calendar_id=calendar_id,
        mode=mode,
        dry_run=dry_run,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ImportCalendarFilesBody | File | Unset = UNSET,
    calendar_id: None | Unset | UUID = UNSET,
    mode: ImportCalendarMode | Unset = ImportCalendarMode.MERGE,
    dry_run: bool | Unset = False,
    idempotency_key: str | Unset = UNSET,
) -> Error | ImportResult | None:
    """Import an iCalendar file into a calendar, or into a new one

     API keys need `events:write`, and `calendars:write` too when no
    `calendar_id` is given (a new calendar is made).

    Args:
        calendar_id (None | Unset | UUID):
        mode (ImportCalendarMode | Unset):  Default: ImportCalendarMode.MERGE.
        dry_run (bool | Unset):  Default: False.
        idempotency_key (str | Unset):
        body (ImportCalendarFilesBody):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ImportResult
    """

    return sync_detailed(
        client=client,
        body=body,
        calendar_id=calendar_id,
        mode=mode,
        dry_run=dry_run,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ImportCalendarFilesBody | File | Unset = UNSET,
    calendar_id: None | Unset | UUID = UNSET,
    mode: ImportCalendarMode | Unset = ImportCalendarMode.MERGE,
    dry_run: bool | Unset = False,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | ImportResult]:
    """Import an iCalendar file into a calendar, or into a new one

     API keys need `events:write`, and `calendars:write` too when no
    `calendar_id` is given (a new calendar is made).

    Args:
        calendar_id (None | Unset | UUID):
        mode (ImportCalendarMode | Unset):  Default: ImportCalendarMode.MERGE.
        dry_run (bool | Unset):  Default: False.
        idempotency_key (str | Unset):
        body (ImportCalendarFilesBody):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ImportResult]
    """

    kwargs = _get_kwargs(
        body=body,
        calendar_id=calendar_id,
        mode=mode,
        dry_run=dry_run,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ImportCalendarFilesBody | File | Unset = UNSET,
    calendar_id: None | Unset | UUID = UNSET,
    mode: ImportCalendarMode | Unset = ImportCalendarMode.MERGE,
    dry_run: bool | Unset = False,
    idempotency_key: str | Unset = UNSET,
) -> Error | ImportResult | None:
    """Import an iCalendar file into a calendar, or into a new one

     API keys need `events:write`, and `calendars:write` too when no
    `calendar_id` is given (a new calendar is made).

    Args:
        calendar_id (None | Unset | UUID):
        mode (ImportCalendarMode | Unset):  Default: ImportCalendarMode.MERGE.
        dry_run (bool | Unset):  Default: False.
        idempotency_key (str | Unset):
        body (ImportCalendarFilesBody):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ImportResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            calendar_id=calendar_id,
            mode=mode,
            dry_run=dry_run,
            idempotency_key=idempotency_key,
        )
    ).parsed
