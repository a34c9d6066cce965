"""The MCP server: the SDK's low-level ``Server`` with calapp's tools and
resources.

Handlers are the SDK's (async), the work is the app's (sync, on the database
session): each handler asks the transport's ``Caller`` to run the work with the
caller's principal in the right Flask context. Over HTTP that is the current
request (already authenticated); over stdio an app context per call, with the
API key checked again each time (a revoked key stops working at once).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

import mcp_types as types
from mcp.server.lowlevel import Server
from mcp.shared.exceptions import MCPError
from mcp_types import INVALID_PARAMS

from calapp.calendars import service as calendars
from calapp.calendars.schemas import CalendarListArgsSchema, CalendarSchema
from calapp.errors import AppError, NotFound
from calapp.extensions import db
from calapp.ics import export
from calapp.ics import service as ics
from calapp.mcp import dispatch
from calapp.security import Principal

T = TypeVar("T")
# Runs ``work(principal)`` for the caller of the current message.
Caller = Callable[[Callable[[Principal], T]], T]
caller: ContextVar[Caller] = ContextVar("calapp_mcp_caller")

NAME = "calapp"
INSTRUCTIONS = (
    "calapp: calendars shared with roles, events with RFC 5545 recurrence, "
    "free/busy, booking links and contacts. Instants are RFC 3339 with Z or an "
    "offset. list_events with start and end expands recurring events into "
    "occurrences; change one with update_occurrence/delete_occurrence. Errors "
    "come back as tool results with isError and the API's error code."
)
RESOURCE_NOT_FOUND = -32002
_CALENDAR_URI = re.compile(
    r"^calapp://calendars/(?P<id>[0-9a-fA-F-]{36})(?P<ics>/export\.ics)?$"
)


def _run(work: Callable[[Principal], T]) -> T:
    return caller.get()(work)


# Results are the SDK's models: they carry what each protocol version needs
# (``resultType`` from 2026-07-28 on), and the SDK fits them to the version.


async def list_tools(ctx, params) -> types.ListToolsResult:
    return types.ListToolsResult.model_validate({"tools": _run(dispatch.tool_specs)})


async def call_tool(ctx, params) -> types.CallToolResult:
    outcome = _run(lambda p: dispatch.call(p, params.name, params.arguments))
    result: dict[str, Any] = {"content": [{"type": "text", "text": outcome.text}]}
    if outcome.error is not None:
        result["isError"] = True
        result["structuredContent"] = outcome.error
    elif outcome.structured is not None:
        result["structuredContent"] = outcome.structured
    return types.CallToolResult.model_validate(result)


async def list_resources(ctx, params) -> types.ListResourcesResult:
    cursor = params.cursor if params is not None else None
    listed = _run(lambda p: _calendar_resources(p, cursor))
    return types.ListResourcesResult.model_validate(listed)


async def list_resource_templates(ctx, params) -> types.ListResourceTemplatesResult:
    return types.ListResourceTemplatesResult.model_validate(
        {
            "resourceTemplates": [
                {
                    "uriTemplate": "calapp://calendars/{calendar_id}",
                    "name": "calendar",
                    "description": "A calendar you can read (JSON, as GET "
                    "/calendars/{id})",
                    "mimeType": "application/json",
                },
                {
                    "uriTemplate": "calapp://calendars/{calendar_id}/export.ics",
                    "name": "calendar-ics",
                    "description": "A calendar's events as iCalendar (RFC 5545)",
                    "mimeType": "text/calendar",
                },
            ]
        }
    )


async def read_resource(ctx, params) -> types.ReadResourceResult:
    uri = str(params.uri)
    return types.ReadResourceResult.model_validate(_run(lambda p: _read(p, uri)))


def _calendar_resources(principal: Principal, cursor: str | None) -> dict:
    try:
        principal.require("calendars:read")
        args = CalendarListArgsSchema().load({"cursor": cursor} if cursor else {})
        page = calendars.listing(principal, args)
    except AppError as error:
        raise _mcp_error(error) from None
    with_ics = principal.has_scope("events:read")
    resources = []
    for calendar in page["items"]:
        if isinstance(calendar, dict):  # a deleted stub (sync listings only)
            continue
        uri = f"calapp://calendars/{calendar.id}"
        resources.append(
            {
                "uri": uri,
                "name": calendar.name,
                "description": f"Calendar {calendar.name!r} ({calendar.role})",
                "mimeType": "application/json",
            }
        )
        if with_ics:
            resources.append(
                {
                    "uri": f"{uri}/export.ics",
                    "name": f"{calendar.name}.ics",
                    "description": f"The events of {calendar.name!r} as iCalendar",
                    "mimeType": "text/calendar",
                }
            )
    result: dict[str, Any] = {"resources": resources}
    if page.get("next_cursor"):
        result["nextCursor"] = page["next_cursor"]
    return result


def _read(principal: Principal, uri: str) -> dict:
    match = _CALENDAR_URI.match(uri)
    try:
        if match is None:
            raise NotFound(f"Unknown resource {uri}")
        calendar_id = uuid.UUID(match["id"])
        if match["ics"]:
            principal.require("calendars:read", "events:read")
            calendar = ics.readable_calendar(principal, calendar_id)
            text = b"".join(export.stream(calendar)).decode("utf-8")
            mime = "text/calendar"
        else:
            principal.require("calendars:read")
            calendar = calendars.get(principal, calendar_id)
            text = CalendarSchema().dumps(calendar)
            mime = "application/json"
    except ValueError:
        raise MCPError(RESOURCE_NOT_FOUND, f"Unknown resource {uri}") from None
    except AppError as error:
        db.session.rollback()
        raise _mcp_error(error) from None
    return {"contents": [{"uri": uri, "mimeType": mime, "text": text}]}


def _mcp_error(error: AppError) -> MCPError:
    code = RESOURCE_NOT_FOUND if error.status == 404 else INVALID_PARAMS
    return MCPError(code, error.message, data=error.to_dict())


def build() -> Server:
    """A low-level SDK server with calapp's handlers (stateless: no state of its
    own between messages, so one is built per app and shared)."""
    server = Server(
        NAME,
        version="1.0.0",
        instructions=INSTRUCTIONS,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
        on_list_resources=list_resources,
        on_list_resource_templates=list_resource_templates,
        on_read_resource=read_resource,
    )
    return server
